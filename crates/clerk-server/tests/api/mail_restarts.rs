//! The outbox across restarts of the real `clerk-server` binary (the system clock): a message
//! committed while the SMTP server refuses is delivered by the next server process, and
//! `--dev` without SMTP prints each message (recipient, subject, code) on the terminal.
//! Rows are sealed here with the server's own key file and stored with `INSERT_OUTBOX`, as a
//! flow stores them.

use crate::common::binary::{refusal, start_binary_with, RunningBinary};
use crate::common::*;
use clerk_server::config::email::EmailSettings;
use clerk_server::jwt::Keys;
use clerk_server::mail::{MailKind, Mailer, OutgoingMail, SealedMail};
use clerk_server::store::sql::INSERT_OUTBOX;
use clerk_server::Clock;
use std::path::Path;
use std::time::Duration;

/// Writes `config` (with the signing key in `dir`) and starts the binary on `url`.
fn start(dir: &Path, url: &str, config: &str, dev: bool) -> RunningBinary {
    let key = dir.join("signing.key");
    let path = dir.join("clerk.toml");
    let config = format!(
        "signing_key_path = {:?}\n{config}",
        key.display().to_string()
    );
    std::fs::write(&path, config).unwrap();
    let path = path.display().to_string();
    let mut args = vec![
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        url,
        "--config",
        &path,
    ];
    if dev {
        args.push("--dev");
    }
    start_binary_with(&args, &[]).listening()
}

/// Seals a sign-up code for `to` with the server's key (`dev`: the printing mailer).
fn seal(dir: &Path, to: &str, code: &str) -> SealedMail {
    let keys = Keys::load_or_create(&dir.join("signing.key")).unwrap();
    let mailer = Mailer::new(&EmailSettings::default(), true, &keys)
        .unwrap()
        .unwrap();
    let now = clerk_server::SystemClock.now_ms();
    let mail = OutgoingMail {
        to: to.into(),
        kind: MailKind::SignUpVerification,
        code: code.into(),
        expire_at: now + 600_000,
    };
    mailer.seal(&mail, "Restart Test", now).unwrap()
}

/// Stores `m` with `INSERT_OUTBOX` on `url`, in a connection of the test's own.
async fn insert(url: &str, m: &SealedMail) {
    if url.starts_with("postgres") {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query(INSERT_OUTBOX)
            .bind(&m.id)
            .bind(&m.payload)
            .bind(m.not_after)
            .bind(m.next_attempt_at)
            .bind(m.created_at)
            .bind(None::<String>)
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    } else {
        let conn = rusqlite::Connection::open(url.trim_start_matches("sqlite://")).unwrap();
        let sql = clerk_server::store::sqlite::numbered(INSERT_OUTBOX);
        conn.execute(
            &sql,
            rusqlite::params![
                m.id,
                m.payload,
                m.not_after,
                m.next_attempt_at,
                m.created_at,
                None::<String>
            ],
        )
        .unwrap();
    }
}

/// The attempts of every outbox row on `url`.
async fn attempts(url: &str) -> Vec<i64> {
    if url.starts_with("postgres") {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        let rows: Vec<(i64,)> = sqlx::query_as("SELECT attempts FROM mail_outbox")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        rows.into_iter().map(|(a,)| a).collect()
    } else {
        let conn = rusqlite::Connection::open(url.trim_start_matches("sqlite://")).unwrap();
        let mut stmt = conn.prepare("SELECT attempts FROM mail_outbox").unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }
}

async fn eventually<F: std::future::Future<Output = bool>>(what: &str, done: impl Fn() -> F) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !done().await {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting: {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_message_committed_before_a_restart_is_delivered_by_the_next_server_process() {
    let sink = SmtpSink::start().await;
    sink.set_refusing(true);
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let config = format!(
        "[email]\nsmtp_url = {:?}\nfrom = \"no-reply@clerk.test\"\nsmtp_timeout_seconds = 2\n",
        sink.url()
    );
    let first = start(dir.path(), &url, &config, false);
    let sealed = seal(dir.path(), "ada@example.com", "271828");
    insert(&url, &sealed).await;
    eventually("a refused attempt", || async {
        attempts(&url).await.first().is_some_and(|a| *a >= 1)
    })
    .await;
    let log = first.stop();
    assert!(log.contains("mail not delivered; will retry"), "{log}");
    assert!(!log.contains("271828"), "no code in the log: {log}");
    sink.set_refusing(false);
    let second = start(dir.path(), &url, &config, false);
    let mail = sink
        .next_to("ada@example.com", Duration::from_secs(30))
        .await
        .expect("delivered by the second process");
    assert!(mail.text.contains("271828"));
    assert!(mail.subject.starts_with("Restart Test: "));
    eventually("an empty outbox", || async {
        attempts(&url).await.is_empty()
    })
    .await;
    let log = second.stop();
    assert!(
        log.contains("mail sent") && !log.contains("271828"),
        "{log}"
    );
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn in_dev_mode_without_smtp_each_message_is_printed_with_its_recipient_subject_and_code() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let server = start(dir.path(), &url, "", true);
    insert(&url, &seal(dir.path(), "dev@example.com", "314159")).await;
    eventually("an empty outbox", || async {
        attempts(&url).await.is_empty()
    })
    .await;
    let log = server.stop();
    let line = log
        .lines()
        .find(|l| l.contains("dev mail"))
        .unwrap_or_else(|| panic!("no dev mail line: {log}"));
    assert!(line.contains("to=dev@example.com"), "{line}");
    assert!(line.contains("code=314159"), "{line}");
    assert!(line.contains("verify your email address"), "{line}");
}

#[tokio::test]
async fn an_smtp_url_without_a_from_address_is_refused_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clerk.toml");
    std::fs::write(&path, "[email]\nsmtp_url = \"smtp://127.0.0.1:2525\"\n").unwrap();
    let db = format!("sqlite://{}", dir.path().join("clerk.db").display());
    let path = path.display().to_string();
    let stderr = refusal(start_binary_with(
        &[
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            &db,
            "--config",
            &path,
        ],
        &[],
    ));
    assert!(stderr.contains("email.from is required"), "{stderr}");
}
