//! The plain JS objects the API takes, decoded into the Rust SDK's types: the options of
//! `new Clerk(url, options)` and `clerk.load(options)` (data through serde-wasm-bindgen; the
//! `navigate` function and the `prefetch` promises by hand, since serde has no functions), and
//! reading a property of an argument.

use crate::args::{decode, Str, CLERK_OPTIONS};
use clerk_sdk::{ClerkOptions, Navigate, PendingResponse, Prefetch};
use futures_util::FutureExt;
use js_sys::{Function, Promise, Reflect};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// `obj[key]`, `undefined` when `obj` is not an object or the getter throws.
pub(crate) fn get(obj: &JsValue, key: &str) -> JsValue {
    if obj.is_object() || obj.is_function() {
        Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// `obj[key] = value` (ignored where it throws). `value` is taken, not borrowed: callers mostly
/// pass a fresh value, and dropping it here instead of at each call site is smaller wasm.
pub(crate) fn set(obj: &JsValue, key: &str, value: JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value);
}

/// A string property.
pub(crate) fn get_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

/// A function property.
pub(crate) fn get_function(obj: &JsValue, key: &str) -> Option<Function> {
    get(obj, key).dyn_into::<Function>().ok()
}

/// `value` as a promise to await when it is one (anything with a `then` method).
pub(crate) fn thenable(value: JsValue) -> Option<Promise> {
    get(&value, "then")
        .is_function()
        .then(|| value.unchecked_into())
}

/// `options` (an object, or nothing) as [`ClerkOptions`]; data that does not fit is ignored, as
/// an unknown key is.
pub(crate) fn clerk_options(options: &JsValue) -> ClerkOptions {
    let mut data = decode(options, CLERK_OPTIONS).unwrap_or_default();
    let navigate = get_function(options, "navigate")
        .or_else(|| get_function(options, "routerPush"))
        .map(navigate_with);
    ClerkOptions {
        after_sign_out_url: data.take(Str::AfterSignOutUrl),
        after_multi_session_single_sign_out_url: data.take(Str::AfterMultiSessionSingleSignOutUrl),
        sign_in_url: data.take(Str::SignInUrl),
        navigate,
    }
}

/// A JS `navigate(to)` (maybe returning a promise) as the SDK's [`Navigate`].
fn navigate_with(f: Function) -> Navigate {
    Rc::new(move |url: String| {
        let result = f.call1(&JsValue::NULL, &JsValue::from_str(&url));
        async move {
            if let Some(promise) = result.ok().and_then(thenable) {
                let _ = JsFuture::from(promise).await;
            }
        }
        .boxed_local()
    })
}

/// The `prefetch` option: `{"/v1/client"?: Promise<Response>, "/v1/environment"?: ...}`.
pub(crate) fn prefetch(options: &JsValue) -> Prefetch {
    let prefetch = get(options, "prefetch");
    let pending = |path: &str| -> Option<PendingResponse> {
        let promise = thenable(get(&prefetch, path))?;
        Some(
            async move {
                let value = JsFuture::from(promise)
                    .await
                    .map_err(|_| gloo_net::Error::GlooError("the prefetch failed".into()))?;
                Ok(gloo_net::http::Response::from(
                    value.unchecked_into::<web_sys::Response>(),
                ))
            }
            .boxed_local(),
        )
    };
    Prefetch {
        client: pending("/v1/client"),
        environment: pending("/v1/environment"),
    }
}
