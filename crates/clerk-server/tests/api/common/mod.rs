//! Test harness: `spawn_app()` starts the real router in-process on 127.0.0.1:0 with a fresh
//! database (a SQLite temp file, or a fresh PostgreSQL database on `CLERK_TEST_POSTGRES_URL`) and
//! a `FakeClock`; `TestClient` is a small HTTP client with its own `__client` cookie jar and
//! Origin header.
#![allow(dead_code)]

pub mod binary;
pub mod client;
pub mod images;
pub mod jwks;
#[cfg(unix)]
pub mod local_user;
pub mod mailbox;
pub mod me;
pub mod raw;
pub mod smtp_sink;

pub use client::{Resp, TestClient};
pub use smtp_sink::SmtpSink;

use clerk_server::{build_router, serve, AppState, Config, FakeClock, FileConfig};
use std::sync::Arc;

/// Fake "now" at the start of every test: 2027-01-15.
pub const START_MS: i64 = 1_800_000_000_000;
/// PostgreSQL connections per test server.
pub const TEST_POOL_CONNECTIONS: u32 = 4;
/// A password long enough for the default rules.
pub const PASSWORD: &str = "correct horse battery";

/// A running server.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    /// The server's clock.
    pub clock: FakeClock,
    /// The database URL the server uses.
    pub database_url: String,
    /// Keeps the SQLite file and the key file alive.
    pub dir: tempfile::TempDir,
    /// The settings it runs with.
    pub file: FileConfig,
    /// The server's state (its database handle, for tests that look inside).
    pub state: AppState,
}

/// A fresh PostgreSQL database on `CLERK_TEST_POSTGRES_URL`, or a SQLite file in `dir`.
pub async fn fresh_database_url(dir: &std::path::Path) -> String {
    match std::env::var("CLERK_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        Some(base) => {
            use sqlx::Connection;
            let name = format!(
                "clerk_test_{}",
                clerk_server::secrets::new_id("db")
                    .unwrap()
                    .trim_start_matches("db_")
            );
            let mut conn = sqlx::PgConnection::connect(&base)
                .await
                .expect("connect to CLERK_TEST_POSTGRES_URL");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut conn)
                .await
                .unwrap();
            conn.close().await.unwrap();
            let (prefix, _) = base
                .rsplit_once('/')
                .expect("a postgres URL with a database name");
            format!("{prefix}/{name}")
        }
        None => format!("sqlite://{}", dir.join("clerk.db").display()),
    }
}

/// Starts a server with default settings.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts a server after `tweak` adjusts its config file settings.
pub async fn spawn_app_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database_url(dir.path()).await;
    spawn_app_on(dir, database_url, tweak).await
}

