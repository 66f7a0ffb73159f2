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

#[wasm_bindgen_test]
async fn an_emailed_code_sign_in_needs_its_first_factor_and_a_wrong_code_says_how_many_tries_are_left(
) {
    use clerk_sdk::{SignInCreateParams, Strategy};
    let t = fresh_clerk().await;
    let (address, _) = sign_up(&t.clerk, "code").await;
    t.clerk
        .sign_out(clerk_sdk::SignOutOptions::default())
        .await
        .expect("signed out");
    let params = SignInCreateParams {
        strategy: Strategy::EmailCode,
        identifier: address.clone(),
        password: None,
    };
    let attempt = t.clerk.create_sign_in(&params).await.expect("code mailed");
    assert_eq!(attempt.status, "needs_first_factor");
    assert!(attempt.id.starts_with("sia_"));
    assert!(attempt.created_session_id.is_none());
    assert!(attempt
        .supported_first_factors
        .iter()
        .any(|f| f.strategy == "email_code"));
    assert!(t.clerk.sessions().is_empty(), "no session before the code");
    // Six digits the server did not send (it sent one other code, so at most one in 10^6 fails
    // this test by luck).
    let err = t
        .clerk
        .attempt_first_factor(&attempt.id, Strategy::EmailCode, "000000")
        .await;
    if let Err(err) = err {
        assert_eq!(err.code(), "form_code_incorrect");
        assert_eq!(err.status(), 422);
        assert!(
            err.attempts_left().is_some_and(|n| n < 5),
            "{:?}",
            err.meta()
        );
    }
    let missing = t
        .clerk
        .attempt_first_factor(&attempt.id, Strategy::EmailCode, "")
        .await
        .expect_err("no code");
    assert_eq!(missing.meta(), vec![("param_name", "code")]);
}
