//! `[email]`: how mail leaves the server ([`crate::mail`]): the SMTP server, the sender address
//! and the templates of each kind of message. Every key is documented in `CONFIG.md`.
//!
//! Security rules: the SMTP password (in `smtp_url` or `smtp_password`) is never printed: this
//! table's `Debug` leaves it out. A setting that cannot work (an unknown URL scheme, a `from`
//! that is not an address, `smtp_url` without `from`) is refused at start-up, naming the key.

use crate::error::AppError;
use serde::Deserialize;

/// The longest SMTP timeout accepted, in seconds.
const MAX_TIMEOUT_SECONDS: u64 = 300;

/// The `[email]` table of the config file.
#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmailSettings {
    /// `smtp://[user:pass@]host[:port][?tls=required|opportunistic|none]` or
    /// `smtps://[user:pass@]host[:port]`; unset: no mail (printed on the terminal in `--dev`).
    pub smtp_url: Option<String>,
    /// The SMTP user name, when not in `smtp_url`.
    pub smtp_username: Option<String>,
    /// The SMTP password, when not in `smtp_url`.
    pub smtp_password: Option<String>,
    /// Seconds one SMTP command may take before the attempt fails (and is retried).
    pub smtp_timeout_seconds: u64,
    /// The `From:` mailbox (`"Name <addr@example.com>"` or `"addr@example.com"`); required with
    /// `smtp_url`.
    pub from: Option<String>,
    /// The `Reply-To:` mailbox, if any.
    pub reply_to: Option<String>,
    /// Subjects and bodies per kind of message (`[email.templates.KIND]`).
    pub templates: TemplateSettings,
}

/// `[email.templates]`: one table per kind of message.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TemplateSettings {
    /// The code that verifies a sign-up's email address.
    pub sign_up_verification: TemplateOverride,
    /// The code of a passwordless sign-in.
    pub sign_in_code: TemplateOverride,
    /// The code of a password reset.
    pub password_reset: TemplateOverride,
}

/// `[email.templates.KIND]`: what replaces the English default (each key on its own).
/// Placeholders: `{application_name}`, `{code}`, `{minutes}`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TemplateOverride {
    /// The subject line.
    pub subject: Option<String>,
    /// The plain-text body.
    pub text: Option<String>,
    /// The HTML body (placeholders are replaced by HTML-escaped values).
    pub html: Option<String>,
}

impl Default for EmailSettings {
    fn default() -> Self {
        Self {
            smtp_url: None,
            smtp_username: None,
            smtp_password: None,
            smtp_timeout_seconds: 20,
            from: None,
            reply_to: None,
            templates: TemplateSettings::default(),
        }
    }
}

impl std::fmt::Debug for EmailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmailSettings")
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "<redacted>"))
            .field("smtp_username", &self.smtp_username)
            .field(
                "smtp_password",
                &self.smtp_password.as_ref().map(|_| "<redacted>"),
            )
            .field("smtp_timeout_seconds", &self.smtp_timeout_seconds)
            .field("from", &self.from)
            .field("reply_to", &self.reply_to)
            .field("templates", &self.templates)
            .finish()
    }
}

impl EmailSettings {
    /// Refuses settings that cannot work, naming the key.
    pub fn validate(&self) -> Result<(), AppError> {
        if !(1..=MAX_TIMEOUT_SECONDS).contains(&self.smtp_timeout_seconds) {
            return Err(AppError::Config(format!(
                "email.smtp_timeout_seconds must be between 1 and {MAX_TIMEOUT_SECONDS} (got {})",
                self.smtp_timeout_seconds
            )));
        }
        for (key, value) in [("from", &self.from), ("reply_to", &self.reply_to)] {
            if let Some(value) = value {
                value.parse::<lettre::message::Mailbox>().map_err(|e| {
                    AppError::Config(format!("email.{key} is not a mailbox ({e}): {value:?}"))
                })?;
            }
        }
        if let Some(url) = &self.smtp_url {
            crate::mail::transport::SmtpTarget::parse(url)?;
            if self.from.is_none() {
                return Err(AppError::Config(
                    "email.from is required when email.smtp_url is set".into(),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<EmailSettings, AppError> {
        let s: EmailSettings = toml::from_str(text).map_err(|e| AppError::Config(e.to_string()))?;
        s.validate()?;
        Ok(s)
    }

    #[test]
    fn an_smtp_url_needs_a_from_address_and_a_known_scheme() {
        assert!(parse("").is_ok());
        let e = parse("smtp_url = \"smtp://127.0.0.1:2525\"").unwrap_err();
        assert!(e.to_string().contains("email.from"), "{e}");
        assert!(parse("smtp_url = \"smtp://127.0.0.1:2525\"\nfrom = \"a@example.com\"").is_ok());
        let e = parse("smtp_url = \"http://x\"\nfrom = \"a@example.com\"").unwrap_err();
        assert!(e.to_string().contains("email.smtp_url"), "{e}");
        let e = parse("from = \"not an address\"").unwrap_err();
        assert!(e.to_string().contains("email.from"), "{e}");
        assert!(parse("[templates.sign_in_code]\nsubjekt = \"x\"").is_err());
    }

    #[test]
    fn the_smtp_password_never_prints() {
        let s = parse(
            "smtp_url = \"smtps://u:hunter2@mail.example.com\"\nsmtp_password = \"hunter3\"\n\
             from = \"a@example.com\"",
        )
        .unwrap();
        let printed = format!("{s:?}");
        assert!(
            !printed.contains("hunter2") && !printed.contains("hunter3"),
            "{printed}"
        );
    }
}
