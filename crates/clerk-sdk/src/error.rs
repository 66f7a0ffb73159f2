//! The SDK's errors: [`ClerkError`] of the headless core (one enum, whose `code()` is the
//! server's stable snake_case code, `network_error` or `invalid_param`), built here from what
//! the browser and the server answer.

pub use clerk_core::{ClerkError, Result};
use clerk_protocol::ErrorBody;

/// A `network_error`: the server could not be reached or broke the protocol.
pub fn network(detail: &str) -> ClerkError {
    ClerkError::Network(detail.to_owned())
}

/// The server's error list, answered with HTTP `status`.
pub fn from_api_body(status: u16, body: ErrorBody) -> ClerkError {
    if body.errors.is_empty() {
        return network("an error answer without errors");
    }
    ClerkError::Api {
        status,
        errors: body.errors,
    }
}
