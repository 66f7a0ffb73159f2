//! The `Clerk` class: `new Clerk(frontendApi?, options?)`, `load()`, the current resources,
//! `setActive`/`setSession`, `signOut`/`signOutOne`, `addListener` and `fetch`: each a thin
//! wrapper that converts its arguments, calls the Rust SDK (`clerk-sdk`) and converts back.
//!
//! The JS objects (`client`, `session`, `user`) keep their identity while their data does not
//! change; they are rebuilt from the SDK's snapshot when it did ([`crate::objects`]). JS
//! listeners hear of every change the SDK reports that changes that snapshot.

use crate::js_error::to_js;
use crate::objects::ObjectCache;
use crate::ops::{run, Op};
use crate::options::{clerk_options, get, get_function, get_string, prefetch, set, thenable};
use crate::tasks::JsResult;
use clerk_sdk::{ClerkError, ListenerGuard, SignOutOptions, Snapshot};
use js_sys::{Function, Object, Promise};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// What the JS side of one `Clerk` keeps.
struct JsSide {
    objects: Rc<RefCell<ObjectCache>>,
    listeners: RefCell<Vec<(u32, Function)>>,
    next_listener: Cell<u32>,
    /// The snapshot JS listeners last heard of.
    emitted: RefCell<Option<Snapshot>>,
    _subscription: RefCell<Option<ListenerGuard>>,
}

/// The SDK: one per Frontend API and page.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Clerk {
    sdk: clerk_sdk::Clerk,
    js: Rc<JsSide>,
}

impl Clerk {
    /// The Rust SDK behind this object (the prebuilt UI uses it directly).
    pub fn sdk(&self) -> &clerk_sdk::Clerk {
        &self.sdk
    }

    fn objects(&self) -> std::cell::Ref<'_, ObjectCache> {
        let me = Rc::downgrade(&self.js.objects);
        self.js
            .objects
            .borrow_mut()
            .refresh(&self.sdk.snapshot(), &self.sdk, &me);
        self.js.objects.borrow()
    }

    /// `{client, session, user}` as listeners get it.
    fn resources(&self) -> JsValue {
        let objects = self.objects();
        let out: JsValue = Object::new().into();
        set(&out, "client", objects.client());
        set(&out, "session", objects.active_session());
        set(&out, "user", objects.active_user());
        out
    }

    /// Calls the JS listeners if the snapshot changed since they last heard.
    fn emit(&self, snapshot: &Snapshot) {
        if self.js.emitted.borrow().as_ref() == Some(snapshot) {
            return;
        }
        *self.js.emitted.borrow_mut() = Some(snapshot.clone());
        let listeners: Vec<Function> = self
            .js
            .listeners
            .borrow()
            .iter()
            .map(|(_, f)| f.clone())
            .collect();
        if listeners.is_empty() {
            return;
        }
        let resources = self.resources();
        for listener in listeners {
            let _ = listener.call1(&JsValue::NULL, &resources);
        }
    }
}

/// The id a `setActive({session})` argument names: a `Session`, an id, or `null`.
fn session_id_of(session: &JsValue) -> Result<Option<String>, ClerkError> {
    if session.is_null() || session.is_undefined() {
        return Ok(None);
    }
    session
        .as_string()
        .or_else(|| get_string(session, "id"))
        .map(Some)
        .ok_or_else(|| ClerkError::InvalidArgument {
            param: "session".into(),
            reason: "expected a Session, a session id or null".into(),
        })
}

