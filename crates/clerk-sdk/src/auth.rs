//! Sign-in and sign-up. A success adds the new session to the client and makes it this tab's
//! active one, in one commit; signing in to an account already signed in here switches to its
//! existing session instead of failing (the server names it in `meta.session_id`).

use crate::actions::{session_call, After};
use crate::error::{ClerkError, Result};
use crate::inner::Inner;
use crate::recovery::note_error;
use clerk_protocol::ErrorCode;
use std::rc::Rc;

/// What a sign-in needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInParams {
    /// The account's email address.
    pub identifier: String,
    /// Its password.
    pub password: String,
}

/// What a sign-up needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignUpParams {
    /// The new account's email address.
    pub email_address: String,
    /// Its password.
    pub password: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
}

/// The outcome of a sign-in or sign-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The attempt's id (`sia_...` / `sua_...`); `None` when the account was already signed in
    /// here and the SDK switched to its session instead.
    pub id: Option<String>,
    /// `"complete"`.
    pub status: String,
    /// The session now active in this tab.
    pub created_session_id: Option<String>,
    /// The new account (sign-up only).
    pub created_user_id: Option<String>,
}

fn required(param: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(ClerkError::InvalidArgument {
            param: param.into(),
            reason: "required".into(),
        });
    }
    Ok(())
}

/// Signs in (`sign_up: false`) or up with a form `body`.
async fn create(inner: &Rc<Inner>, sign_up: bool, body: &str) -> Result<Attempt> {
    match inner.conn.api().create_attempt(sign_up, body).await {
        Ok(envelope) => {
            let r = envelope.response;
            inner.apply_and_activate(envelope.client, r.created_session_id.as_deref());
            Ok(Attempt {
                id: Some(r.id),
                status: r.status,
                created_session_id: r.created_session_id,
                created_user_id: r.created_user_id,
            })
        }
        Err(err) if !sign_up && err.known_code() == Some(ErrorCode::IdentifierAlreadySignedIn) => {
            let existing = err
                .meta()
                .into_iter()
                .find(|(k, _)| *k == "session_id")
                .map(|(_, v)| v.to_owned());
            let Some(existing) = existing else {
                return Err(err);
            };
            crate::tasks::boxed(session_call(inner, &existing, After::Activate)).await?;
            Ok(Attempt {
                id: None,
                status: "complete".into(),
                created_session_id: Some(existing),
                created_user_id: None,
            })
        }
        Err(err) => {
            note_error(inner, &err, None);
            Err(err)
        }
    }
}

/// `POST /v1/client/sign_ins`.
pub(crate) async fn sign_in(inner: &Rc<Inner>, p: &SignInParams) -> Result<Attempt> {
    required("identifier", &p.identifier)?;
    required("password", &p.password)?;
    let body = clerk_core::form::encode(&[
        ("identifier", Some(&p.identifier)),
        ("password", Some(&p.password)),
    ]);
    crate::tasks::boxed(create(inner, false, &body)).await
}

/// `POST /v1/client/sign_ups`.
pub(crate) async fn sign_up(inner: &Rc<Inner>, p: &SignUpParams) -> Result<Attempt> {
    required("emailAddress", &p.email_address)?;
    required("password", &p.password)?;
    let body = clerk_core::form::encode(&[
        ("email_address", Some(&p.email_address)),
        ("password", Some(&p.password)),
        ("first_name", p.first_name.as_deref()),
        ("last_name", p.last_name.as_deref()),
    ]);
    crate::tasks::boxed(create(inner, true, &body)).await
}
