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
use hmac::digest::KeyInit;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::path::Path;

/// Lifetime of a session token in seconds.
pub const TOKEN_LIFETIME_SECS: i64 = 60;

/// The longest lifetime (`exp - iat`) of any token the server signs: a JWT template's maximum.
pub const MAX_TOKEN_LIFETIME_SECS: i64 = crate::jwt_templates::MAX_LIFETIME_SECS as i64;

/// The `v` claim of session tokens (Clerk's session token version). JWT-template tokens never
/// carry a `v`, whatever their claims say, so a template token is never taken for a session
/// token.
pub const SESSION_TOKEN_VERSION: u32 = 2;

/// Which tokens a verification accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Only the default session token (`v: 2`, at most [`TOKEN_LIFETIME_SECS`] long): what the
    /// `/v1/me` endpoints accept.
    Session,
    /// Any token this server signed, JWT templates included.
    Any,
}

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
    /// [`SESSION_TOKEN_VERSION`] on session tokens; absent on JWT-template tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v: Option<u32>,
    /// Clerk's factor verification age on session tokens, `[minutes since the session's
    /// first-factor verification, -1]` (see [`crate::reverification`]); absent on template
    /// tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fva: Option<[i64; 2]>,
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

    /// A 32-byte key for one purpose, derived from the signing key's seed:
    /// HMAC-SHA256(seed, `"clerk-server derive v1\0" || label`). Distinct labels give
    /// independent keys, and none reveals the seed or another label's key. Never log the result.
    pub fn derive(&self, label: &[u8]) -> [u8; 32] {
        use hmac::{Hmac, Mac};
        // HMAC pads a short key with zeros to the block size (64 bytes): the same key, padded
        // here, so no fallible constructor is needed.
        let mut block = zeroize::Zeroizing::new([0u8; 64]);
        block[..32].copy_from_slice(self.signing.as_bytes());
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new(&(*block).into());
        mac.update(b"clerk-server derive v1\0");
        mac.update(label);
        mac.finalize().into_bytes().into()
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

    /// Signs `claims` plus `custom` (which cannot override the registered claims, nor give a
    /// token without a `v` one).
    pub fn sign(&self, claims: &Claims, custom: &Map<String, Value>) -> Result<String, AppError> {
        let internal = |e: serde_json::Error| AppError::Internal(e.to_string());
        let payload = if custom.is_empty() {
            serde_json::to_vec(claims).map_err(internal)?
        } else {
            let mut payload = custom.clone();
            payload.remove("v");
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

    /// Verifies a token's header (`alg`, `kid`, no `crit` extension: we understand none),
    /// signature, issuer, time window at `now_secs` and lifetime (`exp - iat`, at most what the
    /// kind allows), and for [`TokenKind::Session`] that it is a session token; returns its
    /// claims.
    pub fn verify(
        &self,
        jwt: &str,
        issuer: &str,
        now_secs: i64,
        kind: TokenKind,
    ) -> Result<Claims, AppError> {
        let bad = || AppError::AuthenticationInvalid;
        let mut parts = jwt.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(h).map_err(|_| bad())?)
            .map_err(|_| bad())?;
        if header.get("alg") != Some(&json!("EdDSA"))
            || header.get("kid") != Some(&json!(self.kid))
            || header.get("crit").is_some()
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
        let (max_lifetime, version_ok) = match kind {
            TokenKind::Session => (TOKEN_LIFETIME_SECS, claims.v == Some(SESSION_TOKEN_VERSION)),
            TokenKind::Any => (MAX_TOKEN_LIFETIME_SECS, true),
        };
        let lifetime = claims.exp.checked_sub(claims.iat).ok_or_else(bad)?;
        if !version_ok || !(1..=max_lifetime).contains(&lifetime) {
            return Err(bad());
        }
        Ok(claims)
    }
}

#[cfg(test)]
#[path = "jwt_tests.rs"]
mod tests;
