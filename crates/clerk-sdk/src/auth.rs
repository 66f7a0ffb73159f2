//! Sign-in and sign-up: the parameters of creating an attempt and of the calls that continue it
//! (an emailed code, a new password), and [`Attempt`], the short outcome of the one-call
//! [`crate::Clerk::sign_in`] and [`crate::Clerk::sign_up`]. The calls themselves are in
//! `attempts.rs`.

use crate::error::{ClerkError, Result};

/// How a sign-in proves who it is (`strategy` on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// The account's password.
    #[default]
    Password,
    /// A 6-digit code mailed to the address (sign-in without a password).
    EmailCode,
    /// A 6-digit code mailed to the address, then a new password.
    ResetPasswordEmailCode,
}

impl Strategy {
    /// The wire name, e.g. `"email_code"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Password => clerk_protocol::STRATEGY_PASSWORD,
            Strategy::EmailCode => clerk_protocol::STRATEGY_EMAIL_CODE,
            Strategy::ResetPasswordEmailCode => clerk_protocol::STRATEGY_RESET_PASSWORD_EMAIL_CODE,
        }
    }

    /// Parses a wire name; `None` for a strategy this SDK does not know.
    pub fn parse(s: &str) -> Option<Strategy> {
        [
            Strategy::Password,
            Strategy::EmailCode,
            Strategy::ResetPasswordEmailCode,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

/// What a password sign-in needs ([`crate::Clerk::sign_in`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInParams {
    /// The account's email address.
    pub identifier: String,
    /// Its password.
    pub password: String,
}

/// What creating a sign-in needs ([`crate::Clerk::create_sign_in`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInCreateParams {
    /// The first factor to use: a password, an emailed code, or a password reset.
    pub strategy: Strategy,
    /// The account's email address.
    pub identifier: String,
    /// The password ([`Strategy::Password`] only; required there).
    pub password: Option<String>,
}

/// What setting a new password needs ([`crate::Clerk::reset_password`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetPasswordParams {
    /// The new password.
    pub password: String,
    /// Revoke every other session of the account, on every device (default `true`); other
    /// accounts on this browser stay signed in.
    pub sign_out_of_other_sessions: bool,
}

impl Default for ResetPasswordParams {
    fn default() -> Self {
        Self {
            password: String::new(),
            sign_out_of_other_sessions: true,
        }
    }
}

/// What a sign-up needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignUpParams {
    /// The new account's email address.
    pub email_address: String,
    /// Its password.
    pub password: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
}

/// The outcome of a password sign-in or a sign-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The attempt's id (`sia_...` / `sua_...`); `None` when the account was already signed in
    /// here and the SDK switched to its session instead.
    pub id: Option<String>,
    /// `"complete"`, or `"missing_requirements"` for a sign-up whose email address must be
    /// verified first (see [`crate::Clerk::prepare_email_address_verification`]).
    pub status: String,
    /// The session now active in this tab.
    pub created_session_id: Option<String>,
    /// The new account (sign-up only).
    pub created_user_id: Option<String>,
}

/// `Err(invalid_param)` naming `param` when `value` is empty.
pub(crate) fn required(param: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(ClerkError::InvalidArgument {
            param: param.into(),
            reason: "required".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strategies_round_trip_through_their_wire_names() {
        for s in [
            Strategy::Password,
            Strategy::EmailCode,
            Strategy::ResetPasswordEmailCode,
        ] {
            assert_eq!(Strategy::parse(s.as_str()), Some(s));
        }
        assert_eq!(Strategy::parse("phone_code"), None);
        assert!(ResetPasswordParams::default().sign_out_of_other_sessions);
    }
}
