//! Every conversion between JS values and Rust types, through serde-wasm-bindgen over the serde
//! derives of clerk-protocol (the same the server serialises with, so one definition of the wire
//! format serves both sides). Values are written JSON-compatible: plain objects, not `Map`s.

use crate::error::{network, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Decodes a JS value (parsed JSON, a message, an options object) into `T`; a value that does
/// not fit is a `network_error` naming what was wrong.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T> {
    serde_wasm_bindgen::from_value(value).map_err(unexpected)
}

/// The error of a value that does not fit: one copy, not one per decoded type.
#[inline(never)]
fn unexpected(err: serde_wasm_bindgen::Error) -> crate::error::ClerkError {
    network(&["unexpected answer: ", &err.to_string()].concat())
}

/// Encodes `value` as a plain, JSON-compatible JS value (`null` if it cannot be).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}
