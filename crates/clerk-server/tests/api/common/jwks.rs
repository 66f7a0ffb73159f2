//! Session tokens checked the way a relying party would: the server's JWKS (one Ed25519 key,
//! `OKP`/`EdDSA`), the header's `alg` and `kid`, and the signature with ed25519-dalek.

use super::TestApp;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{Signature, VerifyingKey};
use serde_json::Value;

/// Verifies `jwt` with the server's JWKS; returns the claims.
pub async fn verify_with_jwks(app: &TestApp, jwt: &str) -> Value {
    let jwks = app.client().get("/.well-known/jwks.json").await.json();
    let key = &jwks["keys"][0];
    assert_eq!(
        (
            key["kty"].as_str(),
            key["crv"].as_str(),
            key["alg"].as_str()
        ),
        (Some("OKP"), Some("Ed25519"), Some("EdDSA"))
    );
    let x: [u8; 32] = URL_SAFE_NO_PAD
        .decode(key["x"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3);
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header["alg"], "EdDSA");
    assert_eq!(header["kid"], key["kid"]);
    let sig: [u8; 64] = URL_SAFE_NO_PAD
        .decode(parts[2])
        .unwrap()
        .try_into()
        .unwrap();
    let signed = format!("{}.{}", parts[0], parts[1]);
    VerifyingKey::from_bytes(&x)
        .unwrap()
        .verify_strict(signed.as_bytes(), &Signature::from_bytes(&sig))
        .expect("valid signature");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap()
}
