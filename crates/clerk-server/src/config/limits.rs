//! `[rate_limits]`: how many sign-in and sign-up attempts are let through, counted in fixed
//! windows aligned to the clock (see `crate::rate_limit` for how they are applied).

use super::durations::seconds_to_ms;
use crate::error::AppError;
use serde::Deserialize;

/// Rate limits of sign-in and sign-up.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimits {
    /// Window length in seconds.
    pub window_seconds: u64,
    /// Sign-in attempts per client address (IPv4 address, IPv6 /64) per window, all accounts
    /// together; past it, 429.
    pub sign_in_per_ip: u32,
    /// Sign-in attempts per account and client address per window; past it, 429 for that
    /// address only.
    pub sign_in_per_identifier_per_ip: u32,
    /// Sign-in attempts per account per window, from every address, past which each attempt
    /// on that account waits before its password is checked (never refused).
    pub sign_in_per_identifier: u32,
    /// The longest such wait, in milliseconds.
    pub sign_in_max_delay_ms: u64,
    /// Sign-up attempts per client address per window.
    pub sign_up_per_ip: u32,
    /// Sign-ins and sign-ups that may wait for a password hash (beyond the one per CPU that
    /// runs); past it, 429 with `Retry-After: 1`.
    pub password_hash_queue: usize,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            window_seconds: 60,
            sign_in_per_ip: 100,
            sign_in_per_identifier_per_ip: 10,
            sign_in_per_identifier: 20,
            sign_in_max_delay_ms: 5_000,
            sign_up_per_ip: 30,
            password_hash_queue: 64,
        }
    }
}

impl RateLimits {
    /// Refuses settings that cannot work.
    pub fn validate(&self) -> Result<(), AppError> {
        if self.window_seconds == 0 {
            return Err(AppError::Config(
                "rate_limits.window_seconds must be at least 1".into(),
            ));
        }
        seconds_to_ms("rate_limits.window_seconds", self.window_seconds)?;
        if self.sign_in_max_delay_ms > 60_000 {
            return Err(AppError::Config(
                "rate_limits.sign_in_max_delay_ms must be at most 60000".into(),
            ));
        }
        Ok(())
    }

    /// The window length in milliseconds (in range once [`Self::validate`] passed).
    pub fn window_ms(&self) -> i64 {
        super::durations::saturating_ms(self.window_seconds).max(1)
    }
}
