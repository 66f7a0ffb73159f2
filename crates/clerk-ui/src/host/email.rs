//! The components' emailed-code flows on the SDK: a sign-up that must verify its address, a
//! sign-in with a mailed code, and a password reset (code, then new password). Each call
//! answers what the component does next ([`Next`]); the attempt a code step continues is kept
//! in the mount's context ([`Pending`]).

use super::mounts::Ctx;
use crate::model::{CodePurpose, Step};
use clerk_sdk::{ClerkError, ResetPasswordParams, SignInCreateParams, SignUpParams, Strategy};
use std::rc::Rc;

/// The attempt a code step continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pending {
    /// A sign-up verifying its address (`sua_...`).
    SignUp(String),
    /// A sign-in (`sia_...`) with its strategy.
    SignIn(String, Strategy),
}

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
    fn signed(&self, url: Option<String>) -> Next {
        self.pending.borrow_mut().take();
        Next::Signed(url)
    }

    /// Sign-up; when the address must be verified, a code is mailed and the code step follows.
    pub async fn sign_up(self: &Rc<Self>, params: SignUpParams) -> Result<Next, ClerkError> {
        let s = self.clerk.create_sign_up(&params).await?;
        if s.status == COMPLETE {
            return Ok(self.signed(self.props.after_sign_up_url.clone()));
        }
        *self.pending.borrow_mut() = Some(Pending::SignUp(s.id.clone()));
        self.clerk.prepare_email_address_verification(&s.id).await?;
        Ok(Next::Step(Step::Code {
            purpose: CodePurpose::VerifyEmail,
            email: s.email_address.unwrap_or(params.email_address),
        }))
    }

    /// "Email me a code instead" / "Forgot password?": the server mails the code at once.
    pub async fn send_code(
        self: &Rc<Self>,
        purpose: CodePurpose,
        identifier: String,
    ) -> Result<Next, ClerkError> {
        let strategy = match purpose {
            CodePurpose::ResetPassword => Strategy::ResetPasswordEmailCode,
            _ => Strategy::EmailCode,
        };
        let params = SignInCreateParams {
            strategy,
            identifier,
            password: None,
        };
        let s = self.clerk.create_sign_in(&params).await?;
        if s.status == COMPLETE {
            return Ok(self.signed(self.props.after_sign_in_url.clone()));
        }
        *self.pending.borrow_mut() = Some(Pending::SignIn(s.id, strategy));
        Ok(Next::Step(Step::Code {
            purpose,
            email: params.identifier,
        }))
    }

    /// The code of the code step.
    pub async fn code(self: &Rc<Self>, code: String) -> Result<Next, ClerkError> {
        match self.pending()? {
            Pending::SignUp(id) => {
                let s = self
                    .clerk
                    .attempt_email_address_verification(&id, &code)
                    .await?;
                if s.status != COMPLETE {
                    return Err(not_ready());
                }
                Ok(self.signed(self.props.after_sign_up_url.clone()))
            }
            Pending::SignIn(id, strategy) => {
                let s = self
                    .clerk
                    .attempt_first_factor(&id, strategy, &code)
                    .await?;
                if s.status == COMPLETE {
                    Ok(self.signed(self.props.after_sign_in_url.clone()))
                } else {
                    Ok(Next::Step(Step::NewPassword))
                }
            }
        }
    }

    /// "Resend code".
    pub async fn resend(self: &Rc<Self>) -> Result<Next, ClerkError> {
        match self.pending()? {
            Pending::SignUp(id) => {
                self.clerk.prepare_email_address_verification(&id).await?;
            }
            Pending::SignIn(id, strategy) => {
                self.clerk.prepare_first_factor(&id, strategy).await?;
            }
        }
        Ok(Next::Stay)
    }

    /// The new password of a reset.
    pub async fn new_password(
        self: &Rc<Self>,
        password: String,
        sign_out_of_other_sessions: bool,
    ) -> Result<Next, ClerkError> {
        let Pending::SignIn(id, _) = self.pending()? else {
            return Err(not_ready());
        };
        let params = ResetPasswordParams {
            password,
            sign_out_of_other_sessions,
        };
        self.clerk.reset_password(&id, &params).await?;
        Ok(self.signed(self.props.after_sign_in_url.clone()))
    }
}
