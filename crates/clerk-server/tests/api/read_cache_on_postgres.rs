//! The PostgreSQL client cache over real HTTP, across processes: another process's sign-outs,
//! revocations and switches show here within moments (the `NOTIFY` from the triggers), also
//! after the listener lost its connection, and concurrent switches leave the cache equal to the
//! stored state. Skipped (with a message) without `CLERK_TEST_POSTGRES_URL`. What holds on both
//! backends is in `read_cache.rs`.

use crate::common::*;
use clerk_protocol::SessionStatus;
use clerk_server::store::{ActivityWrite, Db};
use serde_json::Value;
use std::time::{Duration, Instant};

/// How long another process's change may take to show here: far below the cache's 10 s
/// maximum age, so a missed notification fails the test.
const WITHIN: Duration = Duration::from_secs(2);

fn postgres() -> bool {
    let on = std::env::var("CLERK_TEST_POSTGRES_URL").is_ok_and(|v| !v.is_empty());
    if !on {
        println!("skipped: set CLERK_TEST_POSTGRES_URL to test the PostgreSQL client cache");
    }
    on
}

/// A server whose cache is on, and "another process": a second handle on its database.
async fn app_and_other_process() -> (TestApp, Db) {
    let app = spawn_app().await;
    cache_comes_on(&app).await;
    let other = Db::connect(&app.database_url, db_options(0)).await.unwrap();
    (app, other)
}

/// A browser signed in to two accounts (`a`, then `b`, the active one) on `app`, its client read
/// once (so the cache holds it): `(browser, a, b, client id)`.
async fn two_accounts(app: &TestApp) -> (TestClient, String, String, String) {
    let browser = app.client();
    let a = app.sign_up(&browser, "ada@example.com").await;
    let b = app.sign_up(&browser, "bob@example.com").await;
    let client = browser.get("/v1/client").await.json();
    assert_eq!(session_ids(&client), [a.clone(), b.clone()]);
    let client_id = client["client"]["id"].as_str().unwrap().to_owned();
    (browser, a, b, client_id)
}

