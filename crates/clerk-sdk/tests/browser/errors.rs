//! Errors of the typed API: one `ClerkError` with the server's stable codes, status and meta;
//! an unreachable server gives `network_error` and a `degraded` SDK that never fails to load.

use crate::util::*;
use clerk_sdk::{SignUpParams, Status};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn server_errors_carry_their_codes_status_and_meta() {
    let t = fresh_clerk().await;
    let (email_a, _) = sign_up(&t.clerk, "err").await;
    let err = sign_in(&t.clerk, &email("nobody"), "wrong password here")
        .await
        .expect_err("unknown account");
    assert_eq!(err.code(), "invalid_credentials");
    assert_eq!(err.status(), 422);
    assert!(!err.message().is_empty());

    let dup = t
        .clerk
        .sign_up(&SignUpParams {
            email_address: email_a,
            password: PASSWORD.into(),
            ..SignUpParams::default()
        })
        .await
        .expect_err("used email");
    assert_eq!(dup.code(), "identifier_exists");

    let missing = sign_in(&t.clerk, "", PASSWORD).await.expect_err("missing");
    assert_eq!(missing.code(), "invalid_param");
    assert_eq!(missing.meta(), vec![("param_name", "identifier")]);
}

#[wasm_bindgen_test]
async fn an_unreachable_server_gives_a_degraded_sdk_and_network_errors() {
    let t = fresh_clerk_at("http://127.0.0.1:9").await;
    assert!(t.clerk.loaded(), "load finishes anyway");
    assert_eq!(t.clerk.status(), Status::Degraded);
    let err = sign_in(&t.clerk, "a@example.com", PASSWORD)
        .await
        .expect_err("no server");
    assert_eq!(err.code(), "network_error");
    assert!(err.is_transient());
    t.clerk
        .sign_out_one(None)
        .await
        .expect("nothing to sign out of");
}
