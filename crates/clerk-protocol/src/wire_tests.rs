//! Pins the decoders of [`crate::wire::decoder!`] to what the derived `Deserialize` accepted, for
//! every struct that uses it, through serde_json (the server's format; the SDK's
//! serde-wasm-bindgen path is run by the browser tests against the real server).

use crate::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::fmt::Debug;

/// One struct's wire contract: a value with every field set (each to a value of its own, so a
/// field written into the wrong slot shows), the fields that must be present, and the others
/// with the JSON of the value they take when missing.
struct Contract<'a> {
    name: &'static str,
    full: Value,
    required: &'static [&'static str],
    optional: &'a [(&'static str, Value)],
}

fn decode<T: DeserializeOwned>(json: Value) -> Result<T, String> {
    serde_json::from_value(json).map_err(|e| e.to_string())
}

fn without(json: &Value, field: &str) -> Value {
    let mut json = json.clone();
    json.as_object_mut().unwrap().remove(field);
    json
}

fn with(json: &Value, field: &str, value: Value) -> Value {
    let mut json = json.clone();
    json[field] = value;
    json
}

fn check<T: DeserializeOwned + Serialize + PartialEq + Debug>(c: Contract<'_>) {
    let name = c.name;
    let full: T = decode(c.full.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
    // Every field decodes into its own slot: the value writes back to the same JSON.
    assert_eq!(serde_json::to_value(&full).unwrap(), c.full, "{name}");
    // The contract names every field once.
    let mut listed: Vec<&str> = c.required.to_vec();
    listed.extend(c.optional.iter().map(|(f, _)| *f));
    listed.sort_unstable();
    let mut keys: Vec<&str> = c
        .full
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(listed, keys, "{name}: the contract lists every field");
    // Unknown fields are ignored, whatever their type.
    let extra = with(&c.full, "zz_unknown", json!({"nested": [1, "two", null]}));
    assert_eq!(decode::<T>(extra).as_ref(), Ok(&full), "{name}");
    for field in c.required {
        assert_eq!(
            decode::<T>(without(&c.full, field)),
            Err(format!("missing field `{field}`")),
            "{name}.{field}"
        );
    }
    for (field, default) in c.optional {
        let defaulted = decode::<T>(with(&c.full, field, default.clone()));
        let defaulted = defaulted.unwrap_or_else(|e| panic!("{name}.{field}: {e}"));
        assert_ne!(defaulted, full, "{name}.{field}: the full value sets it");
        let missing = decode::<T>(without(&c.full, field));
        assert_eq!(missing.as_ref(), Ok(&defaulted), "{name}.{field} missing");
        if default.is_null() {
            // An `Option`: `null` is `None` too.
            let null = decode::<T>(with(&c.full, field, Value::Null));
            assert_eq!(null.as_ref(), Ok(&defaulted), "{name}.{field} null");
        }
    }
    for field in keys {
        // A value of the wrong type fails with serde's wording for the field's type.
        let wrong = if c.full[field].is_boolean() {
            json!("yes")
        } else {
            json!(true)
        };
        let err = decode::<T>(with(&c.full, field, wrong)).unwrap_err();
        assert!(err.starts_with("invalid type: "), "{name}.{field}: {err}");
    }
    assert_eq!(
        decode::<T>(json!(5)),
        Err(format!("invalid type: integer `5`, expected struct {name}")),
    );
    // A key given twice is refused, as the derive did (serde_json text can hold one).
    let first = c
        .required
        .first()
        .or(c.optional.first().map(|(f, _)| f))
        .unwrap();
    let text = c.full.to_string();
    let twice = format!("{{\"{first}\":{},{}", c.full[first], &text[1..]);
    let err = serde_json::from_str::<T>(&twice).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("duplicate field `{first}`")),
        "{name}: {err}"
    );
}

fn verification() -> Value {
    json!({"status": "unverified", "strategy": "email_code", "attempts": 2, "expire_at": 99})
}

fn email_address() -> Value {
    json!({
        "object": "email_address", "id": "idn_1", "email_address": "ada@example.com",
        "verification": verification(),
    })
}

