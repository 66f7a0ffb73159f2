//! The one error type of the SDK, [`ClerkError`], with the stable `code()` every JS error carries.
//!
//! Server errors keep the server's error list untouched (`code`, `message`, `long_message`, `meta`)
//! so callers can switch on the code; a server that cannot be reached, or that answers something
//! that is not the protocol, becomes [`ClerkError::Network`] with code `network_error`.

use clerk_protocol::{ApiError, ErrorCode};

/// Everything that can go wrong in an SDK call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClerkError {
    /// The server answered with an error body.
    #[error("{}", first_message(.errors))]
    Api {
        /// The HTTP status of the answer.
        status: u16,
        /// The server's error list; the first one is the one to show.
        errors: Vec<ApiError>,
    },
    /// The server could not be reached, or answered something that is not the protocol.
    #[error("network error: {0}")]
    Network(String),
    /// A call was made with a missing or malformed argument (checked before any request).
    #[error("invalid argument `{param}`: {reason}")]
    InvalidArgument {
        /// The name of the argument, as the JS API spells it.
        param: String,
        /// What is wrong with it.
        reason: String,
    },
}

fn first_message(errors: &[ApiError]) -> &str {
    errors
        .first()
        .map(|e| e.message.as_str())
        .unwrap_or("request failed")
}

impl ClerkError {
    /// A server error with one entry of the given code (for errors the SDK knows ahead of the
    /// server, e.g. a session already dropped locally).
    pub fn api(code: ErrorCode, message: &str) -> Self {
        Self::Api {
            status: code.http_status(),
            errors: vec![ApiError::new(code, message, message)],
        }
    }

    /// The stable snake_case code: the server's first error code, `network_error`, or
    /// `invalid_param`.
    pub fn code(&self) -> &str {
        match self {
            Self::Api { errors, .. } => errors
                .first()
                .map(|e| e.code.as_str())
                .unwrap_or("internal_error"),
            Self::Network(_) => ErrorCode::NetworkError.as_str(),
            Self::InvalidArgument { .. } => ErrorCode::InvalidParam.as_str(),
        }
    }

    /// The HTTP status (0 for network errors and local argument errors).
    pub fn status(&self) -> u16 {
        match self {
            Self::Api { status, .. } => *status,
            _ => 0,
        }
    }

    /// The short message (the same text as `Display`, built without `core::fmt`, which would cost
    /// the wasm kilobytes).
    pub fn message(&self) -> String {
        match self {
            Self::Api { errors, .. } => first_message(errors).to_owned(),
            Self::Network(detail) => join(&["network error: ", detail]),
            Self::InvalidArgument { param, reason } => {
                join(&["invalid argument `", param, "`: ", reason])
            }
        }
    }

    /// The longer developer-facing explanation.
    pub fn long_message(&self) -> String {
        match self {
            Self::Api { errors, .. } => errors
                .first()
                .map(|e| e.long_message.clone())
                .unwrap_or_default(),
            Self::Network(detail) => join(&[
                "The Frontend API could not be reached or answered something unexpected: ",
                detail,
            ]),
            Self::InvalidArgument { param, reason } => {
                join(&["The argument `", param, "` is invalid: ", reason])
            }
        }
    }

    /// The `meta` entries of the first error (`param_name` for argument errors), borrowed
    /// (a plain loop, no clones: the iterator chain this was cost the wasm bytes).
    pub fn meta(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        match self {
            Self::Api { errors, .. } => {
                if let Some(first) = errors.first() {
                    for (key, value) in first.meta.entries() {
                        out.push((key.as_str(), value.as_str()));
                    }
                }
            }
            Self::InvalidArgument { param, .. } => out.push(("param_name", param.as_str())),
            Self::Network(_) => {}
        }
        out
    }

    /// The known protocol code, if it is one this version understands.
    pub fn known_code(&self) -> Option<ErrorCode> {
        ErrorCode::parse(self.code())
    }

    /// Whether the call may succeed if simply retried later (network trouble, 429, 5xx).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Network(_) => true,
            Self::Api { status, .. } => *status == 429 || *status >= 500,
            Self::InvalidArgument { .. } => false,
        }
    }

    /// How long to wait before sending a sign-in or sign-up once more, when the server refused it
    /// only because another tab's sign-in replaced the client secret while it was on its way
    /// (`client_rotated`): by then the browser holds the new cookie.
    pub fn rotation_retry_ms(&self) -> Option<u32> {
        (self.known_code() == Some(ErrorCode::ClientRotated)).then_some(ROTATION_RETRY_MS)
    }

    /// A `meta` entry of the first error as a whole number (`None` when absent or not digits).
    fn meta_number(&self, key: &str) -> Option<u32> {
        let (_, value) = self.meta().into_iter().find(|(k, _)| *k == key)?;
        let mut n: u32 = 0;
        for b in value.bytes() {
            if !b.is_ascii_digit() {
                return None;
            }
            n = n.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
        }
        (!value.is_empty()).then_some(n)
    }

    /// `form_code_incorrect`'s `meta.attempts_left`: how many more tries the code has.
    pub fn attempts_left(&self) -> Option<u32> {
        self.meta_number(META_ATTEMPTS_LEFT)
    }

    /// For `too_many_requests`: the seconds to wait, from the answer's `Retry-After` header (the
    /// SDK copies it into `meta.retry_after`).
    pub fn retry_after_secs(&self) -> Option<u32> {
        self.meta_number(META_RETRY_AFTER)
    }

    /// For `reverification_required`: the window, in seconds, within which the session must
    /// have verified a first factor (`meta.max_age_secs`); verify it, then try again.
    pub fn max_age_secs(&self) -> Option<u32> {
        self.meta_number(META_MAX_AGE_SECS)
    }

    /// Whether the change needs a fresh first-factor verification of the session first.
    pub fn is_reverification_required(&self) -> bool {
        self.known_code() == Some(ErrorCode::ReverificationRequired)
    }

    /// Whether the server said the session is no longer usable (any 401 about a session).
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, Self::Api { status: 401, .. })
    }
}

