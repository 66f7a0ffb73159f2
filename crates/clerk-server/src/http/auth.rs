//! [`BearerSession`]: `Authorization: Bearer <session token>`, verified as a JWT signed by this
//! server's key, within its minute, for a session that is still live.

use crate::error::AppError;
use crate::state::AppState;
use crate::store::SessionRow;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

/// The live session a valid Bearer token speaks for.
#[derive(Debug)]
pub struct BearerSession(pub SessionRow);

impl FromRequestParts<AppState> for BearerSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() <= 4096)
            .ok_or(AppError::AuthenticationInvalid)?;
        let now = state.now();
        let claims = state
            .keys
            .verify(token, &state.config.file.issuer, now.div_euclid(1000))?;
        let session = state
            .db
            .find_session(&claims.sid)
            .await?
            .ok_or(AppError::AuthenticationInvalid)?;
        if session.user.id != claims.sub || !session.is_live(now) {
            return Err(AppError::AuthenticationInvalid);
        }
        Ok(Self(session))
    }
}
