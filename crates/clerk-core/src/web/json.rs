//! JSON through the browser: `JSON.parse`/`JSON.stringify` plus serde-wasm-bindgen, which costs
//! far fewer wasm bytes than a Rust JSON library.

use crate::error::{ClerkError, Result};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

/// Parses JSON text into a JS value; garbage is a network error (the server broke the protocol).
pub fn parse(text: &str) -> Result<JsValue> {
    js_sys::JSON::parse(text).map_err(|_| ClerkError::Network("the answer is not JSON".into()))
}

/// Converts a JS value into a Rust value; a shape mismatch is a network error.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T> {
    serde_wasm_bindgen::from_value(value).map_err(|e| ClerkError::Network(format!("unexpected answer: {e}")))
}

/// Converts a Rust value into a plain JS value (objects, not `Map`s).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Option<JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()
}

/// Serialises a Rust value to JSON text.
pub fn stringify<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    js_sys::JSON::stringify(&to_js(value)?).ok()?.as_string()
}

/// Parses JSON text into a Rust value, `None` if it does not fit.
pub fn parse_as<T: DeserializeOwned>(text: &str) -> Option<T> {
    from_js(parse(text).ok()?).ok()
}
