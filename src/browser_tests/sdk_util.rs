//! Helpers of the SDK browser tests: a fresh `Clerk` on the test server with navigation captured,
//! unique emails, and reading JS objects the way page code does.

use crate::Clerk;
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

pub(crate) const PASSWORD: &str = "correct horse battery staple";

/// A `Clerk` on the test server plus the URLs it navigated to (instead of leaving the page).
pub(crate) struct TestClerk {
    pub clerk: Clerk,
    pub navigations: Rc<RefCell<Vec<String>>>,
}

/// A unique email address for this run.
pub(crate) fn email(tag: &str) -> String {
    format!(
        "{tag}-{}@example.com",
        (js_sys::Math::random() * 1e12) as u64
    )
}

/// `obj.a.b.c`.
pub(crate) fn prop(obj: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(obj.clone(), |v, key| {
        Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    })
}

/// `obj.a.b` as a string.
pub(crate) fn text(obj: &JsValue, path: &str) -> Option<String> {
    prop(obj, path).as_string()
}

/// A plain JS object from pairs.
pub(crate) fn object(pairs: &[(&str, JsValue)]) -> Object {
    let out = Object::new();
    for (k, v) in pairs {
        Reflect::set(&out, &JsValue::from_str(k), v).expect("set");
    }
    out
}

/// Awaits a promise.
pub(crate) async fn wait(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// Calls `obj.method(...args)` and awaits the promise it returns.
pub(crate) async fn call(
    obj: &JsValue,
    method: &str,
    args: &[JsValue],
) -> Result<JsValue, JsValue> {
    let f: Function = prop(obj, method).dyn_into().expect("a method");
    let result = f.apply(obj, &args.iter().collect::<js_sys::Array>())?;
    match result.dyn_into::<Promise>() {
        Ok(p) => wait(p).await,
        Err(v) => Ok(v),
    }
}

/// The ids of `clerk.client.sessions`.
pub(crate) fn session_ids(clerk: &Clerk) -> Vec<String> {
    js_sys::Array::from(&prop(&clerk.client(), "sessions"))
        .iter()
        .filter_map(|s| text(&s, "id"))
        .collect()
}

/// A loaded Clerk on the test server whose client starts with no session.
pub(crate) async fn fresh_clerk() -> TestClerk {
    fresh_clerk_at(super::server_url()).await
}

/// A loaded Clerk on `url`, signed out of everything there (when reachable).
pub(crate) async fn fresh_clerk_at(url: &str) -> TestClerk {
    let navigations = Rc::new(RefCell::new(Vec::new()));
    let sink = navigations.clone();
    let navigate = Closure::<dyn Fn(String)>::new(move |to: String| sink.borrow_mut().push(to))
        .into_js_value();
    let options = object(&[
        ("navigate", navigate),
        ("afterMultiSessionSingleSignOutUrl", "/choose-test".into()),
    ]);
    let clerk = Clerk::new(JsValue::from_str(url), options.into()).expect("a Clerk");
    wait(clerk.load(JsValue::UNDEFINED))
        .await
        .expect("load never rejects");
    if clerk.status().as_string().as_deref() == Some("ready") {
        wait(clerk.sign_out(JsValue::UNDEFINED, JsValue::UNDEFINED))
            .await
            .expect("sign out of everything");
    }
    navigations.borrow_mut().clear();
    TestClerk { clerk, navigations }
}

/// Signs up a new account on `clerk`; returns its email and session id.
pub(crate) async fn sign_up(clerk: &Clerk, tag: &str) -> (String, String) {
    let address = email(tag);
    let params = object(&[
        ("emailAddress", address.as_str().into()),
        ("password", PASSWORD.into()),
        ("firstName", tag.into()),
    ]);
    let attempt = call(&prop(&clerk.client(), "signUp"), "create", &[params.into()])
        .await
        .expect("sign-up works");
    (
        address,
        text(&attempt, "createdSessionId").expect("a session was created"),
    )
}

/// Signs in on `clerk`; the attempt or the error.
pub(crate) async fn sign_in(
    clerk: &Clerk,
    identifier: &str,
    password: &str,
) -> Result<JsValue, JsValue> {
    let params = object(&[
        ("identifier", identifier.into()),
        ("password", password.into()),
    ]);
    call(&prop(&clerk.client(), "signIn"), "create", &[params.into()]).await
}

/// How many requests the page has made whose URL contains `part` (the browser's resource
/// timing entries).
pub(crate) fn requests_to(part: &str) -> usize {
    let performance = prop(&js_sys::global().into(), "performance");
    let entries: js_sys::Array =
        call_sync(&performance, "getEntriesByType", &["resource".into()]).into();
    entries
        .iter()
        .filter(|e| text(e, "name").is_some_and(|n| n.contains(part)))
        .count()
}

/// Calls `obj.method(...args)` and returns its value.
pub(crate) fn call_sync(obj: &JsValue, method: &str, args: &[JsValue]) -> JsValue {
    let f: Function = prop(obj, method).dyn_into().expect("a method");
    f.apply(obj, &args.iter().collect::<js_sys::Array>())
        .expect("the call works")
}
