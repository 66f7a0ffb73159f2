//! The `Clerk` class: `new Clerk(frontendApi?, options?)`, `load()`, the current resources,
//! `setActive`/`setSession`, `signOut`/`signOutOne`, `addListener` and `fetch`; plus a Rust-side
//! `snapshot()`/`subscribe()` for the prebuilt UI.

use crate::actions;
use crate::browser::{page_origin, FetchRequest};
use crate::inner::{Inner, RustListener};
use crate::js_error::to_js;
use crate::options::Options;
use crate::tokens;
use crate::types::{arg, SignOutFirstArg, SignOutOptionsArg};
use clerk_core::web::js::concat;
use clerk_core::{ClerkError, Snapshot};
use clerk_protocol::Environment;
use js_sys::{Function, Object, Promise};

use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The SDK: one per Frontend API and page. (`Clone` shares the same state; the UI keeps one.)
#[wasm_bindgen]
#[derive(Clone)]
pub struct Clerk {
    inner: Rc<Inner>,
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
        // A non-string (a `URL`) is stringified, as the string glue did before.
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
            .or_else(page_origin)
            .ok_or_else(|| {
                to_js(&ClerkError::InvalidArgument {
                    param: "frontendApi".into(),
                    reason: "required outside a page".into(),
                })
            })?;
        let mut opts = Options::default();
        opts.merge(&options);
        Ok(Clerk {
            inner: Inner::new(&url, opts, crate::options::get(&options, "prefetch")),
        })
    }

    /// Loads the client: resolves with the server's state, or with the last known one and
    /// `status === "degraded"` when the server cannot be reached. Never rejects.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn load(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ClerkOptions | null")] options: JsValue,
    ) -> Promise {
        crate::load::load(&self.inner, &options)
    }

    /// Whether `load()` has finished.
    #[wasm_bindgen(getter)]
    pub fn loaded(&self) -> bool {
        self.inner.state.borrow().loaded()
    }

    /// `"loading"`, `"ready"` or `"degraded"` (server unreachable: last known state).
    // (A `JsValue` made from the `&'static str`: no `String` to copy out and free in the glue.)
    #[wasm_bindgen(getter, js_name = status, unchecked_return_type = "ClerkStatus")]
    pub fn status_js(&self) -> JsValue {
        JsValue::from_str(self.inner.state.borrow().status().as_str())
    }

    /// The Frontend API's URL.
    #[wasm_bindgen(getter, js_name = frontendApi, unchecked_return_type = "string")]
    pub fn frontend_api_js(&self) -> JsValue {
        JsValue::from_str(self.inner.api.base_url())
    }

    /// The browser's client, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "Client | null")]
    pub fn client(&self) -> JsValue {
        self.inner.objects.borrow().client()
    }

    /// This tab's active session, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "Session | null")]
    pub fn session(&self) -> JsValue {
        self.inner.objects.borrow().active_session()
    }

    /// The active session's user, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "User | null")]
    pub fn user(&self) -> JsValue {
        self.inner.objects.borrow().active_user()
    }

    /// Whether this tab has an active session.
    #[wasm_bindgen(getter, js_name = isSignedIn)]
    pub fn is_signed_in(&self) -> bool {
        self.inner.state.borrow().active_session().is_some()
    }

    /// Makes a session this tab's active one (or `null` to sign the tab out locally). `session`
    /// and `user` change and listeners run before this returns; the promise settles after the
    /// server confirmed (a refusal rolls back and rejects).
    #[wasm_bindgen(js_name = setActive, unchecked_return_type = "Promise<void>")]
    pub fn set_active(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SetActiveParams")] params: Object,
    ) -> Promise {
        actions::set_active_params(&self.inner, &params)
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
        actions::set_active(&self.inner, &session, None, None)
    }

    /// `signOut()` signs out of every account; `signOut(sessionId)` or `signOut({sessionId})` of
    /// one (the others stay; if it was this tab's, the page goes to the account chooser).
    #[wasm_bindgen(js_name = signOut, unchecked_return_type = "Promise<void>")]
    pub fn sign_out_js(
        &self,
        #[wasm_bindgen(
            unchecked_optional_param_type = "string | SignOutOptions | (() => void) | null"
        )]
        first: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SignOutOptions | null")] second: JsValue,
    ) -> Promise {
        let (session_id, redirect_url, callback) = actions::sign_out_args(&first, &second);
        let promise = actions::sign_out(&self.inner, session_id, redirect_url);
        match callback {
            Some(callback) => crate::tasks::promise(async move {
                let value = JsFuture::from(promise).await?;
                callback.call0(&JsValue::NULL)?;
                Ok(value)
            }),
            None => promise,
        }
    }

    /// Signs out of this tab's active account only.
    #[wasm_bindgen(js_name = signOutOne, unchecked_return_type = "Promise<void>")]
    pub fn sign_out_one(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SignOutOptions | null")] options: JsValue,
    ) -> Promise {
        let active = self.inner.state.borrow().active_id().map(str::to_owned);
        match active {
            Some(id) => actions::sign_out(
                &self.inner,
                Some(id),
                crate::options::get_string(&options, "redirectUrl"),
            ),
            None => Promise::resolve(&JsValue::UNDEFINED),
        }
    }

    /// Calls `callback({client, session, user})` now if loaded and after every change; returns a
    /// function that unsubscribes.
    #[wasm_bindgen(js_name = addListener, unchecked_return_type = "() => void")]
    pub fn add_listener(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Listener")] callback: Function,
    ) -> JsValue {
        let id = self.inner.listener_id();
        self.inner
            .listeners
            .borrow_mut()
            .push((id, callback.clone()));
        if self.inner.state.borrow().loaded() {
            let _ = callback.call1(&JsValue::NULL, &self.inner.resources());
        }
        let weak = self.inner.weak();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.listeners.borrow_mut().retain(|(i, _)| *i != id);
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
        let active = self.inner.state.borrow().active_id().map(str::to_owned);
        let token = match active {
            Some(id) => tokens::get_token(&self.inner, &id, None, false),
            None => Promise::resolve(&JsValue::NULL),
        };
        // `null` as `undefined`, as before (the argument is optional).
        let init = if init.is_null() {
            JsValue::UNDEFINED
        } else {
            init
        };
        crate::tasks::promise(async move {
            let token = JsFuture::from(token).await?;
            let request = FetchRequest::new_request(&input, &init)?;
            if let Some(jwt) = token.as_string() {
                request
                    .headers()
                    .set_header("Authorization", &concat(&["Bearer ", &jwt]))?;
            }
            JsFuture::from(clerk_core::web::js::fetch(&request, &JsValue::UNDEFINED)?).await
        })
    }
}

