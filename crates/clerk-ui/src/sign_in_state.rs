//! The sign-in component's state machine, yew style: which view is shown (form, sign-up form or
//! account chooser), the typed values, the errors next to their fields and whether the form waits
//! for the host. Only [`Msg`]s change it, through [`Update::update`], which returns the [`Effect`]
//! (the action to dispatch, where focus goes, `preventDefault`); tested natively in `sign_in_state_tests.rs`.

use crate::model::{Field, SignInStart, UiAction};
use crate::msg::{Cx, Effect, Focus, Msg, Update};
use crate::strings::join;

const FIELDS: [Field; 4] = [
    Field::Identifier,
    Field::Password,
    Field::FirstName,
    Field::LastName,
];

/// State of the sign-in component.
#[derive(Debug)]
pub(crate) struct SignInView {
    mode: SignInStart,
    values: [String; 4],
    errors: Vec<(Field, String)>,
    busy: bool,
}

impl SignInView {
    /// Opens on `start`.
    pub fn new(start: SignInStart) -> Self {
        SignInView {
            mode: start,
            values: Default::default(),
            errors: Vec::new(),
            busy: false,
        }
    }

    fn slot(field: Field) -> Option<usize> {
        FIELDS.iter().position(|f| *f == field)
    }

    /// The view asked for (the chooser renders as the form when no account is signed in).
    pub fn mode(&self) -> SignInStart {
        self.mode
    }

    /// True from a valid submit until the host replies.
    pub fn busy(&self) -> bool {
        self.busy
    }

    /// What was typed into `field`.
    pub fn value(&self, field: Field) -> &str {
        Self::slot(field).map_or("", |i| self.values[i].as_str())
    }

    /// The error shown next to `field` (empty: a required field left empty).
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    fn optional(&self, field: Field) -> Option<String> {
        Some(self.value(field).trim().to_owned()).filter(|v| !v.is_empty())
    }

    /// Submitting never navigates (`prevent_default`); a busy form does nothing else.
    fn submit(&mut self) -> Effect {
        let effect = self.validate_and_send();
        Effect {
            prevent_default: true,
            ..effect
        }
    }

    fn validate_and_send(&mut self) -> Effect {
        if self.busy {
            return Effect::default();
        }
        let sign_up = self.mode == SignInStart::SignUp;
        self.errors = [Field::Identifier, Field::Password]
            .into_iter()
            .filter(|f| self.value(*f).trim().is_empty())
            .map(|f| (f, String::new()))
            .collect();
        if let Some(first) = self.errors.first().map(|(f, _)| *f) {
            return Effect {
                render: true,
                focus: Some(Focus::Key(join("f-", first.key()))),
                ..Effect::default()
            };
        }
        self.busy = true;
        let identifier = self.value(Field::Identifier).trim().to_owned();
        let password = self.value(Field::Password).to_owned();
        let action = if sign_up {
            let (first_name, last_name) = (
                self.optional(Field::FirstName),
                self.optional(Field::LastName),
            );
            UiAction::SignUp {
                email_address: identifier,
                password,
                first_name,
                last_name,
            }
        } else {
            UiAction::SignIn {
                identifier,
                password,
            }
        };
        Effect {
            action: Some(action),
            render: true,
            ..Effect::default()
        }
    }
}

impl Update for SignInView {
    fn update(&mut self, msg: Msg, cx: &Cx) -> Effect {
        match msg {
            Msg::Input(field, value) => {
                if let Some(i) = Self::slot(field) {
                    self.values[i] = value;
                }
                Effect::default()
            }
            Msg::Submit => self.submit(),
            Msg::Show(mode) => {
                self.mode = mode;
                self.errors.clear();
                let focus = match mode {
                    SignInStart::Chooser => Focus::Nav(0),
                    _ => Focus::Key("f-identifier".into()),
                };
                Effect {
                    render: true,
                    focus: Some(focus),
                    ..Effect::default()
                }
            }
            Msg::Act(action) => Effect {
                action: Some(action),
                ..Effect::default()
            },
            Msg::Key(key) if self.mode == SignInStart::Chooser && !cx.snap.accounts.is_empty() => {
                cx.nav_key(&key).unwrap_or_default()
            }
            _ => Effect::default(),
        }
    }

    fn show_error(&mut self, field: Field, message: String) {
        self.busy = false;
        self.errors.retain(|(f, _)| *f != field);
        self.errors.push((field, message));
    }

    fn reset(&mut self) {
        self.values = Default::default();
        self.errors.clear();
        self.busy = false;
    }
}
