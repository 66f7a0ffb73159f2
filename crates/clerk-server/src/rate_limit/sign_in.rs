//! How sign-in attempts are throttled, as a pure function of the counts (tested natively).
//!
//! Three counts per attempt, in the current window:
//! - per client address (IPv4 address or IPv6 /64), all accounts: past `sign_in_per_ip`, 429;
//! - per account and address: past `sign_in_per_identifier_per_ip`, 429 for that address only,
//!   so the address that guesses is stopped while the owner elsewhere is not;
//! - per account, from every address (counted only for attempts the first two let through):
//!   past `sign_in_per_identifier`, each further attempt waits [`DELAY_STEP_MS`] more per
//!   attempt past it, up to `sign_in_max_delay_ms`, before its password is checked. It is never
//!   refused, so nobody can lock an account out; the owner's correct password still signs in,
//!   after the wait.
//!
//! Guesses per window on one account with N addresses: at most
//! `N * min(sign_in_per_identifier_per_ip, sign_in_per_ip)` (IPv6: N /64 prefixes).

use crate::config::RateLimits;

/// The extra wait per attempt past the per-account ceiling, in milliseconds.
pub const DELAY_STEP_MS: u64 = 250;

/// The first step: the per-address counts (all accounts, this account) decide whether the
/// attempt goes on.
pub fn address_verdict(
    limits: &RateLimits,
    per_ip: u64,
    per_identifier_ip: u64,
) -> Option<&'static str> {
    if per_ip > u64::from(limits.sign_in_per_ip) {
        Some("sign_in_per_ip")
    } else if per_identifier_ip > u64::from(limits.sign_in_per_identifier_per_ip) {
        Some("sign_in_per_identifier_per_ip")
    } else {
        None
    }
}

/// The second step: the per-account count (from every address) gives the wait.
pub fn account_delay_ms(limits: &RateLimits, per_identifier: u64) -> u64 {
    let excess = per_identifier.saturating_sub(u64::from(limits.sign_in_per_identifier));
    excess
        .saturating_mul(DELAY_STEP_MS)
        .min(limits.sign_in_max_delay_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guessing_address_is_stopped_and_everyone_else_only_slowed() {
        let l = RateLimits::default();
        assert_eq!(address_verdict(&l, 1, 1), None);
        assert_eq!(address_verdict(&l, 101, 1), Some("sign_in_per_ip"));
        assert_eq!(
            address_verdict(&l, 50, 11),
            Some("sign_in_per_identifier_per_ip")
        );
        assert_eq!(account_delay_ms(&l, 20), 0);
        assert_eq!(account_delay_ms(&l, 21), DELAY_STEP_MS);
        assert_eq!(account_delay_ms(&l, 10_000), l.sign_in_max_delay_ms);
    }
}
