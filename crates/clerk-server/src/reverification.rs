//! Re-verification for sensitive changes (a password change, adding or removing an email
//! address, changing the primary address, deleting the account): the session making the change
//! must have verified a first factor (its sign-in, or `POST /v1/client/sessions/{id}/verify`)
//! within `[sessions] reverification_max_age_secs` (default 10 minutes), else 403
//! `reverification_required` with `meta.max_age_secs`.
//!
//! Security rules:
//! - The time is the session's own (`sessions.factor_verified_at`), set only by a first factor
//!   checked by this server (a password, or a mailed code), never by a token refresh or touch.
//! - The age is measured with the server's clock; an age of exactly the maximum still passes,
//!   one millisecond more does not. A verification time in the future (a clock set back) counts
//!   as age 0.
//! - Session tokens carry the age as Clerk's `fva` claim, `[minutes since the first-factor
//!   verification, -1]` (no second factor here), so an app's backend can require the same.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::SessionRow;

/// The age of a verification made at `verified_at`, at `now`, in ms (0 for a future one).
pub fn age_ms(verified_at: i64, now: i64) -> i64 {
    now.saturating_sub(verified_at).max(0)
}

/// Whether a verification made at `verified_at` is recent enough at `now`.
pub fn is_recent(verified_at: i64, now: i64, max_age_ms: i64) -> bool {
    age_ms(verified_at, now) <= max_age_ms
}

/// Clerk's `fva` claim: whole minutes since the first-factor verification, and -1 for the
/// second factor (none is configured here).
pub fn fva_claim(verified_at: i64, now: i64) -> [i64; 2] {
    [age_ms(verified_at, now) / 60_000, -1]
}

/// The gate of a sensitive change made by `session` at `now`: `reverification_required` unless
/// its first factor was verified recently enough.
pub fn require_recent(state: &AppState, session: &SessionRow, now: i64) -> AppResult<()> {
    let settings = &state.config.file.sessions;
    if is_recent(session.factor_verified_at, now, settings.max_age_ms()) {
        Ok(())
    } else {
        Err(AppError::ReverificationRequired {
            max_age_secs: settings.reverification_max_age_secs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verification_exactly_at_the_maximum_age_passes_and_one_ms_later_does_not() {
        assert!(is_recent(1_000, 1_000 + 600_000, 600_000));
        assert!(!is_recent(1_000, 1_000 + 600_001, 600_000));
        // A clock set back: age 0.
        assert!(is_recent(5_000, 1_000, 600_000));
    }

    #[test]
    fn fva_counts_whole_minutes_and_no_second_factor() {
        assert_eq!(fva_claim(0, 59_999), [0, -1]);
        assert_eq!(fva_claim(0, 60_000), [1, -1]);
        assert_eq!(fva_claim(10_000, 0), [0, -1]);
    }
}