/// Reads `GET /v1/client` until `done` holds, for at most [`WITHIN`].
async fn eventually(browser: &TestClient, what: &str, done: impl Fn(&Value) -> bool) {
    let deadline = Instant::now() + WITHIN;
    loop {
        let client = browser.get("/v1/client").await.json();
        if done(&client) {
            return;
        }
        assert!(Instant::now() < deadline, "{what} never showed: {client}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_revocation_by_another_process_shows_here_within_moments() {
    if !postgres() {
        return;
    }
    let (app, other) = app_and_other_process().await;
    let (browser, a, b, client_id) = two_accounts(&app).await;
    assert!(other
        .finish_session(&client_id, &a, SessionStatus::Revoked, app.clock_now_ms())
        .await
        .unwrap());
    eventually(&browser, "the revocation", |c| {
        session_ids(c) == [b.clone()]
    })
    .await;
    let r = browser
        .post_form(&format!("/v1/client/sessions/{a}/tokens"), &[])
        .await;
    assert_eq!(r.status, 401, "{}", r.text());
}

#[tokio::test]
async fn a_switch_by_another_process_shows_here_within_moments() {
    if !postgres() {
        return;
    }
    let (app, other) = app_and_other_process().await;
    let (browser, a, _b, client_id) = two_accounts(&app).await;
    let write = ActivityWrite {
        client_id: &client_id,
        session_id: &a,
        now: app.clock_now_ms(),
        abandon_at: None,
        make_last_active: true,
    };
    assert!(other.record_activity(write).await.unwrap());
    eventually(&browser, "the switch", |c| {
        c["client"]["last_active_session_id"] == a.as_str()
    })
    .await;
}

#[tokio::test]
async fn changes_made_while_the_listener_was_cut_off_are_not_served_stale() {
    if !postgres() {
        return;
    }
    let (app, other) = app_and_other_process().await;
    let (browser, a, b, client_id) = two_accounts(&app).await;
    // Cut the listener's connection, then revoke through the other process.
    let cut = app
        .raw_rows(
            "SELECT CAST(pg_terminate_backend(pid) AS TEXT) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN%'",
        )
        .await;
    assert_eq!(cut, [[Some("true".to_owned())]], "one listener was cut off");
    assert!(other
        .finish_session(&client_id, &a, SessionStatus::Revoked, app.clock_now_ms())
        .await
        .unwrap());
    eventually(&browser, "the revocation", |c| {
        session_ids(c) == [b.clone()]
    })
    .await;
    // And the cache comes back on.
    cache_comes_on(&app).await;
}

#[tokio::test]
async fn concurrent_switches_and_tokens_leave_the_cache_equal_to_the_database() {
    if !postgres() {
        return;
    }
    let (app, other) = app_and_other_process().await;
    let browser = app.client();
    let a = app.sign_up(&browser, "ada@example.com").await;
    let b = app.sign_up(&browser, "bob@example.com").await;
    // The last active one: touches of `a` and `b` in one batch all switch, in their order.
    let c = app.sign_up(&browser, "cyd@example.com").await;
    let client = browser.get("/v1/client").await.json();
    let client_id = client["client"]["id"].as_str().unwrap().to_owned();
    let cookie = browser.cookie.lock().unwrap().clone();
    // Past the activity granularity: the first writes record activity as well as switch.
    app.clock.advance_ms(5_000);
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..40 {
        let tab = app.client();
        *tab.cookie.lock().unwrap() = cookie.clone();
        let (sid, verb) = match i % 3 {
            0 => (a.clone(), "touch"),
            1 => (b.clone(), "touch"),
            _ => (c.clone(), "tokens"),
        };
        calls.spawn(async move {
            let r = tab
                .post_form(&format!("/v1/client/sessions/{sid}/{verb}"), &[])
                .await;
            (r.status, r.text())
        });
    }
    while let Some(done) = calls.join_next().await {
        let (status, text) = done.unwrap();
        assert_eq!(status, 200, "{text}");
    }
    let cached = browser.get("/v1/client").await.json();
    let (stored, sessions) = other
        .client_with_live_sessions(&client_id, app.clock_now_ms())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        cached["client"]["last_active_session_id"].as_str(),
        stored.last_active_session_id.as_deref()
    );
    let activity = |s: &Value| (s["last_active_at"].as_i64(), s["abandon_at"].as_i64());
    let cached_activity: Vec<_> = cached["client"]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(activity)
        .collect();
    let stored_activity: Vec<_> = sessions
        .iter()
        .map(|s| (Some(s.last_active_at), Some(s.abandon_at)))
        .collect();
    assert_eq!(cached_activity, stored_activity);
    assert_eq!(
        stored_activity[0].0,
        Some(app.clock_now_ms()),
        "activity was recorded"
    );
}

#[tokio::test]
async fn an_account_change_by_another_process_shows_here_within_moments() {
    if !postgres() {
        return;
    }
    let (app, other) = app_and_other_process().await;
    let (browser, _a, b, _client_id) = two_accounts(&app).await;
    let client = browser.get("/v1/client").await.json();
    let ada = client["client"]["sessions"][0]["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let now = app.clock_now_ms();
    other
        .set_names(&ada, Some("Changed"), None, now)
        .await
        .unwrap();
    eventually(&browser, "the name change", |c| {
        c["client"]["sessions"][0]["user"]["first_name"] == "Changed"
    })
    .await;
    let address = clerk_server::store::AddressRow {
        id: "idn_fromotherprocess".into(),
        user_id: ada.clone(),
        email_address: "ada@work.example".into(),
        verified_at: None,
        verification_strategy: None,
    };
    other.add_address(&address, now).await.unwrap();
    eventually(&browser, "the new address", |c| {
        c["client"]["sessions"][0]["user"]["email_addresses"][1]["id"] == "idn_fromotherprocess"
    })
    .await;
    other.delete_account(&ada, now).await.unwrap();
    eventually(&browser, "the deletion", |c| session_ids(c) == [b.clone()]).await;
    other.close().await;
}
