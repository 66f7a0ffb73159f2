//! The messages of every [`AppError`] as the API answers them: a short sentence for people, a
//! longer one for developers, and `meta` where a client needs details. Nothing internal (store
//! or I/O text) ever appears here: failures on our side get a generic message.

use crate::error::AppError;
use clerk_protocol::{ApiError, ErrorCode};

impl AppError {
    /// The protocol's error for this error.
    pub(crate) fn api_error(&self) -> ApiError {
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
            Self::FormIdentifierExists => (
                "That email address is taken.".into(),
                "This email address is in use; which account has it is never said.".into(),
            ),
            Self::FormPasswordIncorrect => {
                return ApiError::new(
                    code,
                    "Password is incorrect.",
                    "The current password is not this account's.",
                )
                .with_meta("param_name", "password")
            }
            Self::ReverificationRequired { max_age_secs } => {
                return ApiError::new(
                    code,
                    "Confirm it is you to continue.",
                    format!(
                        "This change needs the session's first factor verified within the last \
                         {max_age_secs} seconds: verify the session, then try again."
                    ),
                )
                .with_meta("max_age_secs", max_age_secs.to_string())
            }
            Self::ImageInvalid(why) => (
                "This file is not an image we can use.".into(),
                format!("Upload a PNG, JPEG, GIF or WebP image ({why})."),
            ),
            Self::ImageTooLarge { max_side_px } => {
                return ApiError::new(
                    code,
                    "This image is too large.",
                    format!(
                        "Images may be at most {max_side_px} pixels wide and high, and their \
                         file at most 5 MB."
                    ),
                )
                .with_meta("max_side_px", max_side_px.to_string())
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
