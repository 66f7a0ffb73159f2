//! Wire types of the clerk-wasm Frontend API, shared by the SDK (`clerk-core`, the wasm crate) and
//! the reference server (`clerk-server`).
//!
//! The shapes follow Clerk's Frontend API so ClerkJS users feel at home:
//! - JSON is `snake_case`; every resource carries an `object` field naming its kind.
//! - Timestamps are Unix milliseconds (`i64`).
//! - Ids are prefixed: `user_`, `sess_`, `client_`, `sia_` (sign-in attempt), `sua_` (sign-up attempt).
//! - Resource calls answer with the envelope [`ClientEnvelope`] `{response, client}`, so every call
//!   hands back the fresh [`Client`].
//! - Failures answer with [`ErrorBody`] `{errors:[{code, message, long_message, meta}]}`, where
//!   `code` is one of the stable snake_case [`ErrorCode`]s.
//!
//! This crate has no dependency but `serde`, so it costs the wasm bundle almost nothing.
#![deny(missing_docs)]

mod account;
mod attempts;
mod error;
mod meta;
mod resources;
pub mod routes;
mod wire;
#[cfg(test)]
mod wire_tests;

pub use account::*;
pub use attempts::*;
pub use error::{ApiError, ErrorBody, ErrorCode};
pub use meta::Meta;
pub use resources::*;
