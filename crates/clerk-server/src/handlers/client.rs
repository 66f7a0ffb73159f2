//! `GET /v1/client` (the hot path), `DELETE /v1/client` and `DELETE /v1/client/sessions`
//! (each also as `POST ?_method=DELETE`).

use super::{client_resource, envelope, is_delete_override};
use crate::error::{AppError, AppResult};
use crate::http::context::RequestContext;
use crate::http::cookie::expire_client_cookie;
use crate::http::json::json_bytes;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, Uri};
use axum::response::Response;

/// `GET /v1/client`: `{response: client, client}`, or nulls without a valid cookie. One indexed
/// query reads the client, its live sessions and their users; the secret is checked in constant
/// time before anything is answered; the client is serialized once.
pub async fn get_client(State(state): State<AppState>, ctx: RequestContext) -> AppResult<Response> {
    const NULLS: &[u8] = br#"{"response":null,"client":null}"#;
    let Some((id, secret)) = &ctx.cookie else {
        return Ok(json_bytes(NULLS.to_vec()));
    };
    let now = state.now();
    let found = state.db.client_with_live_sessions(id, now).await?;
    let Some((row, sessions)) = found.filter(|(row, _)| secret.matches(&row.secret_hash)) else {
        return Ok(json_bytes(NULLS.to_vec()));
    };
    let client = client_resource(row, &sessions, now);
    let mut body = Vec::with_capacity(1024 * (sessions.len() + 1));
    body.extend_from_slice(br#"{"response":"#);
    serde_json::to_writer(&mut body, &client).map_err(|e| AppError::Internal(e.to_string()))?;
    let json_start = br#"{"response":"#.len();
    let json_end = body.len();
    body.extend_from_slice(br#","client":"#);
    body.extend_from_within(json_start..json_end);
    body.push(b'}');
    Ok(json_bytes(body))
}

/// `DELETE /v1/client`: ends every session of the client, forgets it and expires the cookie.
pub async fn delete_client(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> AppResult<Response> {
    if let Some(row) = ctx.client(&state).await? {
        let now = state.now();
        state.db.end_client_sessions(&row.id, now).await?;
        state.db.delete_client(&row.id).await?;
    }
    let mut r = envelope(None::<()>, None, None);
    r.headers_mut()
        .append(header::SET_COOKIE, expire_client_cookie(ctx.secure_cookies));
    Ok(r)
}

/// `POST /v1/client?_method=DELETE`.
pub async fn post_client(
    state: State<AppState>,
    ctx: RequestContext,
    uri: Uri,
) -> AppResult<Response> {
    if is_delete_override(&uri) {
        delete_client(state, ctx).await
    } else {
        Err(AppError::MethodNotAllowed)
    }
}

/// `DELETE /v1/client/sessions`: signs out of every session on this client; answers with the
/// (now empty) client as both `response` and `client`.
pub async fn end_all_sessions(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> AppResult<Response> {
    let Some(row) = ctx.client(&state).await? else {
        return Ok(envelope(None::<()>, None, None));
    };
    let now = state.now();
    state.db.end_client_sessions(&row.id, now).await?;
    state.db.set_last_active(&row.id, None, now).await?;
    let client = super::fresh_client(&state, &row.id, now).await?;
    Ok(envelope(client.clone(), client, None))
}

/// `POST /v1/client/sessions?_method=DELETE`.
pub async fn post_sessions(
    state: State<AppState>,
    ctx: RequestContext,
    uri: Uri,
) -> AppResult<Response> {
    if is_delete_override(&uri) {
        end_all_sessions(state, ctx).await
    } else {
        Err(AppError::MethodNotAllowed)
    }
}
