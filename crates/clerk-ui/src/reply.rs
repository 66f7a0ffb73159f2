//! [`Reply`]'s methods: how the host reports an action's outcome back to the component that sent it (an
//! error next to a field, a cleared form, the next step, a resend cooldown), also after an
//! `await`.

use crate::core::{Change, Reply};
use crate::model::{Field, Step};

impl Reply {
    /// Shows an error: our words for a known protocol `code`, else `message`. `field` defaults to
    /// the field the code is about ([`Field::for_code`]); the form stops being busy.
    pub fn show_error(&self, field: Option<Field>, code: &str, message: &str) {
        self.change(Change::Error(field, code, message));
    }

    /// Clears the form after a successful sign-in or sign-up.
    pub fn reset(&self) {
        self.change(Change::Reset);
    }

    /// Moves the sign-in component on to `step` (a code was mailed, or the reset code was
    /// right), focusing its field; a code step starts its resend cooldown.
    pub fn step(&self, step: Step) {
        self.change(Change::Step(step));
    }

    /// Keeps "Resend code" disabled for `secs` more seconds (the server's `Retry-After`).
    pub fn cooldown(&self, secs: u32) {
        self.change(Change::Cooldown(secs));
    }

    /// Hands `change` to the component, if it is still mounted (one copy of the upgrade for
    /// every reply).
    #[inline(never)]
    fn change(&self, change: Change) {
        if let Some(core) = self.0.upgrade() {
            core.host_change(change);
        }
    }

    /// True while the component is mounted.
    pub fn is_mounted(&self) -> bool {
        self.0.upgrade().is_some_and(|c| !c.dead.get())
    }
}
