//! The SDK's errors: [`ClerkError`] of the headless core (one enum, whose `code()` is the
//! server's stable snake_case code, `network_error` or `invalid_param`), built here from what
//! the browser and the server answer.

pub use clerk_core::{ClerkError, Result};
use clerk_protocol::ErrorBody;

/// A `network_error`: the server could not be reached or broke the protocol.
pub fn network(detail: &str) -> ClerkError {
    ClerkError::Network(detail.to_owned())
}

/// The server's error list, answered with HTTP `status`; a `Retry-After` header (of a 429) is
/// kept as the first error's `meta.retry_after`, unless the server put one there itself.
pub fn from_api_body(status: u16, mut body: ErrorBody, retry_after: Option<String>) -> ClerkError {
    let Some(first) = body.errors.first_mut() else {
        return network("an error answer without errors");
    };
    if let Some(secs) = retry_after {
        if first.meta.get(clerk_core::META_RETRY_AFTER).is_none() {
            first
                .meta
                .insert(clerk_core::META_RETRY_AFTER.to_owned(), secs);
        }
    }
    ClerkError::Api {
        status,
        errors: body.errors,
    }
}
