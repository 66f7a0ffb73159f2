//! Tests of `jwt.rs`: signing, verifying and the claims of session tokens.

use super::*;

fn claims(now: i64) -> Claims {
    Claims {
        sub: "user_a".into(),
        sid: "sess_a".into(),
        iss: "iss".into(),
        iat: now,
        nbf: now,
        exp: now + 60,
        v: Some(SESSION_TOKEN_VERSION),
        fva: None,
    }
}

#[test]
fn a_signed_token_verifies_within_its_minute_and_carries_custom_claims() {
    let keys = Keys::ephemeral().unwrap();
    let mut custom = Map::new();
    custom.insert("role".into(), json!("admin"));
    custom.insert("sub".into(), json!("forged"));
    let jwt = keys.sign(&claims(1_000), &custom).unwrap();
    assert_eq!(
        keys.verify(&jwt, "iss", 1_000, TokenKind::Session).unwrap(),
        claims(1_000)
    );
    assert_eq!(
        keys.verify(&jwt, "iss", 1_059, TokenKind::Session)
            .unwrap()
            .sub,
        "user_a"
    );
    assert!(keys.verify(&jwt, "iss", 1_060, TokenKind::Session).is_err());
    assert!(keys.verify(&jwt, "iss", 999, TokenKind::Session).is_err());
    assert!(keys
        .verify(&jwt, "other", 1_000, TokenKind::Session)
        .is_err());
    let payload = URL_SAFE_NO_PAD
        .decode(jwt.split('.').nth(1).unwrap())
        .unwrap();
    let payload: Value = serde_json::from_slice(&payload).unwrap();
    assert_eq!(payload["role"], "admin");
}

#[test]
fn derived_keys_depend_on_the_seed_and_the_label() {
    let a = Keys::from_seed([1; 32]);
    assert_eq!(a.derive(b"x"), Keys::from_seed([1; 32]).derive(b"x"));
    assert_ne!(a.derive(b"x"), a.derive(b"y"));
    assert_ne!(a.derive(b"x"), Keys::from_seed([2; 32]).derive(b"x"));
    assert_ne!(a.derive(b""), [1; 32]);
}

#[test]
fn a_token_from_another_key_or_tampered_is_refused() {
    let keys = Keys::ephemeral().unwrap();
    let other = Keys::ephemeral().unwrap();
    let jwt = other.sign(&claims(0), &Map::new()).unwrap();
    assert!(keys.verify(&jwt, "iss", 0, TokenKind::Any).is_err());
    let jwt = keys.sign(&claims(0), &Map::new()).unwrap();
    let tampered = jwt.replacen('.', ".e", 1);
    assert!(keys.verify(&tampered, "iss", 0, TokenKind::Any).is_err());
    assert!(keys.verify("a.b", "iss", 0, TokenKind::Any).is_err());
}

#[test]
fn only_a_session_token_verifies_as_one_and_no_lifetime_or_crit_goes_unchecked() {
    let keys = Keys::ephemeral().unwrap();
    let mut custom = Map::new();
    custom.insert("v".into(), json!(2));
    let template = Claims {
        v: None,
        exp: 1_000 + 60,
        ..claims(1_000)
    };
    let jwt = keys.sign(&template, &custom).unwrap();
    assert!(keys.verify(&jwt, "iss", 1_000, TokenKind::Any).is_ok());
    assert!(
        keys.verify(&jwt, "iss", 1_000, TokenKind::Session).is_err(),
        "a template's own `v` claim is dropped"
    );
    let long = Claims {
        exp: 1_000 + 61,
        ..claims(1_000)
    };
    let jwt = keys.sign(&long, &Map::new()).unwrap();
    assert!(keys.verify(&jwt, "iss", 1_000, TokenKind::Session).is_err());
    let too_long = Claims {
        exp: 1_000 + MAX_TOKEN_LIFETIME_SECS + 1,
        ..claims(1_000)
    };
    let jwt = keys.sign(&too_long, &Map::new()).unwrap();
    assert!(keys.verify(&jwt, "iss", 1_000, TokenKind::Any).is_err());
    // A header with a `crit` extension, signed with the right key.
    let header = URL_SAFE_NO_PAD.encode(
        json!({"alg": "EdDSA", "typ": "JWT", "kid": keys.kid(), "crit": ["exp"], "exp": 1})
            .to_string(),
    );
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims(1_000)).unwrap());
    let signed = format!("{header}.{payload}");
    let sig = keys.signing.sign(signed.as_bytes());
    let jwt = format!("{signed}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()));
    assert!(keys.verify(&jwt, "iss", 1_000, TokenKind::Any).is_err());
}
