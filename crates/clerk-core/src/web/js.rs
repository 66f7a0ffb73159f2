//! The few browser APIs the SDK needs, bound directly (no gloo-net, gloo-storage or web-sys
//! features: each binding is one small import, where those crates bring dozens).
//!
//! Everything that may throw in a browser (storage in private mode, a refused channel, a bad
//! URL) is bound with `catch`, so the callers turn it into an error value, never a panic.

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `fetch(input, init)` (the SDK's one `fetch` import: API calls and `clerk.fetch`).
    #[wasm_bindgen(js_name = fetch, catch)]
    pub fn fetch(input: &JsValue, init: &JsValue) -> Result<Promise, JsValue>;

    /// A Web Storage area (`localStorage` or `sessionStorage`).
    pub type WebStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item(this: &WebStorage, key: &str) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item(this: &WebStorage, key: &str, value: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = removeItem)]
    fn remove_item(this: &WebStorage, key: &str) -> Result<(), JsValue>;

    /// A `BroadcastChannel`.
    #[wasm_bindgen(js_name = BroadcastChannel)]
    pub type Channel;
    /// `new BroadcastChannel(name)`.
    #[wasm_bindgen(constructor, js_class = "BroadcastChannel", catch)]
    pub fn new_channel(name: &str) -> Result<Channel, JsValue>;
    /// `channel.postMessage(message)`.
    #[wasm_bindgen(method, catch, js_name = postMessage)]
    pub fn post_message(this: &Channel, message: &JsValue) -> Result<(), JsValue>;
    /// `channel.close()`.
    #[wasm_bindgen(method)]
    pub fn close(this: &Channel);
}

/// `globalThis` (js-sys's own accessor, which its futures need anyway).
pub fn global() -> JsValue {
    js_sys::global().into()
}

/// `obj[key]`, `undefined` when `obj` is not an object or the getter throws.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if obj.is_object() || obj.is_function() {
        Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// `obj[key] = value` (ignored where it throws).
pub fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// `localStorage` (`true`) or `sessionStorage`, if this page may use it.
pub fn storage(local: bool) -> Option<WebStorage> {
    let area = get(
        &global(),
        if local {
            "localStorage"
        } else {
            "sessionStorage"
        },
    );
    area.is_object().then(|| area.unchecked_into())
}

impl WebStorage {
    /// The value under `key`, if any.
    pub fn read(&self, key: &str) -> Option<String> {
        self.get_item(key).ok().flatten()
    }

    /// Stores `value` under `key`, or removes the key with `None` (failures are ignored).
    pub fn write(&self, key: &str, value: Option<&str>) {
        let _ = match value {
            Some(value) => self.set_item(key, value),
            None => self.remove_item(key),
        };
    }
}

/// `a + b` as a new `String` (no `format!`: core::fmt costs the wasm kilobytes).
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// `value` as a promise to await when it is one (anything with a `then` method, as `await` sees
/// it; a cast rather than an `instanceof Promise` import).
pub fn thenable(value: JsValue) -> Option<Promise> {
    if get(&value, "then").is_function() {
        Some(value.unchecked_into())
    } else {
        None
    }
}
