//! The client credential (the secret in the `__client` cookie) and the rules that keep a copied,
//! planted or forgotten one from being worth anything. Pure functions of the client row, the
//! presented secret and "now", tested natively below.
//!
//! Security rules:
//! - **Rotation.** Every sign-in and sign-up (whatever the method) issues a fresh secret, so a
//!   cookie value someone knew before (planted on a shared machine, set by a sibling subdomain,
//!   injected over plain HTTP, kept after signing out) stops working the moment an account signs
//!   in. The client keeps its id and its other live sessions: multi-session is unaffected.
//! - **Grace.** The replaced secret stays valid for a few seconds ([`CredentialPolicy::grace_ms`])
//!   so that a request another tab already sent with it signs nobody out. Holding it gives
//!   [`Credential::Previous`]: it sees only the sessions created before the rotation
//!   ([`Credential::sees`]), never gets a `Set-Cookie`, and cannot sign in or sign up
//!   (`client_rotated`), so it can never be turned into a current secret.
//! - **Lifetime.** A client expires [`CredentialPolicy::lifetime_ms`] after its last rotation (the
//!   cookie's Max-Age, at most 400 days, counts from the same moment), and a client with no live
//!   session that has not changed for [`CredentialPolicy::idle_timeout_ms`] expires too. An
//!   expired client answers exactly like no client; the sweeper deletes it. A session never
//!   outlives the client it was created on ([`CredentialPolicy::session_expire_at`]).
//! - Secrets are compared in constant time, against both hashes, whatever matches.

use crate::lifetime::LifetimePolicy;
use crate::secrets::{hash_matches, ClientSecret};
use crate::store::{ClientRow, SessionRow};

/// The longest Max-Age browsers keep a cookie for (400 days), in seconds.
pub const MAX_COOKIE_AGE_SECS: u64 = 400 * 24 * 3600;

/// The credential settings of an instance, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CredentialPolicy {
    /// How long a client lives after its last rotation.
    pub lifetime_ms: i64,
    /// How long a client without a live session is kept unchanged; `None` keeps it until its
    /// lifetime ends.
    pub idle_timeout_ms: Option<i64>,
    /// How long a replaced secret keeps working.
    pub grace_ms: i64,
}

/// What a presented secret is for its client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// The client's current secret: everything on the client.
    Current,
    /// The secret the last rotation replaced, within its grace window: only the sessions created
    /// before that rotation, and no sign-in.
    Previous,
}

impl Credential {
    /// Whether this credential may see and use `session` of `client`.
    pub fn sees(self, client: &ClientRow, session: &SessionRow) -> bool {
        match self {
            Credential::Current => true,
            Credential::Previous => session.generation < client.generation,
        }
    }
}

impl CredentialPolicy {
    /// When a client last rotated at `rotated_at` expires.
    pub fn expire_at(&self, rotated_at: i64) -> i64 {
        rotated_at.saturating_add(self.lifetime_ms)
    }

    /// Whether `client` has expired at `now`, given whether it holds a live session.
    pub fn is_expired(&self, client: &ClientRow, has_live_session: bool, now: i64) -> bool {
        if now >= self.expire_at(client.rotated_at) {
            return true;
        }
        match self.idle_timeout_ms {
            Some(idle) => !has_live_session && now >= client.updated_at.saturating_add(idle),
            None => false,
        }
    }

    /// What `secret` is for `client` at `now`: `None` for a wrong secret, a previous one past
    /// its grace window, or an expired client.
    pub fn check(
        &self,
        client: &ClientRow,
        secret: &ClientSecret,
        has_live_session: bool,
        now: i64,
    ) -> Option<Credential> {
        let hash = secret.hash();
        let current = hash_matches(&hash, &client.secret_hash);
        let previous = client
            .prev_secret_hash
            .as_deref()
            .is_some_and(|prev| hash_matches(&hash, prev))
            && now < client.prev_secret_until;
        if self.is_expired(client, has_live_session, now) {
            return None;
        }
        match (current, previous) {
            (true, _) => Some(Credential::Current),
            (false, true) => Some(Credential::Previous),
            (false, false) => None,
        }
    }

    /// The end of the grace window of a secret replaced at `now`.
    pub fn grace_until(&self, now: i64) -> i64 {
        now.saturating_add(self.grace_ms)
    }

    /// `expire_at` of a session created at `now`, on a client that rotates at `now`: the
    /// session's own maximum lifetime, cut to the client's.
    pub fn session_expire_at(&self, lifetime: &LifetimePolicy, now: i64) -> i64 {
        lifetime.expire_at(now).min(self.expire_at(now))
    }

