//! The user's email addresses: `POST /v1/me/email_addresses` (`email_address`), `POST
//! /v1/me/email_addresses/{id}/prepare_verification` and `/attempt_verification`
//! (`strategy=email_code`, `code`), `DELETE /v1/me/email_addresses/{id}`; authorised by a session
//! token (`Authorization: Bearer`), answered as `{response, client}`.
//!
//! Rules:
//! - Adding and removing an address are sensitive ([`crate::reverification`]); verifying one
//!   the user added is not (the code proves the mailbox).
//! - An address another account has verified, or that this account holds already, is refused
//!   with 422 `form_identifier_exists`, the same answer in both cases and without saying which
//!   account has it (sign-up already answers `identifier_exists` for a taken address, so this
//!   tells nothing sign-up does not). An address another account holds *unverified* is
//!   accepted: an unverified address reserves nothing, and the first account to verify it gets
//!   it (a later verification elsewhere answers `form_identifier_exists`).
//! - An id of another account's address acts exactly like an unknown one: 404
//!   `resource_not_found`. The primary address cannot be deleted (422 `invalid_param`).
//! - Codes are those of [`crate::codes`] (6 digits, stored as an HMAC bound to the address id,
//!   tries, expiry, resend cooldown, hourly limits), mailed through the outbox.

use super::code_mail::{check_code, send_code, verification, CodeFor};
use super::{callers_client, envelope};
use crate::error::{AppError, AppResult};
use crate::http::auth::BearerSession;
use crate::http::body::Params;
use crate::http::context::RequestContext;
use crate::mail::MailKind;
use crate::reverification::require_recent;
use crate::state::AppState;
use crate::store::AddressRow;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::response::Response;
use clerk_protocol::{DeletedObject, EmailAddress, OBJECT_EMAIL_ADDRESS, STRATEGY_EMAIL_CODE};

/// An `idn_...` id from the path; anything else is `resource_not_found`.
#[derive(Debug)]
pub struct AddressIdPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for AddressIdPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::ResourceNotFound)?;
        if crate::secrets::is_valid_id(&id, "idn") {
            Ok(Self(id))
        } else {
            Err(AppError::ResourceNotFound)
        }
    }
}

/// Address `id` of user `user_id`, or `resource_not_found`.
async fn own_address(state: &AppState, id: &str, user_id: &str) -> AppResult<AddressRow> {
    state
        .db
        .find_address(id, user_id)
        .await?
        .ok_or(AppError::ResourceNotFound)
}

/// The resource of `a` with the state of its current code.
async fn resource(state: &AppState, a: &AddressRow, now: i64) -> AppResult<EmailAddress> {
    let mut r = a.to_resource();
    if a.verified_at.is_none() {
        r.verification = verification(state, &a.id, STRATEGY_EMAIL_CODE, false, now).await?;
    }
    Ok(r)
}

/// `strategy` must be `email_code`.
fn email_code_strategy(params: &Params) -> AppResult<()> {
    match params.required("strategy", 64)? {
        STRATEGY_EMAIL_CODE => Ok(()),
        s => Err(AppError::StrategyNotAllowed {
            strategy: s.to_owned(),
        }),
    }
}

/// An unverified address of the caller, for the verification calls.
async fn unverified(state: &AppState, id: &str, user_id: &str) -> AppResult<AddressRow> {
    let a = own_address(state, id, user_id).await?;
    if a.verified_at.is_some() {
        return Err(AppError::VerificationNotReady(
            "This address is verified already.",
        ));
    }
    Ok(a)
}

/// `POST /v1/me/email_addresses` (`email_address`): adds an unverified address.
pub async fn create(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let email = crate::identifier::sign_up_email(params.required("email_address", 254)?)?;
    require_recent(&state, &me, now)?;
    if state.db.find_user_by_email(&email).await?.is_some() {
        return Err(AppError::FormIdentifierExists);
    }
    let a = AddressRow {
        id: crate::secrets::new_id("idn")?,
        user_id: me.user.id.clone(),
        email_address: email,
        verified_at: None,
        verification_strategy: None,
    };
    state.db.add_address(&a, now).await?;
    crate::audit::address(&ctx, "email_address_added", &me.user.id, &a.id);
    let client = callers_client(&state, &ctx, now).await?;
    Ok(envelope(resource(&state, &a, now).await?, client, None))
}

/// `POST /v1/me/email_addresses/{id}/prepare_verification` (`strategy=email_code`): mails a
/// (new) code to the address.
pub async fn prepare_verification(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
    AddressIdPath(id): AddressIdPath,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let a = unverified(&state, &id, &me.user.id).await?;
    email_code_strategy(&params)?;
    let to = a.email_address.as_str();
    let c = CodeFor {
        attempt_id: &a.id,
        address: to,
        to: Some(to),
        user_id: Some(&me.user.id),
        kind: MailKind::SignUpVerification,
    };
    send_code(&state, &ctx, c, now).await?;
    let client = callers_client(&state, &ctx, now).await?;
    Ok(envelope(resource(&state, &a, now).await?, client, None))
}

/// `POST /v1/me/email_addresses/{id}/attempt_verification` (`strategy=email_code`, `code`).
pub async fn attempt_verification(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
    AddressIdPath(id): AddressIdPath,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let mut a = unverified(&state, &id, &me.user.id).await?;
    email_code_strategy(&params)?;
    check_code(&state, &ctx, &a.id, params.required("code", 32)?, now).await?;
    if !state.db.verify_address(&a.id, &me.user.id, now).await? {
        return Err(AppError::VerificationNotReady(
            "This address is verified already.",
        ));
    }
    state.db.delete_code(&a.id).await?;
    crate::audit::address(&ctx, "email_address_verified", &me.user.id, &a.id);
    a.verified_at = Some(now);
    a.verification_strategy = Some(STRATEGY_EMAIL_CODE.to_owned());
    let client = callers_client(&state, &ctx, now).await?;
    Ok(envelope(resource(&state, &a, now).await?, client, None))
}

/// `DELETE /v1/me/email_addresses/{id}`: removes an address that is not the primary one.
pub async fn delete(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
    AddressIdPath(id): AddressIdPath,
) -> AppResult<Response> {
    let now = state.now();
    own_address(&state, &id, &me.user.id).await?;
    let primary = || AppError::param("id", "the primary address cannot be removed");
    if me.user.primary_email_address_id.as_deref() == Some(id.as_str()) {
        return Err(primary());
    }
    require_recent(&state, &me, now)?;
    if !state.db.delete_address(&id, &me.user.id, now).await? {
        return Err(primary());
    }
    crate::audit::address(&ctx, "email_address_removed", &me.user.id, &id);
    let deleted = DeletedObject {
        object: OBJECT_EMAIL_ADDRESS.to_owned(),
        id,
        deleted: true,
    };
    let client = callers_client(&state, &ctx, now).await?;
    Ok(envelope(deleted, client, None))
}
