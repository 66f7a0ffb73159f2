//! Session tokens: compact EdDSA (Ed25519) JWTs, 60 seconds long, and the JWKS that verifies
//! them. Encoded by hand (base64url without padding + serde_json): no JOSE library needed.
//!
//! The signing key is a 32-byte seed kept in a file private to the server's user
//! ([`crate::key_file`] holds the rules); two processes given the same file sign with the same
//! key. Key material is never logged.

use crate::error::AppError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::path::Path;

/// Lifetime of a session token in seconds.
pub const TOKEN_LIFETIME_SECS: i64 = 60;

/// The claims every session token carries (custom claims come on top).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    pub sub: String,
    /// The session id.
    pub sid: String,
    /// The issuer.
    pub iss: String,
    /// Issued at (Unix seconds).
    pub iat: i64,
    /// Not before (Unix seconds).
    pub nbf: i64,
    /// Expires (Unix seconds).
    pub exp: i64,
}

/// The server's signing key and its key id.
pub struct Keys {
    signing: SigningKey,
    kid: String,
    /// The first segment of every token, `base64url({"alg":"EdDSA","typ":"JWT","kid":...})`.
    header_b64: String,
}

impl Keys {
    /// Builds keys from a 32-byte seed.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        let signing = SigningKey::from_bytes(&seed);
        let kid = crate::secrets::hex_sha256(signing.verifying_key().as_bytes())[..16].to_owned();
        let header = json!({"alg": "EdDSA", "typ": "JWT", "kid": kid}).to_string();
        let header_b64 = URL_SAFE_NO_PAD.encode(header);
        Self {
            signing,
            kid,
            header_b64,
        }
    }

    /// A fresh key that lives only in memory.
    pub fn ephemeral() -> Result<Self, AppError> {
        Ok(Self::from_seed(crate::secrets::random_bytes::<32>()?))
    }

    /// Loads the key at `path`, creating it when missing; refuses a key file that another
    /// local user could read or could have planted (see [`crate::key_file`]).
    pub fn load_or_create(path: &Path) -> Result<Self, AppError> {
        Ok(Self::from_seed(crate::key_file::load_or_create(path)?))
    }

    /// The key id (`kid`).
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public key.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// The JWKS document for `/.well-known/jwks.json`.
    pub fn jwks(&self) -> Value {
        json!({"keys": [{
            "kty": "OKP",
            "crv": "Ed25519",
            "alg": "EdDSA",
            "use": "sig",
            "kid": self.kid,
            "x": URL_SAFE_NO_PAD.encode(self.verifying_key().as_bytes()),
        }]})
    }

    /// Signs `claims` plus `custom` (which cannot override the registered claims).
    pub fn sign(&self, claims: &Claims, custom: &Map<String, Value>) -> Result<String, AppError> {
        let internal = |e: serde_json::Error| AppError::Internal(e.to_string());
        let payload = if custom.is_empty() {
            serde_json::to_vec(claims).map_err(internal)?
        } else {
            let mut payload = custom.clone();
            if let Value::Object(map) = serde_json::to_value(claims).map_err(internal)? {
                payload.extend(map);
            }
            serde_json::to_vec(&payload).map_err(internal)?
        };
        let mut jwt = String::with_capacity(self.header_b64.len() + payload.len() * 4 / 3 + 92);
        jwt.push_str(&self.header_b64);
        jwt.push('.');
        URL_SAFE_NO_PAD.encode_string(&payload, &mut jwt);
        let signature: Signature = self.signing.sign(jwt.as_bytes());
        jwt.push('.');
        URL_SAFE_NO_PAD.encode_string(signature.to_bytes(), &mut jwt);
        Ok(jwt)
    }

    /// Verifies a token's signature, issuer and time window at `now_secs`; returns its claims.
    pub fn verify(&self, jwt: &str, issuer: &str, now_secs: i64) -> Result<Claims, AppError> {
        let bad = || AppError::AuthenticationInvalid;
        let mut parts = jwt.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(h).map_err(|_| bad())?)
            .map_err(|_| bad())?;
        if header.get("alg") != Some(&json!("EdDSA")) || header.get("kid") != Some(&json!(self.kid))
        {
            return Err(bad());
        }
        let sig: [u8; 64] = URL_SAFE_NO_PAD
            .decode(s)
            .map_err(|_| bad())?
            .try_into()
            .map_err(|_| bad())?;
        let signed = &jwt[..h.len() + 1 + p.len()];
        self.verifying_key()
            .verify_strict(signed.as_bytes(), &Signature::from_bytes(&sig))
            .map_err(|_| bad())?;
        let claims: Claims = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).map_err(|_| bad())?)
            .map_err(|_| bad())?;
        if claims.iss != issuer || now_secs < claims.nbf || now_secs >= claims.exp {
            return Err(bad());
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(now: i64) -> Claims {
        Claims {
            sub: "user_a".into(),
            sid: "sess_a".into(),
            iss: "iss".into(),
            iat: now,
            nbf: now,
            exp: now + 60,
        }
    }

    #[test]
    fn a_signed_token_verifies_within_its_minute_and_carries_custom_claims() {
        let keys = Keys::ephemeral().unwrap();
        let mut custom = Map::new();
        custom.insert("role".into(), json!("admin"));
        custom.insert("sub".into(), json!("forged"));
        let jwt = keys.sign(&claims(1_000), &custom).unwrap();
        assert_eq!(keys.verify(&jwt, "iss", 1_000).unwrap(), claims(1_000));
        assert_eq!(keys.verify(&jwt, "iss", 1_059).unwrap().sub, "user_a");
        assert!(keys.verify(&jwt, "iss", 1_060).is_err());
        assert!(keys.verify(&jwt, "iss", 999).is_err());
        assert!(keys.verify(&jwt, "other", 1_000).is_err());
        let payload = URL_SAFE_NO_PAD
            .decode(jwt.split('.').nth(1).unwrap())
            .unwrap();
        let payload: Value = serde_json::from_slice(&payload).unwrap();
        assert_eq!(payload["role"], "admin");
    }

    #[test]
    fn a_token_from_another_key_or_tampered_is_refused() {
        let keys = Keys::ephemeral().unwrap();
        let other = Keys::ephemeral().unwrap();
        let jwt = other.sign(&claims(0), &Map::new()).unwrap();
        assert!(keys.verify(&jwt, "iss", 0).is_err());
        let jwt = keys.sign(&claims(0), &Map::new()).unwrap();
        let tampered = jwt.replacen('.', ".e", 1);
        assert!(keys.verify(&tampered, "iss", 0).is_err());
        assert!(keys.verify("a.b", "iss", 0).is_err());
    }
}
