//! Password reset with a mailed code: `reset_password_email_code` -> `needs_first_factor` (code
//! mailed) -> `needs_new_password` -> `reset_password` -> `complete`, signed in on this browser.
//! With `sign_out_of_other_sessions` (the default) every other session of the account, on every
//! device, is revoked at once, while other accounts on this browser stay. An unknown address
//! gets the same answers and no mail.

use crate::common::mailbox::{post, spawn_mail_app, MailApp};
use crate::common::*;
use crate::email_code_sign_in::{attempt, start};

const ADA: &str = "ada@example.com";
const BOB: &str = "bob@example.com";
const NEW_PASSWORD: &str = "a brand new passphrase";
const RESET: &str = "reset_password_email_code";

/// Resets `email`'s password on `browser` through the whole flow; the final answer.
async fn reset(app: &MailApp, browser: &TestClient, email: &str, extra: &[(&str, &str)]) -> Resp {
    let r = start(app, browser, email, RESET).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let id = r.json()["response"]["id"].as_str().unwrap().to_owned();
    let code = app.last_code(email).await;
    let r = attempt(app, browser, &id, RESET, &code).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["status"], "needs_new_password");
    let path = clerk_protocol::routes::sign_in_reset_password(&id);
    let mut fields = vec![("password", NEW_PASSWORD)];
    fields.extend_from_slice(extra);
    post(app, browser, &path, &fields).await
}

async fn sign_in_with(app: &TestApp, email: &str, password: &str) -> Resp {
    let fields = [("identifier", email), ("password", password)];
    post(app, &app.client(), "/v1/client/sign_ins", &fields).await
}

