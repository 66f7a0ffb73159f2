//! `GET /v1/images/{sha256 hex}.png`: a stored profile picture, by the hash of its bytes.
//!
//! Security rules: a name that is not 64 lowercase hex digits and `.png` is 404 before the
//! database is asked; the answer is always `image/png` with `X-Content-Type-Options: nosniff`
//! and `Content-Security-Policy: default-src 'none'; sandbox`, so an image URL can never be
//! run as a page or a script, whatever its bytes; `Cross-Origin-Resource-Policy: cross-origin`
//! lets apps on other origins show it. A name never changes content, so it is cached for a year
//! as `immutable`, with the hash as its `ETag` (304 on a match).

use crate::error::{AppError, AppResult};
use crate::profile_image::is_hash;
use crate::state::AppState;
use crate::static_cache::etag_matches;
use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;

/// `Cache-Control` of every image.
pub const CACHE_CONTROL: &str = "public, max-age=31536000, immutable";
/// `Content-Security-Policy` of every image.
pub const CSP: &str = "default-src 'none'; sandbox";

/// `GET /v1/images/{name}` (see the module docs).
pub async fn get(
    State(state): State<AppState>,
    name: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let Path(name) = name.map_err(|_| AppError::ResourceNotFound)?;
    let hash = name
        .strip_suffix(".png")
        .filter(|h| is_hash(h))
        .ok_or(AppError::ResourceNotFound)?;
    let image = state
        .db
        .profile_image(hash)
        .await?
        .ok_or(AppError::ResourceNotFound)?;
    let etag = format!("\"{hash}\"");
    let not_modified = etag_matches(&headers, &etag);
    let (status, body) = match not_modified {
        true => (StatusCode::NOT_MODIFIED, Body::empty()),
        false => (StatusCode::OK, Body::from(image.bytes)),
    };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    let pairs: [(HeaderName, &str); 6] = [
        (header::CONTENT_TYPE, super::profile_image::CONTENT_TYPE),
        (header::CACHE_CONTROL, CACHE_CONTROL),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::CONTENT_SECURITY_POLICY, CSP),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            "cross-origin",
        ),
        (header::ETAG, &etag),
    ];
    for (name, value) in pairs {
        let value = HeaderValue::from_str(value)
            .map_err(|_| AppError::Internal("an image header is not a header value".into()))?;
        h.insert(name, value);
    }
    Ok(r)
}
