//! Random ids and secrets, and how secrets are kept.
//!
//! Security rules: client secrets are 256 bits from the operating system's CSPRNG; the database
//! holds only their SHA-256; comparisons are constant-time; [`ClientSecret`] never prints its
//! value (its `Debug` is redacted), so it cannot end up in a log by accident.

use crate::error::AppError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Fills `N` bytes from the operating system's CSPRNG.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("getrandom: {e}")))?;
    Ok(bytes)
}

/// A new id such as `sess_3kq...`: the prefix, an underscore and 128 random bits in lower-case
/// base32 (26 characters).
pub fn new_id(prefix: &str) -> Result<String, AppError> {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let bytes = random_bytes::<16>()?;
    let mut id = String::with_capacity(prefix.len() + 27);
    id.push_str(prefix);
    id.push('_');
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            id.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        id.push(char::from(ALPHABET[((acc << (5 - bits)) & 31) as usize]));
    }
    Ok(id)
}

/// Whether `id` looks like an id with this prefix (cheap check before any database lookup).
pub fn is_valid_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('_'))
        .is_some_and(|rest| {
            (1..=64).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// A client secret: the part of the `__client` cookie after the dot.
pub struct ClientSecret(String);

impl ClientSecret {
    /// A fresh 256-bit secret, base64url without padding.
    pub fn generate() -> Result<Self, AppError> {
        Ok(Self(URL_SAFE_NO_PAD.encode(random_bytes::<32>()?)))
    }

    /// Wraps a secret read from a cookie.
    pub fn from_cookie(value: &str) -> Self {
        Self(value.to_owned())
    }

    /// The secret itself, for the cookie only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The SHA-256 of the secret, hex-encoded: what the database stores.
    pub fn hash(&self) -> String {
        hex_sha256(self.0.as_bytes())
    }

    /// Whether this secret hashes to `stored_hash`, compared in constant time.
    pub fn matches(&self, stored_hash: &str) -> bool {
        hash_matches(&self.hash(), stored_hash)
    }
}

impl std::fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientSecret(<redacted>)")
    }
}

/// Whether two hashes are equal, compared in constant time.
pub fn hash_matches(hash: &str, stored_hash: &str) -> bool {
    hash.as_bytes().ct_eq(stored_hash.as_bytes()).into()
}

/// Lower-case hex SHA-256 of `data`.
pub fn hex_sha256(data: &[u8]) -> String {
    let digest = Sha256::digest(data);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_carry_their_prefix_and_128_random_bits() {
        let a = new_id("sess").unwrap();
        let b = new_id("sess").unwrap();
        assert!(a.starts_with("sess_") && a.len() == 5 + 26, "{a}");
        assert_ne!(a, b);
        assert!(is_valid_id(&a, "sess"));
        assert!(!is_valid_id(&a, "user"));
        assert!(!is_valid_id("sess_../x", "sess"));
        assert!(!is_valid_id("sess_", "sess"));
    }

    #[test]
    fn a_secret_matches_only_its_own_hash_and_never_prints() {
        let s = ClientSecret::generate().unwrap();
        assert!(s.expose().len() >= 43);
        assert!(s.matches(&s.hash()));
        assert!(!ClientSecret::from_cookie("other").matches(&s.hash()));
        assert!(!format!("{s:?}").contains(s.expose()));
        assert_ne!(s.hash(), s.expose());
    }
}
