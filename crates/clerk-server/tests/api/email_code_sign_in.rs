//! Sign-in with a mailed code (`strategy=email_code`): `needs_first_factor` and a code in the
//! mail, then `attempt_first_factor` completes with a new session on this browser, beside the
//! accounts already there. The password sign-in keeps its shape.

use crate::common::mailbox::{post, spawn_mail_app};
use crate::common::*;

const ADA: &str = "ada@example.com";
const BOB: &str = "bob@example.com";

/// Starts a code sign-in of `identifier` with `strategy` on `browser`.
pub async fn start(app: &TestApp, browser: &TestClient, identifier: &str, strategy: &str) -> Resp {
    post(
        app,
        browser,
        "/v1/client/sign_ins",
        &[("identifier", identifier), ("strategy", strategy)],
    )
    .await
}

/// Enters `code` for sign-in `id` with `strategy`.
pub async fn attempt(
    app: &TestApp,
    browser: &TestClient,
    id: &str,
    strategy: &str,
    code: &str,
) -> Resp {
    let path = clerk_protocol::routes::sign_in_attempt_first_factor(id);
    post(
        app,
        browser,
        &path,
        &[("strategy", strategy), ("code", code)],
    )
    .await
}

#[tokio::test]
async fn a_mailed_code_adds_the_account_to_this_browser() {
    let app = spawn_mail_app(|_| {}).await;
    let browser = app.client();
    let bob = app.sign_up(&browser, BOB).await;
    app.sign_up(&app.client(), ADA).await;
    let r = start(&app, &browser, ADA, "email_code").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let si = r.json()["response"].clone();
    assert_eq!(si["object"], "sign_in_attempt");
    assert_eq!(si["status"], "needs_first_factor");
    assert_eq!(si["identifier"], ADA);
    assert!(si["created_session_id"].is_null());
    let v = &si["first_factor_verification"];
    assert_eq!(v["status"], "unverified");
    assert_eq!(v["strategy"], "email_code");
    assert_eq!(
        v["expire_at"].as_i64().unwrap(),
        app.clock_now_ms() + 600_000
    );
    let factors: Vec<&str> = si["supported_first_factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["strategy"].as_str().unwrap())
        .collect();
    assert_eq!(
        factors,
        vec!["password", "email_code", "reset_password_email_code"]
    );
    assert_eq!(
        si["supported_first_factors"][1]["safe_identifier"],
        "a***@example.com"
    );
    let mail = app.mail_to(ADA).await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].subject.contains("your sign-in code"),
        "{}",
        mail[0].subject
    );
    let code = app.last_code(ADA).await;
    let id = si["id"].as_str().unwrap();
    let r = attempt(&app, &browser, id, "email_code", &code).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert_eq!(body["response"]["status"], "complete");
    let ada = body["response"]["created_session_id"].as_str().unwrap();
    assert_eq!(body["client"]["last_active_session_id"], ada);
    assert_eq!(session_ids(&body), vec![bob, ada.to_owned()]);
    app.token(&browser, ada).await;
    // The code is spent.
    assert_error(
        &attempt(&app, &browser, id, "email_code", &code).await,
        400,
        "verification_not_ready",
    );
}

#[tokio::test]
async fn a_browser_without_a_client_gets_one_with_the_attempt() {
    let app = spawn_mail_app(|_| {}).await;
    app.sign_up(&app.client(), ADA).await;
    let browser = app.client();
    let r = start(&app, &browser, ADA, "email_code").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let cookies = r.set_cookies();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("__Host-client=") || c.starts_with("__client=")),
        "{cookies:?}"
    );
    let id = r.json()["response"]["id"].as_str().unwrap().to_owned();
    let code = app.last_code(ADA).await;
    let r = attempt(&app, &browser, &id, "email_code", &code).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(session_ids(&r.json()).len(), 1);
}

#[tokio::test]
async fn the_password_sign_in_keeps_its_shape_with_or_without_a_strategy() {
    let app = spawn_mail_app(|_| {}).await;
    app.sign_up(&app.client(), ADA).await;
    for fields in [
        vec![("identifier", ADA), ("password", PASSWORD)],
        vec![
            ("identifier", ADA),
            ("password", PASSWORD),
            ("strategy", "password"),
        ],
    ] {
        let r = post(&app, &app.client(), "/v1/client/sign_ins", &fields).await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["response"]["status"], "complete");
    }
    let r = post(
        &app,
        &app.client(),
        "/v1/client/sign_ins",
        &[("identifier", ADA), ("strategy", "magic_link")],
    )
    .await;
    assert_error(&r, 422, "strategy_not_allowed");
    let r = post(
        &app,
        &app.client(),
        "/v1/client/sign_ins",
        &[("identifier", ADA)],
    )
    .await;
    assert_error(&r, 422, "invalid_param");
}

#[tokio::test]
async fn code_sign_in_can_be_turned_off_and_strategies_must_match_their_attempt() {
    let app = spawn_mail_app(|c| c.file.email_code_sign_in = false).await;
    app.sign_up(&app.client(), ADA).await;
    let browser = app.client();
    assert_error(
        &start(&app, &browser, ADA, "email_code").await,
        422,
        "strategy_not_allowed",
    );
    let r = start(&app, &browser, ADA, "reset_password_email_code").await;
    let id = r.json()["response"]["id"].as_str().unwrap().to_owned();
    let code = app.last_code(ADA).await;
    let r = attempt(&app, &browser, &id, "email_code", &code).await;
    assert_error(&r, 400, "verification_not_ready");
    let path = clerk_protocol::routes::sign_in_prepare_first_factor(&id);
    app.clock.advance_secs(30);
    let r = post(&app, &browser, &path, &[("strategy", "email_code")]).await;
    assert_error(&r, 422, "strategy_not_allowed");
    // Another browser cannot continue it.
    let r = attempt(&app, &app.client(), &id, "reset_password_email_code", &code).await;
    assert_error(&r, 404, "resource_not_found");
}

#[tokio::test]
async fn prepare_first_factor_mails_a_new_code_after_the_cooldown() {
    let app = spawn_mail_app(|_| {}).await;
    app.sign_up(&app.client(), ADA).await;
    let browser = app.client();
    let r = start(&app, &browser, ADA, "email_code").await;
    let id = r.json()["response"]["id"].as_str().unwrap().to_owned();
    let first = app.last_code(ADA).await;
    let path = clerk_protocol::routes::sign_in_prepare_first_factor(&id);
    let r = post(&app, &browser, &path, &[("strategy", "email_code")]).await;
    assert_error(&r, 429, "too_many_requests");
    app.clock.advance_secs(30);
    let r = post(&app, &browser, &path, &[("strategy", "email_code")]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(app.mail_to(ADA).await.len(), 2);
    let code = app.last_code(ADA).await;
    if code != first {
        let r = attempt(&app, &browser, &id, "email_code", &first).await;
        assert_error(&r, 422, "form_code_incorrect");
    }
    assert_eq!(
        attempt(&app, &browser, &id, "email_code", &code)
            .await
            .status,
        200
    );
}
