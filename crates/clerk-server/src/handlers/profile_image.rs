//! `POST /v1/me/profile_image` (multipart field `file`) and `DELETE /v1/me/profile_image`: the
//! signed-in user's picture, authorised by a session token (`Authorization: Bearer`), answered
//! as `{response: user, client}` like the other `/v1/me` routes.
//!
//! Rules: the body is at most [`MAX_UPLOAD_BYTES`] (a larger `Content-Length` is refused before
//! anything is read, a longer stream when it passes the limit: 413 `payload_too_large`); the
//! file goes through [`crate::profile_image`] (422 `image_invalid` / `image_too_large`); only the
//! re-encoded square is stored, and `image_url` becomes `<public base>/v1/images/<sha256>.png`
//! ([`public_base`]). A picture is not a sensitive change (no re-verification). Another
//! user's picture is never touched, even when it is the same image. Each change is an audit
//! line.

use super::account::fresh_user;
use super::{callers_client, envelope};
use crate::error::{AppError, AppResult};
use crate::http::auth::BearerSession;
use crate::http::context::RequestContext;
use crate::profile_image::{self, MAX_UPLOAD_BYTES};
use crate::state::AppState;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;

/// The content type of every stored picture.
pub const CONTENT_TYPE: &str = "image/png";

/// The multipart field that holds the file.
pub const FIELD: &str = "file";

/// The start of image URLs: `[http] public_url` when set; else the request's `Host` (when it
/// is a plain host name or address, with an optional port), `http://` in `--dev`, otherwise
/// `https://` (behind the TLS proxy); else nothing (a URL relative to this server).
pub fn public_base(state: &AppState, headers: &HeaderMap) -> String {
    let configured = state.config.file.http.public_url.trim_end_matches('/');
    if !configured.is_empty() {
        return configured.to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
                })
        });
    match host {
        Some(host) if state.config.dev => format!("http://{host}"),
        Some(host) => format!("https://{host}"),
        None => String::new(),
    }
}

fn unreadable(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge
    } else {
        AppError::InvalidBody("the multipart/form-data body could not be read".into())
    }
}

/// The bytes of field [`FIELD`] (other fields are skipped).
async fn file_field(multipart: Result<Multipart, MultipartRejection>) -> AppResult<Vec<u8>> {
    let mut multipart = multipart.map_err(|_| {
        AppError::InvalidBody("send the picture as multipart/form-data with a boundary".into())
    })?;
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        if field.name() == Some(FIELD) {
            return Ok(field.bytes().await.map_err(unreadable)?.to_vec());
        }
    }
    Err(AppError::param(FIELD, "file is required"))
}

/// `POST /v1/me/profile_image` (see the module docs).
pub async fn upload(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_UPLOAD_BYTES as u64) {
        return Err(AppError::PayloadTooLarge);
    }
    let bytes = file_field(multipart).await?;
    if bytes.is_empty() {
        return Err(AppError::ImageInvalid("the file is empty"));
    }
    let square = profile_image::square(bytes).await?;
    let url = format!(
        "{}{}",
        public_base(&state, &headers),
        clerk_protocol::routes::image(&square.hash)
    );
    let now = state.now();
    let user_id = me.user.id.as_str();
    state
        .db
        .set_profile_image(user_id, &square.hash, CONTENT_TYPE, &square.png, &url, now)
        .await?;
    crate::audit::profile_image(&ctx, user_id, Some(&square.hash));
    let user = fresh_user(&state, &me.id).await?;
    let client = callers_client(&state, &ctx, now).await?;
    Ok(envelope(user, client, None))
}

/// `DELETE /v1/me/profile_image`: clears the picture (`image_url: null`); answers the user
/// whether or not there was one.
pub async fn remove(
    State(state): State<AppState>,
    BearerSession(me): BearerSession,
    ctx: RequestContext,
) -> AppResult<Response> {
    let now = state.now();
    if state.db.remove_profile_image(&me.user.id, now).await? {
        crate::audit::profile_image(&ctx, &me.user.id, None);
    }
    let user = fresh_user(&state, &me.id).await?;
    let client = callers_client(&state, &ctx, now).await?;
    Ok(envelope(user, client, None))
}
