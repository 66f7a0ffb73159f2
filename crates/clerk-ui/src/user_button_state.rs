//! The UserButton's state machine, yew style: whether the panel is open and the error of the last
//! action. Only [`Msg`]s change it, through [`Update::update`], which returns the [`Effect`] (the
//! action to dispatch, where focus goes, `preventDefault`). The keyboard rules described in
//! `user_button.rs` are decided here, and tested natively in `user_button_state_tests.rs`.

use crate::model::{Field, UiAction};
use crate::msg::{Cx, Effect, Focus, Msg, Update};

/// The UserButton's own state: whether the panel is open, and the error of the last action.
#[derive(Debug, Default)]
pub(crate) struct UserButton {
    open: bool,
    error: Option<String>,
}

/// The `data-k` of the avatar button, where focus returns when the panel closes.
pub(crate) const TRIGGER: &str = "trigger";

impl UserButton {
    /// True while the panel is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The error of the last action, shown on top of the panel.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    fn close(&mut self, return_focus: bool) -> Effect {
        self.open = false;
        self.error = None;
        Effect {
            render: true,
            focus: return_focus.then(|| Focus::Key(TRIGGER.into())),
            ..Effect::default()
        }
    }

    fn open_at(&mut self, item: usize) -> Effect {
        self.open = true;
        Effect {
            render: true,
            focus: Some(Focus::Nav(item)),
            ..Effect::default()
        }
    }

    fn key(&mut self, key: &str, cx: &Cx) -> Effect {
        let effect = match (self.open, key) {
            (true, "Escape") => self.close(true),
            (true, _) => return cx.nav_key(key).unwrap_or_default(),
            (false, "ArrowDown") => self.open_at(0),
            (false, "ArrowUp") => self.open_at(usize::MAX),
            _ => return Effect::default(),
        };
        Effect {
            prevent_default: true,
            ..effect
        }
    }
}

impl Update for UserButton {
    fn update(&mut self, msg: Msg, cx: &Cx) -> Effect {
        match msg {
            Msg::Toggle if self.open => self.close(true),
            Msg::Toggle => self.open_at(0),
            Msg::Key(key) => self.key(&key, cx),
            Msg::Outside | Msg::FocusLeft if self.open => self.close(false),
            Msg::Act(action) => {
                // Signing out of another account keeps the panel open on the remaining list.
                let active = cx.snap.active_session_id.as_deref();
                let keep_open =
                    matches!(&action, UiAction::SignOutOne(id) if Some(id.as_str()) != active);
                let mut effect = if keep_open {
                    Effect::default()
                } else {
                    self.close(true)
                };
                effect.render |= self.error.take().is_some();
                effect.action = Some(action);
                effect
            }
            _ => Effect::default(),
        }
    }

    /// A failed switch or sign-out: reopen the panel with the error on top (`role="alert"`).
    fn show_error(&mut self, _field: Field, message: String) {
        self.open = true;
        self.error = Some(message);
    }
}
