//! clerk-sdk: multi-session authentication for Rust browser apps (Leptos, Yew, Dioxus, plain
//! web-sys), against a Clerk-shaped Frontend API such as `clerk-server`. Several accounts are
//! signed in in one browser at once; each tab has its own active one; the user switches, adds
//! accounts, and signs out of one or of all. The JS SDK of clerk-wasm is a thin binding over
//! this crate.
//!
//! ```no_run
//! use clerk_sdk::{Clerk, ClerkOptions, GetTokenOptions, SignInParams, SignOutOptions};
//!
//! async fn story() -> Result<(), clerk_sdk::ClerkError> {
//!     let clerk = Clerk::new("https://clerk.example.com", ClerkOptions::default());
//!     clerk.load().await;
//!     // Re-render on every change; the listener lives as long as the guard.
//!     let _guard = clerk.add_listener(|snapshot| {
//!         let n = snapshot.client.as_ref().map_or(0, |c| c.sessions.len());
//!         web_sys::console::log_1(&format!("{n} accounts signed in").into());
//!     });
//!     let params = SignInParams {
//!         identifier: "ada@example.com".into(),
//!         password: "correct horse battery".into(),
//!     };
//!     let attempt = clerk.sign_in(&params).await?;
//!     let session = attempt.created_session_id.unwrap_or_default();
//!     let token = clerk.get_token(&session, GetTokenOptions::default()).await?;
//!     assert!(token.is_some());
//!     for s in clerk.sessions() {
//!         println!("{} ({})", s.user.email_address, s.id);
//!     }
//!     clerk.sign_out(SignOutOptions::default()).await
//! }
//! ```
//!
//! The pieces: the state has one owner ([`store`]) with one commit path whose reactions (persist
//! through gloo-storage, tell the other tabs over a BroadcastChannel, call the listeners) happen
//! in one place; the `__session` cookie subscribes to it (the `cookie` module); tokens ([`tokens`]) and
//! the connection ([`connection`]: API client over gloo-net, backoff, reconnect, environment) are
//! parts of their own; the decisions (which error drops which session, when the SDK goes
//! degraded, where signing out goes) are pure functions of the headless core
//! ([`clerk_core::decisions`]). Every JS value is decoded by serde-wasm-bindgen ([`convert`]).
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod account;
mod actions;
pub mod api;
mod attempts;
mod auth;
pub mod browser;
mod channel;
mod clerk;
pub mod connection;
pub mod convert;
mod cookie;
pub mod error;
mod inner;
mod load;
pub mod options;
mod recovery;
pub mod storage;
pub mod store;
mod tasks;
mod token_flow;
pub mod tokens;

/// The README's Rust blocks, compiled as doc tests so none of them is untested prose.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

pub use account::{PasswordUpdate, UserUpdate};
pub use api::{FrontendApi, PendingResponse, Prefetch};
pub use auth::{
    Attempt, ResetPasswordParams, SignInCreateParams, SignInParams, SignUpParams, Strategy,
};
pub use clerk::{Clerk, GetTokenOptions, ListenerGuard, SignOutOptions};
pub use clerk_core::{Snapshot, Status};
pub use clerk_protocol::{
    Client, EmailAddress, Environment, ErrorCode, Session, SessionList, SessionStatus,
    SessionVerification, SignIn, SignInFactor, SignUp, SignUpVerifications, User, Verification,
};
pub use error::{ClerkError, Result};
pub use options::{ClerkOptions, Navigate};
pub use tasks::Flow;
