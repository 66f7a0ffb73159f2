//! Mounted components, kept by element and kind. Each mount listens to the SDK and re-renders
//! from one [`UiSnapshot`] built on every change; ManageAccounts also keeps the active user's
//! sessions on every device, fetched when the active account changes and after a revoke.

use super::props::Props;
use crate::model::{AccountView, DeviceSessionView, UiSnapshot};
use crate::mount::UiHandle;
use crate::strings::join3;
use clerk_sdk::{Clerk, ClerkError, Flow, ListenerGuard, Session, Snapshot, Strategy};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use web_sys::Element;

/// Which component a mount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The UserButton: avatar button and account panel.
    UserButton,
    /// The sign-in form (or the account chooser).
    SignIn,
    /// The sign-up form.
    SignUp,
    /// ManageAccounts: this browser's accounts and the user's sessions on every device.
    ManageAccounts,
}

/// The attempt a code step continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pending {
    /// A sign-up verifying its address (`sua_...`).
    SignUp(String),
    /// A sign-in (`sia_...`) with its strategy.
    SignIn(String, Strategy),
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
    /// The sign-in or sign-up a code step continues (`calls.rs`).
    pub pending: RefCell<Option<Pending>>,
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
            pending: RefCell::new(None),
        })
    }

    /// The snapshot the component renders now.
    pub fn ui_snapshot(&self, s: &Snapshot) -> UiSnapshot {
        let active = s.session.as_ref().map(|s| s.id.clone());
        let devices = {
            let devices = self.devices.borrow();
            if devices.0.is_some() && devices.0 == active {
                devices.1.clone()
            } else {
                Vec::new()
            }
        };
        // Plain loops, not an iterator chain: the chain's `next` cost the wasm bytes.
        let mut accounts = Vec::new();
        if let Some(client) = &s.client {
            for session in &client.sessions {
                if session.status.is_live() {
                    accounts.push(account(session));
                }
            }
        }
        let forms = matches!(self.kind, Kind::SignIn | Kind::SignUp);
        // What the component needs of the environment, read in place (no copy of it).
        let (email_code, reset_password, multi_session, application_name) =
            self.clerk.with_environment(|env| {
                let factor = |name: &str| {
                    forms
                        && env
                            .is_some_and(|e| e.auth_config.first_factors.iter().any(|f| f == name))
                };
                (
                    factor(clerk_sdk::Strategy::EmailCode.as_str()),
                    factor(clerk_sdk::Strategy::ResetPasswordEmailCode.as_str()),
                    env.is_none_or(|e| !e.auth_config.single_session_mode),
                    // Only the sign-in and sign-up forms show it: the others do not re-render
                    // when the environment arrives.
                    env.filter(|_| forms)
                        .map(|e| e.display_config.application_name.clone())
                        .unwrap_or_default(),
                )
            });
        UiSnapshot {
            email_code,
            reset_password,
            accounts,
            active_session_id: active,
            multi_session,
            application_name,
            device_sessions: devices,
            // Only ManageAccounts shows times: the others get a fixed clock, so a change that
            // touches nothing they show does not rebuild their tree (see `UiHandle::update`).
            now_ms: if self.kind == Kind::ManageAccounts {
                js_sys::Date::now() as i64
            } else {
                0
            },
        }
    }

    /// Re-renders from the SDK's current state (and fetches device sessions when stale).
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
                wasm_bindgen_futures::spawn_local(async move {
                    ctx.fetch_devices().await;
                    ctx.fetching.set(false);
                });
            }
        }
    }

    /// Fetches the active user's device sessions and re-renders.
    /// (Boxed, as the SDK's flows are: awaited from two places, compiled once.)
    pub fn fetch_devices(self: &Rc<Self>) -> Flow<'_, ()> {
        Box::pin(async move {
            let active = self.clerk.active_session_id();
            let devices = match self.clerk.my_sessions().await {
                Ok(list) => list.data.iter().map(device).collect(),
                Err(_) => Vec::new(),
            };
            *self.devices.borrow_mut() = (active, devices);
            self.refresh(&self.clerk.snapshot());
        })
    }

    /// Revokes one of the user's sessions, then fetches the device list again.
    pub fn revoke(self: &Rc<Self>, session_id: String) -> Flow<'_, Result<(), ClerkError>> {
        Box::pin(async move {
            let result = self.clerk.revoke_session(&session_id).await;
            self.fetch_devices().await;
            result
        })
    }
}

fn account(s: &Session) -> AccountView {
    let u = &s.user;
    // Joined by hand: `[..].join(" ")` linked the slice-join machinery (and an iterator
    // chain) into the wasm for this one name.
    let first = u.first_name.as_deref().map_or("", str::trim);
    let last = u.last_name.as_deref().map_or("", str::trim);
    let sep = if first.is_empty() || last.is_empty() {
        ""
    } else {
        " "
    };
    let name = join3(first, sep, last);
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
    _listener: ListenerGuard,
    _ctx: Rc<Ctx>,
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
    // Once loaded, the listener is called at once; before, render what there is.
    let listener = ctx
        .clerk
        .add_listener(move |s: &Snapshot| listening.refresh(s));
    if !ctx.clerk.loaded() {
        ctx.refresh(&ctx.clerk.snapshot());
    }
    MOUNTS.with(|m| {
        m.borrow_mut().push(Mount {
            element: element.clone(),
            kind: ctx.kind,
            _listener: listener,
            _ctx: ctx,
            _handle: handle,
        })
    });
}

/// Unmounts the component of `kind` on `element`, if any; true when there was one.
pub(crate) fn remove(element: &Element, kind: Kind) -> bool {
    let gone = MOUNTS.with(|m| {
        let mut mounts = m.borrow_mut();
        let i = mounts
            .iter()
            .position(|x| x.kind == kind && x.element.is_same_node(Some(element)))?;
        Some(mounts.swap_remove(i))
    });
    // Dropped here, outside the borrow: the guard unsubscribes and the component tears down.
    gone.is_some()
}
