//! clerk-wasm: the JS-facing API of the SDK (built by wasm-pack into `pkg/`).
//!
//! `new Clerk(frontendApi?, options?)`, `await clerk.load()`, then `clerk.client.sessions`,
//! `clerk.session`, `clerk.user`, `setActive`/`setSession`, `signOut`/`signOutOne`,
//! `addListener`, `clerk.fetch`, `session.getToken()`, `client.signIn.create()` and
//! `client.signUp.create()` with the attempts' continuing calls (emailed codes, password reset). The SDK is the Rust crate `clerk-sdk` (its state, flows and
//! requests), the prebuilt UI `clerk-ui`; this crate is the JS binding only: `#[wasm_bindgen]`
//! wrappers that convert at the edge (serde-wasm-bindgen for data), JS objects that keep their
//! identity while unchanged, and JS `Error`s with `code`.
#![deny(missing_docs)]

mod account;
mod account_objects;
mod args;
mod attempt_objects;
mod attempts;
mod auth;
mod browser;
mod calls;
mod clerk;
mod js_error;
mod objects;
mod ops;
mod options;
#[cfg(feature = "ui")]
mod pairs;
mod params;
mod session;
mod tasks;
mod types;
#[cfg(feature = "ui")]
mod ui;

pub use attempt_objects::{SignInAttempt, SignUpAttempt};
pub use auth::{SignInResource, SignUpResource};
pub use clerk::Clerk;
pub use objects::{Client, EmailAddress, Session, User};

#[cfg(test)]
mod browser_tests;

/// The small allocator of `clerk-core` instead of dlmalloc (about 7 KB less wasm).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: clerk_core::heap::SingleThreaded = clerk_core::heap::SingleThreaded(
    std::cell::UnsafeCell::new(clerk_core::heap::Heap::new(clerk_core::heap::wasm_grow)),
);
