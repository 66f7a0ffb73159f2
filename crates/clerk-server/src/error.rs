//! [`AppError`], the one error type of the server. It turns into the protocol's
//! [`ErrorBody`] with the status of its [`ErrorCode`]; internal details (store failures, I/O)
//! go to the log on stderr, never into the answer ([`crate::error_response`]); the messages
//! people read are in `error_messages.rs`.

use crate::store::StoreError;
use clerk_protocol::ErrorCode;

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
    /// An address being added or verified is in use (by this account or another).
    #[error("form identifier exists")]
    FormIdentifierExists,
    /// The current password given is wrong.
    #[error("form password incorrect")]
    FormPasswordIncorrect,
    /// The session's first-factor verification is older than a sensitive change allows.
    #[error("reverification required")]
    ReverificationRequired {
        /// The largest age allowed, in seconds.
        max_age_secs: u64,
    },
    /// The uploaded profile image cannot be decoded as PNG, JPEG, GIF or WebP (why, for
    /// developers; never the decoder's own text).
    #[error("image invalid: {0}")]
    ImageInvalid(&'static str),
    /// The uploaded profile image has more pixels than allowed (or its file is too big).
    #[error("image too large")]
    ImageTooLarge {
        /// The longest side accepted, in pixels.
        max_side_px: u32,
    },
    /// A failure of the store (a driver's error, a corrupt row): made only by
    /// `From<StoreError>`, which turns the store's own outcomes into the variants above.
    #[error("store: {0}")]
    Store(StoreError),
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
            Self::FormIdentifierExists => ErrorCode::FormIdentifierExists,
            Self::FormPasswordIncorrect => ErrorCode::FormPasswordIncorrect,
            Self::ReverificationRequired { .. } => ErrorCode::ReverificationRequired,
            Self::ImageInvalid(_) => ErrorCode::ImageInvalid,
            Self::ImageTooLarge { .. } => ErrorCode::ImageTooLarge,
            Self::Store(e) if e.is_unavailable() => ErrorCode::ServiceUnavailable,
            Self::Store(_) | Self::Io(_) | Self::Config(_) | Self::Internal(_) => {
                ErrorCode::InternalError
            }
        }
    }
}

/// The result type of the server.
pub type AppResult<T> = Result<T, AppError>;
