//! A database made by the schema of the release before numbered migrations (commit 8772257),
//! with an account and a session in it, upgrades in place at start-up and keeps working.

use crate::common::*;
use sha2::{Digest, Sha256};

/// The tables and indexes that release created, verbatim.
const RELEASE_SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email_address TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL, first_name TEXT, last_name TEXT, image_url TEXT,
        created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS clients (id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL,
        last_active_session_id TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, client_id TEXT NOT NULL,
        user_id TEXT NOT NULL, status TEXT NOT NULL, last_active_at BIGINT NOT NULL,
        expire_at BIGINT NOT NULL, abandon_at BIGINT NOT NULL, user_agent TEXT, ip_address TEXT,
        created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS sessions_by_client ON sessions (client_id, status)",
    "CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id, status)",
];

const SECRET: &str = "oldreleasesecret0123456789abcdefghijklmnopq";

async fn seed(url: &str, password_hash: &str) {
    let secret_hash: String = Sha256::digest(SECRET.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let now = START_MS - 60_000;
    let rows = [
        format!(
            "INSERT INTO users VALUES ('user_old', 'ada@example.com', '{password_hash}', 'Ada', \
             NULL, NULL, {now}, {now})"
        ),
        format!(
            "INSERT INTO clients VALUES ('client_old', '{secret_hash}', 'sess_old', {now}, {now})"
        ),
        format!(
            "INSERT INTO sessions VALUES ('sess_old', 'client_old', 'user_old', 'active', {now}, \
             {}, {}, 'test', '127.0.0.1', {now}, {now})",
            now + 86_400_000,
            now + 86_400_000
        ),
    ];
    let statements = RELEASE_SCHEMA.iter().map(|s| s.to_string()).chain(rows);
    if url.starts_with("postgres") {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        for s in statements {
            sqlx::query(sqlx::AssertSqlSafe(s))
                .execute(&mut conn)
                .await
                .unwrap();
        }
        conn.close().await.unwrap();
    } else {
        let conn = rusqlite::Connection::open(url.trim_start_matches("sqlite://")).unwrap();
        for s in statements {
            conn.execute_batch(&s).unwrap();
        }
    }
}

#[tokio::test]
async fn a_database_of_the_previous_release_upgrades_in_place_with_its_accounts_and_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let hash = clerk_server::password::hash(PASSWORD.into()).await.unwrap();
    seed(&url, &hash).await;
    // Development mode: the old release's cookie was named `__client`, as in `--dev` today.
    let app = spawn_app_on(dir, url, |c| c.dev = true).await;
    let browser = app.client();
    *browser.cookie.lock().unwrap() = Some(format!("__client=client_old.{SECRET}"));
    let client = browser.get("/v1/client").await.json();
    assert_eq!(
        session_ids(&client),
        vec!["sess_old".to_owned()],
        "{client}"
    );
    assert_eq!(client["client"]["last_active_session_id"], "sess_old");
    app.token(&browser, "sess_old").await;
    // The account signs in with its password on another browser, and the old client still
    // rotates like a new one when a second account signs in there.
    assert_eq!(
        app.sign_in(&app.client(), "ada@example.com").await.status,
        200
    );
    app.sign_up(&browser, "bob@example.com").await;
    let cookie = browser.cookie.lock().unwrap().clone().unwrap();
    assert!(!cookie.contains(SECRET), "rotated: {cookie}");
    assert_eq!(
        session_ids(&browser.get("/v1/client").await.json()).len(),
        2
    );
    let versions = app
        .raw_rows("SELECT name FROM clerk_schema_migrations ORDER BY version")
        .await;
    let known = clerk_server::store::schema::MIGRATIONS.len();
    assert_eq!(versions.len(), known, "{versions:?}");
}

#[tokio::test]
async fn two_servers_starting_at_once_on_one_database_migrate_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let options = |url: &str| {
        let url = url.to_owned();
        async move { clerk_server::store::Db::connect(&url, db_options(0)).await }
    };
    let (a, b) = tokio::join!(options(&url), options(&url));
    let (a, b) = (a.unwrap(), b.unwrap());
    let app = spawn_app_on(dir, url, |c| c.file.database_read_cache_entries = 0).await;
    let versions = app
        .raw_rows("SELECT name FROM clerk_schema_migrations")
        .await;
    assert_eq!(
        versions.len(),
        clerk_server::store::schema::MIGRATIONS.len()
    );
    a.close().await;
    b.close().await;
}
