//! Databases of earlier releases upgrade in place at start-up and keep working: one made by the
//! schema of the release before numbered migrations (commit 8772257), and one made by the
//! release before the email flows (migrations 1 to 3), each with an account and a session.

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

/// What migrations 2 and 3 (the release before the email flows) added, verbatim, and their
/// records.
const MIGRATIONS_2_AND_3: &[&str] = &[
    "ALTER TABLE clients ADD COLUMN generation BIGINT NOT NULL DEFAULT 0",
    "ALTER TABLE clients ADD COLUMN prev_secret_hash TEXT",
    "ALTER TABLE clients ADD COLUMN prev_secret_until BIGINT NOT NULL DEFAULT 0",
    "ALTER TABLE clients ADD COLUMN rotated_at BIGINT NOT NULL DEFAULT 0",
    "UPDATE clients SET rotated_at = created_at",
    "ALTER TABLE sessions ADD COLUMN generation BIGINT NOT NULL DEFAULT 0",
    "CREATE INDEX clients_by_rotated_at ON clients (rotated_at)",
    "CREATE INDEX clients_by_updated_at ON clients (updated_at)",
    "CREATE TABLE rate_limits (key TEXT PRIMARY KEY, window_id BIGINT NOT NULL,
        count BIGINT NOT NULL)",
    "CREATE INDEX rate_limits_by_window ON rate_limits (window_id)",
    "CREATE TABLE clerk_schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL,
        applied_at BIGINT NOT NULL)",
    "INSERT INTO clerk_schema_migrations VALUES (1, 'users, clients, sessions', 0),
        (2, 'rotating client credentials, client lifetimes', 0),
        (3, 'rate-limit counters shared by processes', 0)",
];

async fn seed(url: &str, password_hash: &str) {
    seed_with(url, password_hash, &[]).await
}

async fn seed_with(url: &str, password_hash: &str, after_rows: &[&str]) {
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
    let statements = RELEASE_SCHEMA
        .iter()
        .map(|s| s.to_string())
        .chain(rows)
        .chain(after_rows.iter().map(|s| s.to_string()));
    execute_all(url, statements).await;
}

/// Runs `statements` in order straight on the database at `url` (PostgreSQL or SQLite), as the
/// release that made it would have.
pub(crate) async fn execute_all(url: &str, statements: impl IntoIterator<Item = String>) {
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
    assert_eq!(
        versions.len(),
        clerk_server::store::schema::MIGRATIONS.len(),
        "{versions:?}"
    );
}

#[tokio::test]
async fn a_database_of_the_release_before_email_gets_the_email_flows_and_keeps_its_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let hash = clerk_server::password::hash(PASSWORD.into()).await.unwrap();
    seed_with(&url, &hash, MIGRATIONS_2_AND_3).await;
    let sink = SmtpSink::start().await;
    let to_sink = mail_to(&sink);
    let app = spawn_app_on(dir, url, |c| {
        c.dev = true;
        to_sink(c);
    })
    .await;
    let versions = app
        .raw_rows("SELECT name FROM clerk_schema_migrations ORDER BY version")
        .await;
    assert_eq!(
        versions.len(),
        clerk_server::store::schema::MIGRATIONS.len(),
        "{versions:?}"
    );
    let browser = app.client();
    *browser.cookie.lock().unwrap() = Some(format!("__client=client_old.{SECRET}"));
    let client = browser.get("/v1/client").await.json();
    assert_eq!(
        session_ids(&client),
        vec!["sess_old".to_owned()],
        "{client}"
    );
    app.token(&browser, "sess_old").await;
    // The old account resets its password with a mailed code on another browser, which signs
    // its old session out.
    let other = app.client();
    let r = other
        .post_form(
            "/v1/client/sign_ins",
            &[
                ("identifier", "ada@example.com"),
                ("strategy", "reset_password_email_code"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let id = r.json()["response"]["id"].as_str().unwrap().to_owned();
    let code = sink.code_to("ada@example.com").await;
    let path = clerk_protocol::routes::sign_in_attempt_first_factor(&id);
    let r = other
        .post_form(
            &path,
            &[("strategy", "reset_password_email_code"), ("code", &code)],
        )
        .await;
    assert_eq!(
        r.json()["response"]["status"],
        "needs_new_password",
        "{}",
        r.text()
    );
    let path = clerk_protocol::routes::sign_in_reset_password(&id);
    let r = other
        .post_form(&path, &[("password", "a brand new passphrase")])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = browser
        .post_form("/v1/client/sessions/sess_old/tokens", &[])
        .await;
    assert_error(&r, 401, "session_expired");
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
