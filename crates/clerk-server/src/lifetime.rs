//! Session lifetimes as pure functions of "now" (see the seed session-options document):
//!
//! - `expire_at = created_at + maximum lifetime`: the session ends then whatever happens.
//! - `abandon_at = last_active_at + inactivity timeout`, capped at `expire_at`; with the
//!   inactivity timeout off, `abandon_at == expire_at`.
//! - A stored `active` session reads as `expired` from `expire_at` on and as `abandoned` from
//!   `abandon_at` on (both instants included); other stored states are final.
//!
//! Activity (touch, token minting) is recorded with a resolution of
//! [`LifetimePolicy::activity_granularity_ms`]: [`ACTIVITY_GRANULARITY_MS`] (1 s), or half the
//! inactivity timeout when that is shorter. A call within that time of the stored
//! `last_active_at` writes nothing ([`LifetimePolicy::records_activity`]), so a session hammered
//! with token requests costs one write per second, not one per request. Skipping only ever leaves
//! `abandon_at` *earlier* than a write would have set it: a session is abandoned no later than the
//! inactivity timeout after its last activity, and no earlier than the timeout minus the
//! granularity; `last_active_at` lags the true last activity by less than the granularity.

use clerk_protocol::SessionStatus;

/// The resolution of activity tracking (see the module docs), unless the inactivity timeout is
/// shorter than twice this.
pub const ACTIVITY_GRANULARITY_MS: i64 = 1_000;

/// The lifetime settings of an instance, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LifetimePolicy {
    /// Maximum lifetime of a session.
    pub max_lifetime_ms: i64,
    /// Inactivity timeout; `None` when off.
    pub inactivity_timeout_ms: Option<i64>,
}

impl LifetimePolicy {
    /// `expire_at` of a session created at `created_at`.
    pub fn expire_at(&self, created_at: i64) -> i64 {
        created_at.saturating_add(self.max_lifetime_ms)
    }

    /// `abandon_at` of a session last active at `last_active_at` that expires at `expire_at`.
    pub fn abandon_at(&self, last_active_at: i64, expire_at: i64) -> i64 {
        match self.inactivity_timeout_ms {
            Some(timeout) => last_active_at.saturating_add(timeout).min(expire_at),
            None => expire_at,
        }
    }

    /// The resolution of `last_active_at` / `abandon_at`: [`ACTIVITY_GRANULARITY_MS`], or half
    /// the inactivity timeout when that is shorter (so steady activity always keeps a session
    /// alive, however short the timeout).
    pub fn activity_granularity_ms(&self) -> i64 {
        match self.inactivity_timeout_ms {
            Some(timeout) => ACTIVITY_GRANULARITY_MS.min(timeout / 2),
            None => ACTIVITY_GRANULARITY_MS,
        }
    }

    /// Whether activity at `now` on a session stored as last active at `last_active_at` is
    /// written. `false` while the stored value is less than the granularity old (or in the
    /// future: another process's clock ran ahead), which never moves it backwards.
    pub fn records_activity(&self, last_active_at: i64, now: i64) -> bool {
        now.saturating_sub(last_active_at) >= self.activity_granularity_ms()
    }
}

/// The status a session has at `now`, given what is stored.
pub fn effective_status(
    stored: SessionStatus,
    expire_at: i64,
    abandon_at: i64,
    now: i64,
) -> SessionStatus {
    if stored != SessionStatus::Active {
        stored
    } else if now >= expire_at {
        SessionStatus::Expired
    } else if now >= abandon_at {
        SessionStatus::Abandoned
    } else {
        SessionStatus::Active
    }
}

/// Whether a session is usable at `now`.
pub fn is_live(stored: SessionStatus, expire_at: i64, abandon_at: i64, now: i64) -> bool {
    effective_status(stored, expire_at, abandon_at, now).is_live()
}

#[cfg(test)]
mod tests {
    use super::*;
    use SessionStatus::*;

    const DAY: i64 = 86_400_000;

    fn policy(inactivity: Option<i64>) -> LifetimePolicy {
        LifetimePolicy {
            max_lifetime_ms: 7 * DAY,
            inactivity_timeout_ms: inactivity,
        }
    }

