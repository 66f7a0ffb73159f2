//! Which email flows this instance offers, decided once at start-up from the config and
//! whether mail can go out (`[email] smtp_url`, or `--dev` printing mail on the terminal):
//! sign-up verification (`email_verification`), sign-in with a mailed code
//! (`email_code_sign_in`) and password reset (whenever mail is available). `GET /v1/environment`
//! lists them, so the UI offers only what works.

use crate::config::{EmailVerification, FileConfig};
use crate::error::AppError;
use clerk_protocol::{STRATEGY_EMAIL_CODE, STRATEGY_PASSWORD, STRATEGY_RESET_PASSWORD_EMAIL_CODE};

/// The email flows that are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmailFeatures {
    /// A sign-up verifies its address with a mailed code before its account exists.
    pub verification_required: bool,
    /// `strategy=email_code` sign-in.
    pub code_sign_in: bool,
    /// `strategy=reset_password_email_code`.
    pub password_reset: bool,
}

impl EmailFeatures {
    /// The flows of `file` given whether mail is available; `email_verification = "required"`
    /// without mail is a configuration error (nobody could ever finish a sign-up).
    pub fn new(file: &FileConfig, mail_available: bool) -> Result<Self, AppError> {
        let required = file.email_verification == EmailVerification::Required;
        if required && !mail_available {
            return Err(AppError::Config(
                "email_verification = \"required\" needs mail: set [email] smtp_url (or run \
                 with --dev to print mail on the terminal)"
                    .into(),
            ));
        }
        Ok(Self {
            verification_required: required,
            code_sign_in: mail_available && file.email_code_sign_in,
            password_reset: mail_available,
        })
    }

    /// The first factors a sign-in may use, for `GET /v1/environment`.
    pub fn first_factors(&self) -> Vec<String> {
        let mut out = vec![STRATEGY_PASSWORD.to_owned()];
        if self.code_sign_in {
            out.push(STRATEGY_EMAIL_CODE.to_owned());
        }
        if self.password_reset {
            out.push(STRATEGY_RESET_PASSWORD_EMAIL_CODE.to_owned());
        }
        out
    }

    /// Whether `strategy` (a mailed-code one) is on; `strategy_not_allowed` if it is not.
    pub fn allow(&self, strategy: &str) -> Result<(), AppError> {
        let on = match strategy {
            STRATEGY_EMAIL_CODE => self.code_sign_in,
            STRATEGY_RESET_PASSWORD_EMAIL_CODE => self.password_reset,
            STRATEGY_PASSWORD => true,
            _ => false,
        };
        if on {
            Ok(())
        } else {
            Err(AppError::StrategyNotAllowed {
                strategy: strategy.to_owned(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_mail_only_passwords_are_offered_and_required_verification_is_refused() {
        let mut file = FileConfig::default();
        let none = EmailFeatures::new(&file, false).unwrap();
        assert_eq!(none.first_factors(), vec!["password"]);
        assert!(none.allow("email_code").is_err());
        assert!(none.allow("reset_password_email_code").is_err());
        file.email_verification = EmailVerification::Required;
        assert!(EmailFeatures::new(&file, false).is_err());
        let all = EmailFeatures::new(&file, true).unwrap();
        assert!(all.verification_required);
        assert_eq!(
            all.first_factors(),
            vec!["password", "email_code", "reset_password_email_code"]
        );
        file.email_code_sign_in = false;
        let no_codes = EmailFeatures::new(&file, true).unwrap();
        assert_eq!(
            no_codes.first_factors(),
            vec!["password", "reset_password_email_code"]
        );
        assert!(no_codes.allow("email_code").is_err());
        assert!(no_codes.allow("magic").is_err());
    }
}
