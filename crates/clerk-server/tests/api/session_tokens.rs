//! Session tokens: verified against the JWKS with ed25519-dalek, custom claims, 60-second life,
//! refused after remove and revoke; `/v1/me/sessions` and revoking sessions on other devices.

use crate::common::jwks::verify_with_jwks;
use crate::common::*;

#[tokio::test]
async fn a_session_token_verifies_against_the_jwks_and_carries_the_claims() {
    let app = spawn_app_with(|c| {
        c.file.issuer = "https://clerk.example.com".into();
        c.file
            .custom_claims
            .insert("role".into(), toml::Value::String("member".into()));
        c.file
            .custom_claims
            .insert("sub".into(), toml::Value::String("forged".into()));
    })
    .await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let user_id = browser.get("/v1/client").await.json()["client"]["sessions"][0]["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = browser
        .post_form(&format!("/v1/client/sessions/{sid}/tokens"), &[])
        .await;
    assert_eq!(r.json()["object"], "token");
    let claims = verify_with_jwks(&app, r.json()["jwt"].as_str().unwrap()).await;
    let now_s = app.clock_now_s();
    assert_eq!(claims["sub"], user_id.as_str());
    assert_eq!(claims["sid"], sid.as_str());
    assert_eq!(claims["iss"], "https://clerk.example.com");
    assert_eq!(claims["role"], "member");
    assert_eq!(claims["iat"], now_s);
    assert_eq!(claims["nbf"], now_s);
    assert_eq!(claims["exp"], now_s + 60);
}

#[tokio::test]
async fn a_token_is_refused_once_its_minute_is_over() {
    let app = spawn_app().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let jwt = app.token(&browser, &sid).await;
    assert_eq!(
        browser.get_bearer("/v1/me/sessions", &jwt).await.status,
        200
    );
    app.clock.advance_secs(59);
    assert_eq!(
        browser.get_bearer("/v1/me/sessions", &jwt).await.status,
        200
    );
    app.clock.advance_secs(1);
    assert_error(
        &browser.get_bearer("/v1/me/sessions", &jwt).await,
        401,
        "authentication_invalid",
    );
}

#[tokio::test]
async fn tokens_are_refused_after_the_session_is_removed() {
    let app = spawn_app().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let jwt = app.token(&browser, &sid).await;
    browser
        .post_form(&format!("/v1/client/sessions/{sid}/remove"), &[])
        .await;
    assert_error(
        &browser
            .post_form(&format!("/v1/client/sessions/{sid}/tokens"), &[])
            .await,
        401,
        "session_expired",
    );
    assert_error(
        &browser.get_bearer("/v1/me/sessions", &jwt).await,
        401,
        "authentication_invalid",
    );
}

#[tokio::test]
async fn the_user_sees_and_revokes_sessions_on_other_devices() {
    let app = spawn_app().await;
    let laptop = app.client();
    let phone = app.client();
    let on_laptop = app.sign_up(&laptop, "ada@example.com").await;
    let r = phone
        .send(
            reqwest::Method::POST,
            "/v1/client/sign_ins",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("user-agent", "PhoneBrowser/1.0"),
            ],
            Some(
                format!(
                    "identifier=ada%40example.com&password={}",
                    PASSWORD.replace(' ', "+")
                )
                .into_bytes(),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let on_phone = r.json()["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let jwt = app.token(&laptop, &on_laptop).await;
    let list = laptop.get_bearer("/v1/me/sessions", &jwt).await.json();
    assert_eq!(list["total_count"], 2);
    let find = |id: &str| {
        list["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        find(&on_laptop)["latest_activity"]["is_current_client"],
        true
    );
    assert_eq!(
        find(&on_phone)["latest_activity"]["is_current_client"],
        false
    );
    assert_eq!(
        find(&on_phone)["latest_activity"]["user_agent"],
        "PhoneBrowser/1.0"
    );
    assert_eq!(
        find(&on_phone)["latest_activity"]["ip_address"],
        "127.0.0.1"
    );

    let phone_jwt = app.token(&phone, &on_phone).await;
    let r = laptop
        .post_bearer(&format!("/v1/me/sessions/{on_phone}/revoke"), &jwt)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["status"], "revoked");
    assert_error(
        &phone
            .post_form(&format!("/v1/client/sessions/{on_phone}/tokens"), &[])
            .await,
        401,
        "session_expired",
    );
    assert_error(
        &phone.get_bearer("/v1/me/sessions", &phone_jwt).await,
        401,
        "authentication_invalid",
    );
    assert_eq!(
        phone.get("/v1/client").await.json()["client"]["sessions"],
        serde_json::json!([])
    );
    assert_eq!(
        laptop.get_bearer("/v1/me/sessions", &jwt).await.json()["total_count"],
        1
    );
}

#[tokio::test]
async fn another_users_session_cannot_be_revoked() {
    let app = spawn_app().await;
    let ada = app.client();
    let bob = app.client();
    let a = app.sign_up(&ada, "ada@example.com").await;
    let b = app.sign_up(&bob, "bob@example.com").await;
    let jwt = app.token(&ada, &a).await;
    assert_error(
        &ada.post_bearer(&format!("/v1/me/sessions/{b}/revoke"), &jwt)
            .await,
        404,
        "session_not_found",
    );
    app.token(&bob, &b).await;
}

#[tokio::test]
async fn me_calls_without_a_valid_token_are_refused() {
    let app = spawn_app().await;
    let c = app.client();
    assert_error(
        &c.get("/v1/me/sessions").await,
        401,
        "authentication_invalid",
    );
    for bad in [
        "x",
        "a.b.c",
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
        &"A".repeat(5000),
    ] {
        assert_error(
            &c.get_bearer("/v1/me/sessions", bad).await,
            401,
            "authentication_invalid",
        );
    }
}

#[tokio::test]
async fn minting_a_token_counts_as_activity() {
    let app = spawn_app().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    app.clock.advance_secs(30);
    app.token(&browser, &sid).await;
    let s = browser.get("/v1/client").await.json()["client"]["sessions"][0].clone();
    assert_eq!(s["last_active_at"].as_i64().unwrap(), app.clock_now_ms());
}
