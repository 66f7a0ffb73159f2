//! Mounted components, kept by element and kind. Each mount subscribes to the SDK and re-renders
//! from one [`UiSnapshot`] built on every change; ManageAccounts also keeps the active user's
//! sessions on every device, fetched when the active account changes and after a revoke.

use super::props::Props;
use crate::clerk::Clerk;
use clerk_core::web::FrontendApi;
use clerk_core::{ClerkError, Snapshot};
use clerk_protocol::Session;
use clerk_ui::{AccountView, DeviceSessionView, UiHandle, UiSnapshot};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

/// Which component a mount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `mountUserButton`.
    UserButton,
    /// `mountSignIn` (form or chooser).
    SignIn,
    /// `mountSignUp`.
    SignUp,
    /// `mountManageAccounts`.
    ManageAccounts,
}

/// What a mounted component's listener and actions share.
pub(crate) struct Ctx {
    pub clerk: Clerk,
    pub kind: Kind,
    pub props: Props,
    pub handle: RefCell<Weak<UiHandle>>,
    /// The device sessions shown by ManageAccounts, and the session they were fetched for.
    devices: RefCell<(Option<String>, Vec<DeviceSessionView>)>,
    fetching: Cell<bool>,
}

impl Ctx {
    /// A context for one mount.
    pub fn new(clerk: &Clerk, kind: Kind, props: Props) -> Rc<Ctx> {
        Rc::new(Ctx {
            clerk: clerk.clone(),
            kind,
            props,
            handle: RefCell::new(Weak::new()),
            devices: RefCell::new((None, Vec::new())),
            fetching: Cell::new(false),
        })
    }

    /// The snapshot the component renders now.
    pub fn ui_snapshot(&self, s: &Snapshot) -> UiSnapshot {
        let env = self.clerk.environment();
        let active = s.session.as_ref().map(|s| s.id.clone());
        let devices = {
            let devices = self.devices.borrow();
            if devices.0.is_some() && devices.0 == active {
                devices.1.clone()
            } else {
                Vec::new()
            }
        };
        // Plain loops: iterator adapters stamp out their own `next` per chain in the wasm.
        let mut accounts = Vec::new();
        if let Some(client) = &s.client {
            for session in &client.sessions {
                if session.status.is_live() {
                    accounts.push(account(session));
                }
            }
        }
        UiSnapshot {
            accounts,
            active_session_id: active,
            multi_session: env
                .as_ref()
                .is_none_or(|e| !e.auth_config.single_session_mode),
            // Only the sign-in and sign-up forms show it: the others do not re-render when the
            // environment arrives.
            application_name: env
                .filter(|_| matches!(self.kind, Kind::SignIn | Kind::SignUp))
                .map(|e| e.display_config.application_name)
                .unwrap_or_default(),
            device_sessions: devices,
            // Only ManageAccounts shows times: the others get a fixed clock, so an emit that
            // changed nothing they show does not rebuild their tree (see `UiHandle::update`).
            now_ms: if self.kind == Kind::ManageAccounts {
                js_sys::Date::now() as i64
            } else {
                0
            },
        }
    }

    /// Re-renders from the SDK's current state (and fetches device sessions when they are stale).
    pub fn refresh(self: &Rc<Self>, s: &Snapshot) {
        if let Some(handle) = self.handle.borrow().upgrade() {
            handle.update(self.ui_snapshot(s));
        }
        if self.kind == Kind::ManageAccounts {
            let active = s.session.as_ref().map(|s| s.id.clone());
            let stale = self.devices.borrow().0 != active;
            if stale && active.is_some() && !self.fetching.get() {
                self.fetching.set(true);
                let ctx = self.clone();
                crate::tasks::spawn(async move {
                    ctx.fetch_devices().await;
                    ctx.fetching.set(false);
                });
            }
        }
    }

