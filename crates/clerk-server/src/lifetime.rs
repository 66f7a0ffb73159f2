//! Session lifetimes as pure functions of "now" (see the seed session-options document):
//!
//! - `expire_at = created_at + maximum lifetime`: the session ends then whatever happens.
//! - `abandon_at = last_active_at + inactivity timeout`, capped at `expire_at`; with the
//!   inactivity timeout off, `abandon_at == expire_at`.
//! - A stored `active` session reads as `expired` from `expire_at` on and as `abandoned` from
//!   `abandon_at` on (both instants included); other stored states are final.

use clerk_protocol::SessionStatus;

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
