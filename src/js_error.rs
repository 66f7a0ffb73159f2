//! [`ClerkError`] as a JS `Error` carrying `code`, `message`, `longMessage`, `status`, `meta` and
//! the full `errors` list, so callers switch on `err.code`.

use crate::options::set;
use clerk_core::ClerkError;
use wasm_bindgen::JsValue;

/// A JS `Error` named `ClerkError` with `code`: the one builder of every error the API throws.
pub(crate) fn coded(code: &str, message: &str) -> JsValue {
    let error: JsValue = js_sys::Error::new(message).into();
    set(&error, "name", JsValue::from_str("ClerkError"));
    set(&error, "code", JsValue::from_str(code));
    error
}

/// The JS `Error` for `err`.
pub(crate) fn to_js(err: &ClerkError) -> JsValue {
    let error = coded(err.code(), &err.message());
    set(
        &error,
        "longMessage",
        JsValue::from_str(&err.long_message()),
    );
    set(&error, "status", JsValue::from(err.status()));
    let meta = js_sys::Object::new();
    for (k, v) in err.meta() {
        set(&meta, &camel(k), JsValue::from_str(v));
    }
    set(&error, "meta", meta.into());
    let errors = js_sys::Array::new();
    if let ClerkError::Api { errors: list, .. } = err {
        for e in list {
            let item: JsValue = js_sys::Object::new().into();
            set(&item, "code", JsValue::from_str(&e.code));
            set(&item, "message", JsValue::from_str(&e.message));
            set(&item, "longMessage", JsValue::from_str(&e.long_message));
            let meta = js_sys::Object::new();
            for (k, v) in e.meta.entries() {
                set(&meta, &camel(k), JsValue::from_str(v));
            }
            set(&item, "meta", meta.into());
            errors.push(&item);
        }
    }
    set(&error, "errors", errors.into());
    error
}

/// `session_id` → `sessionId` (meta keys follow the JS API's spelling).
fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}
