//! The one argument decoder (`args.rs`) reads what the derived structs it replaced read: the
//! same values, and the same error message for the same bad value. The derived structs are kept
//! here as the reference.

use crate::args::{decode, Str, PARAMS, TOKEN_OPTIONS};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// The sign-in and sign-up params as they were decoded before.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct JsParams {
    strategy: Option<String>,
    identifier: Option<String>,
    password: Option<String>,
    code: Option<String>,
    sign_out_of_other_sessions: Option<bool>,
    email_address: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
}

/// `getToken`'s options as they were decoded before.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct TokenOptions {
    #[serde(default)]
    skip_cache: bool,
    template: Option<String>,
}

fn js(source: &str) -> JsValue {
    js_sys::eval(&format!("({source})")).expect("a JS expression")
}

/// The message of a failed decode, or `None`.
fn failure<T>(result: Result<T, serde_wasm_bindgen::Error>) -> Option<String> {
    result.err().map(|e| e.to_string())
}

#[wasm_bindgen_test]
fn params_read_as_the_derived_struct_read_them() {
    let value = js(
        r#"{strategy: "email_code", identifier: "a@b.c", password: "pw", code: "123456",
            signOutOfOtherSessions: false, emailAddress: "e@f.g", firstName: "Ada",
            lastName: "Lovelace", unknown: 5}"#,
    );
    let before: JsParams = serde_wasm_bindgen::from_value(value.clone()).expect("decoded");
    let mut after = decode(&value, PARAMS).expect("decoded");
    let read = JsParams {
        strategy: after.take(Str::Strategy),
        identifier: after.take(Str::Identifier),
        password: after.take(Str::Password),
        code: after.take(Str::Code),
        sign_out_of_other_sessions: after.sign_out_of_other_sessions,
        email_address: after.take(Str::EmailAddress),
        first_name: after.take(Str::FirstName),
        last_name: after.take(Str::LastName),
    };
    assert_eq!(read, before);
}

#[wasm_bindgen_test]
fn a_bad_value_fails_with_the_message_of_the_derived_struct() {
    for source in [
        r#"{code: 123456}"#,
        r#"{identifier: "a", password: true}"#,
        r#"{signOutOfOtherSessions: "no"}"#,
        r#"{strategy: null, code: {}}"#,
        r#"{lastName: [1], firstName: 2}"#,
    ] {
        let value = js(source);
        let before = failure(serde_wasm_bindgen::from_value::<JsParams>(value.clone()));
        assert!(before.is_some(), "{source}");
        assert_eq!(failure(decode(&value, PARAMS)), before, "{source}");
    }
    for source in [
        r#"{skipCache: undefined}"#,
        r#"{skipCache: 1}"#,
        r#"{template: 5}"#,
    ] {
        let value = js(source);
        let before = failure(serde_wasm_bindgen::from_value::<TokenOptions>(
            value.clone(),
        ));
        assert!(before.is_some(), "{source}");
        assert_eq!(failure(decode(&value, TOKEN_OPTIONS)), before, "{source}");
    }
}

#[wasm_bindgen_test]
fn token_options_default_as_the_derived_struct_did() {
    let value = js(r#"{template: "hasura"}"#);
    let before: TokenOptions = serde_wasm_bindgen::from_value(value.clone()).expect("decoded");
    let mut after = decode(&value, TOKEN_OPTIONS).expect("decoded");
    assert_eq!(after.skip_cache, before.skip_cache);
    assert_eq!(after.take(Str::Template), before.template);
    assert!(decode(&JsValue::UNDEFINED, TOKEN_OPTIONS)
        .expect("nothing reads as {}")
        .take(Str::Template)
        .is_none());
}

#[cfg(feature = "ui")]
#[wasm_bindgen_test]
fn a_bad_appearance_fails_with_the_message_of_the_derived_struct() {
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct JsAppearance {
        theme: Option<String>,
    }
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct JsProps {
        appearance: Option<JsAppearance>,
    }
    for source in [r#"{appearance: 5}"#, r#"{appearance: {theme: 1}}"#] {
        let value = js(source);
        let before = failure(serde_wasm_bindgen::from_value::<JsProps>(value.clone()));
        assert!(before.is_some(), "{source}");
        assert_eq!(failure(decode(&value, &["appearance"])), before, "{source}");
    }
    let mut read =
        decode(&js(r#"{appearance: {theme: "dark"}}"#), &["appearance"]).expect("decoded");
    assert_eq!(read.take(Str::Theme).as_deref(), Some("dark"));
}
