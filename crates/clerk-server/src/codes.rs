//! Emailed verification codes (sign-up verification, sign-in and password-reset codes), as pure
//! functions of their inputs and the time (`now`, Unix ms, injected by the caller).
//!
//! Security rules:
//! - A code is 6 decimal digits drawn uniformly from the operating system's CSPRNG (rejection
//!   sampling on a `u32`, so no digit string is likelier than another).
//! - The database holds only `HMAC-SHA256(key, attempt id || 0 || code)`, keyed by a key derived
//!   from the server's signing key ([`crate::jwt::Keys::derive`] with [`HMAC_LABEL`]): a dump
//!   of the database alone cannot try the million codes, and a code is bound to its attempt, so a
//!   code mailed for one attempt never completes another.
//! - Comparison is constant-time ([`subtle`]).
//! - A code dies after [`CodePolicy::max_attempts`] tries (even for the right digits) or after
//!   [`CodePolicy::ttl_ms`]; a new code replaces the old one, but not before
//!   [`CodePolicy::cooldown_ms`] since the last one was sent.
//! - [`Code`] never prints its digits (`Debug` is redacted): a code is only ever in a mail.

use crate::error::AppError;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// The label of the key codes are hashed with (see [`crate::jwt::Keys::derive`]).
pub const HMAC_LABEL: &[u8] = b"clerk-server verification codes v1";

/// Digits in a code.
pub const DIGITS: usize = 6;

/// `10^DIGITS`.
const SPACE: u32 = 1_000_000;

/// The largest multiple of [`SPACE`] that fits in a `u32`: draws at or above it are thrown
/// away, so every code is equally likely.
const ACCEPT_BELOW: u32 = (u32::MAX / SPACE) * SPACE;

/// A fresh code, as it goes into the mail.
#[derive(Clone, PartialEq, Eq)]
pub struct Code(String);

impl Code {
    /// A uniformly random 6-digit code from the OS CSPRNG.
    pub fn generate() -> Result<Self, AppError> {
        loop {
            let n = u32::from_le_bytes(crate::secrets::random_bytes::<4>()?);
            if let Some(code) = Self::from_draw(n) {
                return Ok(code);
            }
        }
    }

    /// The code a 32-bit draw gives, `None` for a draw that must be thrown away.
    fn from_draw(n: u32) -> Option<Self> {
        (n < ACCEPT_BELOW).then(|| Self(format!("{:06}", n % SPACE)))
    }

    /// The digits, for the mail only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Code(<redacted>)")
    }
}

/// A code as typed: spaces and hyphens are dropped (people paste `123 456`), then it must be
/// exactly 6 ASCII digits, else `invalid_param` (`code`), which costs no attempt.
pub fn parse_entered(input: &str) -> Result<String, AppError> {
    let digits: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(AppError::param(
            "code",
            "code must be the 6 digits from the email",
        ))
    }
}

/// What the database stores for `code` of attempt `attempt_id`: lower-case hex HMAC-SHA256.
pub fn hash(key: &[u8; 32], attempt_id: &str, code: &str) -> Result<String, AppError> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .map_err(|e| AppError::Internal(format!("hmac key: {e}")))?;
    mac.update(attempt_id.as_bytes());
    mac.update(&[0]);
    mac.update(code.as_bytes());
    let bytes = mac.finalize().into_bytes();
    let mut out = String::with_capacity(64);
    for b in bytes {
        out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    Ok(out)
}

/// A stored hash no code can match: what an attempt for an unknown address stores, so it
/// behaves (attempts, expiry, cooldown) like one whose code went out.
pub fn unmatchable_hash() -> Result<String, AppError> {
    Ok(format!(
        "x{}",
        crate::secrets::hex_sha256(&crate::secrets::random_bytes::<32>()?)
    ))
}

/// Whether the entered `code` is the one hashed into `stored`, compared in constant time.
pub fn matches(
    key: &[u8; 32],
    attempt_id: &str,
    code: &str,
    stored: &str,
) -> Result<bool, AppError> {
    Ok(hash(key, attempt_id, code)?
        .as_bytes()
        .ct_eq(stored.as_bytes())
        .into())
}

/// The rules of codes (`[verification_codes]`), in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodePolicy {
    /// How long a code works.
    pub ttl_ms: i64,
    /// Tries per code, right or wrong; past them the code is dead.
    pub max_attempts: u32,
    /// The shortest time between two codes of one attempt.
    pub cooldown_ms: i64,
}

/// A stored code's counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeState {
    /// Tries made on it.
    pub attempts: u32,
    /// Unix ms when it stops working.
    pub expire_at: i64,
    /// Unix ms when it was sent.
    pub sent_at: i64,
}

/// Why a code cannot be tried (any more).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dead {
    /// Too many tries: `verification_failed`.
    Failed,
    /// Past its time: `verification_expired`.
    Expired,
}

impl CodePolicy {
    /// When a code sent at `now` stops working.
    pub fn expire_at(&self, now: i64) -> i64 {
        now.saturating_add(self.ttl_ms)
    }

