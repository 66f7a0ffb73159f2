//! `GET /v1/me`, `PATCH /v1/me` (`first_name`, `last_name`, `primary_email_address_id`) and
//! `DELETE /v1/me`: the signed-in user's own account, authorised by a session token
//! (`Authorization: Bearer`, see [`BearerSession`]), answered as `{response, client}` with the
//! caller's client (by its cookie; `null` without one).
//!
//! Rules: names are trimmed, at most 100 characters, and an empty one clears it; a change of
//! primary address and a deletion are sensitive ([`crate::reverification`]); only a verified
//! address of this account can become primary (an id of another account's address is
//! `resource_not_found`, like an unknown one). Each change is an audit line. Deleting the
//! account ends its sessions on every device and removes its data
//! ([`crate::store::Db::delete_account`]); its address then signs in like an unknown one.

use super::{callers_client, envelope};
use crate::error::{AppError, AppResult};
use crate::http::auth::BearerSession;
use crate::http::body::Params;
use crate::http::context::RequestContext;
use crate::reverification::require_recent;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use clerk_protocol::{DeletedObject, User, OBJECT_USER};

/// The longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// The user of session `session_id` as stored now (with its addresses).
pub async fn fresh_user(state: &AppState, session_id: &str) -> AppResult<User> {
    Ok(state
        .db
        .find_session(session_id)
        .await?
        .ok_or(AppError::AuthenticationInvalid)?
        .user)
}

/// A name parameter: `None` when absent (unchanged), `Some(None)` when sent empty (cleared).
fn name(params: &Params, key: &str) -> AppResult<Option<Option<String>>> {
    if params.is_empty_text(key) {
        return Ok(Some(None));
    }
    Ok(params
        .optional(key, MAX_NAME_CHARS)?
        .map(|s| Some(s.trim().to_owned()).filter(|s| !s.is_empty())))
}

/// `GET /v1/me`.
pub async fn get(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
) -> AppResult<Response> {
    let now = state.now();
    let client = callers_client(&state, &ctx, now).await?;
    Ok(envelope(me.user, client, None))
}

/// `PATCH /v1/me` (see the module docs).
pub async fn patch(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let user_id = me.user.id.as_str();
    let first = name(&params, "first_name")?;
    let last = name(&params, "last_name")?;
    let key = "primary_email_address_id";
    let primary = params.optional(key, 100)?;
    if let Some(id) = primary.filter(|id| me.user.primary_email_address_id.as_deref() != Some(id)) {
        let address = match crate::secrets::is_valid_id(id, "idn") {
            true => state.db.find_address(id, user_id).await?,
            false => None,
        };
        let address = address.ok_or(AppError::ResourceNotFound)?;
        let unverified = || AppError::param(key, "only a verified address can become primary");
        if address.verified_at.is_none() {
            return Err(unverified());
        }
        require_recent(&state, &me, now)?;
        if !state.db.set_primary(user_id, id, now).await? {
            return Err(unverified());
        }
        crate::audit::address(&ctx, "primary_email_changed", user_id, id);
    }
    let fields = match (first.is_some(), last.is_some()) {
        (true, true) => Some("first_name,last_name"),
        (true, false) => Some("first_name"),
        (false, true) => Some("last_name"),
        (false, false) => None,
    };
    if let Some(fields) = fields {
        let first = first.unwrap_or_else(|| me.user.first_name.clone());
        let last = last.unwrap_or_else(|| me.user.last_name.clone());
        state
            .db
            .set_names(user_id, first.as_deref(), last.as_deref(), now)
            .await?;
        crate::audit::user_updated(&ctx, user_id, fields);
    }
    let user = fresh_user(&state, &me.id).await?;
    let client = callers_client(&state, &ctx, now).await?;
    Ok(envelope(user, client, None))
}

/// `DELETE /v1/me` (see the module docs): `{response: {object: "user", id, deleted: true},
/// client}`.
pub async fn delete(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
) -> AppResult<Response> {
    let now = state.now();
    require_recent(&state, &me, now)?;
    let ended = state.db.delete_account(&me.user.id, now).await?;
    crate::audit::user_deleted(&ctx, &me.user.id, ended.len());
    let deleted = DeletedObject {
        object: OBJECT_USER.to_owned(),
        id: me.user.id,
        deleted: true,
    };
    let client = callers_client(&state, &ctx, now).await?;
    Ok(envelope(deleted, client, None))
}
