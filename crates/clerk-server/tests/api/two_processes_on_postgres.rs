//! Two `clerk-server` processes on one PostgreSQL database with one signing key file serve the
//! same clients interchangeably: a client signed in through one is served by the other, and a
//! token minted by one is accepted by the other, and a sign-out through one shows in the other
//! (whose client cache hears of it by `NOTIFY`) within moments. Skipped (with a message) without
//! `CLERK_TEST_POSTGRES_URL`.

use crate::common::binary::{start_binary, RunningBinary};
use crate::common::*;

fn start(database_url: &str, config: &std::path::Path) -> (RunningBinary, String) {
    let config = config.to_str().unwrap();
    let server = start_binary(&[
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        database_url,
        "--config",
        config,
    ])
    .listening();
    let url = server.url.clone();
    (server, url)
}

#[tokio::test]
async fn a_client_signed_in_through_one_process_is_served_by_another() {
    if std::env::var("CLERK_TEST_POSTGRES_URL").map_or(true, |v| v.is_empty()) {
        println!("skipped: set CLERK_TEST_POSTGRES_URL to run two clerk-server processes on one PostgreSQL");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database_url(dir.path()).await;
    let config = dir.path().join("clerk.toml");
    let key = dir.path().join("shared.key");
    std::fs::write(
        &config,
        format!(
            "signing_key_path = {:?}\nissuer = \"shared\"\ndatabase_max_connections = {TEST_POOL_CONNECTIONS}\n",
            key.display().to_string()
        ),
    )
    .unwrap();
    let (_one, url_one) = start(&database_url, &config);
    let (_two, url_two) = start(&database_url, &config);

    let via_one = TestClient::new(&url_one, Some(url_one.clone()));
    let r = via_one
        .post_form(
            "/v1/client/sign_ups",
            &[("email_address", "ada@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let sid = r.json()["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let via_two = TestClient::new(&url_two, Some(url_two.clone()));
    *via_two.cookie.lock().unwrap() = via_one.cookie.lock().unwrap().clone();
    let client = via_two.get("/v1/client").await.json();
    assert_eq!(client["client"]["last_active_session_id"], sid.as_str());

    let token = via_two
        .post_form(&format!("/v1/client/sessions/{sid}/tokens"), &[])
        .await
        .json()["jwt"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = via_one.get_bearer("/v1/me/sessions", &token).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["total_count"], 1);
    let jwks_one = via_one.get("/.well-known/jwks.json").await.json();
    let jwks_two = via_two.get("/.well-known/jwks.json").await.json();
    assert_eq!(jwks_one, jwks_two);

    // Signing out through one is seen by the other within moments, though it has the client
    // in its cache: the trigger's NOTIFY reaches every process.
    assert_eq!(
        via_one.get("/v1/client").await.json()["client"]["sessions"][0]["id"],
        sid.as_str()
    );
    assert_eq!(
        via_two
            .post_form(&format!("/v1/client/sessions/{sid}/remove"), &[])
            .await
            .status,
        200
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        let sessions = via_one.get("/v1/client").await.json()["client"]["sessions"].clone();
        if sessions == serde_json::json!([]) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still served: {sessions}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn processes_on_one_postgres_share_their_sign_in_limits() {
    if std::env::var("CLERK_TEST_POSTGRES_URL").map_or(true, |v| v.is_empty()) {
        println!("skipped: set CLERK_TEST_POSTGRES_URL to run two clerk-server processes on one PostgreSQL");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database_url(dir.path()).await;
    let config = dir.path().join("clerk.toml");
    std::fs::write(
        &config,
        format!(
            "signing_key_path = {:?}\ndatabase_max_connections = {TEST_POOL_CONNECTIONS}\n\
             [rate_limits]\nwindow_seconds = 86400\nsign_in_per_identifier_per_ip = 4\n",
            dir.path().join("shared.key").display().to_string()
        ),
    )
    .unwrap();
    let (_one, url_one) = start(&database_url, &config);
    let (_two, url_two) = start(&database_url, &config);
    let via_one = TestClient::new(&url_one, Some(url_one.clone()));
    let via_two = TestClient::new(&url_two, Some(url_two.clone()));
    // The window is a day long, aligned to the clock: all five guesses fall in one window unless
    // the test runs across midnight UTC, when it tries once more in the new window.
    for attempt in 0..2 {
        let day = |now: std::time::SystemTime| {
            now.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 86_400
        };
        let before = day(std::time::SystemTime::now());
        let mut answers = Vec::new();
        for i in 0..5 {
            let via = if i % 2 == 0 { &via_one } else { &via_two };
            let r = via
                .post_form(
                    "/v1/client/sign_ins",
                    &[("identifier", "ada@example.com"), ("password", "guess")],
                )
                .await;
            answers.push(r.status);
        }
        if day(std::time::SystemTime::now()) != before && attempt == 0 {
            continue;
        }
        // Four guesses through two processes, then the fifth is refused: the count is shared.
        assert_eq!(answers, vec![422, 422, 422, 422, 429]);
        return;
    }
}
