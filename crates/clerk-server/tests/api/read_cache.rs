//! The client cache on either backend, over real HTTP: reads are served from it, this process's
//! writes show at once, and on SQLite a caching process owns its file (a second process is
//! refused with a clear error; processes with the cache off share a file).

use crate::common::*;
use clerk_server::store::{Db, StoreError};

/// The app, once its cache is on (on PostgreSQL, once the listener has subscribed).
async fn cached_app() -> TestApp {
    let app = spawn_app().await;
    cache_comes_on(&app).await;
    app
}

#[tokio::test]
async fn reads_are_served_from_the_cache_and_this_processs_writes_show_at_once() {
    let app = cached_app().await;
    let cache = app.state.db.cache();
    let browser = app.client();
    let a = app.sign_up(&browser, "ada@example.com").await;
    assert_eq!(
        session_ids(&browser.get("/v1/client").await.json()),
        std::slice::from_ref(&a)
    );
    assert_eq!(cache.held(), 1, "the read filled the cache");
    let b = app.sign_up(&browser, "bob@example.com").await;
    let client = browser.get("/v1/client").await.json();
    assert_eq!(session_ids(&client), [a.clone(), b.clone()]);
    assert_eq!(client["client"]["last_active_session_id"], b.as_str());
    let r = browser
        .post_form(&format!("/v1/client/sessions/{a}/touch"), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(cache.held(), 1, "a switch patches the cache");
    let client = browser.get("/v1/client").await.json();
    assert_eq!(client["client"]["last_active_session_id"], a.as_str());
    let r = browser
        .post_form(&format!("/v1/client/sessions/{b}/remove"), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        session_ids(&browser.get("/v1/client").await.json()),
        std::slice::from_ref(&a)
    );
    let r = browser.delete("/v1/client/sessions").await;
    assert!(r.status < 300, "sign out of all: {}", r.text());
    assert_eq!(
        session_ids(&browser.get("/v1/client").await.json()),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn a_second_process_on_a_caching_processs_sqlite_file_is_refused_with_a_clear_error() {
    let app = cached_app().await;
    if !app.database_url.starts_with("sqlite") {
        return;
    }
    for entries in [0, 10] {
        match Db::connect(&app.database_url, db_options(entries)).await {
            Err(StoreError::Config(message)) => {
                assert!(message.contains("another process"), "{message}");
                assert!(message.contains("database_read_cache_entries"), "{message}");
            }
            other => panic!("cache {entries}: expected a configuration error, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn processes_with_the_cache_off_share_a_sqlite_file_and_a_closed_owner_lets_go() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    let one = Db::connect(&url, db_options(0)).await.unwrap();
    let two = Db::connect(&url, db_options(0)).await.unwrap();
    assert!(
        Db::connect(&url, db_options(10)).await.is_err(),
        "a caching process cannot join"
    );
    drop((one, two));
    let owner = Db::connect(&url, db_options(10)).await.unwrap();
    drop(owner);
    Db::connect(&url, db_options(10)).await.unwrap();
}
