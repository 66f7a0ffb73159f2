//! The sign-in component's steps after a form: the mailed code (one field as people expect it:
//! `autocomplete="one-time-code"` so the browser offers the code from the mail, a numeric
//! keyboard, six digits, a pasted code taken whole; "Resend code" disabled with a visible
//! countdown) and the new password with "Sign out of other devices", checked by default.
//!
//! The state is `code_step.rs` and `sign_in_state.rs`; the form fields are shared with
//! `sign_in.rs`.

use crate::code_step::CodeStep;
use crate::dom::{El, Render};
use crate::events::On;
use crate::model::{CodePurpose, Field, SignInStart, Step};
use crate::msg::Msg;
use crate::sign_in_state::SignInView;
use crate::strings::decimal;
use crate::text::Text;

impl SignInView {
    /// The title and subtitle of a step.
    pub(crate) fn step_heading(&self, r: &Render, step: &CodeStep) -> (Text, Option<String>) {
        match &step.step {
            Step::Code { email, .. } => (
                Text::CheckEmail,
                Some(r.t.fill(Text::CodeSentTo, &[("email", email)])),
            ),
            Step::NewPassword => (Text::NewPasswordTitle, None),
        }
    }

    /// The form of a step.
    pub(crate) fn render_step(&self, r: &mut Render, step: &CodeStep) -> El {
        let form = self.form_start(r);
        let back_to: fn() -> Msg = match &step.step {
            Step::Code {
                purpose: CodePurpose::VerifyEmail,
                ..
            } => || Msg::Show(SignInStart::SignUp),
            _ => || Msg::Show(SignInStart::SignIn),
        };
        match &step.step {
            Step::Code { .. } => {
                self.field(
                    r,
                    &form,
                    Field::Code,
                    Text::CodeLabel,
                    "text",
                    "one-time-code",
                );
            }
            Step::NewPassword => {
                self.field(
                    r,
                    &form,
                    Field::Password,
                    Text::NewPasswordLabel,
                    "password",
                    "new-password",
                );
                let check = r.el(if step.sign_out_others {
                    "input|type=checkbox|id=f-others|data-k=f-others|name=sign_out_of_other_sessions|checked="
                } else {
                    "input|type=checkbox|id=f-others|data-k=f-others|name=sign_out_of_other_sessions"
                });
                r.on(&check.0, On::Click(|| Msg::Check));
                let text = r.el("span").say(r.t, Text::SignOutOtherDevices);
                form.push(r.el("label.ck").with(check).with(text));
            }
        }
        self.submit_button(r, &form);
        let links = r.el("p.lk");
        let back = r.button("back-form", "ln", back_to).say(r.t, Text::Back);
        links.push(back);
        if step.is_code() {
            let resend = r.button("resend", "ln", || Msg::Resend);
            let resend = if step.cooldown > 0 {
                let n = decimal(u64::from(step.cooldown));
                resend
                    .attr("disabled", "")
                    .text(&r.t.fill(Text::ResendCodeIn, &[("n", &n)]))
            } else {
                resend.say(r.t, Text::ResendCode)
            };
            links.push(resend);
        }
        form.with(links)
    }
}
