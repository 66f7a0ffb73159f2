//! Verified sign-up (`email_verification = "required"`): `POST /v1/client/sign_ups` stores an
//! unverified sign-up ([`create_pending`], no account and no session yet) and answers
//! `missing_requirements`; `prepare_verification` mails a code; `attempt_verification` with the
//! right code creates the account and its session on this client through the same
//! [`super::sign::start_session`] as an ordinary sign-up, with the same session rules.
//!
//! An unverified sign-up reserves nothing: another sign-up (on any browser) may use the same
//! address, the first to verify gets the account (the others get `identifier_exists`), and it
//! is forgotten at its `abandon_at` (`[verification_codes] attempt_lifetime_seconds`).

use super::attempts::{bind_client, owner, AttemptIdPath};
use super::code_mail::{check_code, send_code, verification, CodeFor};
use super::{envelope, fresh_client};
use crate::credential::Credential;
use crate::error::{AppError, AppResult};
use crate::http::body::Params;
use crate::http::context::RequestContext;
use crate::mail::MailKind;
use crate::state::AppState;
use crate::store::{SignUpAttemptRow, UserRow};
use axum::extract::State;
use axum::response::Response;
use clerk_protocol::{
    SignUp, SignUpVerifications, OBJECT_SIGN_UP, SIGN_UP_MISSING_REQUIREMENTS, STATUS_COMPLETE,
    STRATEGY_EMAIL_CODE,
};

const EMAIL_ADDRESS: &str = "email_address";

/// The `SignUp` resource of a stored attempt at `now`.
async fn resource(state: &AppState, row: &SignUpAttemptRow, now: i64) -> AppResult<SignUp> {
    let complete = row.status == STATUS_COMPLETE;
    let v = verification(state, &row.id, STRATEGY_EMAIL_CODE, complete, now).await?;
    Ok(SignUp {
        object: OBJECT_SIGN_UP.to_owned(),
        id: row.id.clone(),
        status: row.status.clone(),
        email_address: Some(row.email_address.clone()),
        missing_fields: Vec::new(),
        unverified_fields: if complete {
            Vec::new()
        } else {
            vec![EMAIL_ADDRESS.to_owned()]
        },
        verifications: SignUpVerifications {
            email_address: Some(v),
        },
        abandon_at: (!complete).then_some(row.abandon_at),
        created_session_id: row.created_session_id.clone(),
        created_user_id: row.created_user_id.clone(),
    })
}

/// Stores the unverified sign-up of `new_user` on the caller's client (creating one if
/// needed) and answers `missing_requirements`.
pub async fn create_pending(
    state: &AppState,
    ctx: &RequestContext,
    new_user: UserRow,
    now: i64,
) -> AppResult<Response> {
    let binding = bind_client(state, ctx, now).await?;
    let lifetime = state.config.file.verification_codes.attempt_lifetime_ms();
    let row = SignUpAttemptRow {
        id: crate::secrets::new_id("sua")?,
        client_id: binding.client_id.clone(),
        email_address: new_user.user.email_address,
        password_hash: new_user.password_hash,
        first_name: new_user.user.first_name,
        last_name: new_user.user.last_name,
        status: SIGN_UP_MISSING_REQUIREMENTS.to_owned(),
        created_user_id: None,
        created_session_id: None,
        abandon_at: now.saturating_add(lifetime),
        created_at: now,
    };
    state
        .db
        .insert_sign_up_attempt(binding.new_client.as_ref(), &row)
        .await?;
    crate::audit::sign_up_pending(ctx, &row.client_id, &row.id);
    let client = fresh_client(state, &row.client_id, now, Credential::Current).await?;
    Ok(envelope(
        resource(state, &row, now).await?,
        client,
        binding.cookie,
    ))
}

/// The caller's unfinished sign-up `id`, and its `strategy` parameter (`email_code` only).
async fn pending(
    state: &AppState,
    ctx: &RequestContext,
    id: &str,
    params: &Params,
    now: i64,
) -> AppResult<SignUpAttemptRow> {
    if !crate::secrets::is_valid_id(id, "sua") {
        return Err(AppError::ResourceNotFound);
    }
    let row = state
        .db
        .find_sign_up_attempt(id)
        .await?
        .ok_or(AppError::ResourceNotFound)?;
    owner(state, ctx, &row.client_id, row.abandon_at, now).await?;
    let strategy = params.required("strategy", 64)?;
    if strategy != STRATEGY_EMAIL_CODE {
        return Err(AppError::StrategyNotAllowed {
            strategy: strategy.to_owned(),
        });
    }
    if row.status != SIGN_UP_MISSING_REQUIREMENTS {
        return Err(AppError::VerificationNotReady(
            "This sign-up is complete: there is nothing left to verify.",
        ));
    }
    Ok(row)
}

/// `POST /v1/client/sign_ups/{id}/prepare_verification` (`strategy=email_code`): mails a new
/// code to the sign-up's address.
pub async fn prepare_verification(
    State(state): State<AppState>,
    ctx: RequestContext,
    AttemptIdPath(id): AttemptIdPath,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let row = pending(&state, &ctx, &id, &params, now).await?;
    let to = row.email_address.as_str();
    let c = CodeFor {
        attempt_id: &row.id,
        address: to,
        to: Some(to),
        user_id: None,
        kind: MailKind::SignUpVerification,
    };
    send_code(&state, &ctx, c, now).await?;
    let client = fresh_client(&state, &row.client_id, now, Credential::Current).await?;
    Ok(envelope(resource(&state, &row, now).await?, client, None))
}

/// `POST /v1/client/sign_ups/{id}/attempt_verification` (`strategy=email_code`, `code`): with
/// the right code, creates the account and its session on this client.
pub async fn attempt_verification(
    State(state): State<AppState>,
    ctx: RequestContext,
    AttemptIdPath(id): AttemptIdPath,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let mut row = pending(&state, &ctx, &id, &params, now).await?;
    let code = params.required("code", 32)?;
    check_code(&state, &ctx, &row.id, code, now).await?;
    let caller = super::sign::signing_client(&state, &ctx, now).await?;
    let new_user = crate::new_account::build(
        crate::new_account::NewAccount {
            email_address: row.email_address.clone(),
            first_name: row.first_name.clone(),
            last_name: row.last_name.clone(),
            password_hash: row.password_hash.clone(),
            verified_by: clerk_protocol::STRATEGY_EMAIL_CODE,
        },
        now,
    )?;
    let user = new_user.user.clone();
    let (session_id, client_id, cookie) =
        super::sign::start_session(&state, &ctx, caller, &user.id, Some(&new_user), now).await?;
    state
        .db
        .complete_sign_up_attempt(&row.id, &user.id, &session_id, now)
        .await?;
    crate::audit::sign_up(&ctx, &client_id, &user.id, &session_id);
    row.status = STATUS_COMPLETE.to_owned();
    row.created_user_id = Some(user.id);
    row.created_session_id = Some(session_id);
    let client = fresh_client(&state, &client_id, now, Credential::Current).await?;
    Ok(envelope(resource(&state, &row, now).await?, client, cookie))
}
