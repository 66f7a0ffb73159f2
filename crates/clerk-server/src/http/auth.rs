//! [`BearerSession`]: `Authorization: Bearer <session token>`, verified as a session token
//! signed by this server's key, within its minute, for a session that is still live.
//!
//! Security rules: only the default session token (`v: 2`, at most 60 s long) authenticates:
//! a JWT-template token (up to an hour long, handed to third parties such as Supabase or an
//! app's backend) is refused with 401 `authentication_invalid`, so whoever holds one cannot
//! list or revoke the user's sessions. The scheme is matched case-insensitively (RFC 7235).

use crate::error::AppError;
use crate::jwt::TokenKind;
use crate::state::AppState;
use crate::store::SessionRow;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

/// The largest token accepted, in bytes.
const MAX_TOKEN_BYTES: usize = 4096;

/// The live session a valid Bearer token speaks for.
#[derive(Debug)]
pub struct BearerSession(pub SessionRow);

/// The token of an `Authorization` header value with the Bearer scheme (in any case).
pub fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim_start().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && token.len() <= MAX_TOKEN_BYTES)
        .then_some(token)
}

impl FromRequestParts<AppState> for BearerSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(bearer_token)
            .ok_or(AppError::AuthenticationInvalid)?;
        let now = state.now();
        let claims = state.keys.verify(
            token,
            &state.config.file.issuer,
            now.div_euclid(1000),
            TokenKind::Session,
        )?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_scheme_is_case_insensitive_and_needs_a_token() {
        for ok in ["Bearer abc", "bearer abc", "BEARER abc", "bEaReR   abc  "] {
            assert_eq!(bearer_token(ok), Some("abc"), "{ok}");
        }
        for bad in ["Basic abc", "Bearer", "Bearer ", "Bearerabc", "abc"] {
            assert_eq!(bearer_token(bad), None, "{bad}");
        }
    }
}
