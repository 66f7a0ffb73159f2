//! The data that flows through a component, yew style: the [`Msg`]s built from DOM events at the
//! edge (`events.rs`), the [`Cx`] an update reads, the [`Effect`] it returns (an action to
//! dispatch, a re-render, where focus goes, whether the event's default is prevented), and the
//! [`Update`] trait each component's state implements. Nothing here touches the DOM, so every
//! component's state machine is tested natively (`cargo test -p clerk-ui`).

use crate::model::{CodePurpose, Field, SignInStart, Step, UiAction, UiSnapshot};
use crate::view_model::nav_step;

/// A message to a component, built from a DOM event where it arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Msg {
    /// The avatar button was clicked.
    Toggle,
    /// A key went down somewhere in the component: `KeyboardEvent.key`.
    Key(String),
    /// A click in the document outside the component.
    Outside,
    /// Focus moved from an element of the panel to an element outside the component.
    FocusLeft,
    /// A user action to dispatch.
    Act(UiAction),
    /// A form field now holds this value.
    Input(Field, String),
    /// The form was submitted.
    Submit,
    /// Show another view of the sign-in component.
    Show(SignInStart),
    /// "Email me a code instead" or "Forgot password?" was chosen.
    SendCode(CodePurpose),
    /// "Resend code".
    Resend,
    /// "Sign out of other devices" was toggled.
    Check,
    /// A second of the resend cooldown passed.
    Tick,
}

/// Where focus goes after a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Focus {
    /// The element with this `data-k`.
    Key(String),
    /// The input of this form field (`data-k="f-<key>"`); no string built where it is decided.
    Field(Field),
    /// The n-th arrow-key item (the last one when past the end).
    Nav(usize),
}

/// What handling a message did.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Effect {
    /// An action for the host to perform.
    pub action: Option<UiAction>,
    /// The state changed: render again.
    pub render: bool,
    /// Move focus here afterwards.
    pub focus: Option<Focus>,
    /// Cancel the event's default (a handled key's scrolling, a form's navigation).
    pub prevent_default: bool,
}

/// What an update can see besides its own state.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cx<'a> {
    /// The host's current snapshot.
    pub snap: &'a UiSnapshot,
    /// Index of the focused arrow-key item, if one is focused.
    pub nav_current: Option<usize>,
    /// How many arrow-key items the component shows.
    pub nav_len: usize,
}

impl Cx<'_> {
    /// The effect of `key` as an arrow-key navigation key (arrows, Home, End): focus the next
    /// item and keep the key from scrolling the page. `None` for any other key.
    pub fn nav_key(&self, key: &str) -> Option<Effect> {
        let next = nav_step(self.nav_current, self.nav_len, key)?;
        Some(Effect {
            focus: Some(Focus::Nav(next)),
            prevent_default: true,
            ..Effect::default()
        })
    }
}

/// A component's state and how messages and the host's replies change it.
pub(crate) trait Update {
    /// Reacts to one message.
    fn update(&mut self, msg: Msg, cx: &Cx) -> Effect;
    /// Shows an error next to a field (or above the form, or in the panel).
    fn show_error(&mut self, _field: Field, _message: String) {}
    /// Clears the form (forms only).
    fn reset(&mut self) {}
    /// Moves on to a step after the form (the sign-in component only).
    fn step(&mut self, _step: Step) {}
    /// Disables "Resend code" for `secs` seconds.
    fn cooldown(&mut self, _secs: u32) {}
    /// Whether a cooldown is running, so [`Msg::Tick`] must arrive every second.
    fn ticking(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_keys_move_focus_and_prevent_scrolling() {
        let snap = UiSnapshot::default();
        let cx = Cx {
            snap: &snap,
            nav_current: Some(1),
            nav_len: 3,
        };
        let moved = |to| Effect {
            focus: Some(Focus::Nav(to)),
            prevent_default: true,
            ..Effect::default()
        };
        assert_eq!(cx.nav_key("ArrowDown"), Some(moved(2)));
        assert_eq!(cx.nav_key("ArrowUp"), Some(moved(0)));
        assert_eq!(cx.nav_key("End"), Some(moved(2)));
        assert_eq!(cx.nav_key("Home"), Some(moved(0)));
        assert_eq!(cx.nav_key("Tab"), None, "Tab moves focus natively");
        assert_eq!(cx.nav_key("Enter"), None);
    }
}