#[wasm_bindgen]
impl Clerk {
    /// A Clerk for the Frontend API at `frontendApi` (default: the page's own origin).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = frontendApi, unchecked_optional_param_type = "string | null")]
        frontend_api: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ClerkOptions | null")] options: JsValue,
    ) -> Result<Clerk, JsValue> {
        // A non-string (a `URL`) is stringified.
        let given = if frontend_api.is_null() || frontend_api.is_undefined() {
            None
        } else {
            frontend_api.as_string().or_else(|| {
                frontend_api
                    .unchecked_ref::<Object>()
                    .to_string()
                    .as_string()
            })
        };
        let url = given
            .filter(|u| !u.is_empty())
            .or_else(clerk_sdk::browser::page_origin)
            .ok_or_else(|| {
                to_js(&ClerkError::InvalidArgument {
                    param: "frontendApi".into(),
                    reason: "required outside a page".into(),
                })
            })?;
        let sdk =
            clerk_sdk::Clerk::with_prefetch(&url, clerk_options(&options), prefetch(&options));
        let clerk = Clerk {
            sdk,
            js: Rc::new(JsSide {
                objects: Rc::new(RefCell::new(ObjectCache::default())),
                listeners: RefCell::new(Vec::new()),
                next_listener: Cell::new(1),
                emitted: RefCell::new(None),
                _subscription: RefCell::new(None),
            }),
        };
        let weak = Rc::downgrade(&clerk.js);
        let sdk = clerk.sdk.clone();
        let guard = clerk.sdk.add_listener(move |snapshot| {
            if let Some(js) = weak.upgrade() {
                Clerk {
                    sdk: sdk.clone(),
                    js,
                }
                .emit(snapshot);
            }
        });
        *clerk.js._subscription.borrow_mut() = Some(guard);
        Ok(clerk)
    }

    /// Loads the client: resolves with the server's state, or with the last known one and
    /// `status === "degraded"` when the server cannot be reached. Never rejects.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn load(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ClerkOptions | null")] options: JsValue,
    ) -> Promise {
        self.sdk.set_options(clerk_options(&options));
        run(self.sdk.clone(), Op::Load)
    }

    /// Whether `load()` has finished.
    #[wasm_bindgen(getter)]
    pub fn loaded(&self) -> bool {
        self.sdk.loaded()
    }

    /// `"loading"`, `"ready"` or `"degraded"` (server unreachable: last known state).
    #[wasm_bindgen(getter, unchecked_return_type = "ClerkStatus")]
    pub fn status(&self) -> JsValue {
        JsValue::from_str(self.sdk.status().as_str())
    }

    /// The Frontend API's URL.
    #[wasm_bindgen(getter, js_name = frontendApi, unchecked_return_type = "string")]
    pub fn frontend_api(&self) -> JsValue {
        JsValue::from_str(self.sdk.frontend_api())
    }

    /// The browser's client, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "Client | null")]
    pub fn client(&self) -> JsValue {
        if !self.sdk.loaded() && self.sdk.client().is_none() {
            return JsValue::NULL;
        }
        self.objects().client()
    }

    /// This tab's active session, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "Session | null")]
    pub fn session(&self) -> JsValue {
        self.objects().active_session()
    }

    /// The active session's user, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "User | null")]
    pub fn user(&self) -> JsValue {
        self.objects().active_user()
    }

    /// Whether this tab has an active session.
    #[wasm_bindgen(getter, js_name = isSignedIn)]
    pub fn is_signed_in(&self) -> bool {
        self.sdk.is_signed_in()
    }

    /// Makes a session this tab's active one (or `null` to sign the tab out locally). `session`
    /// and `user` change and listeners run before this returns; the promise settles after the
    /// server confirmed (a refusal rolls back and rejects).
    #[wasm_bindgen(js_name = setActive, unchecked_return_type = "Promise<void>")]
    pub fn set_active(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SetActiveParams")] params: Object,
    ) -> Promise {
        let navigate = get_function(&params, "navigate");
        let redirect = get_string(&params, "redirectUrl");
        self.switch(&get(&params, "session"), redirect, navigate)
    }

    /// The older spelling: `setSession(session | id | null, beforeEmit?)`.
    #[wasm_bindgen(js_name = setSession, unchecked_return_type = "Promise<void>")]
    pub fn set_session(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Session | string | null")] session: JsValue,
        #[wasm_bindgen(
            js_name = beforeEmit,
            unchecked_optional_param_type = "(() => void | Promise<unknown>) | null"
        )]
        before_emit: JsValue,
    ) -> Promise {
        if let Ok(f) = before_emit.dyn_into::<Function>() {
            let _ = f.call0(&JsValue::NULL);
        }
        self.switch(&session, None, None)
    }

    /// `signOut()` signs out of every account; `signOut(sessionId)` or `signOut({sessionId})` of
    /// one (the others stay; if it was this tab's, the page goes to the account chooser).
    #[wasm_bindgen(js_name = signOut, unchecked_return_type = "Promise<void>")]
    pub fn sign_out(
        &self,
        #[wasm_bindgen(
            unchecked_optional_param_type = "string | SignOutOptions | (() => void) | null"
        )]
        first: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SignOutOptions | null")] second: JsValue,
    ) -> Promise {
        let (options, callback) = sign_out_args(&first, &second);
        run(self.sdk.clone(), Op::SignOut(options, callback))
    }

    /// Signs out of this tab's active account only.
    #[wasm_bindgen(js_name = signOutOne, unchecked_return_type = "Promise<void>")]
    pub fn sign_out_one(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SignOutOptions | null")] options: JsValue,
    ) -> Promise {
        let redirect = get_string(&options, "redirectUrl");
        run(self.sdk.clone(), Op::SignOutOne(redirect))
    }

    /// Calls `callback({client, session, user})` now if loaded and after every change; returns a
    /// function that unsubscribes.
    #[wasm_bindgen(js_name = addListener, unchecked_return_type = "() => void")]
    pub fn add_listener(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Listener")] callback: Function,
    ) -> JsValue {
        let id = self.js.next_listener.get();
        self.js.next_listener.set(id.wrapping_add(1));
        self.js.listeners.borrow_mut().push((id, callback.clone()));
        if self.sdk.loaded() {
            let _ = callback.call1(&JsValue::NULL, &self.resources());
        }
        let weak = Rc::downgrade(&self.js);
        Closure::<dyn FnMut()>::new(move || {
            if let Some(js) = weak.upgrade() {
                js.listeners.borrow_mut().retain(|(i, _)| *i != id);
            }
        })
        .into_js_value()
    }

    /// `fetch` with this tab's own session token in `Authorization: Bearer` (none when signed
    /// out), so a background tab never acts as another account.
    #[wasm_bindgen(unchecked_return_type = "Promise<Response>")]
    pub fn fetch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RequestInfo | URL")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestInit | null")] init: JsValue,
    ) -> Promise {
        run(self.sdk.clone(), Op::Fetch(input, init))
    }
}