    /// The cookie's Max-Age in seconds: the client's lifetime, at most 400 days.
    pub fn cookie_max_age_secs(&self) -> u64 {
        u64::try_from(self.lifetime_ms / 1000)
            .unwrap_or(0)
            .min(MAX_COOKIE_AGE_SECS)
    }

    /// The sweeper's bounds at `now`: clients rotated at or before the first have outlived
    /// their lifetime; clients without live sessions unchanged since the second are idle
    /// (`i64::MIN` when the idle timeout is off).
    pub fn sweep_bounds(&self, now: i64) -> (i64, i64) {
        let idle = self
            .idle_timeout_ms
            .map_or(i64::MIN, |idle| now.saturating_sub(idle));
        (now.saturating_sub(self.lifetime_ms), idle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clerk_protocol::{SessionStatus, User};

    const POLICY: CredentialPolicy = CredentialPolicy {
        lifetime_ms: 1_000_000,
        idle_timeout_ms: Some(10_000),
        grace_ms: 5_000,
    };

    fn client(secret: &ClientSecret, prev: Option<&ClientSecret>) -> ClientRow {
        ClientRow {
            id: "client_a".into(),
            secret_hash: secret.hash(),
            last_active_session_id: None,
            created_at: 0,
            updated_at: 100,
            generation: 1,
            prev_secret_hash: prev.map(ClientSecret::hash),
            prev_secret_until: 105 + 5_000,
            rotated_at: 100,
        }
    }

    fn session(generation: i64) -> SessionRow {
        SessionRow {
            id: "sess_a".into(),
            client_id: "client_a".into(),
            stored_status: SessionStatus::Active,
            last_active_at: 0,
            expire_at: i64::MAX,
            abandon_at: i64::MAX,
            user_agent: None,
            ip_address: None,
            created_at: 0,
            updated_at: 0,
            generation,
            factor_verified_at: 0,
            user: User {
                object: "user".into(),
                id: "user_a".into(),
                first_name: None,
                last_name: None,
                email_address: "a@example.com".into(),
                image_url: None,
                email_addresses: Vec::new(),
                primary_email_address_id: None,
                created_at: 0,
                updated_at: 0,
            },
        }
    }

    #[test]
    fn the_previous_secret_works_only_within_its_grace_window_and_sees_only_older_sessions() {
        let (old, new, other) = (
            ClientSecret::generate().unwrap(),
            ClientSecret::generate().unwrap(),
            ClientSecret::generate().unwrap(),
        );
        let c = client(&new, Some(&old));
        assert_eq!(POLICY.check(&c, &new, true, 200), Some(Credential::Current));
        assert_eq!(
            POLICY.check(&c, &old, true, 200),
            Some(Credential::Previous)
        );
        assert_eq!(
            POLICY.check(&c, &old, true, 5_104),
            Some(Credential::Previous)
        );
        assert_eq!(POLICY.check(&c, &old, true, 5_105), None);
        assert_eq!(POLICY.check(&c, &other, true, 200), None);
        assert!(Credential::Previous.sees(&c, &session(0)));
        assert!(!Credential::Previous.sees(&c, &session(1)));
        assert!(Credential::Current.sees(&c, &session(1)));
    }

    #[test]
    fn a_client_expires_after_its_lifetime_and_when_idle_without_live_sessions() {
        let secret = ClientSecret::generate().unwrap();
        let c = client(&secret, None);
        assert!(POLICY.check(&c, &secret, true, 100 + 999_999).is_some());
        assert!(POLICY.check(&c, &secret, true, 100 + 1_000_000).is_none());
        assert!(POLICY.check(&c, &secret, false, 100 + 9_999).is_some());
        assert!(POLICY.check(&c, &secret, false, 100 + 10_000).is_none());
        let no_idle = CredentialPolicy {
            idle_timeout_ms: None,
            ..POLICY
        };
        assert!(no_idle.check(&c, &secret, false, 500_000).is_some());
        assert_eq!(no_idle.sweep_bounds(2_000_000), (1_000_000, i64::MIN));
    }

    #[test]
    fn sessions_never_outlive_their_client_and_the_cookie_lasts_at_most_400_days() {
        let lifetime = LifetimePolicy {
            max_lifetime_ms: 5_000_000,
            inactivity_timeout_ms: None,
        };
        assert_eq!(POLICY.session_expire_at(&lifetime, 10), 1_000_010);
        assert_eq!(POLICY.cookie_max_age_secs(), 1_000);
        let long = CredentialPolicy {
            lifetime_ms: i64::MAX,
            ..POLICY
        };
        assert_eq!(long.cookie_max_age_secs(), MAX_COOKIE_AGE_SECS);
    }
}