/// The `meta` key of `form_code_incorrect` naming the tries a code has left.
pub const META_ATTEMPTS_LEFT: &str = "attempts_left";
/// The `meta` key the SDK fills from a 429's `Retry-After` header (whole seconds).
pub const META_RETRY_AFTER: &str = "retry_after";

/// The `meta` key of `reverification_required` naming the verification window in seconds.
pub const META_MAX_AGE_SECS: &str = "max_age_secs";

/// The wait before a sign-in or sign-up refused with `client_rotated` is sent again.
pub const ROTATION_RETRY_MS: u32 = 250;

/// The parts joined into one `String`.
fn join(parts: &[&str]) -> String {
    parts.concat()
}

/// Appends the decimal digits of `n` (no `core::fmt`).
pub fn push_int(out: &mut String, n: u64) {
    // Recursive rather than through a digit buffer: no indexing, so no bounds-check panic
    // (whose message formats integers with core::fmt).
    if n >= 10 {
        push_int(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// A result with [`ClerkError`].
pub type Result<T, E = ClerkError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_errors_expose_the_first_server_code_and_meta() {
        let err = ClerkError::Api {
            status: 400,
            errors: vec![
                ApiError::new(ErrorCode::IdentifierAlreadySignedIn, "m", "lm")
                    .with_meta("session_id", "sess_1"),
            ],
        };
        assert_eq!(err.code(), "identifier_already_signed_in");
        assert_eq!(err.status(), 400);
        assert_eq!(err.to_string(), "m");
        assert_eq!(err.message(), "m");
        assert_eq!(err.long_message(), "lm");
        assert_eq!(err.meta(), vec![("session_id", "sess_1")]);
        assert!(!err.is_transient());
    }

    #[test]
    fn reverification_required_exposes_its_window_in_seconds() {
        let err = ClerkError::Api {
            status: 403,
            errors: vec![ApiError::new(ErrorCode::ReverificationRequired, "m", "lm")
                .with_meta(META_MAX_AGE_SECS, "600")],
        };
        assert!(err.is_reverification_required());
        assert_eq!(err.code(), "reverification_required");
        assert_eq!(err.max_age_secs(), Some(600));
        let other = ClerkError::api(ErrorCode::FormPasswordIncorrect, "m");
        assert!(!other.is_reverification_required());
        assert_eq!(other.max_age_secs(), None);
    }

    #[test]
    fn network_errors_have_their_own_code_and_are_transient() {
        let err = ClerkError::Network("refused".into());
        assert_eq!(err.code(), "network_error");
        assert_eq!(err.status(), 0);
        assert!(err.is_transient());
        assert_eq!(err.message(), err.to_string());
    }

    #[test]
    fn messages_match_display_and_integers_print_without_fmt() {
        let err = ClerkError::InvalidArgument {
            param: "session".into(),
            reason: "required".into(),
        };
        assert_eq!(err.message(), err.to_string());
        for n in [0u64, 7, 10, 401, 65535, u64::MAX] {
            let mut s = String::new();
            push_int(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn only_a_rotated_client_secret_makes_a_sign_in_try_again() {
        let rotated = ClerkError::api(ErrorCode::ClientRotated, "again");
        assert_eq!(rotated.rotation_retry_ms(), Some(ROTATION_RETRY_MS));
        for code in [ErrorCode::InvalidCredentials, ErrorCode::ClientNotFound] {
            assert_eq!(ClerkError::api(code, "no").rotation_retry_ms(), None);
        }
    }

    #[test]
    fn unknown_server_codes_are_kept_verbatim() {
        let mut e = ApiError::new(ErrorCode::InternalError, "m", "lm");
        e.code = "brand_new_code".into();
        let err = ClerkError::Api {
            status: 418,
            errors: vec![e],
        };
        assert_eq!(err.code(), "brand_new_code");
        assert_eq!(err.known_code(), None);
    }

    #[test]
    fn attempts_left_and_retry_after_are_read_from_meta_as_numbers() {
        let err = ClerkError::Api {
            status: 422,
            errors: vec![ApiError::new(ErrorCode::FormCodeIncorrect, "m", "lm")
                .with_meta(META_ATTEMPTS_LEFT, "3")
                .with_meta(META_RETRY_AFTER, "x1")],
        };
        assert_eq!(err.attempts_left(), Some(3));
        assert_eq!(err.retry_after_secs(), None, "not a number");
        assert_eq!(ClerkError::Network("x".into()).attempts_left(), None);
        let empty = ClerkError::Api {
            status: 429,
            errors: vec![ApiError::new(ErrorCode::TooManyRequests, "m", "lm")
                .with_meta(META_RETRY_AFTER, "")],
        };
        assert_eq!(empty.retry_after_secs(), None);
    }

    #[test]
    fn a_401_counts_as_unauthorized() {
        assert!(ClerkError::api(ErrorCode::SessionExpired, "gone").is_unauthorized());
        assert!(!ClerkError::api(ErrorCode::SessionNotFound, "gone").is_unauthorized());
    }
}
