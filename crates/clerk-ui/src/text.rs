//! Every string the components show, each overridable by its camelCase key through the
//! `localization` option (Better Auth UI's `switchAccount`, `addAccount`, `manageAccounts` among
//! them). Templates use `{name}`-style placeholders filled by [`Localization::fill`].

use crate::error::UiError;
use crate::strings::split_at_byte;

macro_rules! texts {
    ($($(#[doc = $doc:literal])* $variant:ident = ($key:literal, $default:literal),)*) => {
        /// One overridable string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text {
            $($(#[doc = $doc])* $variant,)*
        }

        /// The keys, one per line in declaration order: one string, no table of pointers.
        const KEYS: &str = concat!($($key, "\n",)*);
        /// The built-in strings, one per line in declaration order.
        const DEFAULTS: &str = concat!($($default, "\n",)*);

        impl Text {
            /// Every text, for documentation and tests.
            pub const ALL: &'static [Text] = &[$(Text::$variant,)*];
        }
    };
}

texts! {
    /// Accessible name of the avatar button; `{name}` is the active account, `{initials}` what
    /// its avatar shows (the visible text must be part of the name).
    OpenMenu = ("openMenu", "Open account menu for {name}, {initials}"),
    /// Accessible name of the panel.
    AccountMenu = ("accountMenu", "Account menu"),
    /// Button to the account page.
    ManageAccount = ("manageAccount", "Manage account"),
    /// Button signing out of the active account.
    SignOut = ("signOut", "Sign out"),
    /// Accessible name of a per-account sign-out button; `{name}`.
    SignOutOf = ("signOutOf", "Sign out of {name}"),
    /// Button signing out of every account.
    SignOutAll = ("signOutAll", "Sign out of all accounts"),
    /// Heading over the other accounts.
    SwitchAccount = ("switchAccount", "Switch account"),
    /// Accessible name of ManageAccounts' "Switch" button; `{name}`.
    SwitchTo = ("switchTo", "Switch to {name}"),
    /// Read before the name and email of an account row in the UserButton (visually hidden: the
    /// row's accessible name is its visible text with this in front).
    SwitchHint = ("switchHint", "Switch to"),
    /// Button adding an account.
    AddAccount = ("addAccount", "Add account"),
    /// Title of the ManageAccounts card.
    ManageAccounts = ("manageAccounts", "Manage accounts"),
    /// Sign-in title.
    SignInTitle = ("signInTitle", "Sign in"),
    /// Sign-up title.
    SignUpTitle = ("signUpTitle", "Create your account"),
    /// Subtitle of the forms and chooser; `{app}`.
    ContinueTo = ("continueTo", "to continue to {app}"),
    /// Email field label.
    EmailLabel = ("emailLabel", "Email address"),
    /// Password field label.
    PasswordLabel = ("passwordLabel", "Password"),
    /// First name field label.
    FirstNameLabel = ("firstNameLabel", "First name"),
    /// Last name field label.
    LastNameLabel = ("lastNameLabel", "Last name"),
    /// Submit button.
    Continue = ("continue", "Continue"),
    /// Before the sign-up link.
    NoAccount = ("noAccount", "Don't have an account?"),
    /// The sign-up link.
    SignUpLink = ("signUpLink", "Sign up"),
    /// Before the sign-in link.
    HaveAccount = ("haveAccount", "Already have an account?"),
    /// The sign-in link.
    SignInLink = ("signInLink", "Sign in"),
    /// Title of the account chooser.
    ChooseAccount = ("chooseAccount", "Choose an account"),
    /// Link from the form back to the chooser.
    BackToAccounts = ("backToAccounts", "Back to accounts"),
    /// ManageAccounts: heading of this browser's accounts.
    AccountsOnBrowser = ("accountsOnBrowser", "Accounts on this browser"),
    /// ManageAccounts: heading of the device sessions.
    DeviceSessions = ("deviceSessions", "Your sessions on all devices"),
    /// Badge of the active account.
    Active = ("active", "Active"),
    /// Badge of this browser's own session.
    ThisBrowser = ("thisBrowser", "This browser"),
    /// Switch button in ManageAccounts.
    Switch = ("switch", "Switch"),
    /// Revoke button.
    Revoke = ("revoke", "Revoke"),
    /// Accessible name of a revoke button; `{device}`.
    RevokeOn = ("revokeOn", "Revoke session on {device}"),
    /// When no device sessions are known.
    NoSessions = ("noSessions", "No sessions to show"),
    /// A device whose user agent is unknown.
    UnknownDevice = ("unknownDevice", "Unknown device"),
    /// "{device} on {os}" joiner; `{browser}`, `{os}`.
    BrowserOnOs = ("browserOnOs", "{browser} on {os}"),
    /// Last used a moment ago.
    JustNow = ("justNow", "Active just now"),
    /// `{n}` minutes ago.
    MinutesAgo = ("minutesAgo", "Active {n} min ago"),
    /// `{n}` hours ago.
    HoursAgo = ("hoursAgo", "Active {n} h ago"),
    /// `{n}` days ago.
    DaysAgo = ("daysAgo", "Active {n} d ago"),
    /// A required field left empty.
    ErrorRequired = ("errorRequired", "This field is required."),
    /// `invalid_credentials`.
    ErrorInvalidCredentials = ("errorInvalidCredentials", "That email and password don't match. Try again."),
    /// `identifier_exists`.
    ErrorIdentifierExists = ("errorIdentifierExists", "An account with this email already exists. Sign in instead."),
    /// `identifier_already_signed_in`.
    ErrorAlreadySignedIn = ("errorAlreadySignedIn", "You are already signed in to this account."),
    /// `password_too_short`.
    ErrorPasswordTooShort = ("errorPasswordTooShort", "This password is too short."),
    /// `too_many_requests`.
    ErrorTooManyRequests = ("errorTooManyRequests", "Too many attempts. Wait a moment and try again."),
    /// `network_error`.
    ErrorNetwork = ("errorNetwork", "Can't reach the server. Check your connection and try again."),
    /// `max_sessions_reached`.
    ErrorMaxSessions = ("errorMaxSessions", "Too many accounts are signed in. Sign out of one first."),
    /// `session_exists`.
    ErrorSessionExists = ("errorSessionExists", "You are already signed in."),
    /// `invalid_param`.
    ErrorInvalidParam = ("errorInvalidParam", "Check this value and try again."),
    /// Any other error without a message.
    ErrorGeneric = ("errorGeneric", "Something went wrong. Try again."),
    /// Sign-in form: starts a password reset.
    ForgotPassword = ("forgotPassword", "Forgot password?"),
    /// Sign-in form: signs in with a mailed code instead of the password.
    EmailCodeInstead = ("emailCodeInstead", "Email me a code instead"),
    /// Title of the code step.
    CheckEmail = ("checkEmail", "Check your email"),
    /// Subtitle of the code step; `{email}`.
    CodeSentTo = ("codeSentTo", "Enter the 6-digit code we sent to {email}"),
    /// Code field label.
    CodeLabel = ("codeLabel", "Verification code"),
    /// Button mailing a new code.
    ResendCode = ("resendCode", "Resend code"),
    /// The same button during the cooldown; `{n}` seconds.
    ResendCodeIn = ("resendCodeIn", "Resend code in {n} s"),
    /// Link from a step back to the form.
    Back = ("back", "Back"),
    /// Title of the new-password step.
    NewPasswordTitle = ("newPasswordTitle", "Set a new password"),
    /// New password field label.
    NewPasswordLabel = ("newPasswordLabel", "New password"),
    /// Checkbox of the new-password step (checked by default).
    SignOutOtherDevices = ("signOutOtherDevices", "Sign out of other devices"),
    /// A code with fewer than 6 digits.
    ErrorCodeLength = ("errorCodeLength", "Enter all 6 digits of the code."),
    /// `form_code_incorrect`.
    ErrorCodeIncorrect = ("errorCodeIncorrect", "That code isn't right. Check it and try again."),
    /// `verification_failed`.
    ErrorCodeFailed = ("errorCodeFailed", "Too many wrong tries. Send a new code."),
    /// `verification_expired`.
    ErrorCodeExpired = ("errorCodeExpired", "This code has expired. Send a new code."),
    /// `verification_not_ready`.
    ErrorNotReady = ("errorNotReady", "This step is no longer open. Go back and start again."),
    /// `strategy_not_allowed`.
    ErrorStrategyNotAllowed = ("errorStrategyNotAllowed", "This way of signing in isn't available here."),
}

impl Text {
    /// The camelCase key used in the `localization` option.
    pub fn key(self) -> &'static str {
        line(KEYS, self as usize)
    }

    /// The built-in English string.
    pub fn default_text(self) -> &'static str {
        line(DEFAULTS, self as usize)
    }

    /// The text for a protocol error code, if the UI has its own words for it.
    pub fn for_error_code(code: &str) -> Option<Text> {
        // Through the protocol's one parser (already in the wasm) instead of a second string match.
        use clerk_sdk::ErrorCode as C;
        Some(match C::parse(code)? {
            C::InvalidCredentials => Text::ErrorInvalidCredentials,
            C::IdentifierExists => Text::ErrorIdentifierExists,
            C::IdentifierAlreadySignedIn => Text::ErrorAlreadySignedIn,
            C::PasswordTooShort => Text::ErrorPasswordTooShort,
            C::TooManyRequests => Text::ErrorTooManyRequests,
            C::NetworkError => Text::ErrorNetwork,
            C::MaxSessionsReached => Text::ErrorMaxSessions,
            C::SessionExists => Text::ErrorSessionExists,
            C::InvalidParam => Text::ErrorInvalidParam,
            C::FormCodeIncorrect => Text::ErrorCodeIncorrect,
            C::VerificationFailed => Text::ErrorCodeFailed,
            C::VerificationExpired => Text::ErrorCodeExpired,
            C::VerificationNotReady => Text::ErrorNotReady,
            C::StrategyNotAllowed => Text::ErrorStrategyNotAllowed,
            _ => return None,
        })
    }
}

/// The built-in strings merged with the host's overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localization {
    /// The overrides by `Text as usize` (`None`, or past the end: the default).
    overrides: Vec<Option<String>>,
}