    /// `Some(seconds)` to wait before a new code may replace one sent at `sent_at`.
    pub fn cooldown_left_secs(&self, sent_at: i64, now: i64) -> Option<u64> {
        let left = sent_at.saturating_add(self.cooldown_ms).saturating_sub(now);
        (left > 0).then(|| u64::try_from(left.saturating_add(999) / 1000).unwrap_or(1))
    }

    /// Whether a code in state `s` is dead at `now` (too many tries first, then time).
    pub fn dead(&self, s: &CodeState, now: i64) -> Option<Dead> {
        if s.attempts >= self.max_attempts {
            Some(Dead::Failed)
        } else if s.expire_at <= now {
            Some(Dead::Expired)
        } else {
            None
        }
    }

    /// Tries left after `attempts` tries.
    pub fn attempts_left(&self, attempts: u32) -> u32 {
        self.max_attempts.saturating_sub(attempts)
    }

    /// The `Verification.status` of a code in state `s` at `now`.
    pub fn status(&self, s: &CodeState, now: i64) -> &'static str {
        match self.dead(s, now) {
            Some(Dead::Failed) => clerk_protocol::VERIFICATION_FAILED,
            Some(Dead::Expired) => clerk_protocol::VERIFICATION_EXPIRED,
            None => clerk_protocol::VERIFICATION_UNVERIFIED,
        }
    }
}

impl From<Dead> for AppError {
    fn from(d: Dead) -> Self {
        match d {
            Dead::Failed => AppError::VerificationFailed,
            Dead::Expired => AppError::VerificationExpired,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [7; 32];
    const POLICY: CodePolicy = CodePolicy {
        ttl_ms: 600_000,
        max_attempts: 5,
        cooldown_ms: 30_000,
    };

    #[test]
    fn codes_are_six_digits_and_draws_past_the_last_whole_million_are_refused() {
        for _ in 0..1000 {
            let c = Code::generate().unwrap();
            assert_eq!(c.expose().len(), 6);
            assert!(c.expose().bytes().all(|b| b.is_ascii_digit()));
        }
        assert_eq!(Code::from_draw(0).unwrap().expose(), "000000");
        assert_eq!(Code::from_draw(1_000_007).unwrap().expose(), "000007");
        assert_eq!(
            Code::from_draw(ACCEPT_BELOW - 1).unwrap().expose(),
            "999999"
        );
        assert!(Code::from_draw(ACCEPT_BELOW).is_none());
        assert!(Code::from_draw(u32::MAX).is_none());
        // Every code has the same number of accepted draws.
        assert_eq!(ACCEPT_BELOW % SPACE, 0);
    }

    #[test]
    fn a_code_never_prints_its_digits() {
        let c = Code::generate().unwrap();
        assert!(!format!("{c:?}").contains(c.expose()));
    }

    #[test]
    fn the_hash_binds_the_code_to_its_attempt_and_key() {
        let h = hash(&KEY, "sia_a", "123456").unwrap();
        let matches = |k: &[u8; 32], a: &str, c: &str, h: &str| matches(k, a, c, h).unwrap();
        assert_eq!(h.len(), 64);
        assert!(!h.contains("123456"));
        assert!(matches(&KEY, "sia_a", "123456", &h));
        assert!(!matches(&KEY, "sia_a", "123457", &h));
        assert!(!matches(&KEY, "sia_b", "123456", &h));
        assert!(!matches(&[8; 32], "sia_a", "123456", &h));
        let none = unmatchable_hash().unwrap();
        assert!(!matches(&KEY, "sia_a", "123456", &none));
    }

    #[test]
    fn entered_codes_may_carry_spaces_but_must_be_six_digits() {
        assert_eq!(parse_entered(" 123 456 ").unwrap(), "123456");
        assert_eq!(parse_entered("123-456").unwrap(), "123456");
        for bad in ["12345", "1234567", "12345a", "１２３４５６", ""] {
            assert!(parse_entered(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_code_dies_after_its_attempts_or_its_time() {
        let now = 1_000_000;
        let mut s = CodeState {
            attempts: 0,
            expire_at: POLICY.expire_at(now),
            sent_at: now,
        };
        assert_eq!(POLICY.dead(&s, now), None);
        assert_eq!(POLICY.status(&s, now), "unverified");
        assert_eq!(POLICY.dead(&s, now + 600_000), Some(Dead::Expired));
        s.attempts = 4;
        assert_eq!(POLICY.dead(&s, now), None);
        assert_eq!(POLICY.attempts_left(4), 1);
        s.attempts = 5;
        assert_eq!(POLICY.dead(&s, now), Some(Dead::Failed));
        assert_eq!(POLICY.dead(&s, now + 600_000), Some(Dead::Failed));
        assert_eq!(POLICY.status(&s, now), "failed");
    }

    #[test]
    fn a_new_code_waits_for_the_cooldown() {
        assert_eq!(POLICY.cooldown_left_secs(0, 0), Some(30));
        assert_eq!(POLICY.cooldown_left_secs(0, 29_001), Some(1));
        assert_eq!(POLICY.cooldown_left_secs(0, 30_000), None);
    }
}
