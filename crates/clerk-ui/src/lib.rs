//! clerk-ui: the prebuilt UI components of clerk-wasm, built with web-sys and no JS framework.
//!
//! Components render from a plain [`UiSnapshot`] and report user intent as [`UiAction`]s through a
//! [`Dispatch`] callback; they know nothing of the SDK. [`host`] wires them to the SDK's Rust API
//! (clerk-sdk), and that is what the JS binding's `mountUserButton(el, props)` and Rust apps
//! call. Wired by hand, a host would:
//!
//! 1. on `mountUserButton(el, props)` and friends, call [`mount_user_button`] (or
//!    [`mount_sign_in`], [`mount_sign_up`], [`mount_manage_accounts`]) with a snapshot of the
//!    current state and a dispatch closure, and keep the returned [`UiHandle`] by element;
//! 2. from the SDK listener, call [`UiHandle::update`] on every handle with a fresh snapshot;
//! 3. in the dispatch closure, perform the action; on failure call [`Reply::show_error`] with the
//!    error's `code` and `message`; after a successful sign-in or sign-up, [`Reply::reset`];
//!    when a code was mailed (a sign-up to verify, "Email me a code instead", "Forgot
//!    password?"), [`Reply::step`], and [`Reply::cooldown`] when the server asks to wait;
//! 4. on `unmountUserButton(el)`, drop the handle (or call [`UiHandle::unmount`]).
//!
//! Each component lives in an open shadow root with one `<style>`, so page CSS and ours do not
//! mix; see [`appearance`] for theming and [`text`] for localization.
#![deny(missing_docs)]

pub mod appearance;
mod code_step;
#[cfg(test)]
mod code_step_tests;
mod core;
mod dom;
mod error;
mod events;
pub mod host;
mod manage_accounts;
pub mod model;
mod mount;
mod msg;
mod reply;
mod sign_in;
mod sign_in_code;
mod sign_in_state;
#[cfg(test)]
mod sign_in_state_tests;
mod strings;
mod style;
pub mod text;
mod user_button;
mod user_button_state;
#[cfg(test)]
mod user_button_state_tests;
pub mod view_model;

pub use crate::appearance::{Appearance, Theme};
pub use crate::core::{Dispatch, Reply};
pub use crate::error::UiError;
pub use crate::model::{
    AccountView, CodePurpose, DeviceSessionView, Field, SignInStart, Step, UiAction, UiSnapshot,
};
pub use crate::mount::{
    mount_manage_accounts, mount_sign_in, mount_sign_up, mount_user_button, UiHandle, UiOptions,
};

pub use crate::style::STYLE;
pub use crate::text::{Localization, Text};
