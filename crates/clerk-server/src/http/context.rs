//! [`RequestContext`]: what handlers need to know about the caller (peer IP, User-Agent, whether
//! the host is local, the client cookie) as one infallible extractor.

use super::cookie::{is_local_host, read_client_cookie};
use crate::error::AppError;
use crate::secrets::ClientSecret;
use crate::state::AppState;
use crate::store::ClientRow;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use std::net::SocketAddr;

/// Facts about the request.
#[derive(Debug)]
pub struct RequestContext {
    /// The peer's IP address (the socket's; proxies' headers are not trusted).
    pub ip: Option<String>,
    /// The `User-Agent` header, cut to 512 characters.
    pub user_agent: Option<String>,
    /// Whether cookies should carry `Secure` (false for localhost / 127.0.0.1 hosts).
    pub secure_cookies: bool,
    /// The well-formed `__client` cookie, if any (not yet checked against the database).
    pub cookie: Option<(String, ClientSecret)>,
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ci| ci.0.ip().to_string());
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(512).collect());
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        Ok(Self {
            ip,
            user_agent,
            secure_cookies: !is_local_host(host),
            cookie: read_client_cookie(&parts.headers),
        })
    }
}

impl RequestContext {
    /// The caller's client, if the cookie names one and its secret matches (constant time).
    pub async fn client(&self, state: &AppState) -> Result<Option<ClientRow>, AppError> {
        let Some((id, secret)) = &self.cookie else {
            return Ok(None);
        };
        Ok(state
            .db
            .find_client(id)
            .await?
            .filter(|c| secret.matches(&c.secret_hash)))
    }

    /// The caller's client, or `client_not_found`.
    pub async fn require_client(&self, state: &AppState) -> Result<ClientRow, AppError> {
        self.client(state).await?.ok_or(AppError::ClientNotFound)
    }
}
