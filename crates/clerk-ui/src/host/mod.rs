//! The components wired to the SDK (clerk-sdk's Rust API): [`mount`] renders a component on an
//! element, re-renders it on every SDK change (so every tab's components follow switches,
//! sign-ins and sign-outs) and performs its actions through the SDK; [`unmount`] removes it.
//! Mounting again on the same element replaces the component. The JS binding's
//! `mountUserButton(el, props)` and friends read their props and call these; a Rust app calls
//! them directly.

mod actions;
mod mounts;

pub use mounts::Kind;

use crate::{SignInStart, UiError, UiOptions};
use clerk_sdk::Clerk;
use mounts::Ctx;
use std::rc::Rc;
use web_sys::Element;

/// The URLs and start view a mounted component acts with. `None` falls back to the instance's
/// `display_config` (or stays on the page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Props {
    /// Where switching accounts goes.
    pub after_switch_session_url: Option<String>,
    /// Where "Add account" goes.
    pub sign_in_url: Option<String>,
    /// Where "Manage account" goes (default `/account/`).
    pub user_profile_url: Option<String>,
    /// Where a successful sign-in (or a pick in the chooser) goes.
    pub after_sign_in_url: Option<String>,
    /// Where a successful sign-up goes.
    pub after_sign_up_url: Option<String>,
    /// The sign-in component's first view.
    pub start: SignInStart,
}

/// Mounts the component `kind` on `el` for `clerk`, themed and worded by `options`.
pub fn mount(
    clerk: &Clerk,
    el: &Element,
    kind: Kind,
    options: UiOptions,
    mut props: Props,
) -> Result<(), UiError> {
    if kind == Kind::SignUp {
        props.start = SignInStart::SignUp;
    }
    let ctx = Ctx::new(clerk, kind, props);
    let snapshot = ctx.ui_snapshot(&clerk.snapshot());
    let acting = Rc::downgrade(&ctx);
    let dispatch: crate::Dispatch = Rc::new(move |action, reply| {
        if let Some(ctx) = acting.upgrade() {
            actions::dispatch(&ctx, action, reply);
        }
    });
    let handle = match kind {
        Kind::UserButton => crate::mount_user_button(el, options, snapshot, dispatch),
        Kind::SignIn | Kind::SignUp => {
            crate::mount_sign_in(el, options, ctx.props.start, snapshot, dispatch)
        }
        Kind::ManageAccounts => crate::mount_manage_accounts(el, options, snapshot, dispatch),
    }?;
    mounts::keep(el, ctx, handle);
    Ok(())
}

/// Removes the component `kind` mounted on `el`; `true` if there was one.
pub fn unmount(el: &Element, kind: Kind) -> bool {
    mounts::remove(el, kind)
}
