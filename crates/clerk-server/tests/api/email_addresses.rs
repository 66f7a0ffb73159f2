//! The user's email addresses over real HTTP, codes read from the SMTP sink: add (re-verification
//! needed), verify with the mailed code, make primary, sign in with it, remove. An address
//! another account verified, or one this account has, is `form_identifier_exists` without
//! saying whose; someone else's address id is `resource_not_found`; the primary cannot go.

use crate::common::mailbox::{spawn_mail_app, MailApp};
use crate::common::me::{age_past_reverification, me_call, reverify};
use crate::common::*;
use reqwest::Method;

const ADA: &str = "ada@example.com";
const WORK: &str = "ada@work.example";
const ADD: &str = clerk_protocol::routes::ME_EMAIL_ADDRESSES;

async fn add(app: &TestApp, browser: &TestClient, sess: &str, email: &str) -> Resp {
    let fields = [("email_address", email)];
    me_call(app, browser, sess, Method::POST, ADD, &fields).await
}

fn id_of(r: &Resp) -> String {
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["response"]["id"].as_str().unwrap().to_owned()
}

async fn prepare(app: &TestApp, browser: &TestClient, sess: &str, id: &str) -> Resp {
    let path = clerk_protocol::routes::me_email_address_prepare_verification(id);
    let fields = [("strategy", "email_code")];
    me_call(app, browser, sess, Method::POST, &path, &fields).await
}

async fn attempt(app: &TestApp, browser: &TestClient, sess: &str, id: &str, code: &str) -> Resp {
    let path = clerk_protocol::routes::me_email_address_attempt_verification(id);
    let fields = [("strategy", "email_code"), ("code", code)];
    me_call(app, browser, sess, Method::POST, &path, &fields).await
}

/// Adds and verifies `email` for `sess`; the address id.
async fn add_verified(app: &MailApp, browser: &TestClient, sess: &str, email: &str) -> String {
    let id = id_of(&add(app, browser, sess, email).await);
    assert_eq!(prepare(app, browser, sess, &id).await.status, 200);
    let code = app.last_code(email).await;
    let r = attempt(app, browser, sess, &id, &code).await;
    assert_eq!(r.status, 200, "{}", r.text());
    id
}

#[tokio::test]
async fn an_added_address_is_verified_with_its_code_made_primary_and_signs_in() {
    let app = spawn_mail_app(|_| {}).await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let r = add(&app, &browser, &sess, " Ada@Work.Example ").await;
    let id = id_of(&r);
    let body = r.json();
    assert_eq!(body["response"]["object"], "email_address");
    assert_eq!(body["response"]["email_address"], WORK);
    assert_eq!(body["response"]["verification"]["status"], "unverified");
    let user = &body["client"]["sessions"][0]["user"];
    assert_eq!(
        user["email_addresses"].as_array().unwrap().len(),
        2,
        "{user}"
    );
    // Unverified: it cannot become primary, nor sign in.
    let fields = [("primary_email_address_id", id.as_str())];
    let r = me_call(&app, &browser, &sess, Method::PATCH, "/v1/me", &fields).await;
    assert_error(&r, 422, "invalid_param");
    assert_error(
        &app.sign_in(&app.client(), WORK).await,
        422,
        "invalid_credentials",
    );

    let r = prepare(&app, &browser, &sess, &id).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.json()["response"]["verification"]["expire_at"].is_i64());
    let code = app.last_code(WORK).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = attempt(&app, &browser, &sess, &id, wrong).await;
    assert_error(&r, 422, "form_code_incorrect");
    let r = attempt(&app, &browser, &sess, &id, &code).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["verification"]["status"], "verified");
    assert_eq!(
        r.json()["response"]["verification"]["strategy"],
        "email_code"
    );
    let r = attempt(&app, &browser, &sess, &id, &code).await;
    assert_error(&r, 400, "verification_not_ready");

    // Both addresses sign in now; the new one becomes primary.
    assert_eq!(app.sign_in(&app.client(), WORK).await.status, 200);
    let r = me_call(&app, &browser, &sess, Method::PATCH, "/v1/me", &fields).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["email_address"], WORK);
    assert_eq!(
        r.json()["response"]["primary_email_address_id"],
        id.as_str()
    );
    let c = browser.get("/v1/client").await.json();
    assert_eq!(c["client"]["sessions"][0]["user"]["email_address"], WORK);
    // The old primary can go now; the new one cannot.
    let old = c["client"]["sessions"][0]["user"]["email_addresses"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = clerk_protocol::routes::me_email_address(&id);
    let r = me_call(&app, &browser, &sess, Method::DELETE, &path, &[]).await;
    assert_error(&r, 422, "invalid_param");
    let path = clerk_protocol::routes::me_email_address(&old);
    let r = me_call(&app, &browser, &sess, Method::DELETE, &path, &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json()["response"],
        serde_json::json!({"object": "email_address", "id": old, "deleted": true})
    );
    assert_error(
        &app.sign_in(&app.client(), ADA).await,
        422,
        "invalid_credentials",
    );
    let r = me_call(&app, &browser, &sess, Method::DELETE, &path, &[]).await;
    assert_error(&r, 404, "resource_not_found");
}

