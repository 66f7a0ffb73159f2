//! Session lifetimes with the fake clock: the maximum lifetime, the inactivity timeout, activity
//! moving `abandon_at`, and the exact boundaries.

use crate::common::*;

const DAY_MS: i64 = 86_400_000;

#[tokio::test]
async fn a_session_lives_until_the_millisecond_before_its_maximum_lifetime() {
    let app = spawn_app().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let session = browser.get("/v1/client").await.json()["client"]["sessions"][0].clone();
    let created = session["created_at"].as_i64().unwrap();
    assert_eq!(session["expire_at"].as_i64().unwrap(), created + 7 * DAY_MS);
    assert_eq!(session["abandon_at"], session["expire_at"]);

    app.clock.set_ms(created + 7 * DAY_MS - 1);
    app.token(&browser, &sid).await;
    assert_eq!(
        browser.get("/v1/client").await.json()["client"]["sessions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    app.clock.set_ms(created + 7 * DAY_MS);
    assert_error(
        &browser
            .post_form(&format!("/v1/client/sessions/{sid}/tokens"), &[])
            .await,
        401,
        "session_expired",
    );
    assert_error(
        &browser
            .post_form(&format!("/v1/client/sessions/{sid}/touch"), &[])
            .await,
        401,
        "session_expired",
    );
    let client = browser.get("/v1/client").await.json()["client"].clone();
    assert_eq!(client["sessions"], serde_json::json!([]));
    assert!(client["last_active_session_id"].is_null());
    // The expired account can sign in again on the same client.
    assert_eq!(app.sign_in(&browser, "ada@example.com").await.status, 200);
}

#[tokio::test]
async fn an_idle_session_is_abandoned_after_the_inactivity_timeout() {
    let app = spawn_app_with(|c| c.file.session_inactivity_timeout_seconds = 3600).await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let s = browser.get("/v1/client").await.json()["client"]["sessions"][0].clone();
    let last = s["last_active_at"].as_i64().unwrap();
    assert_eq!(s["abandon_at"].as_i64().unwrap(), last + 3_600_000);

    app.clock.set_ms(last + 3_600_000 - 1);
    app.token(&browser, &sid).await; // activity: abandon_at moves on
    let s = browser.get("/v1/client").await.json()["client"]["sessions"][0].clone();
    assert_eq!(s["last_active_at"].as_i64().unwrap(), last + 3_600_000 - 1);
    assert_eq!(s["abandon_at"].as_i64().unwrap(), last + 2 * 3_600_000 - 1);

    app.clock.set_ms(last + 2 * 3_600_000 - 1);
    assert_error(
        &browser
            .post_form(&format!("/v1/client/sessions/{sid}/tokens"), &[])
            .await,
        401,
        "session_expired",
    );
    assert_eq!(
        browser.get("/v1/client").await.json()["client"]["sessions"],
        serde_json::json!([])
    );
}

#[tokio::test]
async fn touching_a_session_keeps_it_from_being_abandoned() {
    let app = spawn_app_with(|c| c.file.session_inactivity_timeout_seconds = 60).await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    for _ in 0..5 {
        app.clock.advance_secs(59);
        let r = browser
            .post_form(&format!("/v1/client/sessions/{sid}/touch"), &[])
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    app.clock.advance_secs(60);
    assert_error(
        &browser
            .post_form(&format!("/v1/client/sessions/{sid}/touch"), &[])
            .await,
        401,
        "session_expired",
    );
}

#[tokio::test]
async fn activity_never_extends_a_session_past_its_maximum_lifetime() {
    let app = spawn_app_with(|c| {
        c.file.session_max_lifetime_seconds = 7200;
        c.file.session_inactivity_timeout_seconds = 3600;
    })
    .await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let created = browser.get("/v1/client").await.json()["client"]["sessions"][0]["created_at"]
        .as_i64()
        .unwrap();
    app.clock.set_ms(created + 3_000_000);
    app.token(&browser, &sid).await;
    app.clock.set_ms(created + 5_400_000);
    app.token(&browser, &sid).await;
    let s = browser.get("/v1/client").await.json()["client"]["sessions"][0].clone();
    assert_eq!(s["abandon_at"].as_i64().unwrap(), created + 7_200_000);
    assert_eq!(s["expire_at"].as_i64().unwrap(), created + 7_200_000);
    app.clock.set_ms(created + 7_200_000);
    assert_error(
        &browser
            .post_form(&format!("/v1/client/sessions/{sid}/tokens"), &[])
            .await,
        401,
        "session_expired",
    );
}
