//! [`RequestContext`]: what handlers need to know about the caller (client address, User-Agent,
//! how its cookie is named and flagged, the cookie itself) as one infallible extractor; and
//! [`Caller`], the client that cookie authenticates, with the sessions its credential may see.

use super::address::limit_key;
use super::cookie::CookiePolicy;
use crate::credential::Credential;
use crate::error::AppError;
use crate::secrets::ClientSecret;
use crate::state::AppState;
use crate::store::{ClientRow, SessionRow};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use std::net::{IpAddr, SocketAddr};

/// Facts about the request.
#[derive(Debug)]
pub struct RequestContext {
    /// The client's IP address: the socket's peer, or what trusted proxies forwarded for (see
    /// [`super::address`]).
    pub addr: Option<IpAddr>,
    /// The `User-Agent` header, cut to 512 characters.
    pub user_agent: Option<String>,
    /// The client cookie's name and attributes for this request.
    pub cookies: CookiePolicy,
    /// The well-formed client cookie, if any (not yet checked against the database).
    pub cookie: Option<(String, ClientSecret)>,
}

/// The client a request's cookie authenticates.
#[derive(Debug)]
pub struct Caller {
    /// The client row.
    pub client: ClientRow,
    /// Its sessions live at the request's time that the credential may see, oldest first.
    pub sessions: Vec<SessionRow>,
    /// Whether the cookie holds the current secret or the one the last sign-in replaced.
    pub credential: Credential,
}

impl FromRequestParts<AppState> for RequestContext {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ci| state.proxies.client_ip(ci.0.ip(), &parts.headers));
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
        let cookies = CookiePolicy::for_request(
            state.config.dev,
            host,
            state.credentials.cookie_max_age_secs(),
        );
        Ok(Self {
            addr,
            user_agent,
            cookie: cookies.read(&parts.headers),
            cookies,
        })
    }
}

impl RequestContext {
    /// The client's address as text (what sessions record and the audit trail shows).
    pub fn ip(&self) -> Option<String> {
        self.addr.map(|a| a.to_string())
    }

    /// The key rate limits count this client under (its address, or IPv6 /64; `?` if unknown).
    pub fn limit_key(&self) -> String {
        self.addr.map_or_else(|| "?".to_owned(), limit_key)
    }

    /// The caller's client at `now`, if the cookie names one, its secret is the current or the
    /// previous one (constant-time checks), and the client has not expired.
    pub async fn client(&self, state: &AppState, now: i64) -> Result<Option<Caller>, AppError> {
        let Some((id, secret)) = &self.cookie else {
            return Ok(None);
        };
        let Some((client, mut sessions)) = state.db.client_with_live_sessions(id, now).await?
        else {
            return Ok(None);
        };
        let Some(credential) = state
            .credentials
            .check(&client, secret, !sessions.is_empty(), now)
        else {
            return Ok(None);
        };
        sessions.retain(|s| credential.sees(&client, s));
        Ok(Some(Caller {
            client,
            sessions,
            credential,
        }))
    }

    /// The caller's client at `now`, or `client_not_found`.
    pub async fn require_client(&self, state: &AppState, now: i64) -> Result<Caller, AppError> {
        self.client(state, now)
            .await?
            .ok_or(AppError::ClientNotFound)
    }
}
