//! The calls of a sign-in or sign-up: creating the attempt and continuing it (mail a code, try a
//! code or password, set a new password, verify the email address). Each answers the updated
//! attempt (clerk-protocol's [`SignIn`] / [`SignUp`]); one that completes adds its session to the
//! client and makes it this tab's active one, in one commit through the store's one path, as a
//! password sign-in always did. Signing in to an account already signed in here switches to its
//! existing session instead of failing (the server names it in `meta.session_id`).
//!
//! Size: each call is a plain function building its request (path and form body, or the
//! argument error), sent by one boxed flow per resource ([`sign_in_step`], [`sign_up_step`]):
//! an `async fn` per call compiled a state machine of its own (about 650 B each before
//! wasm-opt). The paths are joined without `format!` (the `routes` functions use it, so a native
//! test checks the two agree).

use crate::actions::{session_call, After};
use crate::auth::{required, ResetPasswordParams, SignInCreateParams, SignUpParams, Strategy};
use crate::error::Result;
use crate::inner::Inner;
use crate::recovery::note_error;
use crate::tasks::Flow;
use clerk_core::form::encode;
use clerk_protocol::{routes, ErrorCode, SignIn, SignUp, OBJECT_SIGN_IN, STATUS_COMPLETE};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// `prefix/{id}/action`, the id percent-encoded (the same join as the session routes').
pub(crate) use crate::api::session_path as step_path;

/// One call: POSTs `body` to `path`, applies the fresh client and activates the session the
/// attempt created (if it did), in one commit; the attempt as sent. A failure is noted.
async fn call(inner: &Rc<Inner>, path: &str, body: &str) -> Result<JsValue> {
    match inner.conn.api().attempt(path, body).await {
        Ok((response, client)) => {
            let created = js_sys::Reflect::get(&response, &JsValue::from_str("created_session_id"))
                .ok()
                .and_then(|v| v.as_string());
            inner.apply_and_activate(client, created.as_deref());
            Ok(response)
        }
        Err(err) => {
            note_error(inner, &err, None);
            Err(err)
        }
    }
}

/// A request: its path and form body, or why it cannot be sent (a missing argument).
pub(crate) type Request = Result<(String, String)>;

/// A sign-in call; an account already signed in here is switched to, and answered as a
/// complete attempt (with an empty `id`) naming its session.
pub(crate) fn sign_in_step(inner: &Rc<Inner>, request: Request) -> Flow<'_, Result<SignIn>> {
    Box::pin(async move {
        let (path, body) = request?;
        let err = match call(inner, &path, &body).await {
            Ok(value) => return crate::convert::from_js(value),
            Err(err) => err,
        };
        let existing = (err.known_code() == Some(ErrorCode::IdentifierAlreadySignedIn))
            .then(|| err.meta().into_iter().find(|(k, _)| *k == "session_id"))
            .flatten()
            .map(|(_, v)| v.to_owned());
        let Some(existing) = existing else {
            return Err(err);
        };
        session_call(inner, &existing, After::Activate).await?;
        Ok(SignIn {
            object: OBJECT_SIGN_IN.to_owned(),
            id: String::new(),
            status: STATUS_COMPLETE.to_owned(),
            identifier: None,
            supported_first_factors: Vec::new(),
            first_factor_verification: None,
            created_session_id: Some(existing),
        })
    })
}

/// A sign-up call.
pub(crate) fn sign_up_step(inner: &Rc<Inner>, request: Request) -> Flow<'_, Result<SignUp>> {
    Box::pin(async move {
        let (path, body) = request?;
        crate::convert::from_js(call(inner, &path, &body).await?)
    })
}

/// `POST /v1/client/sign_ins` with a strategy.
pub(crate) fn create_sign_in(p: &SignInCreateParams) -> Request {
    required("identifier", &p.identifier)?;
    let password = p.password.as_deref();
    if p.strategy == Strategy::Password {
        required("password", password.unwrap_or(""))?;
    }
    let body = encode(&[
        ("strategy", Some(p.strategy.as_str())),
        ("identifier", Some(&p.identifier)),
        (
            "password",
            password.filter(|_| p.strategy == Strategy::Password),
        ),
    ]);
    Ok((routes::SIGN_INS.to_owned(), body))
}

