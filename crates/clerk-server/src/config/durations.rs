//! Durations from the config file, in seconds, meeting time in milliseconds.
//!
//! Security rule: a configured duration is used only after [`seconds_to_ms`] accepted it at
//! start-up, so `now + duration` (Unix ms) can never wrap: a value that cannot be represented
//! used to wrap a rate-limit window's end in release builds (rate limiting silently off) and to
//! panic under the limiter's lock in debug builds. Every sum with "now" is saturating besides.

use crate::error::AppError;

/// The longest duration any setting accepts: 100 years, in seconds.
pub const MAX_SECONDS: u64 = 100 * 365 * 24 * 3600;

/// `secs` in milliseconds, or a configuration error naming `key` if it is longer than
/// [`MAX_SECONDS`].
pub fn seconds_to_ms(key: &str, secs: u64) -> Result<i64, AppError> {
    if secs > MAX_SECONDS {
        return Err(AppError::Config(format!(
            "{key} = {secs} is longer than the most any duration may be ({MAX_SECONDS} s, 100 \
             years)"
        )));
    }
    secs.checked_mul(1000)
        .and_then(|ms| i64::try_from(ms).ok())
        .ok_or_else(|| AppError::Config(format!("{key} = {secs} is out of range")))
}

/// `secs` in milliseconds, saturating (for values [`seconds_to_ms`] already accepted).
pub fn saturating_ms(secs: u64) -> i64 {
    i64::try_from(secs.min(MAX_SECONDS).saturating_mul(1000)).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_past_a_hundred_years_are_refused_with_their_key() {
        assert_eq!(seconds_to_ms("a", 60).unwrap(), 60_000);
        assert_eq!(seconds_to_ms("a", MAX_SECONDS).unwrap(), 3_153_600_000_000);
        let e = seconds_to_ms("rate_limits.window_seconds", u64::MAX).unwrap_err();
        assert!(e.to_string().contains("rate_limits.window_seconds"), "{e}");
        assert!(seconds_to_ms("a", MAX_SECONDS + 1).is_err());
        assert_eq!(saturating_ms(u64::MAX), 3_153_600_000_000);
    }
}