    /// Fetches the active user's device sessions and re-renders.
    pub async fn fetch_devices(self: &Rc<Self>) {
        let active = self.clerk.snapshot().session.map(|s| s.id);
        let list = match self.token().await {
            Ok(Some(token)) => self.api().me_sessions(&token).await.ok(),
            _ => None,
        };
        let mut devices = Vec::new();
        for session in list.iter().flat_map(|l| &l.data) {
            devices.push(device(session));
        }
        *self.devices.borrow_mut() = (active, devices);
        self.refresh(&self.clerk.snapshot());
    }

    /// `POST /v1/me/sessions/{id}/revoke`, then a fresh device list.
    pub async fn revoke(self: &Rc<Self>, session_id: &str) -> Result<(), ClerkError> {
        let token = self
            .token()
            .await
            .map_err(|_| ClerkError::Network("no session token".into()))?
            .ok_or_else(|| ClerkError::Network("no session token".into()))?;
        let result = self.api().revoke(&token, session_id).await;
        self.fetch_devices().await;
        result
    }

    fn api(&self) -> &FrontendApi {
        self.clerk.api()
    }

    /// The active session's token, through the SDK's cache (`session.getToken()`).
    async fn token(&self) -> Result<Option<String>, JsValue> {
        let session = self.clerk.session();
        let Some(get_token) = crate::options::get_function(&session, "getToken") else {
            return Ok(None);
        };
        let promise = js_sys::Promise::from(get_token.call0(&session)?);
        Ok(JsFuture::from(promise).await?.as_string())
    }
}

fn account(s: &Session) -> AccountView {
    let u = &s.user;
    let mut name = String::new();
    for part in [&u.first_name, &u.last_name].into_iter().flatten() {
        if !name.is_empty() && !part.is_empty() {
            name.push(' ');
        }
        name.push_str(part);
    }
    AccountView {
        session_id: s.id.clone(),
        user_id: u.id.clone(),
        full_name: Some(name).filter(|n| !n.is_empty()),
        email: u.email_address.clone(),
        image_url: u.image_url.clone(),
    }
}

fn device(s: &Session) -> DeviceSessionView {
    let activity = s.latest_activity.as_ref();
    DeviceSessionView {
        session_id: s.id.clone(),
        user_agent: activity.and_then(|a| a.user_agent.clone()),
        ip_address: activity.and_then(|a| a.ip_address.clone()),
        last_active_at: s.last_active_at,
        is_current_client: activity.is_some_and(|a| a.is_current_client),
    }
}

/// One mounted component.
struct Mount {
    element: Element,
    kind: Kind,
    listener: u32,
    ctx: Rc<Ctx>,
    _handle: Rc<UiHandle>,
}

thread_local! {
    static MOUNTS: RefCell<Vec<Mount>> = const { RefCell::new(Vec::new()) };
}

/// Keeps a mounted component (replacing one of the same kind on the same element).
pub(crate) fn keep(element: &Element, ctx: Rc<Ctx>, handle: UiHandle) {
    remove(element, ctx.kind);
    let handle = Rc::new(handle);
    *ctx.handle.borrow_mut() = Rc::downgrade(&handle);
    let listening = ctx.clone();
    let listener = ctx
        .clerk
        .subscribe(Rc::new(move |s: &Snapshot| listening.refresh(s)));
    ctx.refresh(&ctx.clerk.snapshot());
    MOUNTS.with(|m| {
        m.borrow_mut().push(Mount {
            element: element.clone(),
            kind: ctx.kind,
            listener,
            ctx,
            _handle: handle,
        })
    });
}

/// Unmounts the component of `kind` on `element`, if any; true when there was one. `keep` replaces
/// before it adds, so there is at most one per element and kind.
pub(crate) fn remove(element: &Element, kind: Kind) -> bool {
    let gone = MOUNTS.with(|m| {
        let mut mounts = m.borrow_mut();
        let i = mounts
            .iter()
            .position(|x| x.kind == kind && x.element.is_same_node(Some(element)))?;
        Some(mounts.swap_remove(i))
    });
    // Dropped here, outside the borrow: unmounting runs the component's teardown.
    match gone {
        Some(mount) => {
            mount.ctx.clerk.unsubscribe(mount.listener);
            true
        }
        None => false,
    }
}