impl Localization {
    /// Overrides one string by its camelCase key; an unknown key is an error (so typos surface).
    pub fn set(&mut self, key: &str, value: impl Into<String>) -> Result<(), UiError> {
        // Plain loops and an index, not `find` chains (size: see `set_error` in
        // `sign_in_state.rs`).
        let mut found = None;
        for &t in Text::ALL {
            if t.key() == key {
                found = Some(t);
                break;
            }
        }
        let i = found.ok_or_else(|| UiError::UnknownLocalizationKey(key.to_owned()))? as usize;
        if self.overrides.len() <= i {
            self.overrides.resize_with(i + 1, || None);
        }
        if let Some(slot) = self.overrides.get_mut(i) {
            *slot = Some(value.into());
        }
        Ok(())
    }

    /// The string to show for `text`.
    pub fn get(&self, text: Text) -> &str {
        match self.overrides.get(text as usize) {
            Some(Some(v)) => v,
            _ => text.default_text(),
        }
    }

    /// `get(text)` with each `{name}` placeholder replaced by its value.
    /// Unknown placeholders are kept as written.
    // `push_str("{")` on purpose: `push(char)` links UTF-8 encoding into the wasm.
    #[allow(clippy::single_char_add_str)]
    pub fn fill(&self, text: Text, vars: &[(&str, &str)]) -> String {
        let mut out = String::new();
        let mut rest = self.get(text);
        while let Some((before, after)) = split_at_byte(rest, b'{') {
            out.push_str(before);
            let mut var = None;
            if let Some((name, tail)) = split_at_byte(after, b'}') {
                for &(n, v) in vars {
                    if n == name {
                        var = Some((v, tail));
                        break;
                    }
                }
            }
            match var {
                Some((value, tail)) => {
                    out.push_str(value);
                    rest = tail;
                }
                None => {
                    out.push_str("{");
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The words for an error: ours for a known code, else the server's message, else generic.
    pub fn error_message(&self, code: &str, server_message: &str) -> String {
        match Text::for_error_code(code) {
            Some(t) => self.get(t).to_owned(),
            None if !server_message.trim().is_empty() => server_message.to_owned(),
            None => self.get(Text::ErrorGeneric).to_owned(),
        }
    }
}

/// Line `n` of `lines` (each line ends with `\n`).
fn line(mut lines: &'static str, n: usize) -> &'static str {
    for _ in 0..n {
        lines = split_at_byte(lines, b'\n').map_or("", |(_, rest)| rest);
    }
    split_at_byte(lines, b'\n').map_or(lines, |(first, _)| first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_camel_case_and_include_better_auth_ui_names() {
        for (i, a) in Text::ALL.iter().enumerate() {
            assert!(
                a.key().chars().all(|c| c.is_ascii_alphanumeric()),
                "{}",
                a.key()
            );
            assert!(a.key().starts_with(|c: char| c.is_ascii_lowercase()));
            assert!(
                Text::ALL[i + 1..].iter().all(|b| b.key() != a.key()),
                "duplicate {}",
                a.key()
            );
        }
        for key in ["switchAccount", "addAccount", "manageAccounts"] {
            assert!(Text::ALL.iter().any(|t| t.key() == key), "{key}");
        }
    }

    #[test]
    fn keys_and_defaults_are_read_from_their_own_line() {
        assert_eq!(Text::OpenMenu.key(), "openMenu");
        assert_eq!(
            Text::OpenMenu.default_text(),
            "Open account menu for {name}, {initials}"
        );
        assert_eq!(Text::ErrorGeneric.key(), "errorGeneric");
        assert_eq!(
            Text::ErrorGeneric.default_text(),
            "Something went wrong. Try again."
        );
        assert!(Text::ALL.iter().all(|t| !t.default_text().is_empty()));
    }

    #[test]
    fn an_override_replaces_only_its_own_string() {
        let mut l = Localization::default();
        l.set("addAccount", "Konto hinzufügen").unwrap();
        l.set("addAccount", "Weiteres Konto").unwrap();
        assert_eq!(l.get(Text::AddAccount), "Weiteres Konto");
        assert_eq!(l.get(Text::SignOut), "Sign out");
    }

    #[test]
    fn an_unknown_key_is_reported_not_ignored() {
        let mut l = Localization::default();
        let err = l.set("addAcount", "x").unwrap_err();
        assert_eq!(err, UiError::UnknownLocalizationKey("addAcount".into()));
    }

    #[test]
    fn placeholders_are_filled() {
        let l = Localization::default();
        assert_eq!(l.fill(Text::SwitchTo, &[("name", "Ada")]), "Switch to Ada");
        assert_eq!(l.fill(Text::MinutesAgo, &[("n", "5")]), "Active 5 min ago");
        assert_eq!(
            l.fill(Text::SwitchTo, &[("other", "x")]),
            "Switch to {name}"
        );
        let mut l = Localization::default();
        l.set("switchTo", "{name} {nope} {name}: {").unwrap();
        assert_eq!(
            l.fill(Text::SwitchTo, &[("name", "Ada")]),
            "Ada {nope} Ada: {"
        );
    }

    #[test]
    fn every_key_is_in_the_js_bindings_localization_key_type() {
        let dts = include_str!("../../../src/ui/mod.rs");
        let start = dts.find("export type LocalizationKey").expect("the type");
        let end = start + dts[start..].find(';').expect("its end");
        let keys = &dts[start..end];
        for t in Text::ALL {
            let quoted = format!("\"{}\"", t.key());
            assert!(
                keys.contains(&quoted),
                "{} is missing from LocalizationKey",
                t.key()
            );
        }
        assert_eq!(
            keys.matches('"').count(),
            Text::ALL.len() * 2,
            "no stale keys"
        );
    }

    #[test]
    fn known_codes_get_our_words_and_unknown_ones_the_servers() {
        let l = Localization::default();
        assert_eq!(
            l.error_message("invalid_credentials", "x"),
            Text::ErrorInvalidCredentials.default_text()
        );
        assert_eq!(
            l.error_message("brand_new_code", "Server says no."),
            "Server says no."
        );
        assert_eq!(
            l.error_message("brand_new_code", ""),
            Text::ErrorGeneric.default_text()
        );
    }

    #[test]
    fn every_user_facing_protocol_code_a_form_can_get_has_plain_words() {
        use clerk_protocol::ErrorCode as C;
        for code in [
            C::InvalidCredentials,
            C::IdentifierExists,
            C::IdentifierAlreadySignedIn,
            C::PasswordTooShort,
            C::TooManyRequests,
            C::NetworkError,
            C::MaxSessionsReached,
            C::SessionExists,
            C::InvalidParam,
            C::FormCodeIncorrect,
            C::VerificationFailed,
            C::VerificationExpired,
            C::VerificationNotReady,
            C::StrategyNotAllowed,
        ] {
            assert!(Text::for_error_code(code.as_str()).is_some(), "{code}");
        }
    }
}
