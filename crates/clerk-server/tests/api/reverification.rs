//! Re-verification over real HTTP: a sensitive change passes within
//! `[sessions] reverification_max_age_secs` of the session's first-factor verification (exactly
//! at the limit too) and answers 403 `reverification_required` one millisecond later;
//! `POST /v1/client/sessions/{id}/verify` with the password, or a mailed code, refreshes it;
//! session tokens carry the age as `fva`. Abuse: another browser's session id, wrong
//! passwords and codes until the limits stop them.

use crate::common::jwks::verify_with_jwks;
use crate::common::mailbox::{post, spawn_mail_app};
use crate::common::me::{age_past_reverification, me_call, reverify};
use crate::common::*;
use reqwest::Method;

const ADA: &str = "ada@example.com";

/// `POST /v1/me/email_addresses`: a sensitive change that leaves no lasting harm in a test.
async fn sensitive(app: &TestApp, browser: &TestClient, sess: &str, n: u32) -> Resp {
    let address = format!("extra{n}@example.com");
    let fields = [("email_address", address.as_str())];
    me_call(
        app,
        browser,
        sess,
        Method::POST,
        "/v1/me/email_addresses",
        &fields,
    )
    .await
}

#[tokio::test]
async fn a_sensitive_change_passes_at_the_maximum_age_and_is_refused_one_ms_later() {
    let app = spawn_app_with(|c| c.file.sessions.reverification_max_age_secs = 120).await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let signed_in = app.clock_now_ms();
    // `me_call` mints a token and moves the clock 1 ms: land exactly on the limit.
    app.clock.set_ms(signed_in + 120_000 - 1);
    assert_eq!(sensitive(&app, &browser, &sess, 1).await.status, 200);
    app.clock.set_ms(signed_in + 120_000);
    let r = sensitive(&app, &browser, &sess, 2).await;
    assert_error(&r, 403, "reverification_required");
    assert_eq!(r.json()["errors"][0]["meta"]["max_age_secs"], "120");
    // The token says how old the verification is, in whole minutes.
    let claims = verify_with_jwks(&app, &app.token(&browser, &sess).await).await;
    assert_eq!(claims["fva"], serde_json::json!([2, -1]));
    // Verifying with the password starts the window again.
    let r = reverify(&app, &browser, &sess).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert_eq!(body["response"]["object"], "session_verification");
    assert_eq!(body["response"]["status"], "complete");
    assert_eq!(body["response"]["session"]["id"], sess.as_str());
    assert_eq!(session_ids(&body), vec![sess.clone()]);
    let claims = verify_with_jwks(&app, &app.token(&browser, &sess).await).await;
    assert_eq!(claims["fva"], serde_json::json!([0, -1]));
    assert_eq!(sensitive(&app, &browser, &sess, 3).await.status, 200);
}

#[tokio::test]
async fn a_touch_or_a_token_never_counts_as_a_verification() {
    let app = spawn_app().await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    for _ in 0..3 {
        app.clock.advance_ms(300_000);
        let path = clerk_protocol::routes::session_touch(&sess);
        assert_eq!(browser.post_form(&path, &[]).await.status, 200);
        app.token(&browser, &sess).await;
    }
    assert_error(
        &sensitive(&app, &browser, &sess, 1).await,
        403,
        "reverification_required",
    );
}

#[tokio::test]
async fn verify_without_a_factor_lists_the_factors_and_a_wrong_password_is_refused() {
    let app = spawn_app().await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    age_past_reverification(&app);
    let path = clerk_protocol::routes::session_verify(&sess);
    let r = browser.post_form(&path, &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["status"], "needs_first_factor");
    assert_eq!(
        r.json()["response"]["supported_first_factors"],
        serde_json::json!(["password"])
    );
    let r = browser
        .post_form(&path, &[("password", "not the password")])
        .await;
    assert_error(&r, 422, "form_password_incorrect");
    assert_error(
        &sensitive(&app, &browser, &sess, 1).await,
        403,
        "reverification_required",
    );
    let r = browser
        .post_form(&path, &[("strategy", "phone_code"), ("password", "x")])
        .await;
    assert_error(&r, 422, "strategy_not_allowed");
    let r = browser
        .post_form(&path, &[("strategy", "email_code")])
        .await;
    assert_error(&r, 400, "verification_not_ready");
}

