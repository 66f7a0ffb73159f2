//! Every action of the components as SDK calls: a switch, a sign-out, a revoke, a password
//! sign-in, and the emailed-code flows (a sign-up that must verify its address, a sign-in with a
//! mailed code, a password reset: code, then new password). An action becomes one SDK call
//! ([`Call`]) and how its answer is read ([`Then`]); the answer decides what the component does
//! next ([`Next`]) or makes one more call (a sign-up to verify mails its code). The attempt a
//! code step continues is kept in the mount's context (`mounts::Pending`).
//!
//! Size: the calls and decisions are plain functions around one loop with one await per kind of
//! answer, instead of an `async fn` per action awaited in the dispatcher's state machine (about
//! 3 KB less wasm; the password sign-in and the other actions joined later, 587 B gzip less).

use super::mounts::{Ctx, Kind, Pending};
use crate::model::{CodePurpose, Step, UiAction};
use clerk_sdk::{
    ClerkError, Flow, ResetPasswordParams, SignIn, SignInCreateParams, SignOutOptions, SignUp,
    SignUpParams, Strategy,
};
use std::rc::Rc;

/// What the component does after an action succeeded.
pub(crate) enum Next {
    /// Go here (if anywhere); the component stays as it is.
    Go(Option<String>),
    /// Signed in: clear the form, then go here (if anywhere).
    Signed(Option<String>),
    /// Move on to this step.
    Step(Step),
    /// Nothing changes (a new code was mailed).
    Stay,
}