fn user() -> Value {
    json!({
        "object": "user", "id": "user_1", "first_name": "Ada", "last_name": "Lovelace",
        "email_address": "ada@example.com", "email_addresses": [email_address()],
        "primary_email_address_id": "idn_1", "image_url": "https://img.example/a.png",
        "created_at": 1, "updated_at": 2,
    })
}

fn session() -> Value {
    json!({
        "object": "session", "id": "sess_1", "status": "active", "user": user(),
        "last_active_at": 3, "expire_at": 4, "abandon_at": 5, "created_at": 6, "updated_at": 7,
        "latest_activity": {"user_agent": "UA", "ip_address": "127.0.0.1", "is_current_client": true},
    })
}

fn api_error() -> Value {
    json!({
        "code": "invalid_param", "message": "m", "long_message": "lm",
        "meta": {"param_name": "password"},
    })
}

#[test]
fn sessions_users_and_their_parts_decode_as_the_derive_did() {
    check::<Verification>(Contract {
        name: "Verification",
        full: verification(),
        required: &["status", "strategy"],
        optional: &[("attempts", json!(0)), ("expire_at", Value::Null)],
    });
    check::<EmailAddress>(Contract {
        name: "EmailAddress",
        full: email_address(),
        required: &["object", "id", "email_address", "verification"],
        optional: &[],
    });
    check::<User>(Contract {
        name: "User",
        full: user(),
        required: &["object", "id", "email_address", "created_at", "updated_at"],
        optional: &[
            ("first_name", Value::Null),
            ("last_name", Value::Null),
            ("email_addresses", json!([])),
            ("primary_email_address_id", Value::Null),
            ("image_url", Value::Null),
        ],
    });
    check::<SessionActivity>(Contract {
        name: "SessionActivity",
        full: session()["latest_activity"].clone(),
        required: &["is_current_client"],
        optional: &[("user_agent", Value::Null), ("ip_address", Value::Null)],
    });
    check::<Session>(Contract {
        name: "Session",
        full: session(),
        required: &[
            "object",
            "id",
            "status",
            "user",
            "last_active_at",
            "expire_at",
            "abandon_at",
            "created_at",
            "updated_at",
        ],
        optional: &[("latest_activity", Value::Null)],
    });
    check::<Client>(Contract {
        name: "Client",
        full: json!({
            "object": "client", "id": "client_1", "sessions": [session()],
            "last_active_session_id": "sess_1", "created_at": 8, "updated_at": 9,
        }),
        required: &["object", "id", "sessions", "created_at", "updated_at"],
        optional: &[("last_active_session_id", Value::Null)],
    });
    check::<SessionList>(Contract {
        name: "SessionList",
        full: json!({"data": [session()], "total_count": 1}),
        required: &["data", "total_count"],
        optional: &[],
    });
    check::<Token>(Contract {
        name: "Token",
        full: json!({"object": "token", "jwt": "a.b.c"}),
        required: &["object", "jwt"],
        optional: &[],
    });
}

#[test]
fn the_environment_decodes_as_the_derive_did() {
    let auth = json!({
        "single_session_mode": true, "max_sessions_per_client": 5, "password_min_length": 8,
        "first_factors": ["password", "email_code"], "email_verification_required": true,
    });
    let display = json!({
        "application_name": "App", "sign_in_url": "/sign-in",
        "after_sign_out_one_url": "/sign-in/choose", "after_sign_out_all_url": "/",
        "after_switch_session_url": "/home",
    });
    check::<AuthConfig>(Contract {
        name: "AuthConfig",
        full: auth.clone(),
        required: &[
            "single_session_mode",
            "max_sessions_per_client",
            "password_min_length",
        ],
        optional: &[
            ("first_factors", json!([])),
            ("email_verification_required", json!(false)),
        ],
    });
    check::<DisplayConfig>(Contract {
        name: "DisplayConfig",
        full: display.clone(),
        required: &[
            "application_name",
            "sign_in_url",
            "after_sign_out_one_url",
            "after_sign_out_all_url",
            "after_switch_session_url",
        ],
        optional: &[],
    });
    check::<Environment>(Contract {
        name: "Environment",
        full: json!({"auth_config": auth, "display_config": display}),
        required: &["auth_config", "display_config"],
        optional: &[],
    });
}

