//! The promise-returning methods of `Clerk` and `Session` (`load`, `signOut`, `signOutOne`,
//! `fetch`, `getToken`, `touch`, `remove`) as one state machine: each method names its
//! [`Op`], and [`run`] awaits the SDK's call for it and converts the answer. One `async` block
//! for all of them instead of one each (each had its own poll and drop code).

use crate::js_error::to_js;
use crate::objects::ObjectCache;
use clerk_sdk::{ClerkError, GetTokenOptions, SignOutOptions};
use js_sys::{Function, Promise};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::JsValue;

/// One SDK call of the JS API.
pub(crate) enum Op {
    /// `clerk.load()`.
    Load,
    /// `clerk.signOut(...)`, then the older API's callback.
    SignOut(SignOutOptions, Option<Function>),
    /// `clerk.signOutOne({redirectUrl?})`.
    SignOutOne(Option<String>),
    /// `clerk.fetch(input, init)`.
    Fetch(JsValue, JsValue),
    /// `session.getToken(options)`.
    GetToken(String, GetTokenOptions),
    /// `session.touch()`: answers with the session's object from the cache.
    Touch(String, Weak<RefCell<ObjectCache>>),
    /// `session.remove()` / `session.end()`.
    Remove(String),
}

/// How an [`Op`] failed: converted to a JS value in one place ([`run`]), not at each `?`.
enum Failure {
    /// The SDK refused: a JS `Error` with `code`.
    Sdk(ClerkError),
    /// A JS call threw this.
    Js(JsValue),
}

impl From<ClerkError> for Failure {
    fn from(err: ClerkError) -> Failure {
        Failure::Sdk(err)
    }
}

impl From<JsValue> for Failure {
    fn from(err: JsValue) -> Failure {
        Failure::Js(err)
    }
}

/// The promise of `op` on `sdk`: its answer, or a JS `Error` with `code`.
pub(crate) fn run(sdk: clerk_sdk::Clerk, op: Op) -> Promise {
    crate::tasks::promise(async move {
        let result: Result<JsValue, Failure> = async {
            Ok(match op {
                Op::Load => {
                    sdk.load().await;
                    JsValue::UNDEFINED
                }
                Op::SignOut(options, callback) => {
                    sdk.sign_out(options).await?;
                    if let Some(callback) = callback {
                        callback.call0(&JsValue::NULL)?;
                    }
                    JsValue::UNDEFINED
                }
                Op::SignOutOne(redirect) => {
                    sdk.sign_out_one(redirect).await?;
                    JsValue::UNDEFINED
                }
                Op::Fetch(input, init) => {
                    let token = sdk.session_token().await?;
                    let request =
                        crate::browser::request_with_token(&input, &init, token.as_deref())?;
                    let response = gloo_net::http::Request::from(request)
                        .send()
                        .await
                        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
                    web_sys::Response::from(response).into()
                }
                Op::GetToken(id, options) => match sdk.get_token(&id, options).await? {
                    Some(jwt) => JsValue::from_str(&jwt),
                    None => JsValue::NULL,
                },
                Op::Touch(id, cache) => {
                    sdk.touch(&id).await?;
                    ObjectCache::current_session(&cache, &sdk, &id)
                }
                Op::Remove(id) => {
                    sdk.remove_session(&id).await?;
                    JsValue::UNDEFINED
                }
            })
        }
        .await;
        result.map_err(|failure| match failure {
            Failure::Sdk(err) => to_js(&err),
            Failure::Js(value) => value,
        })
    })
}
