//! Request handlers of the Frontend API, one file per area, and the helpers they share:
//! building the [`Client`] resource, envelopes, session-id paths, the method override and the
//! JSON 404/405 fallbacks.

pub mod account;
pub mod attempts;
pub mod client;
pub mod code_mail;
pub mod email_addresses;
pub mod images;
pub mod me;
pub mod password_change;
pub mod profile_image;
pub mod reset_password;
pub mod reverify;
pub mod sessions;
pub mod sign;
pub mod sign_in_factors;
pub mod sign_up_verify;

use crate::credential::Credential;
use crate::error::{AppError, AppResult};
use crate::http::json::{json_bytes, Json};
use crate::state::AppState;
use crate::store::{ClientRow, SessionRow};
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use clerk_protocol::{Client, ClientEnvelope, OBJECT_CLIENT};
use serde::Serialize;

/// The client resource at `now` from its row and its live sessions (as
/// [`crate::store::Db::client_with_live_sessions`] reads them); the last active session is kept
/// only if it is still live.
pub fn client_resource(row: ClientRow, sessions: &[SessionRow], now: i64) -> Client {
    let last_active_session_id = row
        .last_active_session_id
        .filter(|id| sessions.iter().any(|s| s.id == *id));
    Client {
        object: OBJECT_CLIENT.to_owned(),
        id: row.id,
        sessions: sessions.iter().map(|s| s.to_session(now)).collect(),
        last_active_session_id,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// The fresh client `client_id` as `credential` sees it, re-read (one query, or the cache).
pub async fn fresh_client(
    state: &AppState,
    client_id: &str,
    now: i64,
    credential: Credential,
) -> AppResult<Option<Client>> {
    Ok(state
        .db
        .client_with_live_sessions(client_id, now)
        .await?
        .map(|(row, sessions)| {
            let visible: Vec<SessionRow> = sessions
                .into_iter()
                .filter(|s| credential.sees(&row, s))
                .collect();
            client_resource(row, &visible, now)
        }))
}

/// The caller's client (by its cookie) as it is now, or `None` without a valid cookie: what the
/// `/v1/me` calls answer beside their resource.
pub async fn callers_client(
    state: &AppState,
    ctx: &crate::http::context::RequestContext,
    now: i64,
) -> AppResult<Option<Client>> {
    match ctx.client(state, now).await? {
        Some(c) => fresh_client(state, &c.client.id, now, c.credential).await,
        None => Ok(None),
    }
}

/// `{response, client}` as a response, with an optional `Set-Cookie`.
pub fn envelope<T: Serialize>(
    response: T,
    client: Option<Client>,
    set_cookie: Option<HeaderValue>,
) -> Response {
    let mut r = Json(ClientEnvelope { response, client }).into_response();
    if let Some(cookie) = set_cookie {
        r.headers_mut().append(header::SET_COOKIE, cookie);
    }
    r
}

/// A `sess_...` id from the path; anything else is `session_not_found`.
#[derive(Debug)]
pub struct SessionIdPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for SessionIdPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::SessionNotFound)?;
        if crate::secrets::is_valid_id(&id, "sess") {
            Ok(Self(id))
        } else {
            Err(AppError::SessionNotFound)
        }
    }
}

/// Whether a POST carries `?_method=DELETE` (for clients that cannot send DELETE).
pub fn is_delete_override(uri: &Uri) -> bool {
    uri.query().is_some_and(|q| {
        form_urlencoded::parse(q.as_bytes())
            .any(|(k, v)| k == "_method" && v.eq_ignore_ascii_case("delete"))
    })
}

/// `GET /v1/environment`.
pub async fn environment(State(state): State<AppState>) -> Response {
    json_bytes(state.environment_json.clone())
}

/// `GET /.well-known/jwks.json`.
pub async fn jwks(State(state): State<AppState>) -> Response {
    let mut r = Json(state.keys.jwks()).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    r
}

/// Any route that does not exist: static files when configured, else 404 `resource_not_found`.
pub async fn fallback(
    State(state): State<AppState>,
    method: axum::http::Method,
    uri: Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    crate::static_files::serve(&state, &method, &uri, &headers)
        .await
        .unwrap_or_else(|| AppError::ResourceNotFound.into_response())
}

/// A route that exists, with the wrong method: 405 `method_not_allowed`.
pub async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
