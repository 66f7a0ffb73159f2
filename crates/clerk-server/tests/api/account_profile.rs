//! `GET /v1/me` and `PATCH /v1/me` over real HTTP: the user in Clerk's shape (its addresses and
//! primary address id), names changed and cleared, and every client holding the account seeing
//! the change at once (the read cache forgets it); bad input is a structured 4xx.

use crate::common::me::{me_call, reverify};
use crate::common::*;
use reqwest::Method;

const ADA: &str = "ada@example.com";

#[tokio::test]
async fn get_me_answers_the_user_in_clerks_shape_with_the_callers_client() {
    let app = spawn_app().await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let r = me_call(&app, &browser, &sess, Method::GET, "/v1/me", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    let user = &body["response"];
    assert_eq!(user["object"], "user");
    assert_eq!(user["email_address"], ADA);
    let primary = user["primary_email_address_id"].as_str().unwrap();
    assert!(primary.starts_with("idn_"), "{user}");
    assert_eq!(user["email_addresses"][0]["id"], primary);
    assert_eq!(user["email_addresses"][0]["object"], "email_address");
    assert_eq!(user["email_addresses"][0]["email_address"], ADA);
    assert_eq!(
        user["email_addresses"][0]["verification"]["status"],
        "verified"
    );
    assert_eq!(session_ids(&body), vec![sess]);
    // Without a token: 401.
    assert_error(&browser.get("/v1/me").await, 401, "authentication_invalid");
}

#[tokio::test]
async fn a_name_change_shows_at_once_in_every_client_holding_the_account() {
    let app = spawn_app().await;
    cache_comes_on(&app).await;
    let laptop = app.client();
    let phone = app.client();
    let here = app.sign_up(&laptop, ADA).await;
    app.sign_up(&laptop, "bob@example.com").await;
    let r = app.sign_in(&phone, ADA).await;
    assert_eq!(r.status, 200);
    // Both clients are read (and cached) before the change.
    assert_eq!(phone.get("/v1/client").await.status, 200);
    assert_eq!(laptop.get("/v1/client").await.status, 200);
    let fields = [("first_name", "  Ada "), ("last_name", "Lovelace")];
    let r = me_call(&app, &laptop, &here, Method::PATCH, "/v1/me", &fields).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["first_name"], "Ada");
    assert_eq!(r.json()["response"]["last_name"], "Lovelace");
    for browser in [&laptop, &phone] {
        let c = browser.get("/v1/client").await.json();
        let ada = c["client"]["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["user"]["email_address"] == ADA)
            .unwrap()
            .clone();
        assert_eq!(ada["user"]["last_name"], "Lovelace", "{c}");
    }
    // An empty name clears it; an absent one stays.
    let r = me_call(
        &app,
        &laptop,
        &here,
        Method::PATCH,
        "/v1/me",
        &[("last_name", "")],
    )
    .await;
    assert_eq!(r.json()["response"]["last_name"], serde_json::Value::Null);
    assert_eq!(r.json()["response"]["first_name"], "Ada");
    // Bob, on the same browser, is untouched.
    let c = laptop.get("/v1/client").await.json();
    let bob = &c["client"]["sessions"][1]["user"];
    assert_eq!(bob["email_address"], "bob@example.com");
    assert_eq!(bob["first_name"], "Test");
}

#[tokio::test]
async fn bad_profile_input_is_a_structured_4xx() {
    let app = spawn_app().await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let long = "x".repeat(101);
    let r = me_call(
        &app,
        &browser,
        &sess,
        Method::PATCH,
        "/v1/me",
        &[("first_name", &long)],
    )
    .await;
    assert_error(&r, 422, "invalid_param");
    assert_eq!(r.json()["errors"][0]["meta"]["param_name"], "first_name");
    let token = app.token(&browser, &sess).await;
    let auth = format!("Bearer {token}");
    let json = [
        ("authorization", auth.as_str()),
        ("content-type", "application/json"),
    ];
    let r = browser
        .send(
            Method::PATCH,
            "/v1/me",
            &json,
            Some(br#"{"first_name": 5}"#.to_vec()),
        )
        .await;
    assert_error(&r, 422, "invalid_param");
    let r = browser
        .send(Method::PATCH, "/v1/me", &json, Some(b"{not json".to_vec()))
        .await;
    assert_error(&r, 400, "invalid_body");
    let huge = vec![b'a'; 64 * 1024];
    let r = browser
        .send(Method::PATCH, "/v1/me", &json, Some(huge))
        .await;
    assert_error(&r, 413, "payload_too_large");
    // Someone else's (or no one's) address id cannot become primary: as if unknown.
    let other = app.client();
    let bob = app.sign_up(&other, "bob@example.com").await;
    let bobs = me_call(&app, &other, &bob, Method::GET, "/v1/me", &[])
        .await
        .json()["response"]["primary_email_address_id"]
        .as_str()
        .unwrap()
        .to_owned();
    for id in [bobs.as_str(), "idn_nothere", "not-an-id"] {
        let fields = [("primary_email_address_id", id)];
        let r = me_call(&app, &browser, &sess, Method::PATCH, "/v1/me", &fields).await;
        assert_error(&r, 404, "resource_not_found");
    }
    // A PATCH from a foreign origin is refused before anything is read.
    let foreign = browser.with_origin(Some("https://evil.example"));
    let r = crate::common::me::bearer(&foreign, &token, Method::PATCH, "/v1/me", &[]).await;
    assert_error(&r, 403, "origin_not_allowed");
    // Still usable after all that.
    assert_eq!(reverify(&app, &browser, &sess).await.status, 200);
}
