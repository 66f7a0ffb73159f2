//! `POST /v1/me/change_password` (`current_password`, `new_password`,
//! `sign_out_of_other_sessions`, default true), authorised by a session token (`Authorization:
//! Bearer`); answers `{response: user, client}`.
//!
//! Rules, in order: the parameters; re-verification ([`crate::reverification`]); the current
//! password, rate limited exactly like a sign-in of the account's address and checked with
//! argon2id (wrong: 422 `form_password_incorrect`); the new password's length
//! (`password_too_short`). The new hash is stored and, when asked, every other session of the
//! account on every device is revoked in the same transaction, so their tokens are refused at
//! once; this session stays, and so do the other accounts on this browser.

use super::account::fresh_user;
use super::{callers_client, envelope};
use crate::error::{AppError, AppResult};
use crate::http::auth::BearerSession;
use crate::http::body::Params;
use crate::http::context::RequestContext;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;

/// `POST /v1/me/change_password` (see the module docs).
pub async fn change_password(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let max = super::sign::MAX_PASSWORD_CHARS;
    let current = params.required("current_password", max)?.to_owned();
    let new = params.required("new_password", max)?.to_owned();
    let sign_out = params
        .optional_bool("sign_out_of_other_sessions")?
        .unwrap_or(true);
    crate::reverification::require_recent(&state, &me, now)?;
    super::sign::throttle_sign_in(&state, &ctx, &me.user.email_address, now).await?;
    let min = state.config.file.password_min_length;
    let password_hash = {
        let _place = state.hash_queue.admit()?;
        let stored = state
            .db
            .find_user(&me.user.id)
            .await?
            .map(|u| u.password_hash);
        if !crate::password::verify(current, stored).await? {
            let (user, session) = (&me.user.id, &me.id);
            crate::audit::reverification(&ctx, user, session, "current_password", false);
            return Err(AppError::FormPasswordIncorrect);
        }
        if new.chars().count() < min as usize {
            return Err(AppError::PasswordTooShort { min });
        }
        crate::password::hash(new).await?
    };
    let now = state.now();
    let keep = sign_out.then_some(me.id.as_str());
    let revoked = state
        .db
        .change_password(&me.user.id, &password_hash, keep, now)
        .await?;
    for (session_id, client_id) in &revoked {
        crate::audit::revoke(&ctx, &me.user.id, session_id, client_id);
    }
    crate::audit::password_changed(&ctx, &me.user.id, &me.id, revoked.len());
    let user = fresh_user(&state, &me.id).await?;
    let client = callers_client(&state, &ctx, now).await?;
    Ok(envelope(user, client, None))
}
