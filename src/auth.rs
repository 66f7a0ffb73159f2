//! `client.signIn.create({identifier, password})` and `client.signUp.create({emailAddress,
//! password, firstName?, lastName?})`. A success adds the new session to `client.sessions` and makes
//! it this tab's active one, with one emit; signing in to an account already signed in here switches
//! to its existing session instead of failing.

use crate::inner::Inner;
use crate::js_error::to_js;
use crate::options::{get_string, set};
use crate::tokens;
use clerk_core::web::api::SignUpParams;
use clerk_core::ClerkError;
use clerk_protocol::ErrorCode;
use js_sys::Promise;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

fn required(params: &JsValue, key: &str) -> Result<String, ClerkError> {
    get_string(params, key).ok_or_else(|| ClerkError::InvalidArgument {
        param: key.into(),
        reason: "required".into(),
    })
}

fn attempt(object: &str, id: Option<&str>, session: Option<&str>, user: Option<&str>) -> JsValue {
    let out: JsValue = js_sys::Object::new().into();
    let opt = |v: Option<&str>| v.map(JsValue::from_str).unwrap_or(JsValue::NULL);
    set(&out, "object", &JsValue::from_str(object));
    set(&out, "id", &opt(id));
    set(&out, "status", &JsValue::from_str("complete"));
    set(&out, "createdSessionId", &opt(session));
    if object == clerk_protocol::OBJECT_SIGN_UP {
        set(&out, "createdUserId", &opt(user));
    }
    out
}

fn upgrade(inner: &Weak<Inner>) -> Result<Rc<Inner>, JsValue> {
    inner
        .upgrade()
        .ok_or_else(|| JsValue::from_str("this Clerk instance is gone"))
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
        let weak = self.inner.clone();
        crate::tasks::promise(async move {
            let inner = upgrade(&weak)?;
            let identifier = required(&params, "identifier").map_err(|e| to_js(&e))?;
            let password = required(&params, "password").map_err(|e| to_js(&e))?;
            match inner.api.sign_in(&identifier, &password).await {
                Ok(envelope) => {
                    let sid = envelope.response.created_session_id.clone();
                    inner.apply_and_activate(envelope.client, sid.as_deref());
                    tokens::sync_cookie(&inner);
                    Ok(attempt(
                        clerk_protocol::OBJECT_SIGN_IN,
                        Some(&envelope.response.id),
                        sid.as_deref(),
                        None,
                    ))
                }
                Err(err) if err.known_code() == Some(ErrorCode::IdentifierAlreadySignedIn) => {
                    let existing = err
                        .meta()
                        .into_iter()
                        .find(|(k, _)| k == "session_id")
                        .map(|(_, v)| v);
                    let Some(existing) = existing else {
                        return Err(to_js(&err));
                    };
                    switch_to_existing(&inner, &existing).await?;
                    Ok(attempt(
                        clerk_protocol::OBJECT_SIGN_IN,
                        None,
                        Some(&existing),
                        None,
                    ))
                }
                Err(err) => {
                    inner.note_error(&err, None);
                    Err(to_js(&err))
                }
            }
        })
    }
}

/// Makes an account that is already signed in here the active one (touching it on the server).
async fn switch_to_existing(inner: &Rc<Inner>, session_id: &str) -> Result<(), JsValue> {
    let client = inner.api.touch(session_id).await.map_err(|err| {
        inner.note_error(&err, Some(session_id));
        to_js(&err)
    })?;
    inner.apply_and_activate(client, Some(session_id));
    tokens::sync_cookie(inner);
    Ok(())
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
        let weak = self.inner.clone();
        crate::tasks::promise(async move {
            let inner = upgrade(&weak)?;
            let fields = SignUpParams {
                email_address: required(&params, "emailAddress").map_err(|e| to_js(&e))?,
                password: required(&params, "password").map_err(|e| to_js(&e))?,
                first_name: get_string(&params, "firstName"),
                last_name: get_string(&params, "lastName"),
            };
            match inner.api.sign_up(&fields).await {
                Ok(envelope) => {
                    let r = &envelope.response;
                    let (id, sid, uid) = (
                        r.id.clone(),
                        r.created_session_id.clone(),
                        r.created_user_id.clone(),
                    );
                    inner.apply_and_activate(envelope.client, sid.as_deref());
                    tokens::sync_cookie(&inner);
                    Ok(attempt(
                        clerk_protocol::OBJECT_SIGN_UP,
                        Some(&id),
                        sid.as_deref(),
                        uid.as_deref(),
                    ))
                }
                Err(err) => {
                    inner.note_error(&err, None);
                    Err(to_js(&err))
                }
            }
        })
    }
}
