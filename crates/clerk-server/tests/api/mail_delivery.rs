//! Mail delivery over real SMTP to the test sink: the outbox delivers what is committed, keeps
//! it while the SMTP server is down or refuses (retrying with backoff), drops what expired, and
//! holds no code in clear. In-process servers with a fake clock: a retry becomes due when the
//! test moves the clock past its backoff. (Restarts of the real binary: `mail_restarts`.)

use crate::common::*;
use clerk_server::mail::MailKind;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

/// Moves the app's clock past any backoff (and lease), wakes the sender and lets it work.
async fn tick(app: &TestApp) {
    app.clock.advance_secs(61);
    app.state.mail.as_ref().unwrap().wake();
    tokio::time::sleep(Duration::from_millis(50)).await;
}

/// Ticks until `done` holds (at most 200 times).
async fn tick_until<F: std::future::Future<Output = bool>>(app: &TestApp, done: impl Fn() -> F) {
    for _ in 0..200 {
        if done().await {
            return;
        }
        tick(app).await;
    }
    panic!("still not done after 200 ticks");
}

/// Waits in real time (the clock standing still) until `done` holds, at most 10 s.
async fn wait_until<F: std::future::Future<Output = bool>>(done: impl Fn() -> F) {
    let deadline = std::time::Instant::now() + WAIT;
    while !done().await {
        assert!(std::time::Instant::now() < deadline, "timed out");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The outbox payloads, as stored.
async fn payloads(app: &TestApp) -> Vec<Vec<u8>> {
    if app.database_url.starts_with("postgres") {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect(&app.database_url)
            .await
            .unwrap();
        let rows: Vec<(Vec<u8>,)> = sqlx::query_as("SELECT payload FROM mail_outbox")
            .fetch_all(&pool)
            .await
            .unwrap();
        rows.into_iter().map(|(p,)| p).collect()
    } else {
        let conn =
            rusqlite::Connection::open(app.database_url.trim_start_matches("sqlite://")).unwrap();
        let mut stmt = conn.prepare("SELECT payload FROM mail_outbox").unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }
}

#[tokio::test]
async fn a_committed_message_reaches_the_smtp_server_with_its_subject_code_and_both_bodies() {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(|c| {
        mail_to(&sink)(c);
        c.file.application_name = "Acme <Shop>".into();
    })
    .await;
    let sealed = app
        .enqueue_mail("ada@example.com", MailKind::SignInCode, "042917", 600_000)
        .await;
    let mail = sink
        .next_to("ada@example.com", WAIT)
        .await
        .expect("a message");
    assert_eq!(mail.subject, "Acme <Shop>: your sign-in code");
    assert_eq!(mail.from, "no-reply@clerk.test");
    assert!(mail.raw.contains("Clerk Test"), "{}", mail.raw);
    assert!(mail.text.contains("042917"), "{}", mail.text);
    assert!(mail.text.contains("expires in 10 minutes"), "{}", mail.text);
    let html = mail.html.expect("an HTML part");
    assert!(
        html.contains("042917") && html.contains("Acme &lt;Shop&gt;"),
        "{html}"
    );
    wait_until(|| async { app.outbox().await.is_empty() }).await;
    assert_eq!(sink.messages().len(), 1, "sent once");
    assert!(sealed.id.starts_with("mail_"));
}

#[tokio::test]
async fn the_outbox_holds_neither_the_code_nor_the_address_in_clear() {
    let sink = SmtpSink::start().await;
    sink.stop().await;
    let app = spawn_app_with(mail_to(&sink)).await;
    app.enqueue_mail(
        "grace@example.com",
        MailKind::PasswordReset,
        "913370",
        600_000,
    )
    .await;
    let stored = payloads(&app).await;
    assert_eq!(stored.len(), 1);
    let payload = &stored[0];
    assert!(!payload.windows(6).any(|w| w == b"913370"));
    assert!(!payload.windows(5).any(|w| w == b"grace"));
    let everything = app
        .raw_rows("SELECT id, CAST(not_after AS TEXT), claim_token FROM mail_outbox")
        .await;
    assert!(!format!("{everything:?}").contains("913370"));
}

#[tokio::test]
async fn a_message_waits_while_the_smtp_server_is_down_and_arrives_once_it_is_back() {
    let sink = SmtpSink::start().await;
    sink.stop().await;
    let app = spawn_app_with(mail_to(&sink)).await;
    app.enqueue_mail(
        "ada@example.com",
        MailKind::SignUpVerification,
        "111222",
        600_000,
    )
    .await;
    tick_until(&app, || async { app.outbox().await[0].1 >= 3 }).await;
    assert!(sink.messages().is_empty());
    sink.restart().await;
    tick_until(&app, || async { !sink.messages().is_empty() }).await;
    let mail = sink.next_to("ada@example.com", WAIT).await.unwrap();
    assert!(mail.text.contains("111222"));
    wait_until(|| async { app.outbox().await.is_empty() }).await;
    tick(&app).await;
    assert_eq!(sink.messages().len(), 1, "delivered once");
}

#[tokio::test]
async fn a_refusing_smtp_server_gets_retries_after_a_growing_backoff_until_it_accepts() {
    let sink = SmtpSink::start().await;
    sink.set_refusing(true);
    let app = spawn_app_with(mail_to(&sink)).await;
    app.enqueue_mail("ada@example.com", MailKind::SignInCode, "424242", 600_000)
        .await;
    wait_until(|| async { sink.refusals() == 1 }).await;
    wait_until(|| async { app.outbox().await[0].1 == 1 }).await;
    // Due again 1 s later on the server's clock: while it stands still, the sender (polling
    // every second, and woken) does not try again.
    app.state.mail.as_ref().unwrap().wake();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sink.refusals(), 1, "no retry before the backoff");
    app.clock.advance_ms(1000);
    wait_until(|| async { sink.refusals() == 2 }).await;
    wait_until(|| async { app.outbox().await[0].1 == 2 }).await;
    // After the second failure the wait is 2 s: 1 s more is not enough.
    app.clock.advance_ms(1000);
    app.state.mail.as_ref().unwrap().wake();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(sink.refusals(), 2, "the backoff doubled");
    app.clock.advance_ms(1000);
    wait_until(|| async { sink.refusals() == 3 }).await;
    sink.set_refusing(false);
    tick_until(&app, || async { !sink.messages().is_empty() }).await;
    assert!(sink
        .next_to("ada@example.com", WAIT)
        .await
        .unwrap()
        .text
        .contains("424242"));
    wait_until(|| async { app.outbox().await.is_empty() }).await;
}

#[tokio::test]
async fn a_message_whose_code_expired_is_dropped_not_sent() {
    let sink = SmtpSink::start().await;
    sink.stop().await;
    let app = spawn_app_with(mail_to(&sink)).await;
    app.enqueue_mail("ada@example.com", MailKind::SignInCode, "999000", 120_000)
        .await;
    wait_until(|| async { app.outbox().await[0].1 >= 1 }).await;
    app.clock.advance_secs(121);
    sink.restart().await;
    app.state.mail.as_ref().unwrap().wake();
    wait_until(|| async { app.outbox().await.is_empty() }).await;
    app.enqueue_mail("bob@example.com", MailKind::SignInCode, "123123", 120_000)
        .await;
    assert!(sink.next_to("bob@example.com", WAIT).await.is_some());
    assert!(sink.messages_to("ada@example.com").is_empty(), "never sent");
}

#[tokio::test]
async fn two_processes_on_one_database_send_each_message_exactly_once() {
    let sink = SmtpSink::start().await;
    let first = spawn_app_with(|c| {
        mail_to(&sink)(c);
        c.file.database_read_cache_entries = 0;
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let second = spawn_app_on(dir, first.database_url.clone(), |c| {
        mail_to(&sink)(c);
        c.file.database_read_cache_entries = 0;
        c.file.signing_key_path = first.file.signing_key_path.clone();
    })
    .await;
    let addresses: Vec<String> = (0..24).map(|i| format!("user{i}@example.com")).collect();
    for (i, to) in addresses.iter().enumerate() {
        let app = if i % 2 == 0 { &first } else { &second };
        app.enqueue_mail(to, MailKind::SignInCode, "555666", 600_000)
            .await;
        // Both senders are awake for every row.
        first.state.mail.as_ref().unwrap().wake();
        second.state.mail.as_ref().unwrap().wake();
    }
    for to in &addresses {
        assert!(sink.next_to(to, WAIT).await.is_some(), "{to}");
    }
    wait_until(|| async { first.outbox().await.is_empty() }).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.messages().len(), addresses.len(), "no message twice");
}

#[tokio::test]
async fn without_smtp_or_dev_mode_the_server_mails_nothing_and_an_smtp_url_needs_from() {
    let app = spawn_app().await;
    assert!(app.state.mail.is_none());
    let dev = spawn_app_with(|c| c.dev = true).await;
    assert!(dev.state.mail.as_ref().unwrap().prints());
    let mut config = clerk_server::Config::new("sqlite::memory:");
    config.file.email.smtp_url = Some("smtp://127.0.0.1:25".into());
    let refused =
        clerk_server::AppState::new(config, std::sync::Arc::new(clerk_server::SystemClock));
    let e = refused.await.err().expect("a config error");
    assert!(e.to_string().contains("email.from"), "{e}");
}