/// Starts a server on an existing database (`dir` keeps its files alive).
pub async fn spawn_app_on(
    dir: tempfile::TempDir,
    database_url: String,
    tweak: impl FnOnce(&mut Config),
) -> TestApp {
    let mut config = Config::new(database_url.clone());
    config.file = FileConfig {
        signing_key_path: Some(dir.path().join("signing.key")),
        // Each test has its own database and pool: small pools keep the whole suite, with tests
        // in parallel, well under PostgreSQL's default max_connections = 100.
        database_max_connections: TEST_POOL_CONNECTIONS,
        ..FileConfig::default()
    };
    tweak(&mut config);
    let clock = FakeClock::new(START_MS);
    let file = config.file.clone();
    let state = AppState::new(config, Arc::new(clock.clone()))
        .await
        .expect("app state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(build_router(state.clone()), listener, &state.config));
    TestApp {
        url,
        clock,
        database_url,
        dir,
        file,
        state,
    }
}

impl TestApp {
    /// A new browser-like client whose requests carry this server's own origin.
    pub fn client(&self) -> TestClient {
        TestClient::new(&self.url, Some(self.url.clone()))
    }

    /// Signs up `email` on `client`; returns the new session id. The clock then moves 1 ms on, so
    /// sessions created one after the other have distinct creation times (their listing order).
    pub async fn sign_up(&self, client: &TestClient, email: &str) -> String {
        self.clock.advance_ms(1);
        let r = client
            .post_form(
                "/v1/client/sign_ups",
                &[
                    ("email_address", email),
                    ("password", PASSWORD),
                    ("first_name", "Test"),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "sign-up of {email}: {}", r.text());
        r.json()["response"]["created_session_id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Signs in `email` on `client`; returns the response.
    pub async fn sign_in(&self, client: &TestClient, email: &str) -> Resp {
        self.clock.advance_ms(1);
        client
            .post_form(
                "/v1/client/sign_ins",
                &[("identifier", email), ("password", PASSWORD)],
            )
            .await
    }

    /// Mints a token for `session_id` on `client`; returns the JWT.
    pub async fn token(&self, client: &TestClient, session_id: &str) -> String {
        let r = client
            .post_form(&format!("/v1/client/sessions/{session_id}/tokens"), &[])
            .await;
        assert_eq!(r.status, 200, "token: {}", r.text());
        r.json()["jwt"].as_str().unwrap().to_owned()
    }

    /// A direct connection to the server's database, to look at what is stored.
    pub async fn raw_rows(&self, sql: &'static str) -> Vec<Vec<Option<String>>> {
        use sqlx::Row;
        if self.database_url.starts_with("postgres") {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .connect(&self.database_url)
                .await
                .unwrap();
            let rows = sqlx::query(sql).fetch_all(&pool).await.unwrap();
            rows.iter()
                .map(|r| {
                    (0..r.len())
                        .map(|i| r.try_get::<Option<String>, _>(i).unwrap())
                        .collect()
                })
                .collect()
        } else {
            let path = self.database_url.trim_start_matches("sqlite://");
            let conn = rusqlite::Connection::open(path).unwrap();
            let mut stmt = conn.prepare(sql).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..n)
                        .map(|i| {
                            Ok(match r.get_ref(i)? {
                                rusqlite::types::ValueRef::Null => None,
                                rusqlite::types::ValueRef::Integer(v) => Some(v.to_string()),
                                v => Some(v.as_str()?.to_owned()),
                            })
                        })
                        .collect::<Result<Vec<_>, _>>()
                })
                .unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        }
    }
}

/// Settings for a second database handle in a test ("another process"): a small pool, and a
/// client cache of `cache_entries`.
pub fn db_options(cache_entries: usize) -> clerk_server::store::DbOptions {
    clerk_server::store::DbOptions {
        pg_connections: 2,
        cache_entries,
    }
}

/// Waits (at most 2 s) until the app's client cache is on: at once on SQLite, once the listener
/// has subscribed on PostgreSQL.
pub async fn cache_comes_on(app: &TestApp) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while !app.state.db.cache().is_enabled() {
        assert!(std::time::Instant::now() < deadline, "the cache stayed off");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// The ids of the sessions `GET /v1/client`'s answer lists.
pub fn session_ids(client: &serde_json::Value) -> Vec<String> {
    client["client"]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Asserts `r` is the structured error `code` with `status`.
pub fn assert_error(r: &Resp, status: u16, code: &str) {
    assert_eq!(
        r.status,
        status,
        "expected {status} {code}, got: {}",
        r.text()
    );
    assert_eq!(r.json()["errors"][0]["code"], code, "{}", r.text());
}

impl TestApp {
    /// The fake clock's time in milliseconds.
    pub fn clock_now_ms(&self) -> i64 {
        use clerk_server::Clock;
        self.clock.now_ms()
    }

    /// The fake clock's time in whole seconds.
    pub fn clock_now_s(&self) -> i64 {
        self.clock_now_ms().div_euclid(1000)
    }
}

/// The `From:` of test servers that mail.
pub const MAIL_FROM: &str = "Clerk Test <no-reply@clerk.test>";

/// A `spawn_app_with` tweak: mail goes to `sink` over plain SMTP.
pub fn mail_to(sink: &SmtpSink) -> impl FnOnce(&mut Config) {
    let url = sink.url();
    move |config| {
        config.file.email.smtp_url = Some(url);
        config.file.email.from = Some(MAIL_FROM.into());
        config.file.email.smtp_timeout_seconds = 5;
    }
}

impl TestApp {
    /// Seals a `kind` message with `code` to `to`, valid `ttl_ms` from the app's now, stores it
    /// in the outbox (as a flow does, in a transaction of its own here) and wakes the sender.
    pub async fn enqueue_mail(
        &self,
        to: &str,
        kind: clerk_server::mail::MailKind,
        code: &str,
        ttl_ms: i64,
    ) -> clerk_server::mail::SealedMail {
        let mailer = self.state.mail.as_ref().expect("the app mails");
        let now = self.clock_now_ms();
        let mail = clerk_server::mail::OutgoingMail {
            to: to.into(),
            kind,
            code: code.into(),
            expire_at: now + ttl_ms,
        };
        let sealed = mailer
            .seal(&mail, &self.file.application_name, now)
            .unwrap();
        self.state.db.enqueue_mail(&sealed).await.unwrap();
        mailer.wake();
        sealed
    }

    /// `(id, attempts)` of every outbox row, by id.
    pub async fn outbox(&self) -> Vec<(String, i64)> {
        self.raw_rows("SELECT id, CAST(attempts AS TEXT) FROM mail_outbox ORDER BY id")
            .await
            .into_iter()
            .map(|r| {
                (
                    r[0].clone().unwrap(),
                    r[1].as_deref().unwrap().parse().unwrap(),
                )
            })
            .collect()
    }
}
