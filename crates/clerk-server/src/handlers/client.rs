//! `GET /v1/client` (the hot path), `DELETE /v1/client` and `DELETE /v1/client/sessions`
//! (each also as `POST ?_method=DELETE`).
//!
//! A caller holding the previous client secret (see [`crate::credential`]) sees and signs out
//! of only the sessions created before the last sign-in, and never deletes the client or
//! expires the cookie: the browser's current cookie belongs to whoever signed in since.

use super::{client_resource, envelope, fresh_client, is_delete_override};
use crate::credential::Credential;
use crate::error::{AppError, AppResult};
use crate::http::context::{Caller, RequestContext};
use crate::http::json::json_bytes;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, Uri};
use axum::response::Response;
use clerk_protocol::SessionStatus;

/// `GET /v1/client`: `{response: client, client}`, or nulls without a valid cookie. One indexed
/// query (or the cache) reads the client, its live sessions and their users; the secret is
/// checked in constant time before anything is answered; the client is serialized once.
pub async fn get_client(State(state): State<AppState>, ctx: RequestContext) -> AppResult<Response> {
    const NULLS: &[u8] = br#"{"response":null,"client":null}"#;
    let now = state.now();
    let Some(caller) = ctx.client(&state, now).await? else {
        return Ok(json_bytes(NULLS.to_vec()));
    };
    let client = client_resource(caller.client, &caller.sessions, now);
    let mut body = Vec::with_capacity(1024 * (caller.sessions.len() + 1));
    body.extend_from_slice(br#"{"response":"#);
    serde_json::to_writer(&mut body, &client).map_err(|e| AppError::Internal(e.to_string()))?;
    let json_start = br#"{"response":"#.len();
    let json_end = body.len();
    body.extend_from_slice(br#","client":"#);
    body.extend_from_within(json_start..json_end);
    body.push(b'}');
    Ok(json_bytes(body))
}

/// Ends the sessions `caller` may see: all of the client's with the current secret, only the
/// visible ones with the previous secret.
async fn end_sessions(state: &AppState, caller: &Caller, now: i64) -> AppResult<()> {
    let id = &caller.client.id;
    match caller.credential {
        Credential::Current => Ok(state.db.end_client_sessions(id, now).await?),
        Credential::Previous => {
            for s in &caller.sessions {
                state
                    .db
                    .finish_session(id, &s.id, SessionStatus::Ended, now)
                    .await?;
                state.db.clear_last_active_if(id, &s.id, now).await?;
            }
            Ok(())
        }
    }
}

/// `DELETE /v1/client`: ends every session of the client, forgets it and expires the cookie.
pub async fn delete_client(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> AppResult<Response> {
    let now = state.now();
    let caller = ctx.client(&state, now).await?;
    if let Some(caller) = &caller {
        end_sessions(&state, caller, now).await?;
        if caller.credential == Credential::Previous {
            return Ok(envelope(None::<()>, None, None));
        }
        state.db.delete_client(&caller.client.id).await?;
        crate::audit::sign_out_all(&ctx, &caller.client.id, caller.sessions.len());
    }
    let mut r = envelope(None::<()>, None, None);
    r.headers_mut()
        .append(header::SET_COOKIE, ctx.cookies.expire());
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

/// `DELETE /v1/client/sessions`: signs out of every session on this client (that the caller
/// may see); answers with the (now empty) client as both `response` and `client`.
pub async fn end_all_sessions(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> AppResult<Response> {
    let now = state.now();
    let Some(caller) = ctx.client(&state, now).await? else {
        return Ok(envelope(None::<()>, None, None));
    };
    end_sessions(&state, &caller, now).await?;
    if caller.credential == Credential::Current {
        state
            .db
            .set_last_active(&caller.client.id, None, now)
            .await?;
    }
    crate::audit::sign_out_all(&ctx, &caller.client.id, caller.sessions.len());
    let client = fresh_client(&state, &caller.client.id, now, caller.credential).await?;
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