impl Clerk {
    /// `setActive` / `setSession`: the switch happens at once (listeners run before this
    /// returns); the promise settles when the server has confirmed, then navigates.
    ///
    /// One future for all of it (three before: about 1 KB more wasm), polled once here so the
    /// switch itself (synchronous inside `set_active`'s first poll) happens before this returns;
    /// what follows `set_active` always runs in the promise's task, as it did.
    fn switch(
        &self,
        session: &JsValue,
        redirect: Option<String>,
        navigate: Option<Function>,
    ) -> Promise {
        let id = match session_id_of(session) {
            Ok(id) => id,
            Err(err) => return Promise::reject(&to_js(&err)),
        };
        let this = self.clone();
        let mut future: Pin<Box<dyn Future<Output = JsResult>>> = Box::pin(async move {
            let redirect = if navigate.is_some() { None } else { redirect };
            let mut flow = this.sdk.set_active(id.as_deref(), redirect.as_deref());
            // Holds `set_active`'s result when it finished on its first poll (the one here in
            // `switch`): that poll then answers `Pending`, and the promise's task, whose first
            // poll follows, takes the result.
            let mut early = None;
            let mut first = true;
            std::future::poll_fn(|cx| {
                if let Some(result) = early.take() {
                    return Poll::Ready(result);
                }
                let poll = flow.as_mut().poll(cx);
                if std::mem::take(&mut first) {
                    if let Poll::Ready(result) = poll {
                        early = Some(result);
                        return Poll::Pending;
                    }
                }
                poll
            })
            .await
            .map_err(|e| to_js(&e))?;
            if let Some(navigate) = navigate {
                let params: JsValue = Object::new().into();
                set(&params, "session", this.objects().active_session());
                set(&params, "decorateUrl", get(&js_sys::global(), "String"));
                if let Some(promise) = thenable(navigate.call1(&JsValue::NULL, &params)?) {
                    JsFuture::from(promise).await?;
                }
            }
            Ok(JsValue::UNDEFINED)
        });
        // Never `Ready` here (see `early`).
        let _ = futures_util::FutureExt::now_or_never(future.as_mut());
        crate::tasks::drive(future)
    }
}

/// Reads `signOut`'s arguments: `()`, `(sessionId)`, `({sessionId?, redirectUrl?})`, or the
/// older `(callback, {sessionId?, redirectUrl?})`.
fn sign_out_args(first: &JsValue, second: &JsValue) -> (SignOutOptions, Option<Function>) {
    if let Some(id) = first.as_string() {
        let options = SignOutOptions {
            session_id: Some(id),
            redirect_url: get_string(second, "redirectUrl"),
        };
        return (options, None);
    }
    let (options, callback) = match first.clone().dyn_into::<Function>() {
        Ok(callback) => (second, Some(callback)),
        Err(_) => (first, None),
    };
    let options = SignOutOptions {
        session_id: get_string(options, "sessionId"),
        redirect_url: get_string(options, "redirectUrl"),
    };
    (options, callback)
}
