//! Errors reject with a JS `Error` carrying `code`, `message`, `longMessage`, `status` and `meta`;
//! an unreachable server gives `network_error` and a `degraded` (never crashing) SDK.

use super::sdk_util::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn server_errors_carry_their_codes_status_and_meta() {
    let t = fresh_clerk().await;
    let (email_a, _) = sign_up(&t.clerk, "err").await;

    let err = sign_in(&t.clerk, &email("nobody"), "wrong password here")
        .await
        .expect_err("unknown account");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(text(&err, "name").as_deref(), Some("ClerkError"));
    assert_eq!(text(&err, "code").as_deref(), Some("invalid_credentials"));
    assert_eq!(prop(&err, "status").as_f64(), Some(422.0));
    assert!(text(&err, "message").is_some_and(|m| !m.is_empty()));
    assert!(text(&err, "longMessage").is_some_and(|m| !m.is_empty()));
    assert!(prop(&err, "meta").is_object());

    let params = object(&[
        ("emailAddress", email_a.as_str().into()),
        ("password", PASSWORD.into()),
    ]);
    let dup = call(
        &prop(&t.clerk.client(), "signUp"),
        "create",
        &[params.into()],
    )
    .await
    .expect_err("used email");
    assert_eq!(text(&dup, "code").as_deref(), Some("identifier_exists"));

    let params = object(&[
        ("emailAddress", email("short").as_str().into()),
        ("password", "x".into()),
    ]);
    let short = call(
        &prop(&t.clerk.client(), "signUp"),
        "create",
        &[params.into()],
    )
    .await
    .expect_err("short");
    assert_eq!(text(&short, "code").as_deref(), Some("password_too_short"));

    let missing = call(
        &prop(&t.clerk.client(), "signIn"),
        "create",
        &[object(&[]).into()],
    )
    .await
    .expect_err("missing");
    assert_eq!(text(&missing, "code").as_deref(), Some("invalid_param"));
    assert_eq!(
        text(&missing, "meta.paramName").as_deref(),
        Some("identifier")
    );
}

#[wasm_bindgen_test]
async fn an_unreachable_server_gives_a_degraded_sdk_and_network_errors() {
    // Port 9 (discard) is closed on the test machine: connections are refused.
    let t = fresh_clerk_at("http://127.0.0.1:9").await;
    assert!(t.clerk.loaded(), "load resolves anyway");
    assert_eq!(t.clerk.status().as_string().as_deref(), Some("degraded"));
    let err = sign_in(&t.clerk, "a@example.com", PASSWORD)
        .await
        .expect_err("no server");
    assert_eq!(text(&err, "code").as_deref(), Some("network_error"));
    assert_eq!(prop(&err, "status").as_f64(), Some(0.0));
    assert_eq!(
        wait(t.clerk.sign_out_one(JsValue::UNDEFINED))
            .await
            .expect("nothing to sign out of"),
        JsValue::UNDEFINED
    );
}
