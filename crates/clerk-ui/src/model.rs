//! The plain data the components render from ([`UiSnapshot`]) and the user intents they report
//! ([`UiAction`]). Nothing here knows about the SDK: the host (the root crate) builds a snapshot
//! from its state on every listener call and turns each action into an SDK call.

/// One account signed in on this browser (one session of the client).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountView {
    /// The session id (`sess_...`); what [`UiAction::Switch`] and [`UiAction::SignOutOne`] carry.
    pub session_id: String,
    /// The user id (`user_...`).
    pub user_id: String,
    /// "First Last", if the user has a name.
    pub full_name: Option<String>,
    /// The primary email address; also seeds the avatar colour, so it is stable per person.
    pub email: String,
    /// A profile picture; initials are shown when absent.
    pub image_url: Option<String>,
}

impl AccountView {
    /// The name to show: the full name when there is one, else the email address.
    pub fn display_name(&self) -> &str {
        match self.full_name.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => name,
            _ => &self.email,
        }
    }
}

/// One of the signed-in user's sessions on any device (`GET /v1/me/sessions`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceSessionView {
    /// The session id, carried by [`UiAction::Revoke`].
    pub session_id: String,
    /// The browser's user agent string as the server saw it, if known.
    pub user_agent: Option<String>,
    /// The IP address as the server saw it, if known.
    pub ip_address: Option<String>,
    /// When it was last used, Unix milliseconds.
    pub last_active_at: i64,
    /// True for a session of this very browser's client.
    pub is_current_client: bool,
}

/// Everything the components show. Build a fresh one on every SDK listener call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UiSnapshot {
    /// The accounts signed in on this browser, in the client's order.
    pub accounts: Vec<AccountView>,
    /// The session id of this tab's active account.
    pub active_session_id: Option<String>,
    /// Multi-session mode: other accounts, "Add account" and "Sign out of all" are offered.
    pub multi_session: bool,
    /// The application's name (`display_config.application_name`).
    pub application_name: String,
    /// The active user's sessions on every device (for ManageAccounts; may stay empty elsewhere).
    pub device_sessions: Vec<DeviceSessionView>,
    /// "Now" in Unix milliseconds, for "last active 5 min ago" (an injected clock).
    pub now_ms: i64,
    /// The sign-in form offers "Email me a code instead" (the instance lists `email_code`).
    pub email_code: bool,
    /// The sign-in form offers "Forgot password?" (`reset_password_email_code` is listed).
    pub reset_password: bool,
}

impl UiSnapshot {
    /// The active account, if this tab has one and it is in the list.
    #[allow(clippy::manual_find)] // a loop on purpose, see below
    pub fn active(&self) -> Option<&AccountView> {
        let id = self.active_session_id.as_deref()?;
        // A plain loop, not `find`: the iterator chain cost the wasm bytes.
        for a in &self.accounts {
            if a.session_id == id {
                return Some(a);
            }
        }
        None
    }
}

/// What the user asked for. The host performs it and then calls `update` (or `show_error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UiAction {
    /// Make this session the tab's active one (then go to `afterSwitchSessionUrl` if set).
    Switch(String),
    /// Sign out of this one session, leaving the others signed in.
    SignOutOne(String),
    /// Sign out of every account on this browser.
    SignOutAll,
    /// Go to the sign-in page to add another account.
    AddAccount,
    /// Open the account management page of the active account.
    ManageAccount,
    /// Submit the sign-in form.
    SignIn {
        /// The email address typed.
        identifier: String,
        /// The password typed.
        password: String,
    },
    /// Submit the sign-up form.
    SignUp {
        /// The email address typed.
        email_address: String,
        /// The password typed.
        password: String,
        /// The first name, if typed.
        first_name: Option<String>,
        /// The last name, if typed.
        last_name: Option<String>,
    },
    /// Revoke one of the user's sessions on any device (`POST /v1/me/sessions/{id}/revoke`).
    Revoke(String),
    /// Mail a code to this address, to sign in with it ("Email me a code instead") or to set a
    /// new password ("Forgot password?"); the host answers with [`Reply::step`].
    ///
    /// [`Reply::step`]: crate::Reply::step
    SendCode {
        /// What the code is for.
        purpose: CodePurpose,
        /// The email address typed.
        identifier: String,
    },
    /// The code of the current code step was entered (6 digits).
    Code(String),
    /// Mail a new code for the current code step.
    Resend,
    /// The new password of a password reset.
    NewPassword {
        /// The new password.
        password: String,
        /// "Sign out of other devices" (checked by default).
        sign_out_of_other_sessions: bool,
    },
}

