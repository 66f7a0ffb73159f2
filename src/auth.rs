//! `client.signIn.create({identifier, password})` and `client.signUp.create({emailAddress,
//! password, firstName?, lastName?})`. A success adds the new session to `client.sessions` and makes
//! it this tab's active one, with one emit; signing in to an account already signed in here switches
//! to its existing session instead of failing.
//!
//! Both go through one async function ([`create`]): one state machine in the wasm, not two.

use crate::actions::{session_call, After};
use crate::inner::Inner;
use crate::js_error::to_js;
use crate::options::{get_string, set};
use crate::tokens;
use clerk_core::{form, ClerkError};
use clerk_protocol::ErrorCode;
use js_sys::Promise;
use std::rc::Weak;
use wasm_bindgen::prelude::*;

/// The fields a sign-in reads: JS key, form key, required.
const SIGN_IN_FIELDS: &[(&str, &str, bool)] = &[
    ("identifier", "identifier", true),
    ("password", "password", true),
];

/// The fields a sign-up reads: JS key, form key, required.
const SIGN_UP_FIELDS: &[(&str, &str, bool)] = &[
    ("emailAddress", "email_address", true),
    ("password", "password", true),
    ("firstName", "first_name", false),
    ("lastName", "last_name", false),
];

/// The form body of `params`, or the first required field missing.
fn form_body(params: &JsValue, sign_up: bool) -> Result<String, ClerkError> {
    let fields = if sign_up {
        SIGN_UP_FIELDS
    } else {
        SIGN_IN_FIELDS
    };
    let mut values = Vec::with_capacity(fields.len());
    for &(key, _, required) in fields {
        let value = get_string(params, key);
        if required && value.is_none() {
            return Err(ClerkError::InvalidArgument {
                param: key.into(),
                reason: "required".into(),
            });
        }
        values.push(value);
    }
    let pairs: Vec<(&str, Option<&str>)> = fields
        .iter()
        .zip(&values)
        .map(|(&(_, name, _), value)| (name, value.as_deref()))
        .collect();
    Ok(form::encode(&pairs))
}

/// The `SignInAttempt`/`SignUpAttempt` object a `create` resolves with.
fn attempt(sign_up: bool, id: Option<&str>, session: Option<&str>, user: Option<&str>) -> JsValue {
    let out: JsValue = js_sys::Object::new().into();
    let opt = |v: Option<&str>| v.map(JsValue::from_str).unwrap_or(JsValue::NULL);
    let object = if sign_up {
        clerk_protocol::OBJECT_SIGN_UP
    } else {
        clerk_protocol::OBJECT_SIGN_IN
    };
    set(&out, "object", &JsValue::from_str(object));
    set(&out, "id", &opt(id));
    set(&out, "status", &JsValue::from_str("complete"));
    set(&out, "createdSessionId", &opt(session));
    if sign_up {
        set(&out, "createdUserId", &opt(user));
    }
    out
}

/// A sign-in or sign-up from `params`.
fn create(weak: Weak<Inner>, sign_up: bool, params: JsValue) -> Promise {
    crate::tasks::promise(async move {
        let inner = weak
            .upgrade()
            .ok_or_else(|| JsValue::from_str("this Clerk instance is gone"))?;
        let body = form_body(&params, sign_up).map_err(|e| to_js(&e))?;
        match inner.api.create_attempt(sign_up, &body).await {
            Ok(envelope) => {
                let r = envelope.response;
                let sid = r.created_session_id.as_deref();
                inner.apply_and_activate(envelope.client, sid);
                tokens::sync_cookie(&inner);
                Ok(attempt(
                    sign_up,
                    Some(&r.id),
                    sid,
                    r.created_user_id.as_deref(),
                ))
            }
            Err(err)
                if !sign_up && err.known_code() == Some(ErrorCode::IdentifierAlreadySignedIn) =>
            {
                let mut existing = None;
                for (key, value) in err.meta() {
                    if key == "session_id" {
                        existing = Some(value.to_owned());
                    }
                }
                let Some(existing) = existing else {
                    return Err(to_js(&err));
                };
                // Switch to the account already signed in here (touching it on the server).
                session_call(&inner, &existing, After::Activate).await?;
                tokens::sync_cookie(&inner);
                Ok(attempt(false, None, Some(&existing), None))
            }
            Err(err) => {
                inner.note_error(&err, None);
                Err(to_js(&err))
            }
        }
    })
}

/// The sign-in resource of a client.
#[wasm_bindgen]
pub struct SignInResource {
    pub(crate) inner: Weak<Inner>,
}

#[wasm_bindgen]
impl SignInResource {
    /// Signs in with an email address and password; the new session becomes active in this tab.
    #[wasm_bindgen(unchecked_return_type = "Promise<SignInAttempt>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignInParams")] params: JsValue,
    ) -> Promise {
        create(self.inner.clone(), false, params)
    }
}

/// The sign-up resource of a client.
#[wasm_bindgen]
pub struct SignUpResource {
    pub(crate) inner: Weak<Inner>,
}

#[wasm_bindgen]
impl SignUpResource {
    /// Creates an account and signs in to it; the new session becomes active in this tab.
    #[wasm_bindgen(unchecked_return_type = "Promise<SignUpAttempt>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignUpParams")] params: JsValue,
    ) -> Promise {
        create(self.inner.clone(), true, params)
    }
}
