//! The client credential (security review, weakness 1: session fixation): every sign-in and
//! sign-up issues a fresh secret, the replaced one works for a few seconds and only for what it
//! already had, clients expire, and expired clients answer like no client.

use crate::common::*;
use clerk_server::housekeeping;

/// A second browser-like client holding a copy of `browser`'s cookie as it is now.
fn copy_of(app: &TestApp, browser: &TestClient) -> TestClient {
    let copy = app.client();
    *copy.cookie.lock().unwrap() = browser.cookie.lock().unwrap().clone();
    copy
}

fn cookie_of(browser: &TestClient) -> String {
    browser.cookie.lock().unwrap().clone().expect("a cookie")
}

fn client_id_of(browser: &TestClient) -> String {
    let cookie = cookie_of(browser);
    let value = cookie.split_once('=').unwrap().1;
    value.split_once('.').unwrap().0.to_owned()
}

#[tokio::test]
async fn an_attackers_copy_of_the_cookie_is_worthless_once_the_victim_signs_in() {
    let app = spawn_app().await;
    app.sign_up(&app.client(), "victim@example.com").await;
    // The attacker signs up on a shared machine, keeps the cookie value, signs out the way the
    // SDK does, and walks away; the victim then signs in in the same browser.
    let browser = app.client();
    app.sign_up(&browser, "attacker@example.com").await;
    let attacker = copy_of(&app, &browser);
    let r = browser.delete("/v1/client/sessions").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = app.sign_in(&browser, "victim@example.com").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let victim_sid = r.json()["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(cookie_of(&browser), cookie_of(&attacker), "a fresh secret");

    // Within the grace window the copy still sees the client, but not the victim's session.
    let seen = attacker.get("/v1/client").await.json();
    assert_eq!(session_ids(&seen), Vec::<String>::new(), "{seen}");
    let token_path = format!("/v1/client/sessions/{victim_sid}/tokens");
    assert_error(
        &attacker.post_form(&token_path, &[]).await,
        404,
        "session_not_found",
    );
    assert_error(
        &attacker
            .post_form(&format!("/v1/client/sessions/{victim_sid}/touch"), &[])
            .await,
        404,
        "session_not_found",
    );
    // Nor can it be turned into a current secret by signing in with it.
    let r = app.sign_in(&attacker, "attacker@example.com").await;
    assert_error(&r, 409, "client_rotated");
    assert!(r.set_cookies().is_empty());

    // Past the grace window it is no client at all.
    app.clock.advance_secs(6);
    assert!(attacker.get("/v1/client").await.json()["client"].is_null());
    assert_error(
        &attacker.post_form(&token_path, &[]).await,
        401,
        "client_not_found",
    );
    // The victim is unaffected.
    assert_eq!(
        session_ids(&browser.get("/v1/client").await.json()),
        vec![victim_sid.clone()]
    );
    app.token(&browser, &victim_sid).await;
}

#[tokio::test]
async fn every_sign_in_and_sign_up_rotates_the_secret_and_keeps_the_other_accounts() {
    let app = spawn_app().await;
    app.sign_up(&app.client(), "carol@example.com").await;
    let browser = app.client();
    let ada = app.sign_up(&browser, "ada@example.com").await;
    let (first, id) = (cookie_of(&browser), client_id_of(&browser));
    let bob = app.sign_up(&browser, "bob@example.com").await;
    let second = cookie_of(&browser);
    let r = app.sign_in(&browser, "carol@example.com").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let carol = r.json()["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let third = cookie_of(&browser);
    assert!(first != second && second != third && first != third);
    assert_eq!(client_id_of(&browser), id, "the client keeps its id");
    let client = browser.get("/v1/client").await.json();
    assert_eq!(session_ids(&client), vec![ada, bob, carol]);
    // Only the secret replaced last is still honoured, and only for a moment.
    let oldest = app.client();
    *oldest.cookie.lock().unwrap() = Some(first);
    assert!(oldest.get("/v1/client").await.json()["client"].is_null());
}

#[tokio::test]
async fn a_request_still_carrying_the_replaced_secret_signs_nobody_out() {
    let app = spawn_app().await;
    let browser = app.client();
    let ada = app.sign_up(&browser, "ada@example.com").await;
    // Another tab's token refresh, sent just before this tab signs in a second account.
    let other_tab = copy_of(&app, &browser);
    let bob = app.sign_up(&browser, "bob@example.com").await;
    app.clock.advance_secs(4);

    let r = other_tab
        .post_form(&format!("/v1/client/sessions/{ada}/tokens"), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.set_cookies().is_empty(),
        "no Set-Cookie for the old secret"
    );
    let r = other_tab
        .post_form(&format!("/v1/client/sessions/{ada}/touch"), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(session_ids(&r.json()), vec![ada.clone()]);
    let r = other_tab.get("/v1/client").await;
    assert_eq!(session_ids(&r.json()), vec![ada.clone()]);
    assert!(r.set_cookies().is_empty());
    // The browser's current cookie sees both accounts, nobody signed out.
    let both = browser.get("/v1/client").await.json();
    assert_eq!(session_ids(&both), vec![ada, bob]);
}

#[tokio::test]
async fn the_replaced_secret_signs_out_only_what_it_saw_and_never_forgets_the_client() {
    let app = spawn_app().await;
    let browser = app.client();
    app.sign_up(&browser, "ada@example.com").await;
    let old = copy_of(&app, &browser);
    let bob = app.sign_up(&browser, "bob@example.com").await;

    assert_error(
        &old.post_form(
            "/v1/client/sign_ups",
            &[("email_address", "eve@example.com"), ("password", PASSWORD)],
        )
        .await,
        409,
        "client_rotated",
    );
    let r = old.delete("/v1/client").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.set_cookies().is_empty(),
        "the cookie is not the old secret's"
    );
    let left = browser.get("/v1/client").await.json();
    assert_eq!(session_ids(&left), vec![bob.clone()], "{left}");
    assert_eq!(left["client"]["last_active_session_id"], bob);
}

#[tokio::test]
async fn a_client_expires_at_the_end_of_its_lifetime_and_its_sessions_with_it() {
    let app = spawn_app_with(|c| {
        c.file.client_lifetime_seconds = 3_600;
        c.file.session_max_lifetime_seconds = 7 * 86_400;
    })
    .await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let client = browser.get("/v1/client").await.json();
    let session = &client["client"]["sessions"][0];
    assert_eq!(
        session["expire_at"].as_i64().unwrap(),
        session["created_at"].as_i64().unwrap() + 3_600_000,
        "a session never outlives its client"
    );

    app.clock.advance_secs(3_600);
    assert!(browser.get("/v1/client").await.json()["client"].is_null());
    assert_error(
        &browser
            .post_form(&format!("/v1/client/sessions/{sid}/tokens"), &[])
            .await,
        401,
        "client_not_found",
    );
    assert_eq!(housekeeping::run_once(&app.state).await.unwrap(), 1);
    assert!(app.raw_rows("SELECT id FROM clients").await.is_empty());
    assert!(app.raw_rows("SELECT id FROM sessions").await.is_empty());
}

#[tokio::test]
async fn a_client_without_live_sessions_is_removed_after_the_idle_timeout() {
    let app = spawn_app_with(|c| c.file.client_idle_timeout_seconds = 600).await;
    let idle = app.client();
    app.sign_up(&idle, "ada@example.com").await;
    assert_eq!(idle.delete("/v1/client/sessions").await.status, 200);
    let busy = app.client();
    app.sign_up(&busy, "bob@example.com").await;

    app.clock.advance_secs(599);
    assert!(idle.get("/v1/client").await.json()["client"].is_object());
    assert_eq!(housekeeping::run_once(&app.state).await.unwrap(), 0);
    app.clock.advance_secs(1);
    assert!(idle.get("/v1/client").await.json()["client"].is_null());
    assert!(busy.get("/v1/client").await.json()["client"].is_object());
    assert_eq!(housekeeping::run_once(&app.state).await.unwrap(), 1);
    assert_eq!(app.raw_rows("SELECT id FROM clients").await.len(), 1);
    // Signing in again on the forgotten client's browser starts a new client.
    assert_eq!(app.sign_in(&idle, "ada@example.com").await.status, 200);
    assert_ne!(client_id_of(&idle), client_id_of(&busy));
}

#[tokio::test]
async fn the_cookie_max_age_is_the_client_lifetime_capped_at_400_days() {
    for (lifetime, expected) in [(3_600_u64, 3_600_u64), (1_000 * 86_400, 400 * 86_400)] {
        let app = spawn_app_with(|c| c.file.client_lifetime_seconds = lifetime).await;
        let r = app
            .client()
            .post_form(
                "/v1/client/sign_ups",
                &[("email_address", "ada@example.com"), ("password", PASSWORD)],
            )
            .await;
        let cookie = r.set_cookies().join("\n");
        assert!(
            cookie.contains(&format!("Max-Age={expected};")),
            "{lifetime}: {cookie}"
        );
    }
}