#[tokio::test]
async fn another_browsers_session_cannot_be_verified_from_here() {
    let app = spawn_app().await;
    let mine = app.client();
    app.sign_up(&mine, "me@example.com").await;
    let theirs = app.client();
    let their_session = app.sign_up(&theirs, ADA).await;
    age_past_reverification(&app);
    // Even with the right password, their session is not on this browser.
    let path = clerk_protocol::routes::session_verify(&their_session);
    let r = mine.post_form(&path, &[("password", PASSWORD)]).await;
    assert_error(&r, 404, "session_not_found");
    assert_error(
        &app.client()
            .post_form(&path, &[("password", PASSWORD)])
            .await,
        401,
        "client_not_found",
    );
    for bad in ["sess_nothere", "nonsense", "client_x"] {
        let path = clerk_protocol::routes::session_verify(bad);
        assert_error(
            &mine.post_form(&path, &[("password", PASSWORD)]).await,
            404,
            "session_not_found",
        );
    }
    // Their session is still unverified.
    let r = sensitive(&app, &theirs, &their_session, 1).await;
    assert_error(&r, 403, "reverification_required");
}

#[tokio::test]
async fn guessing_the_password_at_verify_is_throttled_like_a_sign_in() {
    let app = spawn_app().await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let path = clerk_protocol::routes::session_verify(&sess);
    let limit = app.file.rate_limits.sign_in_per_identifier_per_ip;
    for _ in 0..limit {
        let r = browser.post_form(&path, &[("password", "guess")]).await;
        assert_error(&r, 422, "form_password_incorrect");
    }
    let r = browser.post_form(&path, &[("password", "guess")]).await;
    assert_error(&r, 429, "too_many_requests");
    assert!(r.header("retry-after").is_some());
    // The guesses count against sign-in of that address from here too.
    let r = app.sign_in(&app.client(), ADA).await;
    assert_error(&r, 429, "too_many_requests");
}

#[tokio::test]
async fn a_mailed_code_verifies_the_session_once_and_wrong_codes_run_out() {
    let app = spawn_mail_app(|_| {}).await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    age_past_reverification(&app);
    let prepare = clerk_protocol::routes::session_verify_prepare_first_factor(&sess);
    let attempt = clerk_protocol::routes::session_verify_attempt_first_factor(&sess);
    let r = post(&app, &browser, &prepare, &[("strategy", "email_code")]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["status"], "needs_first_factor");
    let code = app.last_code(ADA).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = post(
        &app,
        &browser,
        &attempt,
        &[("strategy", "email_code"), ("code", wrong)],
    )
    .await;
    assert_error(&r, 422, "form_code_incorrect");
    assert_eq!(r.json()["errors"][0]["meta"]["attempts_left"], "4");
    let r = post(
        &app,
        &browser,
        &attempt,
        &[("strategy", "email_code"), ("code", &code)],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["status"], "complete");
    assert_eq!(sensitive(&app, &browser, &sess, 1).await.status, 200);
    // The code is spent.
    let r = post(
        &app,
        &browser,
        &attempt,
        &[("strategy", "email_code"), ("code", &code)],
    )
    .await;
    assert_error(&r, 400, "verification_not_ready");

    // A new code, then only wrong guesses: after five tries it is dead even for the right one.
    app.clock.advance_ms(31_000);
    age_past_reverification(&app);
    let r = post(&app, &browser, &prepare, &[("strategy", "email_code")]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let code = app.last_code(ADA).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let fields = [("strategy", "email_code"), ("code", wrong)];
        let r = post(&app, &browser, &attempt, &fields).await;
        assert_eq!(r.status, 422, "{}", r.text());
    }
    let r = post(
        &app,
        &browser,
        &attempt,
        &[("strategy", "email_code"), ("code", &code)],
    )
    .await;
    assert_error(&r, 422, "verification_failed");
    assert_error(
        &sensitive(&app, &browser, &sess, 2).await,
        403,
        "reverification_required",
    );
    // A new code after the cooldown; a resend within it waits.
    app.clock.advance_ms(31_000);
    let r = post(&app, &browser, &prepare, &[("strategy", "email_code")]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = post(&app, &browser, &prepare, &[("strategy", "email_code")]).await;
    assert_error(&r, 429, "too_many_requests");
}
