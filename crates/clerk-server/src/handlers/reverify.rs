//! Re-verification of one session of the caller's client (by its cookie, like `touch` and
//! `tokens`): `POST /v1/client/sessions/{id}/verify` (`strategy=password`, `password`), and for
//! a mailed code `POST .../verify/prepare_first_factor` (`strategy=email_code`) then `POST
//! .../verify/attempt_first_factor` (`strategy=email_code`, `code`; `strategy=password` works
//! there too). A right first factor sets the session's verification time to now, which the
//! sensitive changes check ([`crate::reverification`]); the answer is a
//! `session_verification` with status `complete`. `/verify` without a strategy answers
//! `needs_first_factor` with the factors the account can use.
//!
//! Security rules: a session of another client is `session_not_found`, exactly like an unknown
//! one, and a dead session `session_expired`; a password is rate limited exactly like a sign-in
//! of the account's address (the same counters, so guesses here and at sign-in add up) and
//! checked with argon2id (a wrong one: 422 `form_password_incorrect`); a code is bound to the
//! session (its HMAC is keyed with the session id), has the tries, expiry and cooldown of
//! [`crate::codes`], and is dropped once used.

use super::code_mail::{check_code, send_code, CodeFor};
use super::sessions::own_session;
use super::{envelope, fresh_client, SessionIdPath};
use crate::credential::Credential;
use crate::error::{AppError, AppResult};
use crate::http::body::Params;
use crate::http::context::RequestContext;
use crate::mail::MailKind;
use crate::state::AppState;
use crate::store::{ClientRow, SessionRow};
use axum::extract::State;
use axum::response::Response;
use clerk_protocol::{
    SessionVerification, OBJECT_SESSION_VERIFICATION, SESSION_VERIFICATION_NEEDS_FIRST_FACTOR,
    STATUS_COMPLETE, STRATEGY_EMAIL_CODE, STRATEGY_PASSWORD,
};

/// The caller's live session `id`, with its client and credential.
async fn live_session(
    state: &AppState,
    ctx: &RequestContext,
    id: &str,
    now: i64,
) -> AppResult<(ClientRow, SessionRow, Credential)> {
    let (client, session, credential) = own_session(state, ctx, id, now).await?;
    if !session.is_live(now) {
        return Err(AppError::SessionExpired);
    }
    Ok((client, session, credential))
}

/// The answer: the verification with `status` and the session as stored now.
async fn answer(
    state: &AppState,
    client: &ClientRow,
    session_id: &str,
    credential: Credential,
    status: &str,
    now: i64,
) -> AppResult<Response> {
    let session = state
        .db
        .find_session(session_id)
        .await?
        .ok_or(AppError::SessionNotFound)?;
    let mut factors = vec![STRATEGY_PASSWORD.to_owned()];
    if state.mail.is_some() {
        factors.push(STRATEGY_EMAIL_CODE.to_owned());
    }
    let verification = SessionVerification {
        object: OBJECT_SESSION_VERIFICATION.to_owned(),
        status: status.to_owned(),
        supported_first_factors: factors,
        session: session.to_session(now),
    };
    let fresh = fresh_client(state, &client.id, now, credential).await?;
    Ok(envelope(verification, fresh, None))
}

/// Marks `session` verified now, with an audit line.
async fn verified(
    state: &AppState,
    ctx: &RequestContext,
    client: &ClientRow,
    session: &SessionRow,
    strategy: &str,
    now: i64,
) -> AppResult<()> {
    if !state
        .db
        .set_factor_verified(&client.id, &session.id, now)
        .await?
    {
        return Err(AppError::SessionExpired);
    }
    crate::audit::reverification(ctx, &session.user.id, &session.id, strategy, true);
    Ok(())
}

