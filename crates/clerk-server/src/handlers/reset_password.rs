//! `POST /v1/client/sign_ins/{id}/reset_password` (`password`, `sign_out_of_other_sessions`,
//! default true): the last step of a password reset, once the mailed code was right
//! (`needs_new_password`). The new password is stored (argon2id) and, with
//! `sign_out_of_other_sessions`, every live session of the account on every device is revoked
//! in the same transaction ([`crate::store::Db::reset_password`]); then the account is signed
//! in on this browser beside the other accounts there, which stay signed in.
//!
//! The attempt is claimed first (`needs_new_password` -> `complete`, one guarded statement), so
//! one code resets the password once. Should the new session then be refused by the session
//! rules (the client is full), the password stays reset and the account signs in with it.

use super::attempts::{own_sign_in, sign_in_resource, AttemptIdPath};
use super::{envelope, fresh_client};
use crate::credential::Credential;
use crate::error::{AppError, AppResult};
use crate::http::body::Params;
use crate::http::context::RequestContext;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use clerk_protocol::{SIGN_IN_NEEDS_NEW_PASSWORD, STATUS_COMPLETE};

/// `reset_password` (see the module docs).
pub async fn reset_password(
    State(state): State<AppState>,
    ctx: RequestContext,
    AttemptIdPath(id): AttemptIdPath,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let (mut row, _) = own_sign_in(&state, &ctx, &id, now).await?;
    let not_ready = || {
        AppError::VerificationNotReady(
            "The password can be reset only after the reset code was entered.",
        )
    };
    let user_id = match (&row.user_id, row.status.as_str()) {
        (Some(u), SIGN_IN_NEEDS_NEW_PASSWORD) => u.clone(),
        _ => return Err(not_ready()),
    };
    let password = params
        .required("password", super::sign::MAX_PASSWORD_CHARS)?
        .to_owned();
    let revoke = params
        .optional_bool("sign_out_of_other_sessions")?
        .unwrap_or(true);
    let min = state.config.file.password_min_length;
    if password.chars().count() < min as usize {
        return Err(AppError::PasswordTooShort { min });
    }
    let password_hash = {
        let _place = state.hash_queue.admit()?;
        crate::password::hash(password).await?
    };
    let now = state.now();
    let strategy = row.strategy.clone();
    if !state
        .db
        .advance_sign_in_attempt(
            &row.id,
            SIGN_IN_NEEDS_NEW_PASSWORD,
            STATUS_COMPLETE,
            &strategy,
            None,
            now,
        )
        .await?
    {
        return Err(not_ready());
    }
    let revoked = state
        .db
        .reset_password(&user_id, &password_hash, revoke, now)
        .await?;
    for (session_id, client_id) in &revoked {
        crate::audit::revoke(&ctx, &user_id, session_id, client_id);
    }
    let caller = super::sign::signing_client(&state, &ctx, now).await?;
    let (session_id, client_id, cookie) =
        super::sign::start_session(&state, &ctx, caller, &user_id, None, now).await?;
    state
        .db
        .advance_sign_in_attempt(
            &row.id,
            STATUS_COMPLETE,
            STATUS_COMPLETE,
            &strategy,
            Some(&session_id),
            now,
        )
        .await?;
    crate::audit::password_reset(&ctx, &user_id, &session_id, revoked.len());
    row.status = STATUS_COMPLETE.to_owned();
    row.created_session_id = Some(session_id);
    let client = fresh_client(&state, &client_id, now, Credential::Current).await?;
    Ok(envelope(
        sign_in_resource(&state, &row, now).await?,
        client,
        cookie,
    ))
}
