//! `GET /v1/me/sessions` and `POST /v1/me/sessions/{id}/revoke`: the signed-in user's sessions on
//! every device, authorised by a session token (`Authorization: Bearer`), not by the cookie.

use super::{envelope, fresh_client, SessionIdPath};
use crate::error::{AppError, AppResult};
use crate::http::auth::BearerSession;
use crate::http::context::RequestContext;
use crate::http::json::Json;
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use clerk_protocol::{SessionList, SessionStatus};

/// `GET /v1/me/sessions`: the user's live sessions, most recently active first, with
/// `latest_activity` (user agent, IP, whether on the calling client).
pub async fn list(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
) -> AppResult<Response> {
    let now = state.now();
    let current = ctx.client(&state, now).await?.map(|c| c.client.id);
    let rows = state.db.live_sessions_of_user(&me.user.id, now).await?;
    let data: Vec<_> = rows
        .iter()
        .map(|s| s.to_session_with_activity(now, current.as_deref()))
        .collect();
    let total_count = data.len() as u64;
    Ok(Json(SessionList { data, total_count }).into_response())
}

/// `POST /v1/me/sessions/{id}/revoke`: revokes one of the user's sessions on any device
/// (another user's session is `session_not_found`). Answers `{response: session, client}` with
/// the caller's client, if it has one.
pub async fn revoke(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
) -> AppResult<Response> {
    let now = state.now();
    let target = state
        .db
        .find_session(&id)
        .await?
        .filter(|s| s.user.id == me.user.id)
        .ok_or(AppError::SessionNotFound)?;
    let revoked = state
        .db
        .finish_session(&target.client_id, &target.id, SessionStatus::Revoked, now)
        .await?;
    if revoked {
        crate::audit::revoke(&ctx, &me.user.id, &target.id, &target.client_id);
    }
    state
        .db
        .clear_last_active_if(&target.client_id, &target.id, now)
        .await?;
    let current = ctx.client(&state, now).await?;
    let session = state
        .db
        .find_session(&id)
        .await?
        .ok_or(AppError::SessionNotFound)?;
    let session =
        session.to_session_with_activity(now, current.as_ref().map(|c| c.client.id.as_str()));
    let client = match current {
        Some(c) => fresh_client(&state, &c.client.id, now, c.credential).await?,
        None => None,
    };
    Ok(envelope(session, client, None))
}
