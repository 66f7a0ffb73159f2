//! `email_verification = "required"`: a sign-up is `missing_requirements` with no account and no
//! session until the mailed code is entered; then it completes on the browser that started it.

use crate::common::mailbox::{post, spawn_verifying_app, MailApp};
use crate::common::*;

const ADA: &str = "ada@example.com";

/// Starts a sign-up of `email` on `browser`; its id.
pub async fn start(app: &TestApp, browser: &TestClient, email: &str) -> String {
    let r = post(
        app,
        browser,
        "/v1/client/sign_ups",
        &[
            ("email_address", email),
            ("password", PASSWORD),
            ("first_name", "Ada"),
        ],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["response"]["id"].as_str().unwrap().to_owned()
}

/// Mails the code of sign-up `id`.
pub async fn prepare(app: &TestApp, browser: &TestClient, id: &str) -> Resp {
    let path = clerk_protocol::routes::sign_up_prepare_verification(id);
    post(app, browser, &path, &[("strategy", "email_code")]).await
}

/// Enters `code` for sign-up `id`.
pub async fn attempt(app: &TestApp, browser: &TestClient, id: &str, code: &str) -> Resp {
    let path = clerk_protocol::routes::sign_up_attempt_verification(id);
    post(
        app,
        browser,
        &path,
        &[("strategy", "email_code"), ("code", code)],
    )
    .await
}

/// The whole verified sign-up of `email` on `browser`; the new session id.
pub async fn sign_up_verified(app: &MailApp, browser: &TestClient, email: &str) -> String {
    let id = start(app, browser, email).await;
    assert_eq!(prepare(app, browser, &id).await.status, 200);
    let code = app.last_code(email).await;
    let r = attempt(app, browser, &id, &code).await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A code that is not `code`.
pub fn wrong(code: &str) -> String {
    if code == "000000" {
        "111111".into()
    } else {
        "000000".into()
    }
}

#[tokio::test]
async fn a_sign_up_waits_for_its_code_and_then_signs_in_on_this_browser() {
    let app = spawn_verifying_app().await;
    let env = app.client().get("/v1/environment").await.json();
    assert_eq!(env["auth_config"]["email_verification_required"], true);
    let browser = app.client();
    let r = post(
        &app,
        &browser,
        "/v1/client/sign_ups",
        &[("email_address", ADA), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    let su = &body["response"];
    assert_eq!(su["object"], "sign_up_attempt");
    assert_eq!(su["status"], "missing_requirements");
    assert_eq!(su["email_address"], ADA);
    assert_eq!(
        su["unverified_fields"],
        serde_json::json!(["email_address"])
    );
    let v = &su["verifications"]["email_address"];
    assert_eq!(v["status"], "unverified");
    assert_eq!(v["strategy"], "email_code");
    assert_eq!(v["attempts"], 0);
    assert!(su["abandon_at"].as_i64().unwrap() > app.clock_now_ms());
    assert!(su["created_session_id"].is_null() && su["created_user_id"].is_null());
    // No account and no session yet, but this browser has its client now.
    assert!(body["client"]["sessions"].as_array().unwrap().is_empty());
    assert!(browser.cookie.lock().unwrap().is_some());
    assert_eq!(app.raw_rows("SELECT id FROM users").await.len(), 0);
    assert_eq!(app.delivered().await, 0, "create mails nothing");

    let id = su["id"].as_str().unwrap().to_owned();
    let r = prepare(&app, &browser, &id).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = &r.json()["response"]["verifications"]["email_address"];
    assert_eq!(v["status"], "unverified");
    assert_eq!(
        v["expire_at"].as_i64().unwrap(),
        app.clock_now_ms() + 600_000
    );
    let mail = app.mail_to(ADA).await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].subject.contains("verify your email address"),
        "{}",
        mail[0].subject
    );
    let code = app.last_code(ADA).await;

    let r = attempt(&app, &browser, &id, &code).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    let su = &body["response"];
    assert_eq!(su["status"], "complete");
    assert_eq!(su["unverified_fields"], serde_json::json!([]));
    assert_eq!(su["verifications"]["email_address"]["status"], "verified");
    let session_id = su["created_session_id"].as_str().unwrap();
    assert!(su["created_user_id"].as_str().unwrap().starts_with("user_"));
    assert_eq!(body["client"]["last_active_session_id"], session_id);
    assert_eq!(session_ids(&body), vec![session_id.to_owned()]);
    app.token(&browser, session_id).await;
    // The account signs in with its password like any other.
    assert_eq!(app.sign_in(&app.client(), ADA).await.status, 200);
    // The code is spent, and the attempt is done.
    assert_error(
        &attempt(&app, &browser, &id, &code).await,
        400,
        "verification_not_ready",
    );
}

#[tokio::test]
async fn a_json_body_works_like_a_form_and_a_second_account_joins_the_same_browser() {
    let app = spawn_verifying_app().await;
    let browser = app.client();
    let bob = sign_up_verified(&app, &browser, "bob@example.com").await;
    let id = start(&app, &browser, ADA).await;
    let path = clerk_protocol::routes::sign_up_prepare_verification(&id);
    let r = browser
        .post_json(&path, serde_json::json!({"strategy": "email_code"}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let code = app.last_code(ADA).await;
    let path = clerk_protocol::routes::sign_up_attempt_verification(&id);
    let r = browser
        .post_json(
            &path,
            serde_json::json!({"strategy": "email_code", "code": code}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert_eq!(body["response"]["status"], "complete");
    let ada = body["response"]["created_session_id"].as_str().unwrap();
    assert_eq!(session_ids(&body), vec![bob, ada.to_owned()]);
}
