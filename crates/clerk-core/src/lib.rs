//! Headless SDK logic of clerk-wasm.
//!
//! Pure parts, unit-tested natively with an injected [`Clock`]:
//! - [`state`]: the client, this tab's active session and their transitions;
//! - [`token_cache`]: session tokens, shared in-flight requests and background refresh timing;
//! - [`backoff`]: the retry schedule; [`jwt`]: token lifetimes; [`form`]: request bodies;
//! - [`heap`]: the small allocator of the wasm build;
//! - [`ClerkError`]: the one error type, whose `code()` is the protocol code or `network_error`.
//! - [`decisions`]: what a failure changes and where signing out goes.
//!
//! The browser parts (requests, storage, tabs, timers) are the `clerk-sdk` crate's.
#![deny(missing_docs)]

pub mod backoff;
pub mod clock;
pub mod decisions;
pub mod error;
pub mod form;
pub mod heap;
pub mod jwt;
pub mod state;
pub mod token_cache;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod heap_tests;
#[cfg(test)]
mod state_tests;
#[cfg(test)]
mod token_cache_tests;

pub use backoff::Backoff;
pub use clock::{Clock, FakeClock};
pub use decisions::{
    after_sign_out_one, degrades, dropped_session, effects_of, AfterSignOut, ErrorEffects,
};
pub use error::{ClerkError, Result, META_ATTEMPTS_LEFT, META_MAX_AGE_SECS, META_RETRY_AFTER};
pub use state::{ClientState, Rollback, Snapshot, Status};
pub use token_cache::{Lookup, TokenCache, TokenKey, TokenPolicy};
