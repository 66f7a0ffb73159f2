//! Activity writes on the hot path (`touch`, token minting): activity within the granularity of
//! the stored `last_active_at` is not written, a touch answers with exactly the client a fresh
//! read gives, and the guarded writes never revive a session finished behind the server's back
//! (by another process on the same database).

use crate::common::*;
use clerk_protocol::SessionStatus;
use clerk_server::lifetime::ACTIVITY_GRANULARITY_MS;
use clerk_server::store::{ActivityWrite, Db};
use serde_json::Value;

fn touch_path(sid: &str) -> String {
    format!("/v1/client/sessions/{sid}/touch")
}

/// The session `sid` as `GET /v1/client` lists it.
fn listed(client: &Value, sid: &str) -> Value {
    client["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == sid)
        .cloned()
        .unwrap_or_else(|| panic!("{sid} not listed in {client}"))
}

/// Touches `sid` and checks the answer against a fresh `GET /v1/client` at the same instant.
async fn touch_matches_a_fresh_read(browser: &TestClient, sid: &str) -> Value {
    let r = browser.post_form(&touch_path(sid), &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let fresh = browser.get("/v1/client").await.json()["client"].clone();
    assert_eq!(r.json()["client"], fresh);
    assert_eq!(r.json()["response"], listed(&fresh, sid));
    assert_eq!(fresh["last_active_session_id"], sid);
    fresh
}

#[tokio::test]
async fn a_touch_answers_with_exactly_the_client_a_fresh_read_gives_whatever_it_writes() {
    let app = spawn_app_with(|c| c.file.session_inactivity_timeout_seconds = 3600).await;
    let browser = app.client();
    let a = app.sign_up(&browser, "ada@example.com").await;
    let b = app.sign_up(&browser, "bob@example.com").await;

    // A switch within the granularity: the client changes, the activity is not written.
    let before = listed(&browser.get("/v1/client").await.json()["client"], &a);
    let fresh = touch_matches_a_fresh_read(&browser, &a).await;
    assert_eq!(
        listed(&fresh, &a)["last_active_at"],
        before["last_active_at"]
    );
    assert_eq!(fresh["updated_at"].as_i64().unwrap(), app.clock_now_ms());

    // The session already active, within the granularity: nothing is written at all.
    app.clock.advance_ms(1);
    let unchanged = touch_matches_a_fresh_read(&browser, &a).await;
    assert_eq!(unchanged, fresh);

    // The session already active, past the granularity: only its activity moves.
    app.clock.advance_ms(ACTIVITY_GRANULARITY_MS);
    let now = app.clock_now_ms();
    let fresh = touch_matches_a_fresh_read(&browser, &a).await;
    let s = listed(&fresh, &a);
    assert_eq!(s["last_active_at"].as_i64().unwrap(), now);
    assert_eq!(s["abandon_at"].as_i64().unwrap(), now + 3_600_000);
    assert_eq!(fresh["updated_at"], unchanged["updated_at"]);

    // A switch past the granularity: both in one write.
    app.clock.advance_ms(ACTIVITY_GRANULARITY_MS);
    let now = app.clock_now_ms();
    let fresh = touch_matches_a_fresh_read(&browser, &b).await;
    assert_eq!(listed(&fresh, &b)["last_active_at"].as_i64().unwrap(), now);
    assert_eq!(fresh["updated_at"].as_i64().unwrap(), now);
}

#[tokio::test]
async fn tokens_within_the_granularity_leave_last_active_at_and_later_ones_move_it() {
    let app = spawn_app_with(|c| c.file.session_inactivity_timeout_seconds = 3600).await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let signed_in = app.clock_now_ms();
    let stored = |client: Value| {
        let s = listed(&client["client"], &sid);
        (
            s["last_active_at"].as_i64().unwrap(),
            s["abandon_at"].as_i64().unwrap(),
        )
    };

    app.clock.advance_ms(ACTIVITY_GRANULARITY_MS - 1);
    app.token(&browser, &sid).await;
    assert_eq!(
        stored(browser.get("/v1/client").await.json()),
        (signed_in, signed_in + 3_600_000)
    );

    app.clock.advance_ms(1);
    let now = app.clock_now_ms();
    app.token(&browser, &sid).await;
    assert_eq!(
        stored(browser.get("/v1/client").await.json()),
        (now, now + 3_600_000)
    );
}

#[tokio::test]
async fn no_activity_write_revives_a_session_finished_by_another_process() {
    // On SQLite a second process may share the file only with the client cache off in both.
    let app = spawn_app_with(|c| {
        if c.database_url.starts_with("sqlite") {
            c.file.database_read_cache_entries = 0;
        }
    })
    .await;
    let browser = app.client();
    let a = app.sign_up(&browser, "ada@example.com").await;
    let b = app.sign_up(&browser, "bob@example.com").await;
    let client_id = browser.get("/v1/client").await.json()["client"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Another process on the same database revokes `a` after this one read it as live.
    let other = Db::connect(&app.database_url, db_options(0)).await.unwrap();
    let now = app.clock_now_ms();
    assert!(other
        .finish_session(&client_id, &a, SessionStatus::Revoked, now)
        .await
        .unwrap());
    let later = now + 10 * ACTIVITY_GRANULARITY_MS;
    for (abandon_at, make_last_active) in [
        (Some(later + 1000), false),
        (None, true),
        (Some(later + 1000), true),
    ] {
        let write = ActivityWrite {
            client_id: &client_id,
            session_id: &a,
            now: later,
            abandon_at,
            make_last_active,
        };
        assert!(!other.record_activity(write).await.unwrap(), "{write:?}");
    }
    let rows = app
        .raw_rows("SELECT status, CAST(last_active_at AS TEXT) FROM sessions ORDER BY created_at")
        .await;
    assert_eq!(rows[0][0].as_deref(), Some("revoked"));
    assert!(rows[0][1].as_deref().unwrap().parse::<i64>().unwrap() < later);
    let client = browser.get("/v1/client").await.json()["client"].clone();
    assert_eq!(client["last_active_session_id"], b.as_str());
    assert_error(
        &browser.post_form(&touch_path(&a), &[]).await,
        401,
        "session_expired",
    );
    other.close().await;
}

#[tokio::test]
async fn writes_grouped_into_one_batch_each_get_their_own_answer() {
    let app = spawn_app().await;
    let browser = app.client();
    let live = app.sign_up(&browser, "ada@example.com").await;
    let revoked = app.sign_up(&browser, "bob@example.com").await;
    let client_id = browser.get("/v1/client").await.json()["client"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let now = app.clock_now_ms();
    assert!(app
        .state
        .db
        .finish_session(&client_id, &revoked, SessionStatus::Revoked, now)
        .await
        .unwrap());
    // Many writes at once, on a live and a revoked session in turn: the writer groups those
    // queued together, and each must still get its own session's answer.
    let later = now + 10 * ACTIVITY_GRANULARITY_MS;
    let mut writes = tokio::task::JoinSet::new();
    for i in 0..60i64 {
        let (db, client_id) = (app.state.db.clone(), client_id.clone());
        let sid = if i % 2 == 0 {
            live.clone()
        } else {
            revoked.clone()
        };
        writes.spawn(async move {
            let write = ActivityWrite {
                client_id: &client_id,
                session_id: &sid,
                now: later + i,
                abandon_at: (i % 3 != 0).then_some(later + i + 1000),
                make_last_active: i % 3 != 1,
            };
            (i, db.record_activity(write).await.unwrap())
        });
    }
    while let Some(done) = writes.join_next().await {
        let (i, answer) = done.unwrap();
        assert_eq!(answer, i % 2 == 0, "write {i}");
    }
    let client = browser.get("/v1/client").await.json()["client"].clone();
    assert_eq!(client["last_active_session_id"], live.as_str());
    let active = listed(&client, &live)["last_active_at"].as_i64().unwrap();
    assert!(active > later, "activity recorded: {active}");
}
