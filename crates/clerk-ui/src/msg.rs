//! The data that flows through a component: the [`Msg`]s its elements send, and the [`Effect`]
//! (an action to dispatch, a re-render, where focus goes) of handling one.

use crate::model::{Field, SignInStart, UiAction};

/// Internal messages from the DOM to a component.
#[derive(Debug, Clone)]
pub(crate) enum Msg {
    /// The avatar button was clicked.
    Toggle,
    /// A key went down somewhere in the component.
    Key,
    /// A click somewhere in the document.
    Outside,
    /// Focus left an element of the panel.
    FocusOut,
    /// A user action to dispatch.
    Act(UiAction),
    /// A form field changed.
    Input(Field),
    /// The form was submitted.
    Submit,
    /// Show another view of the sign-in component.
    Show(SignInStart),
}

/// Where focus goes after a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Focus {
    /// The element with this `data-k`.
    Key(String),
    /// The n-th arrow-key item (the last one when past the end).
    Nav(usize),
}

/// What a message did.
#[derive(Debug, Default)]
pub(crate) struct Effect {
    pub action: Option<UiAction>,
    pub render: bool,
    pub focus: Option<Focus>,
}
