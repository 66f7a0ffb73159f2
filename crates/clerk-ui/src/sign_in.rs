//! The sign-in component: the email + password form, the sign-up form, and the account chooser
//! ("Choose an account", where a single sign-out lands) listing the signed-in accounts plus "Add
//! account". Errors appear next to the field they are about (`aria-invalid`, `aria-describedby`,
//! `role="alert"`), and the form is busy (`aria-busy`, submit disabled) until the host replies.
//!
//! The sign-in form offers "Forgot password?" and "Email me a code instead" when the instance
//! lists those first factors; the steps after a form (a mailed code, a new password) render in
//! `sign_in_code.rs`.
//!
//! This module renders; the state and how messages change it are in `sign_in_state.rs`.

use crate::core::View;
use crate::dom::{El, Render};
use crate::events::On;
use crate::model::{CodePurpose, Field, SignInStart, UiAction};
use crate::msg::{Cx, Msg};
use crate::sign_in_state::SignInView;
use crate::strings::join;
use crate::text::Text;

impl SignInView {
    /// One labelled field with its error (`role="alert"`, tied by `aria-describedby`).
    pub(crate) fn field(
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
        form.push(r.el("label").attr("for", &id).say(r.t, label));
        let input = r
            .input(self.value(field))
            .attr("id", &id)
            .attr("data-k", &id)
            .attr("name", key)
            .attr("type", kind)
            .attr("autocomplete", autocomplete);
        let input = if field == Field::Code {
            // The browser offers the mailed code; phones show digits. No `maxlength`: it would
            // cut a pasted "123 456" short; the update keeps the first six digits.
            input
                .attr("inputmode", "numeric")
                .attr("spellcheck", "false")
        } else {
            input
        };
        let input = match self.error(field) {
            Some(_) => input
                .attr("aria-invalid", "true")
                .attr("aria-describedby", &err_id),
            None => input,
        };
        r.on(&input.0, On::Input(field));
        form.push(input);
        if let Some(message) = self.error(field) {
            // An empty message marks a required field left empty (a code: not all digits).
            let message = if message.is_empty() && field == Field::Code {
                r.t.get(Text::ErrorCodeLength)
            } else if message.is_empty() {
                r.t.get(Text::ErrorRequired)
            } else {
                message
            };
            form.push(r.el("p.er|role=alert").attr("id", &err_id).text(message));
        }
    }

    /// A `<form>` sending [`Msg::Submit`], with the form-wide error, if any.
    pub(crate) fn form_start(&self, r: &mut Render) -> El {
        let form = r.el("form|novalidate=|aria-labelledby=t");
        r.on(&form.0, On::Submit);
        if let Some(message) = self.error(Field::Form) {
            form.push(r.el("p.er|role=alert").text(message));
        }
        form
    }

    /// "Continue", disabled and `aria-busy` while the host works.
    pub(crate) fn submit_button(&self, r: &mut Render, form: &El) {
        let submit = r
            .el(if self.busy() {
                "button.pr|type=submit|data-k=submit|disabled=|aria-busy=true"
            } else {
                "button.pr|type=submit|data-k=submit"
            })
            .say(r.t, Text::Continue);
        form.push(submit);
    }

    fn render_form(&self, r: &mut Render, cx: &Cx, sign_up: bool) -> El {
        let form = self.form_start(r);
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
        if !sign_up && (cx.snap.reset_password || cx.snap.email_code) {
            let links = r.el("p.lk");
            if cx.snap.reset_password {
                let forgot = || Msg::SendCode(CodePurpose::ResetPassword);
                links.push(
                    r.button("forgot", "ln", forgot)
                        .say(r.t, Text::ForgotPassword),
                );
            }
            if cx.snap.email_code {
                let by_code = || Msg::SendCode(CodePurpose::SignIn);
                links.push(
                    r.button("email-code", "ln", by_code)
                        .say(r.t, Text::EmailCodeInstead),
                );
            }
            form.push(links);
        }
        self.submit_button(r, &form);
        let (lead, link, to): (_, _, fn() -> Msg) = if sign_up {
            (Text::HaveAccount, Text::SignInLink, || {
                Msg::Show(SignInStart::SignIn)
            })
        } else {
            (Text::NoAccount, Text::SignUpLink, || {
                Msg::Show(SignInStart::SignUp)
            })
        };
        let other = r.button("other", "ln", to).say(r.t, link);
        let footer = r.el("p.ft").text(&join(r.t.get(lead), " ")).with(other);
        let wrap = r.el("div").with(form).with(footer);
        if !cx.snap.accounts.is_empty() {
            let back = r
                .button("back", "ln", || Msg::Show(SignInStart::Chooser))
                .say(r.t, Text::BackToAccounts);
            wrap.push(r.el("p.ft").with(back));
        }
        wrap
    }

    fn render_chooser(&self, r: &mut Render, cx: &Cx) -> El {
        let list = r.el("ul.ch|aria-labelledby=t");
        for a in &cx.snap.accounts {
            let b = r
                .account_button("n-", "it", UiAction::Switch, &a.session_id)
                .with(r.avatar(a, false))
                .with(r.identity(a));
            list.push(r.el("li").with(b));
        }
        let add = r
            .nav_button("add", "it", || Msg::Show(SignInStart::SignIn))
            .say(r.t, Text::AddAccount);
        list.with(r.el("li").with(add))
    }
}

impl View for SignInView {
    fn render(&self, r: &mut Render, cx: &Cx) -> El {
        let mode = match self.mode() {
            SignInStart::Chooser if cx.snap.accounts.is_empty() => SignInStart::SignIn,
            mode => mode,
        };
        let (title, sub) = match (self.current_step(), mode) {
            (Some(step), _) => self.step_heading(r, step),
            (None, SignInStart::SignIn) => (Text::SignInTitle, None),
            (None, SignInStart::SignUp) => (Text::SignUpTitle, None),
            (None, SignInStart::Chooser) => (Text::ChooseAccount, None),
        };
        let card = r.el("section.card|aria-labelledby=t");
        r.on(&card.0, On::Key);
        card.push(r.el("h1|id=t").say(r.t, title));
        let app = cx.snap.application_name.as_str();
        let sub =
            sub.or_else(|| (!app.is_empty()).then(|| r.t.fill(Text::ContinueTo, &[("app", app)])));
        if let Some(sub) = sub {
            card.push(r.el("p.sub").text(&sub));
        }
        let body = match (self.current_step(), mode) {
            (Some(step), _) => self.render_step(r, step),
            (None, SignInStart::Chooser) => self.render_chooser(r, cx),
            (None, SignInStart::SignIn) => self.render_form(r, cx, false),
            (None, SignInStart::SignUp) => self.render_form(r, cx, true),
        };
        card.with(body)
    }
}