#[test]
fn sign_in_and_sign_up_attempts_decode_as_the_derive_did() {
    let factor = json!({"strategy": "email_code", "safe_identifier": "a***@example.com"});
    check::<SignInFactor>(Contract {
        name: "SignInFactor",
        full: factor.clone(),
        required: &["strategy"],
        optional: &[("safe_identifier", Value::Null)],
    });
    check::<SignIn>(Contract {
        name: "SignIn",
        full: json!({
            "object": "sign_in_attempt", "id": "sia_1", "status": "needs_first_factor",
            "identifier": "ada@example.com", "supported_first_factors": [factor],
            "first_factor_verification": verification(), "created_session_id": "sess_1",
        }),
        required: &["object", "id", "status"],
        optional: &[
            ("identifier", Value::Null),
            ("supported_first_factors", json!([])),
            ("first_factor_verification", Value::Null),
            ("created_session_id", Value::Null),
        ],
    });
    check::<SignUpVerifications>(Contract {
        name: "SignUpVerifications",
        full: json!({"email_address": verification()}),
        required: &[],
        optional: &[("email_address", Value::Null)],
    });
    check::<SignUp>(Contract {
        name: "SignUp",
        full: json!({
            "object": "sign_up_attempt", "id": "sua_1", "status": "missing_requirements",
            "email_address": "ada@example.com", "missing_fields": ["password"],
            "unverified_fields": ["email_address"],
            "verifications": {"email_address": verification()}, "abandon_at": 10,
            "created_session_id": "sess_1", "created_user_id": "user_1",
        }),
        required: &["object", "id", "status"],
        optional: &[
            ("email_address", Value::Null),
            ("missing_fields", json!([])),
            ("unverified_fields", json!([])),
            ("verifications", json!({})),
            ("abandon_at", Value::Null),
            ("created_session_id", Value::Null),
            ("created_user_id", Value::Null),
        ],
    });
}

#[test]
fn error_bodies_decode_as_the_derive_did() {
    check::<ApiError>(Contract {
        name: "ApiError",
        full: api_error(),
        required: &["code", "message", "long_message"],
        optional: &[("meta", json!({}))],
    });
    check::<ErrorBody>(Contract {
        name: "ErrorBody",
        full: json!({"errors": [api_error()]}),
        required: &["errors"],
        optional: &[],
    });
}

#[test]
fn a_wrong_type_is_worded_by_the_field_type_as_before() {
    // The leaf decoders are the types' own, so the text is the derive's, word for word.
    let cases = [
        (
            "id",
            json!(1),
            "invalid type: integer `1`, expected a string",
        ),
        (
            "created_at",
            json!("x"),
            "invalid type: string \"x\", expected i64",
        ),
        (
            "first_name",
            json!(1),
            "invalid type: integer `1`, expected a string",
        ),
        (
            "email_addresses",
            json!({}),
            "invalid type: map, expected a sequence",
        ),
    ];
    for (field, value, message) in cases {
        let err = decode::<User>(with(&user(), field, value)).unwrap_err();
        assert_eq!(err, message, "{field}");
    }
    let err = decode::<Session>(with(&session(), "user", json!("u"))).unwrap_err();
    assert_eq!(err, "invalid type: string \"u\", expected struct User");
    let err = decode::<AuthConfig>(json!({
        "single_session_mode": false, "max_sessions_per_client": -1, "password_min_length": 8,
    }))
    .unwrap_err();
    assert_eq!(err, "invalid value: integer `-1`, expected u32");
    // From text, serde_json adds where it was, as before.
    let err = serde_json::from_str::<Token>(r#"{"object":"token","jwt":7}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: integer `7`, expected a string at line 1 column 25"
    );
}

#[test]
fn the_first_missing_required_field_in_declaration_order_is_named() {
    let err = decode::<Session>(json!({"user": user(), "expire_at": 1})).unwrap_err();
    assert_eq!(err, "missing field `object`");
    let err = decode::<Session>(without(&without(&session(), "user"), "abandon_at"));
    assert_eq!(err, Err("missing field `user`".to_owned()));
}