/// What an emailed code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePurpose {
    /// Verifying a new account's address (after the sign-up form).
    VerifyEmail,
    /// Signing in without a password.
    SignIn,
    /// Setting a new password.
    ResetPassword,
}

/// A step after a form, shown when the host calls [`Reply::step`].
///
/// [`Reply::step`]: crate::Reply::step
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Enter the code mailed to `email`.
    Code {
        /// What the code is for.
        purpose: CodePurpose,
        /// Where it was sent (shown as typed).
        email: String,
    },
    /// Choose a new password (after the reset code).
    NewPassword,
}

/// A form field an error can be shown next to. The order matters: the sign-in component keeps
/// the typed values by discriminant, so [`Field::Form`], which has none, stays last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The email address (sign-in identifier or sign-up email).
    Identifier,
    /// The password.
    Password,
    /// The first name (sign-up).
    FirstName,
    /// The last name (sign-up).
    LastName,
    /// The emailed 6-digit code.
    Code,
    /// The whole form: shown above the fields.
    Form,
}

impl Field {
    /// The field a server parameter name belongs to (`meta.param_name` of `invalid_param`).
    pub fn from_param_name(name: &str) -> Field {
        match name {
            "identifier" | "email_address" | "email" => Field::Identifier,
            "password" => Field::Password,
            "first_name" => Field::FirstName,
            "last_name" => Field::LastName,
            "code" => Field::Code,
            _ => Field::Form,
        }
    }

    /// The field an error code belongs next to when the caller does not say.
    pub fn for_code(code: &str) -> Field {
        use clerk_sdk::ErrorCode as C;
        match C::parse(code) {
            Some(C::InvalidCredentials | C::PasswordTooShort) => Field::Password,
            Some(C::IdentifierExists | C::IdentifierAlreadySignedIn) => Field::Identifier,
            Some(C::FormCodeIncorrect | C::VerificationFailed | C::VerificationExpired) => {
                Field::Code
            }
            _ => Field::Form,
        }
    }

    /// A short stable key, used for element ids inside the shadow root.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Field::Identifier => "identifier",
            Field::Password => "password",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Code => "code",
            Field::Form => "form",
        }
    }
}

/// Which view the sign-in component opens with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignInStart {
    /// The email + password form.
    #[default]
    SignIn,
    /// The sign-up form.
    SignUp,
    /// "Choose an account" when accounts are signed in (the form otherwise).
    Chooser,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_falls_back_to_the_email_when_the_name_is_blank() {
        let mut a = AccountView {
            email: "a@x.io".into(),
            ..Default::default()
        };
        assert_eq!(a.display_name(), "a@x.io");
        a.full_name = Some("  ".into());
        assert_eq!(a.display_name(), "a@x.io");
        a.full_name = Some("Ada Lovelace".into());
        assert_eq!(a.display_name(), "Ada Lovelace");
    }

    #[test]
    fn errors_land_next_to_the_field_they_are_about() {
        assert_eq!(Field::for_code("invalid_credentials"), Field::Password);
        assert_eq!(Field::for_code("identifier_exists"), Field::Identifier);
        assert_eq!(Field::for_code("too_many_requests"), Field::Form);
        assert_eq!(Field::for_code("network_error"), Field::Form);
        assert_eq!(Field::for_code("form_code_incorrect"), Field::Code);
        assert_eq!(Field::for_code("verification_expired"), Field::Code);
        assert_eq!(Field::from_param_name("email_address"), Field::Identifier);
        assert_eq!(Field::from_param_name("first_name"), Field::FirstName);
        assert_eq!(Field::from_param_name("whatever"), Field::Form);
    }

    #[test]
    fn active_is_none_when_the_active_id_is_not_in_the_list() {
        let snap = UiSnapshot {
            accounts: vec![AccountView {
                session_id: "sess_1".into(),
                ..Default::default()
            }],
            active_session_id: Some("sess_2".into()),
            ..Default::default()
        };
        assert!(snap.active().is_none());
    }
}
