//! The error body of the Frontend API and its stable error codes.
//!
//! Codes are part of the public contract: JS callers switch on `err.code`. Never rename one; add
//! new ones instead. Every code has one HTTP status, so the SDK and the server agree.

use crate::meta::Meta;
use serde::Serialize;

/// `{errors:[...]}`: the body of every failed Frontend API call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorBody {
    /// One or more errors; the first is the one to show.
    pub errors: Vec<ApiError>,
}

crate::wire::decoder!(ErrorBody { errors });

/// One error of an [`ErrorBody`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    /// A stable snake_case code, one of [`ErrorCode`] (kept a string so an SDK understands codes
    /// newer than itself).
    pub code: String,
    /// A short sentence for people.
    pub message: String,
    /// A longer explanation for developers.
    pub long_message: String,
    /// Details, e.g. `param_name` for `invalid_param` or `session_id` for
    /// `identifier_already_signed_in`.
    pub meta: Meta,
}

crate::wire::decoder!(ApiError { code, message, long_message, meta [optional] });

macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = ($code:literal, $status:literal),)*) => {
        /// Every error code the Frontend API (and the SDK, for `network_error`) uses.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, for documentation and exhaustive tests.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The wire name, e.g. `"invalid_credentials"`.
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code,)* }
            }

            /// The HTTP status the server answers with.
            pub fn http_status(self) -> u16 {
                match self { $(ErrorCode::$variant => $status,)* }
            }

            /// Parses a wire name; `None` for a code this version does not know.
            ///
            /// A search of [`ErrorCode::ALL`] rather than a `match` on strings: the same answer in
            /// a tenth of the SDK's wasm (a string `match` compiles to a comparison per code).
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|code| code.as_str() == s)
            }
        }
    };
}

error_codes! {
    /// A parameter is missing or malformed; `meta.param_name` names it.
    InvalidParam = ("invalid_param", 422),
    /// The request body could not be read (not JSON or form data, or not UTF-8).
    InvalidBody = ("invalid_body", 400),
    /// The request body is larger than the server accepts.
    PayloadTooLarge = ("payload_too_large", 413),
    /// Wrong password or unknown account (the two are indistinguishable on purpose).
    InvalidCredentials = ("invalid_credentials", 422),
    /// Sign-up with an email address that already has an account.
    IdentifierExists = ("identifier_exists", 422),
    /// Sign-in to an account that already has a live session on this client;
    /// `meta.session_id` names it.
    IdentifierAlreadySignedIn = ("identifier_already_signed_in", 400),
    /// Single-session mode and this client is already signed in.
    SessionExists = ("session_exists", 400),
    /// The client holds the most sessions allowed.
    MaxSessionsReached = ("max_sessions_reached", 422),
    /// Sign-up password shorter than `password_min_length`.
    PasswordTooShort = ("password_too_short", 422),
    /// No such session on this client (or it belongs to someone else).
    SessionNotFound = ("session_not_found", 404),
    /// The session exists but is no longer live (removed, revoked, ended, expired, abandoned).
    SessionExpired = ("session_expired", 401),
    /// A call that needs a client cookie came without a valid one.
    ClientNotFound = ("client_not_found", 401),
    /// A sign-in or sign-up sent with the client secret that another sign-in on this browser
    /// (another tab) replaced a moment ago; sending it again uses the new one.
    ClientRotated = ("client_rotated", 409),
    /// A call that needs a session token came without a valid one.
    AuthenticationInvalid = ("authentication_invalid", 401),
    /// A state-changing request from an origin that is not allowed.
    OriginNotAllowed = ("origin_not_allowed", 403),
    /// Too many attempts; see the `Retry-After` header.
    TooManyRequests = ("too_many_requests", 429),
    /// A token request named a JWT template the server does not have; `meta.template` names it.
    TemplateNotFound = ("template_not_found", 404),
    /// No such route.
    ResourceNotFound = ("resource_not_found", 404),
    /// The route exists but not for this method.
    MethodNotAllowed = ("method_not_allowed", 405),
    /// Something failed on the server; details are in its log, never in the answer.
    InternalError = ("internal_error", 500),
    /// The server is temporarily unable to answer (e.g. its database is unreachable).
    ServiceUnavailable = ("service_unavailable", 503),
    /// The emailed code is wrong; `meta.attempts_left` says how many tries the code has left.
    FormCodeIncorrect = ("form_code_incorrect", 422),
    /// The code took too many wrong attempts and is dead, even for the right digits: ask for a
    /// new one.
    VerificationFailed = ("verification_failed", 422),
    /// The code's time ran out: ask for a new one.
    VerificationExpired = ("verification_expired", 422),
    /// The attempt is not at a step where this call applies (e.g. `reset_password` before the
    /// reset code was entered, or a verification on a sign-up that needs none).
    VerificationNotReady = ("verification_not_ready", 400),
    /// The strategy is not enabled on this instance (or needs mail, which is not configured).
    StrategyNotAllowed = ("strategy_not_allowed", 422),
    /// The email address is in use (by this account or another; which one is never said).
    FormIdentifierExists = ("form_identifier_exists", 422),
    /// The current password given with a sensitive change or a re-verification is wrong.
    FormPasswordIncorrect = ("form_password_incorrect", 422),
    /// A sensitive change needs a first-factor verification of this session more recent than
    /// the instance allows (`meta.max_age_secs`): verify the session, then try again.
    ReverificationRequired = ("reverification_required", 403),
    /// The uploaded profile image is not a PNG, JPEG, GIF or WebP image the server can decode
    /// (not an image, truncated, corrupt).
    ImageInvalid = ("image_invalid", 422),
    /// The uploaded profile image has too many pixels (`meta.max_side_px`), or its file is over
    /// the upload limit.
    ImageTooLarge = ("image_too_large", 422),
    /// SDK only: the server could not be reached or answered something that is not the protocol.
    NetworkError = ("network_error", 0),
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ApiError {
    /// An error with this code and messages and no meta.
    pub fn new(
        code: ErrorCode,
        message: impl Into<String>,
        long_message: impl Into<String>,
    ) -> Self {
        Self {
            code: code.as_str().to_owned(),
            message: message.into(),
            long_message: long_message.into(),
            meta: Meta::new(),
        }
    }

    /// Adds one `meta` entry.
    pub fn with_meta(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.meta.insert(key.into(), value.into());
        self
    }

    /// The code as a known [`ErrorCode`], if it is one.
    pub fn known_code(&self) -> Option<ErrorCode> {
        ErrorCode::parse(&self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_wire_name() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(*code));
            assert!(code
                .as_str()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'));
        }
    }

    #[test]
    fn error_body_has_the_documented_shape() {
        let body = ErrorBody {
            errors: vec![ApiError::new(ErrorCode::InvalidParam, "m", "lm")
                .with_meta("param_name", "password")],
        };
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["errors"][0]["code"], "invalid_param");
        assert_eq!(json["errors"][0]["meta"]["param_name"], "password");
        let back: ErrorBody = serde_json::from_value(json).unwrap();
        assert_eq!(back, body);
    }
}
