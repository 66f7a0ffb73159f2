//! Servers that mail, for the email flows' tests: every message goes over real SMTP to a
//! [`SmtpSink`] started by the test, and the test reads the code out of the delivered body, as
//! the recipient would.

use super::{mail_to, Resp, SmtpSink, TestApp, TestClient};
use std::time::Duration;

/// How long a test waits for a message.
pub const MAIL_WAIT: Duration = Duration::from_secs(10);

/// A running server whose mail goes to `sink`.
pub struct MailApp {
    /// The server.
    pub app: TestApp,
    /// Its SMTP server.
    pub sink: SmtpSink,
}

impl std::ops::Deref for MailApp {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.app
    }
}

/// The 6-digit code in a message's text.
pub fn code_in(text: &str) -> String {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(5))
        .find(|&i| {
            bytes[i..i + 6].iter().all(u8::is_ascii_digit)
                && (i == 0 || !bytes[i - 1].is_ascii_digit())
                && bytes.get(i + 6).is_none_or(|b| !b.is_ascii_digit())
        })
        .map(|i| text[i..i + 6].to_owned())
        .unwrap_or_else(|| panic!("no code in {text:?}"))
}

impl SmtpSink {
    /// The code of the next message to `to` not read before (waits for it).
    pub async fn code_to(&self, to: &str) -> String {
        let mail = self
            .next_to(to, MAIL_WAIT)
            .await
            .unwrap_or_else(|| panic!("no mail to {to}"));
        let code = code_in(&mail.text);
        assert!(
            mail.html.as_deref().unwrap_or("").contains(&code),
            "HTML too"
        );
        code
    }
}

impl MailApp {
    /// The code of the next message to `to` (see [`SmtpSink::code_to`]).
    pub async fn last_code(&self, to: &str) -> String {
        self.sink.code_to(to).await
    }

    /// Every message delivered to `to` so far, once the outbox is empty.
    pub async fn mail_to(&self, to: &str) -> Vec<super::smtp_sink::SunkMail> {
        self.settle().await;
        self.sink.messages_to(to)
    }

    /// Every message delivered so far, once the outbox is empty.
    pub async fn delivered(&self) -> usize {
        self.settle().await;
        self.sink.messages().len()
    }

    /// Waits until the outbox is empty (everything committed was delivered).
    pub async fn settle(&self) {
        let deadline = std::time::Instant::now() + MAIL_WAIT;
        while !self.app.outbox().await.is_empty() {
            assert!(
                std::time::Instant::now() < deadline,
                "the outbox stayed full"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// A server with mail going to a fresh sink, after `tweak`.
pub async fn spawn_mail_app(tweak: impl FnOnce(&mut clerk_server::Config)) -> MailApp {
    let sink = SmtpSink::start().await;
    let to_sink = mail_to(&sink);
    let app = super::spawn_app_with(|c| {
        to_sink(c);
        tweak(c);
    })
    .await;
    MailApp { app, sink }
}

/// A server with mail on and `email_verification = "required"`.
pub async fn spawn_verifying_app() -> MailApp {
    spawn_mail_app(|c| {
        c.file.email_verification = clerk_server::config::EmailVerification::Required;
    })
    .await
}

/// `POST` form `fields` to `path` on `client`, one millisecond later.
pub async fn post(app: &TestApp, client: &TestClient, path: &str, fields: &[(&str, &str)]) -> Resp {
    app.clock.advance_ms(1);
    client.post_form(path, fields).await
}

impl TestApp {
    /// The first column of `sql`'s rows as bytes (for BLOB / BYTEA columns).
    pub async fn raw_rows_bytes(&self, sql: &'static str) -> Vec<Vec<u8>> {
        if self.database_url.starts_with("postgres") {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .connect(&self.database_url)
                .await
                .unwrap();
            let rows: Vec<(Vec<u8>,)> = sqlx::query_as(sql).fetch_all(&pool).await.unwrap();
            pool.close().await;
            rows.into_iter().map(|(b,)| b).collect()
        } else {
            let path = self.database_url.trim_start_matches("sqlite://");
            let conn = rusqlite::Connection::open(path).unwrap();
            let mut stmt = conn.prepare(sql).unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        }
    }
}
