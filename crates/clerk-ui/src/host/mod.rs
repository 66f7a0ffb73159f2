//! The components wired to the SDK (clerk-sdk's Rust API): [`mount`] renders a component on an
//! element, re-renders it on every SDK change (so every tab's components follow switches,
//! sign-ins and sign-outs) and performs its actions through the SDK; [`unmount`] removes it.
//! Mounting again on the same element replaces the component. The JS binding's
//! `mountUserButton(el, props)` and friends read their props and call these; a Rust app calls
//! them directly.

mod actions;
mod calls;
mod mounts;
mod props;

pub use mounts::Kind;
pub use props::Props;

use crate::error::UiError;
use crate::model::SignInStart;
use crate::mount::{mount_manage_accounts, mount_sign_in, mount_user_button, UiOptions};
use clerk_sdk::Clerk;
use mounts::Ctx;
use std::rc::Rc;
use web_sys::Element;

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
    let dispatch: crate::core::Dispatch = Rc::new(move |action, reply| {
        if let Some(ctx) = acting.upgrade() {
            actions::dispatch(&ctx, action, reply);
        }
    });
    let handle = match kind {
        Kind::UserButton => mount_user_button(el, options, snapshot, dispatch),
        Kind::SignIn | Kind::SignUp => {
            mount_sign_in(el, options, ctx.props.start, snapshot, dispatch)
        }
        Kind::ManageAccounts => mount_manage_accounts(el, options, snapshot, dispatch),
    }?;
    mounts::keep(el, ctx, handle);
    Ok(())
}

/// Removes the component `kind` mounted on `el`; `true` if there was one.
pub fn unmount(el: &Element, kind: Kind) -> bool {
    mounts::remove(el, kind)
}
