//! The user's own account (`/v1/me*`): names and primary address, password, profile picture,
//! email addresses, deletion, and the re-verification of a session that sensitive changes need.
//!
//! Every call names the session it acts for (one user is signed in at most once per client, so
//! a session id names its account): the `/v1/me*` routes are authorised by that session's token
//! (`Authorization: Bearer`), the `verify` routes by the client cookie. Each answer is
//! `{response, client}`; the client goes through the store's one commit path
//! ([`crate::inner::Inner::apply_server_client`]), so the listeners run, the state is persisted
//! and the other tabs apply it from the BroadcastChannel. A sensitive change made too long after
//! the session's last first-factor verification fails with `reverification_required`
//! ([`ClerkError::max_age_secs`] is the window); verify, then send it again.
//!
//! Size: every call is one boxed flow ([`account_call`]) with its own plain request and a small
//! decoding step; `my_sessions` and `revoke_session` go through it too.
//!
//! [`ClerkError::max_age_secs`]: crate::ClerkError::max_age_secs

use crate::api::{session_path, Body, Verb};
use crate::clerk::Clerk;
use crate::error::Result;
use crate::inner::Inner;
use crate::tasks::Flow;
use clerk_core::form::{encode, path_segment};
use clerk_protocol::{
    routes, EmailAddress, SessionVerification, User, STRATEGY_EMAIL_CODE, STRATEGY_PASSWORD,
};
use futures_util::FutureExt;
use serde::de::DeserializeOwned;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// What [`Clerk::update_user`] changes (`None`: unchanged; an empty name clears it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserUpdate {
    /// The first name.
    pub first_name: Option<String>,
    /// The last name.
    pub last_name: Option<String>,
    /// A verified address of the user's to make primary (a sensitive change).
    pub primary_email_address_id: Option<String>,
}

/// The arguments of [`Clerk::update_password`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordUpdate {
    /// The password now.
    pub current_password: String,
    /// The new one.
    pub new_password: String,
    /// Revoke the user's other sessions on every device (this session and the other accounts
    /// on this browser stay signed in).
    pub sign_out_of_other_sessions: bool,
}

/// The body of an account call, owned by its flow.
pub(crate) enum Payload {
    Empty,
    Form(String),
    Data(JsValue),
}

/// One account call.
pub(crate) struct Call {
    /// The session it acts for (`None`: this tab has none, `authentication_invalid`).
    pub session_id: Option<String>,
    /// Authorised by the session's token (else by the client cookie alone).
    pub bearer: bool,
    pub verb: Verb,
    pub path: String,
    pub payload: Payload,
    /// The answer is `{response, client}`: apply the client, answer `response`.
    pub envelope: bool,
}

impl Call {
    /// A `/v1/me*` call for `session_id`, answered with `{response, client}`.
    fn me(session_id: &str, verb: Verb, path: String, payload: Payload) -> Self {
        Self {
            session_id: Some(session_id.to_owned()),
            bearer: true,
            verb,
            path,
            payload,
            envelope: true,
        }
    }

    /// A `POST /v1/client/sessions/{id}/verify...` call with a form body.
    fn verify(session_id: &str, action: &str, body: String) -> Self {
        Self {
            session_id: Some(session_id.to_owned()),
            bearer: false,
            verb: Verb::Post,
            path: session_path(routes::SESSIONS, session_id, action),
            payload: Payload::Form(body),
            envelope: true,
        }
    }
}

/// Sends `call`: with the session's token when it is a bearer call; on an envelope, applies
/// the fresh client and answers `response`, else the whole answer.
pub(crate) fn account_call(inner: &Rc<Inner>, call: Call) -> Flow<'_, Result<JsValue>> {
    Box::pin(async move {
        let id = call.session_id.ok_or_else(signed_out)?;
        let token = match call.bearer {
            true => Some(
                crate::token_flow::get_token(inner, &id, None, false)
                    .await?
                    .ok_or_else(signed_out)?,
            ),
            false => None,
        };
        let body = match &call.payload {
            Payload::Empty => Body::Empty,
            Payload::Form(form) => Body::Form(form),
            Payload::Data(data) => Body::Data(data),
        };
        let api = inner.conn.api();
        let value = api
            .send_as(call.verb, &call.path, body, token.as_deref())
            .await?;
        if !call.envelope {
            return Ok(value);
        }
        inner.apply_server_client(crate::api::decode_field(&value, "client")?);
        js_sys::Reflect::get(&value, &JsValue::from_str("response"))
            .map_err(|_| crate::error::network("an answer that is not an object"))
    })
}

