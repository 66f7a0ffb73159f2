//! Sign-ins with a mailed code: `strategy=email_code` (sign in without a password) and
//! `strategy=reset_password_email_code` (then [`super::reset_password`]).
//!
//! `POST /v1/client/sign_ins` with one of them ([`create`]) stores the attempt on this client
//! and mails a code: `needs_first_factor`. `prepare_first_factor` mails a new one (after the
//! cooldown), `attempt_first_factor` checks it: an `email_code` sign-in is then `complete` with
//! a new session on this client; a reset moves to `needs_new_password`.
//!
//! An unknown address gets the same answers, statuses and steps (its attempt stores a code no
//! digits match, its tries count down the same way) and no mail; only the account's owner can
//! ever get past `needs_first_factor`.

use super::attempts::{bind_client, own_sign_in, sign_in_resource, AttemptIdPath};
use super::code_mail::{check_code, send_code, CodeFor};
use super::{envelope, fresh_client};
use crate::credential::Credential;
use crate::error::{AppError, AppResult};
use crate::http::body::Params;
use crate::http::context::RequestContext;
use crate::mail::MailKind;
use crate::state::AppState;
use crate::store::SignInAttemptRow;
use axum::extract::State;
use axum::response::Response;
use clerk_protocol::{
    SIGN_IN_NEEDS_FIRST_FACTOR, SIGN_IN_NEEDS_NEW_PASSWORD, STATUS_COMPLETE, STRATEGY_EMAIL_CODE,
    STRATEGY_RESET_PASSWORD_EMAIL_CODE,
};

/// The mail a strategy sends.
fn kind(strategy: &str) -> MailKind {
    if strategy == STRATEGY_EMAIL_CODE {
        MailKind::SignInCode
    } else {
        MailKind::PasswordReset
    }
}

/// Whether `strategy` is a mailed-code one.
pub fn is_code_strategy(strategy: &str) -> bool {
    strategy == STRATEGY_EMAIL_CODE || strategy == STRATEGY_RESET_PASSWORD_EMAIL_CODE
}

/// Mails a code for `row` (to its account's address; none for an unknown address).
async fn mail_code(
    state: &AppState,
    ctx: &RequestContext,
    row: &SignInAttemptRow,
    now: i64,
) -> AppResult<()> {
    let to = row.user_id.is_some().then_some(row.identifier.as_str());
    let k = kind(&row.strategy);
    let user = row.user_id.as_deref();
    let c = CodeFor {
        attempt_id: &row.id,
        address: &row.identifier,
        to,
        user_id: user,
        kind: k,
    };
    send_code(state, ctx, c, now).await?;
    Ok(())
}

/// `POST /v1/client/sign_ins` with `identifier` and a mailed-code `strategy`.
pub async fn create(
    state: &AppState,
    ctx: &RequestContext,
    params: &Params,
    strategy: &str,
    now: i64,
) -> AppResult<Response> {
    state.email.allow(strategy)?;
    let identifier = crate::identifier::sign_in_identifier(params.required("identifier", 254)?)?;
    let user = state.db.find_user_by_email(&identifier).await?;
    let binding = bind_client(state, ctx, now).await?;
    let lifetime = state.config.file.verification_codes.attempt_lifetime_ms();
    let row = SignInAttemptRow {
        id: crate::secrets::new_id("sia")?,
        client_id: binding.client_id.clone(),
        identifier,
        user_id: user.map(|u| u.user.id),
        strategy: strategy.to_owned(),
        status: SIGN_IN_NEEDS_FIRST_FACTOR.to_owned(),
        created_session_id: None,
        abandon_at: now.saturating_add(lifetime),
        created_at: now,
    };
    state
        .db
        .insert_sign_in_attempt(binding.new_client.as_ref(), &row)
        .await?;
    let sent = mail_code(state, ctx, &row, now).await;
    // The client (and its cookie) exist now, whatever the mail's fate.
    let answer = match sent {
        Ok(()) => {
            let client = fresh_client(state, &row.client_id, now, Credential::Current).await?;
            envelope(sign_in_resource(state, &row, now).await?, client, None)
        }
        Err(e) => axum::response::IntoResponse::into_response(e),
    };
    Ok(with_cookie(answer, binding.cookie))
}

fn with_cookie(mut r: Response, cookie: Option<axum::http::HeaderValue>) -> Response {
    if let Some(c) = cookie {
        r.headers_mut().append(axum::http::header::SET_COOKIE, c);
    }
    r
}

