//! `POST /v1/client/sessions/{id}/touch`, `/tokens` and `/remove`: calls on one session of the
//! caller's client. A session of another client is `session_not_found`, exactly like an unknown
//! one, so ids of other browsers' sessions reveal nothing.

use super::{client_resource, envelope, fresh_client, SessionIdPath};
use crate::credential::Credential;
use crate::error::{AppError, AppResult};
use crate::http::body::Params;
use crate::http::context::RequestContext;
use crate::http::json::Json;
use crate::jwt::{Claims, SESSION_TOKEN_VERSION, TOKEN_LIFETIME_SECS};
use crate::jwt_templates::template_param;
use crate::state::AppState;
use crate::store::{ActivityWrite, ClientRow, SessionRow};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use clerk_protocol::{SessionStatus, Token, OBJECT_TOKEN};

/// The caller's client and its session `id` (any status): one query (or the cache), then the
/// cookie's secret checked in constant time; a session the credential may not see (created
/// after the sign-in that replaced a previous secret) is `session_not_found`.
pub(super) async fn own_session(
    state: &AppState,
    ctx: &RequestContext,
    id: &str,
    now: i64,
) -> AppResult<(ClientRow, SessionRow, Credential)> {
    let (client_id, secret) = ctx.cookie.as_ref().ok_or(AppError::ClientNotFound)?;
    let (client, session, has_live) = state
        .db
        .client_and_session(client_id, id, now)
        .await?
        .ok_or(AppError::ClientNotFound)?;
    let credential = state
        .credentials
        .check(&client, secret, has_live, now)
        .ok_or(AppError::ClientNotFound)?;
    let session = session
        .filter(|s| credential.sees(&client, s))
        .ok_or(AppError::SessionNotFound)?;
    Ok((client, session, credential))
}

/// Records activity at `now` on the live `session` of `client` and, with `make_last_active`,
/// makes it the client's last active one, writing only what changes: activity within the
/// granularity of the stored `last_active_at` is not written
/// ([`crate::lifetime::LifetimePolicy::records_activity`]), nor a switch to the session already
/// last active. One guarded statement or transaction at most, so a session revoked meanwhile (by
/// any process) gets `session_expired`, not a new lease of life. `client` and `session` are
/// patched to what is now stored.
async fn record_activity(
    state: &AppState,
    client: &mut ClientRow,
    session: &mut SessionRow,
    now: i64,
    make_last_active: bool,
) -> AppResult<()> {
    let policy = &state.policy;
    let abandon_at = policy
        .records_activity(session.last_active_at, now)
        .then(|| policy.abandon_at(now, session.expire_at));
    let switch =
        make_last_active && client.last_active_session_id.as_deref() != Some(session.id.as_str());
    let write = ActivityWrite {
        client_id: &client.id,
        session_id: &session.id,
        now,
        abandon_at,
        make_last_active: switch,
    };
    if !state.db.record_activity(write).await? {
        return Err(AppError::SessionExpired);
    }
    if let Some(abandon_at) = abandon_at {
        session.last_active_at = now;
        session.abandon_at = abandon_at;
        session.updated_at = now;
    }
    if switch {
        client.last_active_session_id = Some(session.id.clone());
        client.updated_at = now;
    }
    Ok(())
}

/// `touch`: makes the session the client's last active one and records activity. One read (the
/// client with its live sessions, as `GET /v1/client` reads it), at most one write, and the
/// answer built from what was read, patched with what was written: the same client a fresh read
/// would give. An unknown or dead session costs one more read, to tell which.
pub async fn touch(
    State(state): State<AppState>,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
) -> AppResult<Response> {
    let now = state.now();
    let caller = ctx.require_client(&state, now).await?;
    let (mut client, mut sessions) = (caller.client, caller.sessions);
    let Some(i) = sessions.iter().position(|s| s.id == id) else {
        // Not live at `now`: `session_not_found` if it is not this client's at all.
        own_session(&state, &ctx, &id, now).await?;
        return Err(AppError::SessionExpired);
    };
    record_activity(&state, &mut client, &mut sessions[i], now, true).await?;
    let response = sessions[i].to_session(now);
    Ok(envelope(
        response,
        Some(client_resource(client, &sessions, now)),
        None,
    ))
}

/// `tokens`: a 60-second session token for a live session, or with `template=NAME` one shaped by
/// that JWT template (its claims and lifetime). Minting counts as activity either way: one read
/// (client and session), and a write only when the activity is not coalesced.
pub async fn tokens(
    State(state): State<AppState>,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
    params: Params,
) -> AppResult<Response> {
    let template = template_param(&params)?;
    let now = state.now();
    let (mut client, mut session, _) = own_session(&state, &ctx, &id, now).await?;
    if !session.is_live(now) {
        return Err(AppError::SessionExpired);
    }
    // A session token says so (`v`); a template token never does (see `crate::jwt`).
    let (lifetime_secs, custom, v) = match template {
        Some(name) => {
            let t = state.templates.get(name)?;
            (t.lifetime_secs, &t.claims, None)
        }
        None => (
            TOKEN_LIFETIME_SECS,
            &state.custom_claims,
            Some(SESSION_TOKEN_VERSION),
        ),
    };
    record_activity(&state, &mut client, &mut session, now, false).await?;
    let iat = now.div_euclid(1000);
    let claims = Claims {
        sub: session.user.id.clone(),
        sid: session.id.clone(),
        iss: state.config.file.issuer.clone(),
        iat,
        nbf: iat,
        exp: iat + lifetime_secs,
        fva: v.map(|_| crate::reverification::fva_claim(session.factor_verified_at, now)),
        v,
    };
    let jwt = state.keys.sign(&claims, custom)?;
    Ok(Json(Token {
        object: OBJECT_TOKEN.to_owned(),
        jwt,
    })
    .into_response())
}

/// `remove`: signs out of this one session; the client's other sessions stay. If it was the last
/// active one, `last_active_session_id` becomes null (the SDK shows the account chooser).
pub async fn remove(
    State(state): State<AppState>,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
) -> AppResult<Response> {
    let now = state.now();
    let (client, session, credential) = own_session(&state, &ctx, &id, now).await?;
    let finished = state
        .db
        .finish_session(&client.id, &session.id, SessionStatus::Removed, now)
        .await?;
    if finished {
        crate::audit::sign_out(&ctx, &client.id, &session.user.id, &session.id);
    }
    state
        .db
        .clear_last_active_if(&client.id, &session.id, now)
        .await?;
    let session = state
        .db
        .find_session(&id)
        .await?
        .ok_or(AppError::SessionNotFound)?;
    Ok(envelope(
        session.to_session(now),
        fresh_client(&state, &client.id, now, credential).await?,
        None,
    ))
}