/// Checks `password` against `session`'s account, throttled like a sign-in of its address.
async fn check_password(
    state: &AppState,
    ctx: &RequestContext,
    session: &SessionRow,
    password: &str,
    now: i64,
) -> AppResult<()> {
    let identifier = session.user.email_address.as_str();
    super::sign::throttle_sign_in(state, ctx, identifier, now).await?;
    let _place = state.hash_queue.admit()?;
    let hash = state
        .db
        .find_user(&session.user.id)
        .await?
        .map(|u| u.password_hash);
    if crate::password::verify(password.to_owned(), hash).await? {
        return Ok(());
    }
    let user = &session.user.id;
    crate::audit::reverification(ctx, user, &session.id, STRATEGY_PASSWORD, false);
    Err(AppError::FormPasswordIncorrect)
}

/// The first factor of `params` (a password, or the mailed code) for `session`.
async fn attempt(
    state: &AppState,
    ctx: &RequestContext,
    session: &SessionRow,
    params: &Params,
    now: i64,
) -> AppResult<&'static str> {
    match params.optional("strategy", 64)? {
        None | Some(STRATEGY_PASSWORD) => {
            let password = params.required("password", super::sign::MAX_PASSWORD_CHARS)?;
            check_password(state, ctx, session, password, now).await?;
            Ok(STRATEGY_PASSWORD)
        }
        Some(STRATEGY_EMAIL_CODE) => {
            check_code(state, ctx, &session.id, params.required("code", 32)?, now).await?;
            state.db.delete_code(&session.id).await?;
            Ok(STRATEGY_EMAIL_CODE)
        }
        Some(s) => Err(AppError::StrategyNotAllowed {
            strategy: s.to_owned(),
        }),
    }
}

/// `POST /v1/client/sessions/{id}/verify`.
pub async fn verify(
    State(state): State<AppState>,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let (client, session, credential) = live_session(&state, &ctx, &id, now).await?;
    let strategy = params.optional("strategy", 64)?;
    let max = super::sign::MAX_PASSWORD_CHARS;
    if strategy.is_none() && params.optional("password", max)?.is_none() {
        let status = SESSION_VERIFICATION_NEEDS_FIRST_FACTOR;
        return answer(&state, &client, &id, credential, status, now).await;
    }
    if strategy == Some(STRATEGY_EMAIL_CODE) {
        return Err(AppError::VerificationNotReady(
            "A mailed code is prepared with verify/prepare_first_factor first.",
        ));
    }
    let used = attempt(&state, &ctx, &session, &params, now).await?;
    verified(&state, &ctx, &client, &session, used, now).await?;
    answer(&state, &client, &id, credential, STATUS_COMPLETE, now).await
}

/// `POST /v1/client/sessions/{id}/verify/prepare_first_factor` (`strategy=email_code`): mails a
/// code to the account's primary address.
pub async fn prepare_first_factor(
    State(state): State<AppState>,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let (client, session, credential) = live_session(&state, &ctx, &id, now).await?;
    match params.required("strategy", 64)? {
        STRATEGY_EMAIL_CODE => {}
        s => {
            return Err(AppError::StrategyNotAllowed {
                strategy: s.to_owned(),
            })
        }
    }
    let to = session.user.email_address.as_str();
    let c = CodeFor {
        attempt_id: &session.id,
        address: to,
        to: Some(to),
        user_id: Some(&session.user.id),
        kind: MailKind::SignInCode,
    };
    send_code(&state, &ctx, c, now).await?;
    let status = SESSION_VERIFICATION_NEEDS_FIRST_FACTOR;
    answer(&state, &client, &id, credential, status, now).await
}

/// `POST /v1/client/sessions/{id}/verify/attempt_first_factor` (`strategy=email_code` with
/// `code`, or `strategy=password` with `password`).
pub async fn attempt_first_factor(
    State(state): State<AppState>,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let (client, session, credential) = live_session(&state, &ctx, &id, now).await?;
    params.required("strategy", 64)?;
    let used = attempt(&state, &ctx, &session, &params, now).await?;
    verified(&state, &ctx, &client, &session, used, now).await?;
    answer(&state, &client, &id, credential, STATUS_COMPLETE, now).await
}