#[tokio::test]
async fn a_reset_signs_in_here_and_revokes_the_account_everywhere_else() {
    let app = spawn_mail_app(|_| {}).await;
    // This browser holds Bob; Ada is signed in on two other devices.
    let here = app.client();
    let bob = app.sign_up(&here, BOB).await;
    let laptop = app.client();
    let ada_laptop = app.sign_up(&laptop, ADA).await;
    let phone = app.client();
    let r = app.sign_in(&phone, ADA).await;
    let ada_phone = r.json()["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let phone_token = app.token(&phone, &ada_phone).await;

    let r = reset(&app, &here, ADA, &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert_eq!(body["response"]["status"], "complete");
    let ada_here = body["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(session_ids(&body), vec![bob.clone(), ada_here.clone()]);
    assert_eq!(body["client"]["last_active_session_id"], ada_here.as_str());
    assert!(app.mail_to(ADA).await[0]
        .subject
        .contains("reset your password"));

    // The other devices are signed out of Ada at once.
    let r = phone
        .post_form(&format!("/v1/client/sessions/{ada_phone}/tokens"), &[])
        .await;
    assert_error(&r, 401, "session_expired");
    let r = laptop
        .post_form(&format!("/v1/client/sessions/{ada_laptop}/tokens"), &[])
        .await;
    assert_error(&r, 401, "session_expired");
    assert_error(
        &phone.get_bearer("/v1/me/sessions", &phone_token).await,
        401,
        "authentication_invalid",
    );
    assert!(session_ids(&laptop.get("/v1/client").await.json()).is_empty());
    // Bob, on this browser, is untouched; Ada's new session works.
    app.token(&here, &bob).await;
    let token = app.token(&here, &ada_here).await;
    let mine = here.get_bearer("/v1/me/sessions", &token).await.json();
    assert_eq!(mine["total_count"], 1, "{mine}");
    // The old password is gone, the new one signs in.
    assert_error(
        &sign_in_with(&app, ADA, PASSWORD).await,
        422,
        "invalid_credentials",
    );
    assert_eq!(sign_in_with(&app, ADA, NEW_PASSWORD).await.status, 200);
}

#[tokio::test]
async fn without_signing_out_elsewhere_the_other_sessions_stay() {
    let app = spawn_mail_app(|_| {}).await;
    let laptop = app.client();
    let ada_laptop = app.sign_up(&laptop, ADA).await;
    let here = app.client();
    let r = reset(&app, &here, ADA, &[("sign_out_of_other_sessions", "false")]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    app.token(&laptop, &ada_laptop).await;
    // JSON booleans work as well.
    let other = app.client();
    let r = start(&app, &other, ADA, RESET).await;
    let id = r.json()["response"]["id"].as_str().unwrap().to_owned();
    let code = app.last_code(ADA).await;
    attempt(&app, &other, &id, RESET, &code).await;
    let path = clerk_protocol::routes::sign_in_reset_password(&id);
    let r = other
        .post_json(
            &path,
            serde_json::json!({"password": NEW_PASSWORD, "sign_out_of_other_sessions": false}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    app.token(&laptop, &ada_laptop).await;
}

#[tokio::test]
async fn reset_password_needs_the_code_first_and_a_long_enough_password() {
    let app = spawn_mail_app(|_| {}).await;
    app.sign_up(&app.client(), ADA).await;
    let browser = app.client();
    let r = start(&app, &browser, ADA, RESET).await;
    let id = r.json()["response"]["id"].as_str().unwrap().to_owned();
    let path = clerk_protocol::routes::sign_in_reset_password(&id);
    let r = post(&app, &browser, &path, &[("password", NEW_PASSWORD)]).await;
    assert_error(&r, 400, "verification_not_ready");
    let code = app.last_code(ADA).await;
    attempt(&app, &browser, &id, RESET, &code).await;
    assert_error(
        &post(&app, &browser, &path, &[("password", "short")]).await,
        422,
        "password_too_short",
    );
    assert_error(
        &post(&app, &browser, &path, &[]).await,
        422,
        "invalid_param",
    );
    let r = post(
        &app,
        &browser,
        &path,
        &[
            ("password", NEW_PASSWORD),
            ("sign_out_of_other_sessions", "maybe"),
        ],
    )
    .await;
    assert_error(&r, 422, "invalid_param");
    assert_error(
        &post(&app, &app.client(), &path, &[("password", NEW_PASSWORD)]).await,
        404,
        "resource_not_found",
    );
    assert_eq!(
        post(&app, &browser, &path, &[("password", NEW_PASSWORD)])
            .await
            .status,
        200
    );
    // One code resets once.
    assert_error(
        &post(&app, &browser, &path, &[("password", NEW_PASSWORD)]).await,
        400,
        "verification_not_ready",
    );
}

/// The answer with its ids and times taken out, to compare two answers' shapes.
fn shape(mut v: serde_json::Value) -> serde_json::Value {
    let r = &mut v["response"];
    r["id"] = "ID".into();
    r["identifier"] = "IDENTIFIER".into();
    for f in r["supported_first_factors"].as_array_mut().unwrap() {
        if !f["safe_identifier"].is_null() {
            f["safe_identifier"] = "MASKED".into();
        }
    }
    r["first_factor_verification"]["expire_at"] = "EXPIRE_AT".into();
    v["client"] = "CLIENT".into();
    v
}

#[tokio::test]
async fn an_unknown_address_gets_the_same_answers_and_no_mail() {
    let app = spawn_mail_app(|_| {}).await;
    app.sign_up(&app.client(), ADA).await;
    for strategy in [RESET, "email_code"] {
        let known = start(&app, &app.client(), ADA, strategy).await;
        let unknown = start(&app, &app.client(), "nobody@example.com", strategy).await;
        assert_eq!(known.status, unknown.status);
        assert_eq!(shape(known.json()), shape(unknown.json()));
        assert_eq!(
            unknown.json()["response"]["identifier"],
            "nobody@example.com"
        );
    }
    assert!(app.mail_to("nobody@example.com").await.is_empty());
    assert_eq!(app.delivered().await, 2);
    // Its tries count down like a real code's, and no code ever gets it past the first factor.
    let browser = app.client();
    let r = start(&app, &browser, "nobody@example.com", RESET).await;
    let id = r.json()["response"]["id"].as_str().unwrap().to_owned();
    for left in (0..5).rev() {
        let r = attempt(&app, &browser, &id, RESET, "123456").await;
        assert_error(&r, 422, "form_code_incorrect");
        assert_eq!(
            r.json()["errors"][0]["meta"]["attempts_left"],
            left.to_string()
        );
    }
    assert_error(
        &attempt(&app, &browser, &id, RESET, "123456").await,
        422,
        "verification_failed",
    );
    let path = clerk_protocol::routes::sign_in_reset_password(&id);
    let r = post(&app, &browser, &path, &[("password", NEW_PASSWORD)]).await;
    assert_error(&r, 400, "verification_not_ready");
}
