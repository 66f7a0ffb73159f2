//! The params of every sign-in and sign-up call of the JS API, decoded by serde-wasm-bindgen
//! into one struct (one decoder for all of them), and the checks the calls share.

use clerk_sdk::{ClerkError, Strategy};
use serde::Deserialize;
use wasm_bindgen::JsValue;

/// The params of every sign-in and sign-up call, as the `.d.ts` names them (one decoder for
/// all of them).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct JsParams {
    pub strategy: Option<String>,
    pub identifier: Option<String>,
    pub password: Option<String>,
    pub code: Option<String>,
    pub sign_out_of_other_sessions: Option<bool>,
    pub email_address: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
}

/// Decodes a call's params (no argument reads as `{}`: the missing field is then named).
pub(crate) fn decode(params: JsValue) -> Result<JsParams, ClerkError> {
    if !params.is_object() {
        return Ok(JsParams::default());
    }
    serde_wasm_bindgen::from_value(params).map_err(|e| ClerkError::InvalidArgument {
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
