//! JSON text through the browser's own `JSON.parse`/`JSON.stringify` (no JSON library in the wasm).

use crate::error::{ClerkError, Result};
use wasm_bindgen::JsValue;

/// Parses JSON text into a JS value; garbage is a network error (the server broke the protocol).
pub fn parse(text: &str) -> Result<JsValue> {
    js_sys::JSON::parse(text).map_err(|_| ClerkError::Network("the answer is not JSON".into()))
}

/// Serialises a JS value to JSON text.
pub fn stringify(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value).ok()?.as_string()
}
