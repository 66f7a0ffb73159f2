//! `email_verification`, and `[verification_codes]`: how emailed codes live and how many may be
//! sent (see [`crate::codes`] for how they are made and checked).

use super::durations::{saturating_ms, seconds_to_ms};
use crate::codes::CodePolicy;
use crate::error::AppError;
use serde::Deserialize;

/// `email_verification`: whether a sign-up must verify its address before its account exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmailVerification {
    /// Sign-up creates the account at once (the default).
    #[default]
    Off,
    /// Sign-up mails a code; the account and its session exist once the code is entered.
    Required,
}

/// `[verification_codes]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VerificationCodes {
    /// How long a code works, in seconds.
    pub ttl_seconds: u64,
    /// Tries per code (right or wrong); past them the code is dead.
    pub max_attempts: u32,
    /// The shortest time between two codes of one attempt, in seconds.
    pub resend_cooldown_seconds: u64,
    /// Codes mailed to one address per hour (every attempt and purpose together).
    pub per_address_per_hour: u32,
    /// Codes asked for from one client address (IPv4, IPv6 /64) per hour.
    pub per_ip_per_hour: u32,
    /// How long an unfinished sign-up or code sign-in lives, in seconds; an unverified sign-up
    /// reserves nothing meanwhile (the address stays free to sign up with).
    pub attempt_lifetime_seconds: u64,
}

impl Default for VerificationCodes {
    fn default() -> Self {
        Self {
            ttl_seconds: 600,
            max_attempts: 5,
            resend_cooldown_seconds: 30,
            per_address_per_hour: 10,
            per_ip_per_hour: 50,
            attempt_lifetime_seconds: 24 * 3600,
        }
    }
}

/// The window of the hourly sending limits, in milliseconds.
pub const HOUR_MS: i64 = 3_600_000;

impl VerificationCodes {
    /// Refuses settings that cannot work.
    pub fn validate(&self) -> Result<(), AppError> {
        let bad = |m: &str| Err(AppError::Config(format!("verification_codes.{m}")));
        if self.ttl_seconds == 0 {
            return bad("ttl_seconds must be at least 1");
        }
        if !(1..=20).contains(&self.max_attempts) {
            return bad("max_attempts must be between 1 and 20");
        }
        if self.per_address_per_hour == 0 || self.per_ip_per_hour == 0 {
            return bad("per_address_per_hour and per_ip_per_hour must be at least 1");
        }
        if self.attempt_lifetime_seconds < self.ttl_seconds {
            return bad("attempt_lifetime_seconds must be at least ttl_seconds");
        }
        for (key, secs) in [
            ("verification_codes.ttl_seconds", self.ttl_seconds),
            (
                "verification_codes.resend_cooldown_seconds",
                self.resend_cooldown_seconds,
            ),
            (
                "verification_codes.attempt_lifetime_seconds",
                self.attempt_lifetime_seconds,
            ),
        ] {
            seconds_to_ms(key, secs)?;
        }
        Ok(())
    }

    /// The code policy in milliseconds.
    pub fn policy(&self) -> CodePolicy {
        CodePolicy {
            ttl_ms: saturating_ms(self.ttl_seconds),
            max_attempts: self.max_attempts,
            cooldown_ms: saturating_ms(self.resend_cooldown_seconds),
        }
    }

    /// How long an unfinished attempt lives, in milliseconds.
    pub fn attempt_lifetime_ms(&self) -> i64 {
        saturating_ms(self.attempt_lifetime_seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FileConfig;

    #[test]
    fn the_defaults_are_ten_minutes_five_tries_and_thirty_seconds() {
        let c = FileConfig::from_toml("").unwrap();
        assert_eq!(c.email_verification, EmailVerification::Off);
        assert!(c.email_code_sign_in);
        let p = c.verification_codes.policy();
        assert_eq!(
            (p.ttl_ms, p.max_attempts, p.cooldown_ms),
            (600_000, 5, 30_000)
        );
    }

    #[test]
    fn the_keys_are_read_and_nonsense_is_refused() {
        let c = FileConfig::from_toml(
            "email_verification = \"required\"\nemail_code_sign_in = false\n\
             [verification_codes]\nttl_seconds = 60\nmax_attempts = 3",
        )
        .unwrap();
        assert_eq!(c.email_verification, EmailVerification::Required);
        assert!(!c.email_code_sign_in);
        assert_eq!(c.verification_codes.policy().max_attempts, 3);
        for bad in [
            "email_verification = \"maybe\"",
            "[verification_codes]\nmax_attempts = 0",
            "[verification_codes]\nttl_seconds = 0",
            "[verification_codes]\nper_ip_per_hour = 0",
            "[verification_codes]\nttl_secs = 5",
        ] {
            assert!(FileConfig::from_toml(bad).is_err(), "{bad}");
        }
    }
}