impl Clerk {
    /// The SDK's Frontend API client (the prebuilt UI's requests go through it too).
    pub(crate) fn api(&self) -> &clerk_core::web::FrontendApi {
        &self.inner.api
    }

    /// The Frontend API's URL, for Rust callers.
    pub fn frontend_api(&self) -> String {
        self.inner.api.base_url().to_owned()
    }

    /// `"loading"`, `"ready"` or `"degraded"`, for Rust callers.
    pub fn status(&self) -> String {
        self.inner.state.borrow().status().as_str().to_owned()
    }

    /// `signOut` for Rust callers (the prebuilt UI): the same as the JS method.
    pub fn sign_out(
        &self,
        first: Option<SignOutFirstArg>,
        second: Option<SignOutOptionsArg>,
    ) -> Promise {
        self.sign_out_js(arg(first), arg(second))
    }

    /// A plain copy of the state, for Rust renderers such as the prebuilt UI.
    pub fn snapshot(&self) -> Snapshot {
        self.inner.state.borrow().snapshot()
    }

    /// The instance settings, once fetched by `load()`.
    pub fn environment(&self) -> Option<Environment> {
        self.inner.environment.borrow().clone()
    }

    /// Goes to `url` the way the SDK itself does: the `navigate` option of `load()` (a router's
    /// push), else `location.assign`.
    #[cfg(feature = "ui")]
    pub async fn navigate(&self, url: &str) {
        self.inner.navigate(url).await
    }

    /// Calls `listener` with a snapshot after every change; returns an id for [`Clerk::unsubscribe`].
    pub fn subscribe(&self, listener: RustListener) -> u32 {
        let id = self.inner.listener_id();
        self.inner.rust_listeners.borrow_mut().push((id, listener));
        id
    }

    /// Stops a [`Clerk::subscribe`] listener.
    pub fn unsubscribe(&self, id: u32) {
        self.inner
            .rust_listeners
            .borrow_mut()
            .retain(|(i, _)| *i != id);
    }
}
