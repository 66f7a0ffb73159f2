//! The mail the flows wrote, as the recipient would read it: every row of the outbox opened with
//! the server's own sealer (so a test sees exactly the subject, bodies and code that go out).

use super::TestApp;
use clerk_server::mail::seal::Rendered;

impl TestApp {
    /// Every message in the outbox, oldest first.
    pub async fn outbox(&self) -> Vec<Rendered> {
        let rows: Vec<(String, Vec<u8>)> = if self.database_url.starts_with("postgres") {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .connect(&self.database_url)
                .await
                .unwrap();
            let rows = sqlx::query_as("SELECT id, payload FROM mail_outbox ORDER BY created_at, id")
                .fetch_all(&pool)
                .await
                .unwrap();
            pool.close().await;
            rows
        } else {
            let path = self.database_url.trim_start_matches("sqlite://");
            let conn = rusqlite::Connection::open(path).unwrap();
            let mut stmt = conn
                .prepare("SELECT id, payload FROM mail_outbox ORDER BY created_at, rowid")
                .unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let mailer = self.state.mail.as_ref().expect("mail is on");
        rows.iter()
            .map(|(id, payload)| mailer.sealer().open(id, payload).expect("a sealed mail"))
            .collect()
    }

    /// The messages to `to`, oldest first.
    pub async fn mail_to(&self, to: &str) -> Vec<Rendered> {
        self.outbox()
            .await
            .into_iter()
            .filter(|m| m.to == to)
            .collect()
    }

    /// The code of the latest message to `to` (panics if there is none).
    pub async fn last_code(&self, to: &str) -> String {
        let mail = self.mail_to(to).await;
        let last = mail.last().unwrap_or_else(|| panic!("no mail to {to}"));
        assert!(last.text.contains(&last.code), "the code is in the body");
        last.code.clone()
    }
}

/// A server with mail on (`--dev` without SMTP: messages wait in the outbox) after `tweak`.
pub async fn spawn_mail_app(tweak: impl FnOnce(&mut clerk_server::Config)) -> TestApp {
    super::spawn_app_with(|c| {
        c.dev = true;
        tweak(c);
    })
    .await
}

/// A server with mail on and `email_verification = "required"`.
pub async fn spawn_verifying_app() -> TestApp {
    spawn_mail_app(|c| {
        c.file.email_verification = clerk_server::config::EmailVerification::Required;
    })
    .await
}

/// `POST` form `fields` to `path` on `client`, one millisecond later.
pub async fn post(app: &TestApp, client: &super::TestClient, path: &str, fields: &[(&str, &str)]) -> super::Resp {
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
