//! `client.signIn.create({identifier, password})` and `client.signUp.create({emailAddress,
//! password, firstName?, lastName?})`: the params decoded by serde-wasm-bindgen into the Rust
//! SDK's types, the attempt encoded back. A success adds the new session to `client.sessions` and
//! makes it this tab's active one; signing in to an account already signed in here switches to
//! its existing session instead of failing.

use crate::js_error::to_js;
use clerk_sdk::{Attempt, ClerkError, SignInParams, SignUpParams};
use js_sys::Promise;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// `SignInParams` as the `.d.ts` names them.
#[derive(Deserialize)]
struct JsSignIn {
    identifier: Option<String>,
    password: Option<String>,
}

/// `SignUpParams` as the `.d.ts` names them.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsSignUp {
    email_address: Option<String>,
    password: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
}

/// The `SignInAttempt` / `SignUpAttempt` a `create` resolves with.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsAttempt {
    object: &'static str,
    id: Option<String>,
    status: String,
    created_session_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_user_id: Option<Option<String>>,
}

fn decode<T: for<'de> Deserialize<'de>>(params: JsValue) -> Result<T, ClerkError> {
    // No argument reads as `{}`: the missing field is then named.
    let params = if params.is_object() {
        params
    } else {
        js_sys::Object::new().into()
    };
    serde_wasm_bindgen::from_value(params).map_err(|e| ClerkError::InvalidArgument {
        param: "params".into(),
        reason: e.to_string(),
    })
}

fn required(param: &str, value: Option<String>) -> Result<String, ClerkError> {
    value
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ClerkError::InvalidArgument {
            param: param.into(),
            reason: "required".into(),
        })
}

fn attempt(sign_up: bool, a: Attempt) -> JsValue {
    let js = JsAttempt {
        object: if sign_up {
            clerk_protocol::OBJECT_SIGN_UP
        } else {
            clerk_protocol::OBJECT_SIGN_IN
        },
        id: a.id,
        status: a.status,
        created_session_id: a.created_session_id,
        created_user_id: sign_up.then_some(a.created_user_id),
    };
    clerk_sdk::convert::to_js(&js)
}

/// The sign-in resource of a client.
#[wasm_bindgen]
pub struct SignInResource {
    pub(crate) sdk: clerk_sdk::Clerk,
}

#[wasm_bindgen]
impl SignInResource {
    /// Signs in with an email address and password; the new session becomes active in this tab.
    #[wasm_bindgen(unchecked_return_type = "Promise<SignInAttempt>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignInParams")] params: JsValue,
    ) -> Promise {
        let sdk = self.sdk.clone();
        crate::tasks::promise(async move {
            let run = async {
                let p: JsSignIn = decode(params)?;
                let params = SignInParams {
                    identifier: required("identifier", p.identifier)?,
                    password: required("password", p.password)?,
                };
                sdk.sign_in(&params).await
            };
            run.await.map(|a| attempt(false, a)).map_err(|e| to_js(&e))
        })
    }
}

/// The sign-up resource of a client.
#[wasm_bindgen]
pub struct SignUpResource {
    pub(crate) sdk: clerk_sdk::Clerk,
}

#[wasm_bindgen]
impl SignUpResource {
    /// Creates an account and signs in to it; the new session becomes active in this tab.
    #[wasm_bindgen(unchecked_return_type = "Promise<SignUpAttempt>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignUpParams")] params: JsValue,
    ) -> Promise {
        let sdk = self.sdk.clone();
        crate::tasks::promise(async move {
            let run = async {
                let p: JsSignUp = decode(params)?;
                let params = SignUpParams {
                    email_address: required("emailAddress", p.email_address)?,
                    password: required("password", p.password)?,
                    first_name: p.first_name,
                    last_name: p.last_name,
                };
                sdk.sign_up(&params).await
            };
            run.await.map(|a| attempt(true, a)).map_err(|e| to_js(&e))
        })
    }
}
