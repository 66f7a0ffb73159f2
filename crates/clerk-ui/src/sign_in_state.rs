//! The sign-in component's state machine, yew style: which view is shown (form, sign-up form or
//! account chooser, or a step after the form: a mailed code, a new password), the typed values,
//! the errors next to their fields and whether the form waits for the host. Only [`Msg`]s change it, through [`Update::update`], which returns the [`Effect`]
//! (the action to dispatch, where focus goes, `preventDefault`); tested natively in `sign_in_state_tests.rs`.

use crate::code_step::{code_digits, CodeStep, CODE_LEN, RESEND_COOLDOWN_SECS};
use crate::model::{Field, SignInStart, Step, UiAction};
use crate::msg::{Cx, Effect, Focus, Msg, Update};

/// State of the sign-in component.
#[derive(Debug)]
pub(crate) struct SignInView {
    mode: SignInStart,
    /// What was typed, by `Field as usize`: the typed fields are the first five [`Field`]s, so
    /// the discriminant is the index (size: no table searched); [`Field::Form`] is past the end.
    values: [String; 5],
    /// The error next to each field, by `Field as usize` (as `values`; size: no list searched,
    /// retained and pushed). An empty message: a required field left empty.
    errors: [Option<String>; 6],
    busy: bool,
    step: Option<CodeStep>,
}

impl SignInView {
    /// Opens on `start`.
    pub fn new(start: SignInStart) -> Self {
        SignInView {
            mode: start,
            values: Default::default(),
            errors: Default::default(),
            busy: false,
            step: None,
        }
    }

    /// The step after the form being shown, if any.
    pub fn current_step(&self) -> Option<&CodeStep> {
        self.step.as_ref()
    }

    fn set(&mut self, field: Field, value: String) {
        if let Some(slot) = self.values.get_mut(field as usize) {
            *slot = value;
        }
    }

    fn clear_errors(&mut self) {
        self.errors = Default::default();
    }

    fn set_error(&mut self, field: Field, message: String) {
        if let Some(slot) = self.errors.get_mut(field as usize) {
            *slot = Some(message);
        }
    }

    /// Errors on the `required` fields left empty; the effect focusing the first, if any.
    fn check_required(&mut self, required: &[Field]) -> Option<Effect> {
        // A plain loop, not an iterator chain: the chain's `next` cost the wasm bytes.
        self.clear_errors();
        let mut first = None;
        for &f in required {
            if self.value(f).trim().is_empty() {
                self.set_error(f, String::new());
                first = first.or(Some(f));
            }
        }
        let first = first?;
        Some(Effect {
            render: true,
            focus: Some(Focus::Field(first)),
            ..Effect::default()
        })
    }

    /// Busy, sending `action`.
    fn send(&mut self, action: UiAction) -> Effect {
        self.busy = true;
        Effect {
            action: Some(action),
            render: true,
            ..Effect::default()
        }
    }

    /// Submitting a step: the code (all its digits) or the new password.
    fn submit_step(&mut self, step: &CodeStep) -> Effect {
        if step.is_code() {
            let code = self.value(Field::Code).to_owned();
            if code.len() != CODE_LEN {
                self.clear_errors();
                self.set_error(Field::Code, String::new());
                return Effect {
                    render: true,
                    focus: Some(Focus::Field(Field::Code)),
                    ..Effect::default()
                };
            }
            return self.send(UiAction::Code(code));
        }
        if let Some(effect) = self.check_required(&[Field::Password]) {
            return effect;
        }
        let password = self.value(Field::Password).to_owned();
        self.send(UiAction::NewPassword {
            password,
            sign_out_of_other_sessions: step.sign_out_others,
        })
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
        self.values.get(field as usize).map_or("", String::as_str)
    }

    /// The error shown next to `field` (empty: a required field left empty).
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors.get(field as usize)?.as_deref()
    }

    /// What was typed into `field`, trimmed (one call per site: size).
    #[inline(never)]
    fn trimmed(&self, field: Field) -> String {
        self.value(field).trim().to_owned()
    }

    fn optional(&self, field: Field) -> Option<String> {
        Some(self.trimmed(field)).filter(|v| !v.is_empty())
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
        if let Some(step) = self.step.clone() {
            return self.submit_step(&step);
        }
        let sign_up = self.mode == SignInStart::SignUp;
        if let Some(effect) = self.check_required(&[Field::Identifier, Field::Password]) {
            return effect;
        }
        let identifier = self.trimmed(Field::Identifier);
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
        self.send(action)
    }
}

impl Update for SignInView {
    fn update(&mut self, msg: Msg, cx: &Cx) -> Effect {
        match msg {
            Msg::Input(Field::Code, value) => {
                // Digits only (a pasted "123 456" too); all six submit at once.
                let digits = code_digits(&value);
                let changed = digits != value;
                let complete = digits.len() == CODE_LEN && self.value(Field::Code) != digits;
                self.set(Field::Code, digits);
                if complete && !self.busy {
                    return self.submit();
                }
                Effect {
                    render: changed,
                    ..Effect::default()
                }
            }
            Msg::Input(field, value) => {
                self.set(field, value);
                Effect::default()
            }
            Msg::Submit => self.submit(),
            Msg::SendCode(purpose) => {
                if self.busy {
                    return Effect::default();
                }
                if let Some(effect) = self.check_required(&[Field::Identifier]) {
                    return effect;
                }
                let identifier = self.trimmed(Field::Identifier);
                self.send(UiAction::SendCode {
                    purpose,
                    identifier,
                })
            }
            Msg::Resend => match self.step.as_mut() {
                Some(step) if step.is_code() && step.cooldown == 0 => {
                    step.cooldown = RESEND_COOLDOWN_SECS;
                    self.clear_errors();
                    self.set(Field::Code, String::new());
                    Effect {
                        action: Some(UiAction::Resend),
                        render: true,
                        focus: Some(Focus::Field(Field::Code)),
                        ..Effect::default()
                    }
                }
                _ => Effect::default(),
            },
            Msg::Check => {
                // The checkbox shows its new state itself: nothing to render.
                if let Some(step) = self.step.as_mut() {
                    step.sign_out_others = !step.sign_out_others;
                }
                Effect::default()
            }
            Msg::Tick => Effect {
                render: self.step.as_mut().is_some_and(CodeStep::tick),
                ..Effect::default()
            },
            Msg::Show(mode) => {
                self.mode = mode;
                self.step = None;
                self.busy = false;
                self.clear_errors();
                let focus = match mode {
                    SignInStart::Chooser => Focus::Nav(0),
                    _ => Focus::Field(Field::Identifier),
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
        self.set_error(field, message);
    }

    fn reset(&mut self) {
        self.values = Default::default();
        self.clear_errors();
        self.busy = false;
        self.step = None;
    }

    fn step(&mut self, step: Step) {
        self.set(Field::Code, String::new());
        self.set(Field::Password, String::new());
        self.clear_errors();
        self.busy = false;
        self.step = Some(CodeStep::new(step));
    }

    fn cooldown(&mut self, secs: u32) {
        if let Some(step) = self.step.as_mut() {
            step.cooldown = secs;
        }
    }

    fn ticking(&self) -> bool {
        self.step.as_ref().is_some_and(|s| s.cooldown > 0)
    }
}
