//! `client.signIn.create({strategy?, identifier, password?})` and `client.signUp.create({emailAddress,
//! password, firstName?, lastName?})`, with ClerkJS's names: each resolves with the attempt
//! (`attempts.rs`), whose methods continue it (`prepareFirstFactor`, `attemptFirstFactor`,
//! `resetPassword`; `prepareEmailAddressVerification`, `attemptEmailAddressVerification`). The
//! params of every call are decoded by serde-wasm-bindgen into one struct, then into the Rust
//! SDK's types. A completed attempt adds its session to `client.sessions` and makes it this tab's
//! active one; signing in to an account already signed in here switches to its session instead.

use crate::attempts::{sign_in_attempt, sign_up_attempt};
use crate::js_error::to_js;
use clerk_protocol::{SignIn, SignUp};
use clerk_sdk::{
    ClerkError, Flow, ResetPasswordParams, SignInCreateParams, SignUpParams, Strategy,
};
use js_sys::Promise;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

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

/// The sign-in resource of a client.
#[wasm_bindgen]
pub struct SignInResource {
    pub(crate) sdk: clerk_sdk::Clerk,
}

#[wasm_bindgen]
impl SignInResource {
    /// Creates a sign-in: with `strategy: "password"` (the default) and the password it
    /// completes at once; with `"email_code"` or `"reset_password_email_code"` a code is mailed
    /// and the attempt needs its first factor.
    #[wasm_bindgen(unchecked_return_type = "Promise<SignInAttempt>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignInParams")] params: JsValue,
    ) -> Promise {
        sign_in_call(self.sdk.clone(), String::new(), SignInStep::Create, params)
    }
}

/// The sign-up resource of a client.
#[wasm_bindgen]
pub struct SignUpResource {
    pub(crate) sdk: clerk_sdk::Clerk,
}

#[wasm_bindgen]
impl SignUpResource {
    /// Creates an account: `complete` with its session (active in this tab), or
    /// `missing_requirements` when the email address must be verified with a mailed code first.
    #[wasm_bindgen(unchecked_return_type = "Promise<SignUpAttempt>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignUpParams")] params: JsValue,
    ) -> Promise {
        sign_up_call(self.sdk.clone(), String::new(), SignUpStep::Create, params)
    }
}

/// Which sign-in call.
pub(crate) enum SignInStep {
    Create,
    Prepare,
    Attempt,
    Reset,
}

/// Which sign-up call.
pub(crate) enum SignUpStep {
    Create,
    Prepare,
    Attempt,
}

/// The flow of one sign-in call on the attempt `id`: the params decoded once, the request built
/// at once (no state machine of its own).
fn sign_in_flow<'a>(
    sdk: &'a clerk_sdk::Clerk,
    id: &str,
    step: SignInStep,
    params: JsValue,
) -> Result<Flow<'a, Result<SignIn, ClerkError>>, ClerkError> {
    let p = decode(params)?;
    Ok(match step {
        SignInStep::Create => sdk.create_sign_in(&SignInCreateParams {
            strategy: strategy(p.strategy.as_deref())?,
            identifier: required("identifier", p.identifier)?,
            password: p.password,
        }),
        SignInStep::Prepare => {
            let st = strategy(Some(&required("strategy", p.strategy)?))?;
            sdk.prepare_first_factor(id, st)
        }
        SignInStep::Attempt => {
            let st = strategy(Some(&required("strategy", p.strategy)?))?;
            let secret = match st {
                Strategy::Password => required("password", p.password)?,
                _ => required("code", p.code)?,
            };
            sdk.attempt_first_factor(id, st, &secret)
        }
        SignInStep::Reset => sdk.reset_password(
            id,
            &ResetPasswordParams {
                password: required("password", p.password)?,
                sign_out_of_other_sessions: p.sign_out_of_other_sessions != Some(false),
            },
        ),
    })
}

/// One sign-in call on the attempt `id`, resolving with the updated attempt (one await).
pub(crate) fn sign_in_call(
    sdk: clerk_sdk::Clerk,
    id: String,
    step: SignInStep,
    params: JsValue,
) -> Promise {
    crate::tasks::promise(async move {
        let result = match sign_in_flow(&sdk, &id, step, params) {
            Ok(flow) => flow.await,
            Err(e) => Err(e),
        };
        match result {
            Ok(s) => Ok(sign_in_attempt(&sdk, s)),
            Err(e) => Err(to_js(&e)),
        }
    })
}

/// The flow of one sign-up call on the attempt `id`.
fn sign_up_flow<'a>(
    sdk: &'a clerk_sdk::Clerk,
    id: &str,
    step: SignUpStep,
    params: JsValue,
) -> Result<Flow<'a, Result<SignUp, ClerkError>>, ClerkError> {
    let p = decode(params)?;
    Ok(match step {
        SignUpStep::Create => sdk.create_sign_up(&SignUpParams {
            email_address: required("emailAddress", p.email_address)?,
            password: required("password", p.password)?,
            first_name: p.first_name,
            last_name: p.last_name,
        }),
        SignUpStep::Prepare => sdk.prepare_email_address_verification(id),
        SignUpStep::Attempt => {
            sdk.attempt_email_address_verification(id, &required("code", p.code)?)
        }
    })
}

/// One sign-up call on the attempt `id`, resolving with the updated attempt (one await).
pub(crate) fn sign_up_call(
    sdk: clerk_sdk::Clerk,
    id: String,
    step: SignUpStep,
    params: JsValue,
) -> Promise {
    crate::tasks::promise(async move {
        let result = match sign_up_flow(&sdk, &id, step, params) {
            Ok(flow) => flow.await,
            Err(e) => Err(e),
        };
        match result {
            Ok(s) => Ok(sign_up_attempt(&sdk, s)),
            Err(e) => Err(to_js(&e)),
        }
    })
}