/// One SDK call of a flow.
enum Call<'a> {
    SignIn(Flow<'a, Result<SignIn, ClerkError>>),
    SignUp(Flow<'a, Result<SignUp, ClerkError>>),
    /// A call answering nothing to read (a switch, a sign-out, a revoke).
    Done(Flow<'a, Result<(), ClerkError>>),
    /// No call (the action only navigates).
    None,
}

/// How a call's answer is read.
enum Then {
    /// A sign-up: complete, or mail its code and show the code step for this address.
    SignedUp(String),
    /// A code sign-in or reset was created for this address: the code step.
    CodeSent(CodePurpose, String, Strategy),
    /// A code or new password was tried: complete, or (a reset) the new-password step.
    Tried {
        /// The attempt is a sign-up.
        sign_up: bool,
    },
    /// Done: this.
    Show(Next),
    /// A password sign-in: signed in.
    SignedIn,
}

/// The status of a finished attempt.
const COMPLETE: &str = "complete";

fn not_ready() -> ClerkError {
    ClerkError::api(
        clerk_sdk::ErrorCode::VerificationNotReady,
        "No sign-in or sign-up is waiting for a code.",
    )
}

impl Ctx {
    fn pending(&self) -> Result<Pending, ClerkError> {
        self.pending.borrow().clone().ok_or_else(not_ready)
    }

    /// Signed in: the pending attempt is done.
    fn signed(&self, sign_up: bool) -> Next {
        self.pending.borrow_mut().take();
        let props = &self.props;
        Next::Signed(if sign_up {
            props.after_sign_up_url.clone()
        } else {
            props.after_sign_in_url.clone()
        })
    }

    /// Mails a new code for the pending attempt.
    fn resend(&self) -> Result<Call<'_>, ClerkError> {
        Ok(match self.pending()? {
            Pending::SignUp(id) => Call::SignUp(self.clerk.prepare_email_address_verification(&id)),
            Pending::SignIn(id, strategy) => {
                Call::SignIn(self.clerk.prepare_first_factor(&id, strategy))
            }
        })
    }

    /// The first call of `action`, and how its answer is read.
    fn start(self: &Rc<Self>, action: UiAction) -> Result<(Call<'_>, Then), ClerkError> {
        let clerk = &self.clerk;
        let props = &self.props;
        // One URL of the environment, read in place (no copy of the whole environment).
        let env = |url: fn(&clerk_sdk::Environment) -> &String| {
            clerk.with_environment(|e| e.map(|e| url(e).clone()))
        };
        let go = |url| Then::Show(Next::Go(url));
        Ok(match action {
            UiAction::Switch(id) => {
                let chooser = if self.kind == Kind::SignIn {
                    props.after_sign_in_url.clone()
                } else {
                    None
                };
                let url = props
                    .after_switch_session_url
                    .clone()
                    .or(chooser)
                    .or_else(|| env(|e| &e.display_config.after_switch_session_url));
                let flow = Box::pin(async move { clerk.set_active(Some(&id), None).await });
                (Call::Done(flow), go(url))
            }
            UiAction::SignOutOne(id) => {
                let options = SignOutOptions {
                    session_id: Some(id),
                    redirect_url: None,
                };
                (Call::Done(clerk.sign_out(options)), go(None))
            }
            UiAction::SignOutAll => (
                Call::Done(clerk.sign_out(SignOutOptions::default())),
                go(None),
            ),
            UiAction::AddAccount => {
                let url = props
                    .sign_in_url
                    .clone()
                    .or_else(|| env(|e| &e.display_config.sign_in_url))
                    .unwrap_or_else(|| "/sign-in".into());
                (Call::None, go(Some(url)))
            }
            UiAction::ManageAccount => {
                let url = props
                    .user_profile_url
                    .clone()
                    .unwrap_or_else(|| "/account/".into());
                (Call::None, go(Some(url)))
            }
            UiAction::Revoke(id) => (Call::Done(self.revoke(id)), go(None)),
            // The password form goes through the same call as the code sign-in (one flow in
            // the wasm instead of two).
            UiAction::SignIn {
                identifier,
                password,
            } => {
                let params = SignInCreateParams {
                    strategy: Strategy::Password,
                    identifier,
                    password: Some(password),
                };
                (Call::SignIn(clerk.create_sign_in(&params)), Then::SignedIn)
            }
            UiAction::SignUp {
                email_address,
                password,
                first_name,
                last_name,
            } => {
                let named = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
                let params = SignUpParams {
                    email_address,
                    password,
                    first_name: named(first_name),
                    last_name: named(last_name),
                };
                let call = Call::SignUp(clerk.create_sign_up(&params));
                (call, Then::SignedUp(params.email_address))
            }
            UiAction::SendCode {
                purpose,
                identifier,
            } => {
                let strategy = match purpose {
                    CodePurpose::ResetPassword => Strategy::ResetPasswordEmailCode,
                    _ => Strategy::EmailCode,
                };
                let params = SignInCreateParams {
                    strategy,
                    identifier,
                    password: None,
                };
                let call = Call::SignIn(clerk.create_sign_in(&params));
                (call, Then::CodeSent(purpose, params.identifier, strategy))
            }
            UiAction::Code(code) => match self.pending() {
                Ok(Pending::SignUp(id)) => (
                    Call::SignUp(clerk.attempt_email_address_verification(&id, &code)),
                    Then::Tried { sign_up: true },
                ),
                Ok(Pending::SignIn(id, strategy)) => (
                    Call::SignIn(clerk.attempt_first_factor(&id, strategy, &code)),
                    Then::Tried { sign_up: false },
                ),
                Err(e) => return Err(e),
            },
            UiAction::Resend => (self.resend()?, Then::Show(Next::Stay)),
            UiAction::NewPassword {
                password,
                sign_out_of_other_sessions,
            } => {
                let Ok(Pending::SignIn(id, _)) = self.pending() else {
                    return Err(not_ready());
                };
                let params = ResetPasswordParams {
                    password,
                    sign_out_of_other_sessions,
                };
                let call = Call::SignIn(clerk.reset_password(&id, &params));
                (call, Then::Tried { sign_up: false })
            }
        })
    }

    /// What the answer (`id`, `status`) of a call read as `then` leads to: the next step (or an
    /// error), or one more call.
    #[allow(clippy::type_complexity)]
    fn after(
        &self,
        then: Then,
        id: String,
        status: &str,
    ) -> Result<Result<Next, ClerkError>, (Call<'_>, Then)> {
        let complete = status == COMPLETE;
        match then {
            Then::SignedIn => Ok(Ok(self.signed(false))),
            Then::SignedUp(_) | Then::CodeSent(..) | Then::Tried { .. } if complete => {
                let sign_up = matches!(then, Then::SignedUp(_) | Then::Tried { sign_up: true });
                Ok(Ok(self.signed(sign_up)))
            }
            Then::SignedUp(email) => {
                *self.pending.borrow_mut() = Some(Pending::SignUp(id));
                let step = Step::Code {
                    purpose: CodePurpose::VerifyEmail,
                    email,
                };
                match self.resend() {
                    Ok(call) => Err((call, Then::Show(Next::Step(step)))),
                    Err(e) => Ok(Err(e)),
                }
            }
            Then::CodeSent(purpose, email, strategy) => {
                *self.pending.borrow_mut() = Some(Pending::SignIn(id, strategy));
                Ok(Ok(Next::Step(Step::Code { purpose, email })))
            }
            Then::Tried { sign_up: false } => Ok(Ok(Next::Step(Step::NewPassword))),
            // A right code that did not finish the sign-up: nothing this flow can continue.
            Then::Tried { sign_up: true } => Ok(Err(not_ready())),
            Then::Show(next) => Ok(Ok(next)),
        }
    }

    /// Runs `action` to what the component does next.
    pub fn run(self: &Rc<Self>, action: UiAction) -> Flow<'_, Result<Next, ClerkError>> {
        let first = self.start(action);
        Box::pin(async move {
            let (mut call, mut then) = first?;
            loop {
                let (id, status) = match call {
                    Call::SignIn(flow) => {
                        let s = flow.await?;
                        (s.id, s.status)
                    }
                    Call::SignUp(flow) => {
                        let s = flow.await?;
                        (s.id, s.status)
                    }
                    Call::Done(flow) => {
                        flow.await?;
                        Default::default()
                    }
                    Call::None => Default::default(),
                };
                match self.after(then, id, &status) {
                    Ok(result) => return result,
                    Err((c, t)) => (call, then) = (c, t),
                }
            }
        })
    }
}
