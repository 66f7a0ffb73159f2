//! `DELETE /v1/me` over real HTTP: with sessions on two devices and another account on this
//! browser, the account is gone everywhere at once (its old tokens refused, its sessions gone
//! from every client) while the other account stays; its data is removed, and its address then
//! behaves exactly like one that never had an account.

use crate::common::mailbox::{post, spawn_mail_app};
use crate::common::me::{age_past_reverification, created_session, me_call, reverify};
use crate::common::*;
use reqwest::Method;

const ADA: &str = "ada@example.com";
const BOB: &str = "bob@example.com";

/// Rows left in `table` (a fixed SQL text per table).
async fn count(app: &TestApp, sql: &'static str) -> i64 {
    app.raw_rows(sql).await[0][0]
        .as_deref()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn deleting_the_account_ends_it_on_every_device_and_removes_its_data() {
    let app = spawn_mail_app(|_| {}).await;
    cache_comes_on(&app).await;
    let here = app.client();
    let bob = app.sign_up(&here, BOB).await;
    let ada = app.sign_up(&here, ADA).await;
    let phone = app.client();
    let ada_phone = created_session(&app.sign_in(&phone, ADA).await);
    let phone_token = app.token(&phone, &ada_phone).await;
    let here_token = app.token(&here, &ada).await;
    // Some data of the account: a second address with a code in flight, a code sign-in.
    let fields = [("email_address", "ada@work.example")];
    let r = me_call(
        &app,
        &here,
        &ada,
        Method::POST,
        "/v1/me/email_addresses",
        &fields,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let fields = [("identifier", ADA), ("strategy", "email_code")];
    assert_eq!(
        post(&app, &app.client(), "/v1/client/sign_ins", &fields)
            .await
            .status,
        200
    );
    assert_eq!(phone.get("/v1/client").await.status, 200);

    let r = me_call(&app, &here, &ada, Method::DELETE, "/v1/me", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert_eq!(body["response"]["object"], "user");
    assert_eq!(body["response"]["deleted"], true);
    assert_eq!(session_ids(&body), vec![bob.clone()]);
    assert_eq!(
        body["client"]["last_active_session_id"],
        serde_json::Value::Null
    );

    // Gone on both devices at once; Bob stays here.
    assert!(session_ids(&phone.get("/v1/client").await.json()).is_empty());
    assert_eq!(
        session_ids(&here.get("/v1/client").await.json()),
        vec![bob.clone()]
    );
    for (browser, token) in [(&phone, &phone_token), (&here, &here_token)] {
        assert_error(
            &browser.get_bearer("/v1/me", token).await,
            401,
            "authentication_invalid",
        );
    }
    let path = clerk_protocol::routes::session_tokens(&ada_phone);
    assert_error(&phone.post_form(&path, &[]).await, 404, "session_not_found");
    app.token(&here, &bob).await;

    // Nothing of it is left.
    let left = [
        count(&app, "SELECT CAST(COUNT(*) AS TEXT) FROM users WHERE email_address = 'ada@example.com'").await,
        count(&app, "SELECT CAST(COUNT(*) AS TEXT) FROM email_addresses WHERE email_address LIKE 'ada@%'").await,
        count(&app, "SELECT CAST(COUNT(*) AS TEXT) FROM sign_in_attempts WHERE user_id IS NOT NULL").await,
        count(&app, "SELECT CAST(COUNT(*) AS TEXT) FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id)").await,
        count(&app, "SELECT CAST(COUNT(*) AS TEXT) FROM verification_codes").await,
    ];
    assert_eq!(left, [0, 0, 0, 0, 0]);
}

#[tokio::test]
async fn a_deleted_address_signs_in_and_up_like_one_that_never_had_an_account() {
    let app = spawn_mail_app(|_| {}).await;
    let here = app.client();
    let ada = app.sign_up(&here, ADA).await;
    let r = me_call(&app, &here, &ada, Method::DELETE, "/v1/me", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let unknown = "nobody@example.com";
    for email in [ADA, unknown] {
        let r = app.sign_in(&app.client(), email).await;
        assert_error(&r, 422, "invalid_credentials");
        let fields = [("identifier", email), ("strategy", "email_code")];
        let r = post(&app, &app.client(), "/v1/client/sign_ins", &fields).await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["response"]["status"], "needs_first_factor");
    }
    // No code went out to either.
    assert_eq!(app.delivered().await, 0);
    // The address is free for a new account.
    app.sign_up(&app.client(), ADA).await;
}

#[tokio::test]
async fn deletion_needs_a_recent_verification() {
    let app = spawn_app().await;
    let here = app.client();
    let ada = app.sign_up(&here, ADA).await;
    age_past_reverification(&app);
    let r = me_call(&app, &here, &ada, Method::DELETE, "/v1/me", &[]).await;
    assert_error(&r, 403, "reverification_required");
    assert_eq!(app.sign_in(&app.client(), ADA).await.status, 200);
    assert_eq!(reverify(&app, &here, &ada).await.status, 200);
    let r = me_call(&app, &here, &ada, Method::DELETE, "/v1/me", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
}
