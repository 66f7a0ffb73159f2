//! [`AppError`], the one error type of the server. It turns into the protocol's
//! [`ErrorBody`] with the status of its [`ErrorCode`]; internal details (database errors, I/O)
//! go to the log on stderr, never into the answer.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use clerk_protocol::{ApiError, ErrorBody, ErrorCode};

/// Everything that can go wrong in the server, from bad input to a broken database.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A parameter is missing or malformed.
    #[error("invalid parameter {param}: {message}")]
    InvalidParam {
        /// The parameter's name.
        param: String,
        /// What is wrong with it.
        message: String,
    },
    /// The body could not be read as JSON or form data.
    #[error("invalid body: {0}")]
    InvalidBody(String),
    /// The body is too large.
    #[error("payload too large")]
    PayloadTooLarge,
    /// Wrong password or unknown account.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// Sign-up with an email that has an account.
    #[error("identifier exists")]
    IdentifierExists,
    /// Sign-in to an account with a live session on this client.
    #[error("identifier already signed in")]
    IdentifierAlreadySignedIn {
        /// The existing session.
        session_id: String,
    },
    /// Single-session mode and already signed in.
    #[error("session exists")]
    SessionExists,
    /// The client holds the most sessions allowed.
    #[error("max sessions reached")]
    MaxSessionsReached {
        /// The cap.
        max: u32,
    },
    /// Password shorter than allowed.
    #[error("password too short")]
    PasswordTooShort {
        /// The minimum length.
        min: u32,
    },
    /// Unknown or foreign session.
    #[error("session not found")]
    SessionNotFound,
    /// The session is no longer live.
    #[error("session expired")]
    SessionExpired,
    /// No valid client cookie.
    #[error("client not found")]
    ClientNotFound,
    /// A sign-in or sign-up with a client secret another sign-in just replaced.
    #[error("client rotated")]
    ClientRotated,
    /// No valid session token.
    #[error("authentication invalid")]
    AuthenticationInvalid,
    /// State-changing request from a foreign origin.
    #[error("origin not allowed")]
    OriginNotAllowed,
    /// Rate limited.
    #[error("too many requests")]
    TooManyRequests {
        /// Seconds until the next attempt may succeed.
        retry_after_secs: u64,
    },
    /// A token request named a JWT template that is not configured.
    #[error("template not found")]
    TemplateNotFound {
        /// The requested name.
        template: String,
    },
    /// No such route.
    #[error("resource not found")]
    ResourceNotFound,
    /// Wrong method for the route.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The emailed code is wrong.
    #[error("form code incorrect")]
    FormCodeIncorrect {
        /// Tries the code has left.
        attempts_left: u32,
    },
    /// The code took too many tries and is dead.
    #[error("verification failed")]
    VerificationFailed,
    /// The code's time ran out.
    #[error("verification expired")]
    VerificationExpired,
    /// The attempt is not at a step where this call applies.
    #[error("verification not ready: {0}")]
    VerificationNotReady(&'static str),
    /// The strategy is not enabled here.
    #[error("strategy not allowed")]
    StrategyNotAllowed {
        /// The strategy asked for.
        strategy: String,
    },
    /// A database failure.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A SQLite failure.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file or socket failure.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// A configuration problem found at start-up.
    #[error("configuration: {0}")]
    Config(String),
    /// Any other failure on our side.
    #[error("internal: {0}")]
    Internal(String),
}

impl AppError {
    /// A missing or malformed parameter.
    pub fn param(param: &str, message: impl Into<String>) -> Self {
        Self::InvalidParam {
            param: param.to_owned(),
            message: message.into(),
        }
    }