/// The error of a call for a session this tab does not have.
pub(crate) fn signed_out() -> crate::error::ClerkError {
    crate::error::ClerkError::api(
        clerk_protocol::ErrorCode::AuthenticationInvalid,
        "This tab has no such session.",
    )
}

fn decoded<T: DeserializeOwned>(answer: Result<JsValue>) -> Result<T> {
    crate::convert::from_js(answer?)
}

fn email_path(id: &str, action: &str) -> String {
    match action.is_empty() {
        true => [routes::ME_EMAIL_ADDRESSES, "/", &path_segment(id)].concat(),
        false => session_path(routes::ME_EMAIL_ADDRESSES, id, action),
    }
}

fn flag(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

impl Clerk {
    fn me_call<T: DeserializeOwned + 'static>(&self, call: Call) -> Flow<'_, Result<T>> {
        Box::pin(account_call(&self.inner, call).map(decoded::<T>))
    }

    /// Changes the user's names and primary address (`PATCH /v1/me`); the updated user.
    pub fn update_user(&self, session_id: &str, update: &UserUpdate) -> Flow<'_, Result<User>> {
        let body = encode(&[
            ("first_name", update.first_name.as_deref()),
            ("last_name", update.last_name.as_deref()),
            (
                "primary_email_address_id",
                update.primary_email_address_id.as_deref(),
            ),
        ]);
        let call = Call::me(
            session_id,
            Verb::Patch,
            routes::ME.into(),
            Payload::Form(body),
        );
        self.me_call(call)
    }

    /// Changes the password (a sensitive change; `form_password_incorrect` for a wrong current
    /// one); the user.
    pub fn update_password(
        &self,
        session_id: &str,
        params: &PasswordUpdate,
    ) -> Flow<'_, Result<User>> {
        let body = encode(&[
            ("current_password", Some(&params.current_password)),
            ("new_password", Some(&params.new_password)),
            (
                "sign_out_of_other_sessions",
                Some(flag(params.sign_out_of_other_sessions)),
            ),
        ]);
        let path = routes::ME_CHANGE_PASSWORD.into();
        self.me_call(Call::me(session_id, Verb::Post, path, Payload::Form(body)))
    }

    /// Sets the profile picture from an image file (multipart field `file`, at most 5 MB;
    /// `image_invalid`, `image_too_large`); the user with its new `image_url`.
    pub fn set_profile_image(
        &self,
        session_id: &str,
        file: &web_sys::Blob,
    ) -> Flow<'_, Result<User>> {
        let form = web_sys::FormData::new().and_then(|form| {
            form.append_with_blob("file", file)?;
            Ok(form)
        });
        let Ok(form) = form else {
            return Box::pin(std::future::ready(Err(crate::error::network(
                "FormData is not available",
            ))));
        };
        let path = routes::ME_PROFILE_IMAGE.into();
        let payload = Payload::Data(form.into());
        self.me_call(Call::me(session_id, Verb::Post, path, payload))
    }

    /// Removes the profile picture; the user (`image_url: None`).
    pub fn remove_profile_image(&self, session_id: &str) -> Flow<'_, Result<User>> {
        let path = routes::ME_PROFILE_IMAGE.into();
        self.me_call(Call::me(session_id, Verb::Delete, path, Payload::Empty))
    }

    /// Adds an unverified address (a sensitive change; `form_identifier_exists` when it is in
    /// use); verify it with [`Clerk::prepare_user_email_verification`] and
    /// [`Clerk::attempt_user_email_verification`].
    pub fn create_email_address(
        &self,
        session_id: &str,
        email: &str,
    ) -> Flow<'_, Result<EmailAddress>> {
        let body = encode(&[("email_address", Some(email))]);
        let path = routes::ME_EMAIL_ADDRESSES.into();
        self.me_call(Call::me(session_id, Verb::Post, path, Payload::Form(body)))
    }

    /// Mails a (new) code to one of the user's addresses (`strategy=email_code`).
    pub fn prepare_user_email_verification(
        &self,
        session_id: &str,
        email_address_id: &str,
    ) -> Flow<'_, Result<EmailAddress>> {
        let body = encode(&[("strategy", Some(STRATEGY_EMAIL_CODE))]);
        let path = email_path(email_address_id, "prepare_verification");
        self.me_call(Call::me(session_id, Verb::Post, path, Payload::Form(body)))
    }

    /// Tries the mailed code; the address, now `verified` (errors as for
    /// [`Clerk::attempt_first_factor`]).
    pub fn attempt_user_email_verification(
        &self,
        session_id: &str,
        email_address_id: &str,
        code: &str,
    ) -> Flow<'_, Result<EmailAddress>> {
        let body = encode(&[
            ("strategy", Some(STRATEGY_EMAIL_CODE)),
            ("code", Some(code)),
        ]);
        let path = email_path(email_address_id, "attempt_verification");
        self.me_call(Call::me(session_id, Verb::Post, path, Payload::Form(body)))
    }

    /// Removes an address that is not the primary one (a sensitive change).
    pub fn destroy_email_address(
        &self,
        session_id: &str,
        email_address_id: &str,
    ) -> Flow<'_, Result<()>> {
        let path = email_path(email_address_id, "");
        let call = Call::me(session_id, Verb::Delete, path, Payload::Empty);
        Box::pin(account_call(&self.inner, call).map(|r| r.map(drop)))
    }

    /// Deletes the account (a sensitive change): every session of the user ends on every
    /// device. When it was this tab's session, the tab goes where signing out of it goes: the
    /// account chooser while other accounts remain, else the after-sign-out URL.
    pub fn delete_user<'a>(&'a self, session_id: &'a str) -> Flow<'a, Result<()>> {
        Box::pin(async move {
            let was_active = self.active_session_id().as_deref() == Some(session_id);
            let path = routes::ME.into();
            let call = Call::me(session_id, Verb::Delete, path, Payload::Empty);
            account_call(&self.inner, call).await?;
            crate::actions::after_one_gone(&self.inner, was_active, None).await;
            Ok(())
        })
    }

    /// Re-verifies the session with the account's password (rate limited like a sign-in;
    /// `form_password_incorrect`); `complete` on success.
    pub fn verify_session_with_password(
        &self,
        session_id: &str,
        password: &str,
    ) -> Flow<'_, Result<SessionVerification>> {
        let body = encode(&[
            ("strategy", Some(STRATEGY_PASSWORD)),
            ("password", Some(password)),
        ]);
        self.me_call(Call::verify(session_id, "verify", body))
    }

    /// Mails a code to the account's primary address for re-verifying the session
    /// (`needs_first_factor`).
    pub fn prepare_session_verification_code(
        &self,
        session_id: &str,
    ) -> Flow<'_, Result<SessionVerification>> {
        let body = encode(&[("strategy", Some(STRATEGY_EMAIL_CODE))]);
        self.me_call(Call::verify(
            session_id,
            "verify/prepare_first_factor",
            body,
        ))
    }

    /// Tries the mailed re-verification code; `complete` on success.
    pub fn attempt_session_verification_code(
        &self,
        session_id: &str,
        code: &str,
    ) -> Flow<'_, Result<SessionVerification>> {
        let body = encode(&[
            ("strategy", Some(STRATEGY_EMAIL_CODE)),
            ("code", Some(code)),
        ]);
        self.me_call(Call::verify(
            session_id,
            "verify/attempt_first_factor",
            body,
        ))
    }
}