    #[test]
    fn expire_at_is_creation_plus_the_maximum_lifetime() {
        assert_eq!(policy(None).expire_at(1_000), 1_000 + 7 * DAY);
    }

    #[test]
    fn abandon_at_equals_expire_at_when_the_inactivity_timeout_is_off() {
        let p = policy(None);
        assert_eq!(p.abandon_at(5_000, p.expire_at(0)), 7 * DAY);
    }

    #[test]
    fn abandon_at_follows_activity_but_never_passes_expire_at() {
        let p = policy(Some(DAY));
        let expire = p.expire_at(0);
        assert_eq!(p.abandon_at(0, expire), DAY);
        assert_eq!(p.abandon_at(3 * DAY, expire), 4 * DAY);
        assert_eq!(p.abandon_at(6 * DAY + 1, expire), expire);
    }

    #[test]
    fn activity_within_the_granularity_of_the_stored_one_is_not_written() {
        let p = policy(Some(DAY));
        assert!(!p.records_activity(10_000, 10_000));
        assert!(!p.records_activity(10_000, 10_000 + ACTIVITY_GRANULARITY_MS - 1));
        assert!(p.records_activity(10_000, 10_000 + ACTIVITY_GRANULARITY_MS));
        assert!(p.records_activity(10_000, 10_000 + DAY));
    }

    #[test]
    fn activity_is_recorded_at_the_granularity_with_the_inactivity_timeout_off() {
        let p = policy(None);
        assert_eq!(p.activity_granularity_ms(), ACTIVITY_GRANULARITY_MS);
        assert!(!p.records_activity(0, ACTIVITY_GRANULARITY_MS - 1));
        assert!(p.records_activity(0, ACTIVITY_GRANULARITY_MS));
    }

    #[test]
    fn a_stored_activity_ahead_of_now_is_never_moved_back() {
        assert!(!policy(Some(DAY)).records_activity(50_000, 49_000));
        assert!(!policy(None).records_activity(50_000, 0));
    }

    #[test]
    fn a_short_inactivity_timeout_shrinks_the_granularity_to_half_of_it() {
        let p = policy(Some(1_000));
        assert_eq!(p.activity_granularity_ms(), 500);
        assert!(!p.records_activity(0, 499));
        assert!(p.records_activity(0, 500));
    }

    #[test]
    fn steady_activity_keeps_a_session_alive_and_skipped_writes_never_extend_it() {
        // A fake clock stepping 300 ms at a time, one activity per step, against what is stored.
        for timeout in [1_000, 2_000, 60_000] {
            let p = policy(Some(timeout));
            let expire = p.expire_at(0);
            let (mut last, mut abandon) = (0, p.abandon_at(0, expire));
            let mut now = 0;
            while now < 10 * timeout {
                now += 300;
                assert!(
                    is_live(Active, expire, abandon, now),
                    "timeout {timeout} at {now}"
                );
                if p.records_activity(last, now) {
                    (last, abandon) = (now, p.abandon_at(now, expire));
                }
                // Never later than the timeout after this activity, never earlier than the
                // timeout minus the granularity.
                assert!(abandon <= now + timeout);
                assert!(abandon > now + timeout - p.activity_granularity_ms());
                assert!(now - last < p.activity_granularity_ms());
            }
        }
    }

    #[test]
    fn a_session_is_active_until_the_millisecond_before_expire_at() {
        assert_eq!(effective_status(Active, 100, 100, 99), Active);
        assert_eq!(effective_status(Active, 100, 100, 100), Expired);
        assert_eq!(effective_status(Active, 100, 100, 101), Expired);
    }

    #[test]
    fn a_session_is_abandoned_from_abandon_at_on() {
        assert_eq!(effective_status(Active, 200, 100, 99), Active);
        assert_eq!(effective_status(Active, 200, 100, 100), Abandoned);
        assert_eq!(effective_status(Active, 200, 100, 200), Expired);
    }

    #[test]
    fn final_states_never_change_with_time() {
        for stored in [Ended, Removed, Revoked] {
            assert_eq!(effective_status(stored, 100, 100, 0), stored);
            assert_eq!(effective_status(stored, 100, 100, 1_000), stored);
            assert!(!is_live(stored, 100, 100, 0));
        }
    }
}