    /// The wire code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidParam { .. } => ErrorCode::InvalidParam,
            Self::InvalidBody(_) => ErrorCode::InvalidBody,
            Self::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::IdentifierExists => ErrorCode::IdentifierExists,
            Self::IdentifierAlreadySignedIn { .. } => ErrorCode::IdentifierAlreadySignedIn,
            Self::SessionExists => ErrorCode::SessionExists,
            Self::MaxSessionsReached { .. } => ErrorCode::MaxSessionsReached,
            Self::PasswordTooShort { .. } => ErrorCode::PasswordTooShort,
            Self::SessionNotFound => ErrorCode::SessionNotFound,
            Self::SessionExpired => ErrorCode::SessionExpired,
            Self::ClientNotFound => ErrorCode::ClientNotFound,
            Self::ClientRotated => ErrorCode::ClientRotated,
            Self::AuthenticationInvalid => ErrorCode::AuthenticationInvalid,
            Self::OriginNotAllowed => ErrorCode::OriginNotAllowed,
            Self::TooManyRequests { .. } => ErrorCode::TooManyRequests,
            Self::TemplateNotFound { .. } => ErrorCode::TemplateNotFound,
            Self::ResourceNotFound => ErrorCode::ResourceNotFound,
            Self::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            Self::FormCodeIncorrect { .. } => ErrorCode::FormCodeIncorrect,
            Self::VerificationFailed => ErrorCode::VerificationFailed,
            Self::VerificationExpired => ErrorCode::VerificationExpired,
            Self::VerificationNotReady(_) => ErrorCode::VerificationNotReady,
            Self::StrategyNotAllowed { .. } => ErrorCode::StrategyNotAllowed,
            Self::Database(e) if is_unavailable(e) => ErrorCode::ServiceUnavailable,
            Self::Sqlite(e) if is_busy(e) => ErrorCode::ServiceUnavailable,
            Self::Database(_)
            | Self::Sqlite(_)
            | Self::Io(_)
            | Self::Config(_)
            | Self::Internal(_) => ErrorCode::InternalError,
        }
    }

    fn api_error(&self) -> ApiError {
        let code = self.code();
        let (message, long): (String, String) = match self {
            Self::InvalidParam { param, message } => {
                return ApiError::new(code, format!("{param} is invalid"), message.clone())
                    .with_meta("param_name", param.clone())
            }
            Self::InvalidBody(why) => ("The request body could not be read.".into(), why.clone()),
            Self::PayloadTooLarge => (
                "The request body is too large.".into(),
                "Send a smaller body.".into(),
            ),
            Self::InvalidCredentials => (
                "Email address or password is incorrect.".into(),
                "No account matches this email address and password.".into(),
            ),
            Self::IdentifierExists => (
                "That email address is taken.".into(),
                "An account with this email address already exists; sign in instead.".into(),
            ),
            Self::IdentifierAlreadySignedIn { session_id } => {
                return ApiError::new(
                    code,
                    "You are already signed in to this account.",
                    "This account already has a live session on this client; switch to it instead.",
                )
                .with_meta("session_id", session_id.clone())
            }
            Self::SessionExists => (
                "You are already signed in.".into(),
                "This instance allows one session per client; sign out first.".into(),
            ),
            Self::MaxSessionsReached { max } => {
                return ApiError::new(
                    code,
                    "Too many accounts are signed in.",
                    format!("A client may hold at most {max} sessions; sign out of one first."),
                )
                .with_meta("max_sessions_per_client", max.to_string())
            }
            Self::PasswordTooShort { min } => {
                return ApiError::new(
                    code,
                    format!("Passwords must be at least {min} characters long."),
                    format!("The password has fewer than {min} characters."),
                )
                .with_meta("param_name", "password")
                .with_meta("min_length", min.to_string())
            }
            Self::SessionNotFound => (
                "Session not found.".into(),
                "No such session on this client.".into(),
            ),
            Self::SessionExpired => (
                "This session has ended.".into(),
                "The session was signed out, revoked, expired or abandoned.".into(),
            ),
            Self::ClientNotFound => (
                "No client.".into(),
                "This call needs a valid client cookie.".into(),
            ),
            Self::ClientRotated => (
                "This browser just signed in from another tab; try again.".into(),
                "The client secret this request carried was replaced by another sign-in a \
                 moment ago; a request with the new cookie succeeds."
                    .into(),
            ),
            Self::AuthenticationInvalid => (
                "Not signed in.".into(),
                "This call needs a valid session token in `Authorization: Bearer`.".into(),
            ),
            Self::OriginNotAllowed => (
                "Origin not allowed.".into(),
                "State-changing requests must come from an allowed origin.".into(),
            ),
            Self::TooManyRequests { retry_after_secs } => (
                "Too many attempts; try again later.".into(),
                format!("Try again in {retry_after_secs} seconds."),
            ),
            Self::TemplateNotFound { template } => {
                return ApiError::new(
                    code,
                    "JWT template not found.",
                    format!("No JWT template named {template:?} is configured on this server."),
                )
                .with_meta("template", template.clone())
            }
            Self::ResourceNotFound => ("Not found.".into(), "No such resource.".into()),
            Self::MethodNotAllowed => (
                "Method not allowed.".into(),
                "This route does not accept this method.".into(),
            ),
            Self::FormCodeIncorrect { attempts_left } => {
                return ApiError::new(
                    code,
                    "That code is incorrect.",
                    format!("The code does not match; {attempts_left} tries left for this code."),
                )
                .with_meta("param_name", "code")
                .with_meta("attempts_left", attempts_left.to_string())
            }
            Self::VerificationFailed => (
                "Too many wrong codes; ask for a new one.".into(),
                "This code took too many tries and no longer works, even with the right digits."
                    .into(),
            ),
            Self::VerificationExpired => (
                "This code has expired; ask for a new one.".into(),
                "The code's time ran out.".into(),
            ),
            Self::VerificationNotReady(why) => {
                ("This step is not available now.".into(), (*why).to_owned())
            }
            Self::StrategyNotAllowed { strategy } => {
                return ApiError::new(
                    code,
                    "This way of signing in is not available.",
                    format!("The strategy {strategy:?} is not enabled on this instance."),
                )
                .with_meta("param_name", "strategy")
                .with_meta("strategy", strategy.clone())
            }
            _ if code == ErrorCode::ServiceUnavailable => (
                "The service is unavailable.".into(),
                "The server cannot reach its database; try again soon.".into(),
            ),
            _ => (
                "Something went wrong.".into(),
                "The server failed; details are in its log.".into(),
            ),
        };
        ApiError::new(code, message, long)
    }
}

fn is_unavailable(e: &sqlx::Error) -> bool {
    matches!(
        e,
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
    )
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
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

/// The result type of the server.
pub type AppResult<T> = Result<T, AppError>;