/// `POST /v1/client/sign_ins/{id}/prepare_first_factor`: mails a (new) code.
pub(crate) fn prepare_first_factor(id: &str, strategy: Strategy) -> Request {
    required("signInId", id)?;
    let path = step_path(routes::SIGN_INS, id, "prepare_first_factor");
    Ok((path, encode(&[("strategy", Some(strategy.as_str()))])))
}

/// `POST /v1/client/sign_ins/{id}/attempt_first_factor`: `secret` is the password for
/// [`Strategy::Password`], else the emailed code.
pub(crate) fn attempt_first_factor(id: &str, strategy: Strategy, secret: &str) -> Request {
    required("signInId", id)?;
    let key = if strategy == Strategy::Password {
        "password"
    } else {
        "code"
    };
    required(key, secret)?;
    let path = step_path(routes::SIGN_INS, id, "attempt_first_factor");
    let body = encode(&[("strategy", Some(strategy.as_str())), (key, Some(secret))]);
    Ok((path, body))
}

/// `POST /v1/client/sign_ins/{id}/reset_password`.
pub(crate) fn reset_password(id: &str, p: &ResetPasswordParams) -> Request {
    required("signInId", id)?;
    required("password", &p.password)?;
    let path = step_path(routes::SIGN_INS, id, "reset_password");
    let others = if p.sign_out_of_other_sessions {
        "true"
    } else {
        "false"
    };
    let body = encode(&[
        ("password", Some(&p.password)),
        ("sign_out_of_other_sessions", Some(others)),
    ]);
    Ok((path, body))
}

/// `POST /v1/client/sign_ups`: `complete`, or `missing_requirements` when the address must be
/// verified first.
pub(crate) fn create_sign_up(p: &SignUpParams) -> Request {
    required("emailAddress", &p.email_address)?;
    required("password", &p.password)?;
    let body = encode(&[
        ("email_address", Some(&p.email_address)),
        ("password", Some(&p.password)),
        ("first_name", p.first_name.as_deref()),
        ("last_name", p.last_name.as_deref()),
    ]);
    Ok((routes::SIGN_UPS.to_owned(), body))
}

/// `POST /v1/client/sign_ups/{id}/prepare_verification` (`email_code`) or, with a `code`,
/// `.../attempt_verification`.
pub(crate) fn email_verification(id: &str, code: Option<&str>) -> Request {
    required("signUpId", id)?;
    let action = match code {
        Some(code) => {
            required("code", code)?;
            "attempt_verification"
        }
        None => "prepare_verification",
    };
    let path = step_path(routes::SIGN_UPS, id, action);
    let body = encode(&[
        ("strategy", Some(clerk_protocol::STRATEGY_EMAIL_CODE)),
        ("code", code),
    ]);
    Ok((path, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_paths_are_the_protocols_routes() {
        let id = "sia_1";
        assert_eq!(
            step_path(routes::SIGN_INS, id, "prepare_first_factor"),
            routes::sign_in_prepare_first_factor(id)
        );
        assert_eq!(
            step_path(routes::SIGN_INS, id, "attempt_first_factor"),
            routes::sign_in_attempt_first_factor(id)
        );
        assert_eq!(
            step_path(routes::SIGN_INS, id, "reset_password"),
            routes::sign_in_reset_password(id)
        );
        assert_eq!(
            step_path(routes::SIGN_UPS, "sua_1", "prepare_verification"),
            routes::sign_up_prepare_verification("sua_1")
        );
        assert_eq!(
            step_path(routes::SIGN_UPS, "sua_1", "attempt_verification"),
            routes::sign_up_attempt_verification("sua_1")
        );
        assert_eq!(
            step_path(routes::SIGN_INS, "a/b", "x"),
            "/v1/client/sign_ins/a%2Fb/x"
        );
    }
}