#[tokio::test]
async fn a_taken_or_duplicate_address_is_refused_without_saying_whose() {
    let app = spawn_mail_app(|_| {}).await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let other = app.client();
    let bob = app.sign_up(&other, "bob@example.com").await;
    for taken in ["bob@example.com", ADA] {
        let r = add(&app, &browser, &sess, taken).await;
        assert_error(&r, 422, "form_identifier_exists");
        assert!(!r.text().contains("user_"), "{}", r.text());
    }
    let id = id_of(&add(&app, &browser, &sess, WORK).await);
    assert_error(
        &add(&app, &browser, &sess, WORK).await,
        422,
        "form_identifier_exists",
    );
    // Bob may add it too while it is unverified; whoever verifies first gets it.
    let bobs = id_of(&add(&app, &other, &bob, WORK).await);
    assert_eq!(prepare(&app, &other, &bob, &bobs).await.status, 200);
    let bobs_code = app.last_code(WORK).await;
    app.clock.advance_ms(31_000);
    assert_eq!(prepare(&app, &browser, &sess, &id).await.status, 200);
    let code = app.last_code(WORK).await;
    assert_eq!(attempt(&app, &browser, &sess, &id, &code).await.status, 200);
    let r = attempt(&app, &other, &bob, &bobs, &bobs_code).await;
    assert_error(&r, 422, "form_identifier_exists");
    // A code mailed for one address never verifies another.
    let mine = id_of(&add(&app, &browser, &sess, "ada2@example.com").await);
    let r = attempt(&app, &browser, &sess, &mine, &code).await;
    assert_eq!(r.status, 400, "no code sent yet: {}", r.text());
}

#[tokio::test]
async fn someone_elses_address_ids_act_like_unknown_ones() {
    let app = spawn_mail_app(|_| {}).await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let other = app.client();
    let bob = app.sign_up(&other, "bob@example.com").await;
    let bobs = id_of(&add(&app, &other, &bob, "bob@work.example").await);
    for id in [bobs.as_str(), "idn_nothere", "sess_abc", "x"] {
        assert_error(
            &prepare(&app, &browser, &sess, id).await,
            404,
            "resource_not_found",
        );
        assert_error(
            &attempt(&app, &browser, &sess, id, "123456").await,
            404,
            "resource_not_found",
        );
        let path = clerk_protocol::routes::me_email_address(id);
        let r = me_call(&app, &browser, &sess, Method::DELETE, &path, &[]).await;
        assert_error(&r, 404, "resource_not_found");
    }
    assert_eq!(app.delivered().await, 0);
    // Bob's address is still there, unverified.
    let r = me_call(&app, &other, &bob, Method::GET, "/v1/me", &[]).await;
    assert_eq!(
        r.json()["response"]["email_addresses"][1]["id"],
        bobs.as_str()
    );
}

#[tokio::test]
async fn adding_and_removing_addresses_needs_a_recent_verification_and_codes_run_out() {
    let app = spawn_mail_app(|_| {}).await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let id = add_verified(&app, &browser, &sess, WORK).await;
    let extra = id_of(&add(&app, &browser, &sess, "ada3@example.com").await);
    age_past_reverification(&app);
    let r = add(&app, &browser, &sess, "ada4@example.com").await;
    assert_error(&r, 403, "reverification_required");
    let path = clerk_protocol::routes::me_email_address(&id);
    let r = me_call(&app, &browser, &sess, Method::DELETE, &path, &[]).await;
    assert_error(&r, 403, "reverification_required");
    let fields = [("primary_email_address_id", id.as_str())];
    let r = me_call(&app, &browser, &sess, Method::PATCH, "/v1/me", &fields).await;
    assert_error(&r, 403, "reverification_required");
    // Verifying an address already added needs none (the code proves the mailbox); wrong
    // codes run out.
    assert_eq!(prepare(&app, &browser, &sess, &extra).await.status, 200);
    let code = app.last_code("ada3@example.com").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        assert_eq!(
            attempt(&app, &browser, &sess, &extra, wrong).await.status,
            422
        );
    }
    let r = attempt(&app, &browser, &sess, &extra, &code).await;
    assert_error(&r, 422, "verification_failed");
    let r = prepare(&app, &browser, &sess, &extra).await;
    assert_error(&r, 429, "too_many_requests");
    let path = clerk_protocol::routes::me_email_address_prepare_verification(&extra);
    let r = me_call(
        &app,
        &browser,
        &sess,
        Method::POST,
        &path,
        &[("strategy", "phone_code")],
    )
    .await;
    assert_error(&r, 422, "strategy_not_allowed");
    let r = attempt(&app, &browser, &sess, &extra, "12345").await;
    assert_error(&r, 422, "invalid_param");
    assert_eq!(reverify(&app, &browser, &sess).await.status, 200);
    let r = add(&app, &browser, &sess, "not an address").await;
    assert_error(&r, 422, "invalid_param");
    assert_eq!(
        add(&app, &browser, &sess, "ada4@example.com").await.status,
        200
    );
}