/// The caller's sign-in `id` at `needs_first_factor`, with the `strategy` parameter it asks for.
async fn needing_first_factor(
    state: &AppState,
    ctx: &RequestContext,
    id: &str,
    params: &Params,
    now: i64,
) -> AppResult<(SignInAttemptRow, String)> {
    let (row, _) = own_sign_in(state, ctx, id, now).await?;
    let strategy = params.required("strategy", 64)?.to_owned();
    if row.status != SIGN_IN_NEEDS_FIRST_FACTOR {
        return Err(AppError::VerificationNotReady(
            "This sign-in is past its first factor.",
        ));
    }
    Ok((row, strategy))
}

/// `POST /v1/client/sign_ins/{id}/prepare_first_factor` (`strategy`): mails a new code (the
/// strategy may switch between `email_code` and `reset_password_email_code`).
pub async fn prepare_first_factor(
    State(state): State<AppState>,
    ctx: RequestContext,
    AttemptIdPath(id): AttemptIdPath,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let (mut row, strategy) = needing_first_factor(&state, &ctx, &id, &params, now).await?;
    if !is_code_strategy(&strategy) {
        return Err(AppError::StrategyNotAllowed { strategy });
    }
    state.email.allow(&strategy)?;
    if strategy != row.strategy {
        let status = SIGN_IN_NEEDS_FIRST_FACTOR;
        if !state
            .db
            .advance_sign_in_attempt(&row.id, status, status, &strategy, None, now)
            .await?
        {
            return Err(AppError::VerificationNotReady(
                "This sign-in is past its first factor.",
            ));
        }
        row.strategy = strategy;
    }
    mail_code(&state, &ctx, &row, now).await?;
    let client = fresh_client(&state, &row.client_id, now, Credential::Current).await?;
    Ok(envelope(
        sign_in_resource(&state, &row, now).await?,
        client,
        None,
    ))
}

/// `POST /v1/client/sign_ins/{id}/attempt_first_factor` (`strategy`, `code`).
pub async fn attempt_first_factor(
    State(state): State<AppState>,
    ctx: RequestContext,
    AttemptIdPath(id): AttemptIdPath,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let (mut row, strategy) = needing_first_factor(&state, &ctx, &id, &params, now).await?;
    if strategy != row.strategy {
        return Err(AppError::VerificationNotReady(
            "This sign-in was prepared for another strategy: prepare_first_factor first.",
        ));
    }
    state.email.allow(&strategy)?;
    let code = params.required("code", 32)?;
    check_code(&state, &ctx, &row.id, code, now).await?;
    // Only an account's own address ever had a code that matches.
    let user_id = row
        .user_id
        .clone()
        .ok_or(AppError::FormCodeIncorrect { attempts_left: 0 })?;
    let mut cookie = None;
    let mut client_id = row.client_id.clone();
    if strategy == STRATEGY_EMAIL_CODE {
        let caller = super::sign::signing_client(&state, &ctx, now).await?;
        let (session_id, cid, c) =
            super::sign::start_session(&state, &ctx, caller, &user_id, None, now).await?;
        state
            .db
            .advance_sign_in_attempt(
                &row.id,
                SIGN_IN_NEEDS_FIRST_FACTOR,
                STATUS_COMPLETE,
                &strategy,
                Some(&session_id),
                now,
            )
            .await?;
        crate::audit::sign_in_with_code(&ctx, &cid, &user_id, &session_id);
        row.status = STATUS_COMPLETE.to_owned();
        row.created_session_id = Some(session_id);
        (cookie, client_id) = (c, cid);
    } else {
        let moved = state
            .db
            .advance_sign_in_attempt(
                &row.id,
                SIGN_IN_NEEDS_FIRST_FACTOR,
                SIGN_IN_NEEDS_NEW_PASSWORD,
                &strategy,
                None,
                now,
            )
            .await?;
        if !moved {
            return Err(AppError::VerificationNotReady(
                "This sign-in is past its first factor.",
            ));
        }
        row.status = SIGN_IN_NEEDS_NEW_PASSWORD.to_owned();
    }
    let client = fresh_client(&state, &client_id, now, Credential::Current).await?;
    Ok(envelope(
        sign_in_resource(&state, &row, now).await?,
        client,
        cookie,
    ))
}
