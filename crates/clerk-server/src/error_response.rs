//! How an [`AppError`] leaves the server: the store's errors become API errors in one place
//! ([`From<StoreError>`]), and every error is answered as Clerk's error body with its status
//! (and `Retry-After` for a 429); failures on our side are logged, never sent.
use crate::error::AppError;
use crate::session_rules::Refusal;
use crate::store::StoreError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use clerk_protocol::ErrorBody;

/// The one place the store's answers become the server's: its outcomes are the matching API
/// errors, a configuration problem stays one, and every failure is [`AppError::Store`] (a
/// generic 500, or 503 when the database is out of reach; the detail goes to the log only).
impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::IdentifierExists => Self::IdentifierExists,
            StoreError::ClientRotated => Self::ClientRotated,
            StoreError::AddressExists => Self::FormIdentifierExists,
            StoreError::Refused(Refusal::AlreadySignedIn { session_id }) => {
                Self::IdentifierAlreadySignedIn { session_id }
            }
            StoreError::Refused(Refusal::SessionExists) => Self::SessionExists,
            StoreError::Refused(Refusal::MaxSessionsReached { max }) => {
                Self::MaxSessionsReached { max }
            }
            StoreError::SchemaNewer { .. } | StoreError::Config(_) => Self::Config(e.to_string()),
            other => Self::Store(other),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let code = self.code();
        if code.http_status() >= 500 {
            crate::log::error(&format!("request failed: {self}"));
        }
        let status =
            StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody {
            errors: vec![self.api_error()],
        };
        let mut response = (status, crate::http::json::Json(body)).into_response();
        if let Self::TooManyRequests { retry_after_secs } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}
