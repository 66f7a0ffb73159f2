//! The sign-in component: the email + password form, the sign-up form, and the account chooser
//! ("Choose an account", where a single sign-out lands) listing the signed-in accounts plus "Add
//! account". Errors appear next to the field they are about (`aria-invalid`, `aria-describedby`,
//! `role="alert"`), and the form is busy (`aria-busy`, submit disabled) until the host replies.

use crate::core::View;
use crate::dom::{El, Render};
use crate::events::On;
use crate::model::{Field, SignInStart, UiAction};
use crate::msg::{Cx, Effect, Focus, Msg, Update};
use crate::strings::join;
use crate::text::Text;

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

    fn value(&self, field: Field) -> &str {
        Self::slot(field).map_or("", |i| self.values[i].as_str())
    }

    fn error(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    fn optional(&self, field: Field) -> Option<String> {
        Some(self.value(field).trim().to_owned()).filter(|v| !v.is_empty())
    }

    fn field(
        &self,
        r: &mut Render,
        form: &El,
        field: Field,
        label: Text,
        kind: &str,
        autocomplete: &str,
    ) {
        let key = field.key();
        let id = join("f-", key);
        let err_id = join("e-", key);
        form.push(r.el("label").attr("for", &id).text(r.t.get(label)));
        let input = r
            .input(self.value(field))
            .attr("id", &id)
            .attr("data-k", &id)
            .attr("name", key)
            .attr("type", kind)
            .attr("autocomplete", autocomplete);
        let input = match self.error(field) {
            Some(_) => input
                .attr("aria-invalid", "true")
                .attr("aria-describedby", &err_id),
            None => input,
        };
        r.on(&input.0, On::Input(field));
        form.push(input);
        if let Some(message) = self.error(field) {
            // An empty message marks a required field left empty.
            let message = if message.is_empty() {
                r.t.get(Text::ErrorRequired)
            } else {
                message
            };
            form.push(
                r.el("p")
                    .cls("er")
                    .attr("id", &err_id)
                    .attr("role", "alert")
                    .text(message),
            );
        }
    }

    fn render_form(&self, r: &mut Render, cx: &Cx, sign_up: bool) -> El {
        let form = r
            .el("form")
            .attr("novalidate", "")
            .attr("aria-labelledby", "t");
        r.on(&form.0, On::Submit);
        if let Some(message) = self.error(Field::Form) {
            form.push(r.el("p").cls("er").attr("role", "alert").text(message));
        }
        if sign_up {
            self.field(
                r,
                &form,
                Field::FirstName,
                Text::FirstNameLabel,
                "text",
                "given-name",
            );
            self.field(
                r,
                &form,
                Field::LastName,
                Text::LastNameLabel,
                "text",
                "family-name",
            );
        }
        self.field(
            r,
            &form,
            Field::Identifier,
            Text::EmailLabel,
            "email",
            "username",
        );
        let pw_auto = if sign_up {
            "new-password"
        } else {
            "current-password"
        };
        self.field(
            r,
            &form,
            Field::Password,
            Text::PasswordLabel,
            "password",
            pw_auto,
        );
        let submit = r
            .el("button")
            .cls("pr")
            .attr("type", "submit")
            .attr("data-k", "submit")
            .text(r.t.get(Text::Continue));
        form.push(if self.busy {
            submit.attr("disabled", "").attr("aria-busy", "true")
        } else {
            submit
        });
        let (lead, link, to) = if sign_up {
            (Text::HaveAccount, Text::SignInLink, SignInStart::SignIn)
        } else {
            (Text::NoAccount, Text::SignUpLink, SignInStart::SignUp)
        };
        let other = r.button("other", "ln", Msg::Show(to)).text(r.t.get(link));
        let footer = r
            .el("p")
            .cls("ft")
            .text(&join(r.t.get(lead), " "))
            .with(other);
        let wrap = r.el("div").with(form).with(footer);
        if !cx.snap.accounts.is_empty() {
            let back = r
                .button("back", "ln", Msg::Show(SignInStart::Chooser))
                .text(r.t.get(Text::BackToAccounts));
            wrap.push(r.el("p").cls("ft").with(back));
        }
        wrap
    }

    fn render_chooser(&self, r: &mut Render, cx: &Cx) -> El {
        let list = r.el("ul").cls("ch").attr("aria-labelledby", "t");
        for a in &cx.snap.accounts {
            let b = r
                .nav_button(
                    &join("n-", &a.session_id),
                    "it",
                    Msg::Act(UiAction::Switch(a.session_id.clone())),
                )
                .with(r.avatar(a, false))
                .with(r.identity(a));
            list.push(r.el("li").with(b));
        }
        let add = r
            .nav_button("add", "it", Msg::Show(SignInStart::SignIn))
            .text(r.t.get(Text::AddAccount));
        list.with(r.el("li").with(add))
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

impl View for SignInView {
    fn render(&self, r: &mut Render, cx: &Cx) -> El {
        let mode = match self.mode {
            SignInStart::Chooser if cx.snap.accounts.is_empty() => SignInStart::SignIn,
            mode => mode,
        };
        let title = match mode {
            SignInStart::SignIn => Text::SignInTitle,
            SignInStart::SignUp => Text::SignUpTitle,
            SignInStart::Chooser => Text::ChooseAccount,
        };
        let card = r.el("section").cls("card").attr("aria-labelledby", "t");
        r.on(&card.0, On::Key);
        card.push(r.el("h1").attr("id", "t").text(r.t.get(title)));
        let app = cx.snap.application_name.as_str();
        if !app.is_empty() {
            card.push(
                r.el("p")
                    .cls("sub")
                    .text(&r.t.fill(Text::ContinueTo, &[("app", app)])),
            );
        }
        let body = match mode {
            SignInStart::Chooser => self.render_chooser(r, cx),
            SignInStart::SignIn => self.render_form(r, cx, false),
            SignInStart::SignUp => self.render_form(r, cx, true),
        };
        card.with(body)
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
