//! The params of every sign-in and sign-up call of the JS API, decoded by serde-wasm-bindgen
//! into one [`Args`] (one list of properties for all of them), and the checks the calls share.

use crate::args::{self, Args, PARAMS};
use clerk_sdk::{ClerkError, Strategy};
use wasm_bindgen::JsValue;

/// Decodes a call's params ([`PARAMS`]; no argument reads as `{}`: the missing field is then
/// named).
pub(crate) fn decode(params: &JsValue) -> Result<Args, ClerkError> {
    decode_fields(params, PARAMS)
}

/// Decodes the properties `fields` of a call's params.
pub(crate) fn decode_fields(
    params: &JsValue,
    fields: &'static [&'static str],
) -> Result<Args, ClerkError> {
    args::decode(params, fields).map_err(|e| ClerkError::InvalidArgument {
        param: "params".into(),
        reason: e.to_string(),
    })
}

/// `invalid_param` naming `param`.
fn invalid(param: &str, reason: &str) -> ClerkError {
    ClerkError::InvalidArgument {
        param: param.into(),
        reason: reason.into(),
    }
}

/// The value of a required param.
pub(crate) fn required(param: &str, value: Option<String>) -> Result<String, ClerkError> {
    value
        .filter(|v| !v.is_empty())
        .ok_or_else(|| invalid(param, "required"))
}

/// The `strategy` param (`password` when absent).
pub(crate) fn strategy(value: Option<&str>) -> Result<Strategy, ClerkError> {
    match value {
        None => Ok(Strategy::Password),
        Some(s) => Strategy::parse(s).ok_or_else(|| invalid("strategy", "unknown strategy")),
    }
}
