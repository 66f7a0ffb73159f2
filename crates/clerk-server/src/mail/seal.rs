//! The outbox payload: a rendered message, sealed so that the database never holds a code in
//! clear, yet the sender (this process after a restart, or another process sharing the signing
//! key) can still deliver it.
//!
//! Format: `0x01 || nonce (24 bytes) || XChaCha20-Poly1305(key, nonce, aad = row id, JSON)`.
//! The key is [`crate::jwt::Keys::derive`] of [`KEY_LABEL`]; the nonce is random (192 bits, so
//! random nonces never repeat in practice); the row id as associated data ties a payload to its
//! row (a payload copied into another row does not open).
//!
//! Security rules: [`Rendered`] holds the code, so its `Debug` prints neither the code nor the
//! bodies; a payload that does not open (tampered, or sealed under another signing key) is an
//! error that names nothing of its content.

use crate::error::AppError;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

/// The label of the outbox key under the signing key's seed.
pub const KEY_LABEL: &[u8] = b"clerk-server mail outbox v1";

/// The format byte.
const VERSION: u8 = 1;
/// Nonce length of XChaCha20-Poly1305.
const NONCE_LEN: usize = 24;

/// A message as it will be sent (decoded from the payload by the sender).
#[derive(Clone, Serialize, Deserialize)]
pub struct Rendered {
    /// Which kind (for the log: `sign_up_verification`, ...).
    pub kind: String,
    /// The recipient's address.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
    /// The code, printed by the development transport only.
    pub code: String,
}

impl std::fmt::Debug for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rendered")
            .field("kind", &self.kind)
            .field("to", &self.to)
            .finish_non_exhaustive()
    }
}

/// Seals and opens payloads under one key.
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl Sealer {
    /// A sealer with `key` (from [`crate::jwt::Keys::derive`]).
    pub fn new(key: &[u8; 32]) -> Self {
        Self {
            cipher: XChaCha20Poly1305::new(key.into()),
        }
    }

    /// Seals `mail` for the row `id`.
    pub fn seal(&self, id: &str, mail: &Rendered) -> Result<Vec<u8>, AppError> {
        let plain = serde_json::to_vec(mail).map_err(|e| AppError::Internal(e.to_string()))?;
        let nonce = crate::secrets::random_bytes::<NONCE_LEN>()?;
        let sealed = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &plain,
                    aad: id.as_bytes(),
                },
            )
            .map_err(|_| AppError::Internal("sealing a mail payload failed".into()))?;
        let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Opens the payload of row `id`; `None` if it is not one this key sealed for that row.
    pub fn open(&self, id: &str, payload: &[u8]) -> Option<Rendered> {
        let (&version, rest) = payload.split_first()?;
        if version != VERSION || rest.len() < NONCE_LEN {
            return None;
        }
        let (nonce, sealed) = rest.split_at(NONCE_LEN);
        let plain = self
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: id.as_bytes(),
                },
            )
            .ok()?;
        serde_json::from_slice(&plain).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail() -> Rendered {
        Rendered {
            kind: "sign_in_code".into(),
            to: "ada@example.com".into(),
            subject: "Your code".into(),
            text: "Code 123456".into(),
            html: "<p>Code 123456</p>".into(),
            code: "123456".into(),
        }
    }

    #[test]
    fn a_payload_opens_only_with_its_key_and_row_and_holds_no_code_in_clear() {
        let sealer = Sealer::new(&[7; 32]);
        let payload = sealer.seal("mail_a", &mail()).unwrap();
        assert!(!payload.windows(6).any(|w| w == b"123456"));
        assert_eq!(sealer.open("mail_a", &payload).unwrap().code, "123456");
        assert!(sealer.open("mail_b", &payload).is_none(), "another row");
        assert!(Sealer::new(&[8; 32]).open("mail_a", &payload).is_none());
        let mut tampered = payload.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert!(sealer.open("mail_a", &tampered).is_none());
        assert!(sealer.open("mail_a", &[]).is_none());
        assert_ne!(
            payload,
            sealer.seal("mail_a", &mail()).unwrap(),
            "fresh nonces"
        );
        assert!(!format!("{:?}", mail()).contains("123456"));
    }
}