/// The active user's own calls, through the same flow.
impl Clerk {
    /// The active user's sessions on every device (`GET /v1/me/sessions`).
    pub fn my_sessions(&self) -> Flow<'_, Result<clerk_protocol::SessionList>> {
        let call = self.active_call(false, clerk_protocol::routes::ME_SESSIONS.to_owned());
        Box::pin(call.map(|value| crate::convert::from_js(value?)))
    }

    /// Revokes one of the active user's sessions on any device; this browser's client follows.
    pub fn revoke_session<'a>(&'a self, session_id: &'a str) -> Flow<'a, Result<()>> {
        let path =
            crate::api::session_path(clerk_protocol::routes::ME_SESSIONS, session_id, "revoke");
        Box::pin(self.active_call(true, path).map(|r| r.map(drop)))
    }

    /// A bearer call of the active session (the account calls' one flow): a `POST` answered
    /// with `{response, client}` (the client applied), or a `GET` answered as it is.
    fn active_call(&self, post: bool, path: String) -> Flow<'_, Result<wasm_bindgen::JsValue>> {
        let call = Call {
            session_id: self.active_session_id(),
            bearer: true,
            verb: if post { Verb::Post } else { Verb::Get },
            path,
            payload: Payload::Empty,
            envelope: post,
        };
        account_call(&self.inner, call)
    }
}
