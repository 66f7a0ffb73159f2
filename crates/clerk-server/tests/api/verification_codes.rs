//! The rules of mailed codes, over HTTP: wrong codes count down, the fifth kills the code even
//! for the right digits, codes expire, a new code waits for the cooldown and replaces the old
//! one, sending is limited per address and per client address, a code works only for its own
//! attempt on its own browser, and the database holds no code in clear.

use crate::common::mailbox::{post, spawn_mail_app, spawn_verifying_app, MailApp};
use crate::common::*;
use crate::verified_sign_up::{attempt, prepare, start, wrong};

const ADA: &str = "ada@example.com";

#[tokio::test]
async fn a_wrong_code_says_how_many_tries_are_left_and_the_fifth_kills_the_code() {
    let app = spawn_verifying_app().await;
    let browser = app.client();
    let id = start(&app, &browser, ADA).await;
    prepare(&app, &browser, &id).await;
    let code = app.last_code(ADA).await;
    for left in (0..5).rev() {
        let r = attempt(&app, &browser, &id, &wrong(&code)).await;
        assert_error(&r, 422, "form_code_incorrect");
        let e = &r.json()["errors"][0];
        assert_eq!(e["meta"]["attempts_left"], left.to_string(), "{e}");
        assert!(!r.text().contains(&code), "the answer never holds the code");
    }
    // Dead, even for the right digits.
    assert_error(
        &attempt(&app, &browser, &id, &code).await,
        422,
        "verification_failed",
    );
    // A new code (after the cooldown) works again.
    app.clock.advance_secs(30);
    assert_eq!(prepare(&app, &browser, &id).await.status, 200);
    let fresh = app.last_code(ADA).await;
    let r = attempt(&app, &browser, &id, &fresh).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

/// Tries sent at once: each takes its try in one guarded statement before the digits are
/// compared, so however they interleave the code gets five tries and no more.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_codes_sent_at_once_get_five_tries_and_no_more() {
    let app = spawn_verifying_app().await;
    let browser = std::sync::Arc::new(app.client());
    let id = start(&app, &browser, ADA).await;
    prepare(&app, &browser, &id).await;
    let code = app.last_code(ADA).await;
    let path = clerk_protocol::routes::sign_up_attempt_verification(&id);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let (browser, path, bad) = (browser.clone(), path.clone(), wrong(&code));
        tasks.spawn(async move {
            let fields = [("strategy", "email_code"), ("code", bad.as_str())];
            browser.post_form(&path, &fields).await
        });
    }
    let mut left = Vec::new();
    while let Some(r) = tasks.join_next().await {
        let r = r.unwrap();
        match r.json()["errors"][0]["code"].as_str() {
            Some("form_code_incorrect") => {
                left.push(r.json()["errors"][0]["meta"]["attempts_left"].clone());
            }
            Some("verification_failed") => {}
            _ => panic!("unexpected answer {} {}", r.status, r.text()),
        }
    }
    left.sort_by_key(|v| v.as_str().map(str::to_owned));
    let expected: Vec<serde_json::Value> = (0..5).map(|n| n.to_string().into()).collect();
    assert_eq!(left, expected, "one answer per try, each try counted once");
    // The right digits come too late.
    assert_error(
        &attempt(&app, &browser, &id, &code).await,
        422,
        "verification_failed",
    );
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes() {
    let app = spawn_verifying_app().await;
    let browser = app.client();
    let id = start(&app, &browser, ADA).await;
    prepare(&app, &browser, &id).await;
    let code = app.last_code(ADA).await;
    app.clock.advance_secs(600);
    assert_error(
        &attempt(&app, &browser, &id, &code).await,
        422,
        "verification_expired",
    );
}

#[tokio::test]
async fn a_new_code_waits_for_the_cooldown_and_replaces_the_old_one() {
    let app = spawn_verifying_app().await;
    let browser = app.client();
    let id = start(&app, &browser, ADA).await;
    assert_eq!(prepare(&app, &browser, &id).await.status, 200);
    let old = app.last_code(ADA).await;
    let r = prepare(&app, &browser, &id).await;
    assert_error(&r, 429, "too_many_requests");
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((29..=30).contains(&retry), "{retry}");
    assert_eq!(app.mail_to(ADA).await.len(), 1);
    app.clock.advance_secs(30);
    assert_eq!(prepare(&app, &browser, &id).await.status, 200);
    let new = app.last_code(ADA).await;
    assert_eq!(app.mail_to(ADA).await.len(), 2);
    if new != old {
        assert_error(
            &attempt(&app, &browser, &id, &old).await,
            422,
            "form_code_incorrect",
        );
    }
    assert_eq!(attempt(&app, &browser, &id, &new).await.status, 200);
}

#[tokio::test]
async fn sending_is_limited_per_address_and_per_client_address() {
    let app = spawn_verifying_app_with(|c| {
        c.file.verification_codes.per_address_per_hour = 2;
        // Every request counts on the client address, the refused one below included.
        c.file.verification_codes.per_ip_per_hour = 4;
        c.file.verification_codes.resend_cooldown_seconds = 0;
    })
    .await;
    let browser = app.client();
    let id = start(&app, &browser, ADA).await;
    assert_eq!(prepare(&app, &browser, &id).await.status, 200);
    assert_eq!(prepare(&app, &browser, &id).await.status, 200);
    let r = prepare(&app, &browser, &id).await;
    assert_error(&r, 429, "too_many_requests");
    assert!(r.header("retry-after").is_some());
    // Another address from the same client address: one more, then the IP limit.
    let other = start(&app, &browser, "bob@example.com").await;
    assert_eq!(prepare(&app, &browser, &other).await.status, 200);
    assert_error(
        &prepare(&app, &browser, &other).await,
        429,
        "too_many_requests",
    );
    assert_eq!(app.delivered().await, 3);
    // The next hour starts again.
    app.clock.advance_secs(3600);
    let r = prepare(&app, &browser, &id).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

async fn spawn_verifying_app_with(tweak: impl FnOnce(&mut clerk_server::Config)) -> MailApp {
    spawn_mail_app(|c| {
        c.file.email_verification = clerk_server::config::EmailVerification::Required;
        tweak(c);
    })
    .await
}

#[tokio::test]
async fn a_code_works_only_for_its_own_attempt_on_its_own_browser() {
    let app = spawn_verifying_app().await;
    let browser = app.client();
    let id = start(&app, &browser, ADA).await;
    prepare(&app, &browser, &id).await;
    let code = app.last_code(ADA).await;
    // Another browser cannot see or use the attempt: 404, like an unknown id.
    let stranger = app.client();
    assert_error(
        &attempt(&app, &stranger, &id, &code).await,
        404,
        "resource_not_found",
    );
    assert_error(
        &prepare(&app, &stranger, &id).await,
        404,
        "resource_not_found",
    );
    let unknown = "sua_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    assert_error(
        &attempt(&app, &browser, unknown, &code).await,
        404,
        "resource_not_found",
    );
    assert_error(
        &attempt(&app, &browser, "nonsense", &code).await,
        404,
        "resource_not_found",
    );
    // Another attempt on the same browser, for another address: the first code is not its code.
    let other = start(&app, &browser, "bob@example.com").await;
    prepare(&app, &browser, &other).await;
    let bobs = app.last_code("bob@example.com").await;
    if bobs != code {
        assert_error(
            &attempt(&app, &browser, &other, &code).await,
            422,
            "form_code_incorrect",
        );
    }
    // The owner still completes with its own code (the stranger's tries cost nothing).
    let r = attempt(&app, &browser, &id, &code).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn the_database_holds_no_code_in_clear() {
    let app = spawn_verifying_app().await;
    let browser = app.client();
    let id = start(&app, &browser, ADA).await;
    prepare(&app, &browser, &id).await;
    let code = app.last_code(ADA).await;
    let rows = app
        .raw_rows("SELECT attempt_id, code_hash FROM verification_codes")
        .await;
    assert_eq!(rows.len(), 1);
    let hash = rows[0][1].clone().unwrap();
    assert_eq!(hash.len(), 64);
    assert!(!hash.contains(&code));
    // Nor does any other table (the outbox payload is sealed).
    for sql in [
        "SELECT id, client_id, email_address, password_hash, first_name, status \
         FROM sign_up_attempts",
        "SELECT id FROM mail_outbox",
    ] {
        let dump = format!("{:?}", app.raw_rows(sql).await);
        assert!(!dump.contains(&code), "{sql}: {dump}");
    }
}

#[tokio::test]
async fn bad_inputs_are_structured_errors_and_cost_no_try() {
    let app = spawn_verifying_app().await;
    let browser = app.client();
    let id = start(&app, &browser, ADA).await;
    let path = clerk_protocol::routes::sign_up_attempt_verification(&id);
    // Before any code was sent.
    let r = post(
        &app,
        &browser,
        &path,
        &[("strategy", "email_code"), ("code", "123456")],
    )
    .await;
    assert_error(&r, 400, "verification_not_ready");
    prepare(&app, &browser, &id).await;
    let code = app.last_code(ADA).await;
    for (fields, status, code_name) in [
        (vec![("strategy", "email_code")], 422, "invalid_param"),
        (
            vec![("strategy", "email_code"), ("code", "12345")],
            422,
            "invalid_param",
        ),
        (
            vec![("strategy", "email_code"), ("code", "abcdef")],
            422,
            "invalid_param",
        ),
        (vec![("code", "123456")], 422, "invalid_param"),
        (
            vec![("strategy", "phone_code"), ("code", "123456")],
            422,
            "strategy_not_allowed",
        ),
    ] {
        let r = post(&app, &browser, &path, &fields).await;
        assert_error(&r, status, code_name);
    }
    let r = browser
        .post_json(
            &path,
            serde_json::json!({"strategy": "email_code", "code": 123456}),
        )
        .await;
    assert_error(&r, 422, "invalid_param");
    let r = browser
        .send(
            reqwest::Method::POST,
            &path,
            &[("content-type", "application/json")],
            Some(b"{".to_vec()),
        )
        .await;
    assert_error(&r, 400, "invalid_body");
    // None of those spent a try: five wrong ones still remain.
    let r = attempt(&app, &browser, &id, &wrong(&code)).await;
    assert_eq!(r.json()["errors"][0]["meta"]["attempts_left"], "4");
    // Spaces inside a pasted code are fine.
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    assert_eq!(attempt(&app, &browser, &id, &spaced).await.status, 200);
}

#[tokio::test]
async fn an_unverified_sign_up_reserves_nothing_and_is_forgotten() {
    let app = spawn_verifying_app().await;
    let first = app.client();
    let id = start(&app, &first, ADA).await;
    prepare(&app, &first, &id).await;
    let first_code = app.last_code(ADA).await;
    // Someone else signs up with the same address and verifies first: the account is theirs.
    let second = app.client();
    let other = start(&app, &second, ADA).await;
    app.clock.advance_secs(1);
    prepare(&app, &second, &other).await;
    let code = app.last_code(ADA).await;
    assert_eq!(attempt(&app, &second, &other, &code).await.status, 200);
    assert_error(
        &attempt(&app, &first, &id, &first_code).await,
        422,
        "identifier_exists",
    );
    // And an attempt past its lifetime is gone.
    let third = app.client();
    let late = start(&app, &third, "carol@example.com").await;
    app.clock.advance_secs(24 * 3600);
    assert_error(
        &prepare(&app, &third, &late).await,
        404,
        "resource_not_found",
    );
    clerk_server::housekeeping::run_once(&app.state)
        .await
        .unwrap();
    let left = app
        .raw_rows("SELECT id FROM sign_up_attempts WHERE email_address = 'carol@example.com'")
        .await;
    assert!(left.is_empty(), "{left:?}");
}

#[tokio::test]
async fn without_mail_the_code_strategies_are_not_offered_nor_allowed() {
    let app = spawn_app().await;
    let env = app.client().get("/v1/environment").await.json();
    assert_eq!(
        env["auth_config"]["first_factors"],
        serde_json::json!(["password"])
    );
    assert_eq!(env["auth_config"]["email_verification_required"], false);
    for strategy in ["email_code", "reset_password_email_code"] {
        let r = app
            .client()
            .post_form(
                "/v1/client/sign_ins",
                &[("identifier", ADA), ("strategy", strategy)],
            )
            .await;
        assert_error(&r, 422, "strategy_not_allowed");
    }
    // Verification required without mail is refused at start-up.
    let mut config = clerk_server::Config::new("sqlite::memory:");
    config.file.email_verification = clerk_server::config::EmailVerification::Required;
    let clock = std::sync::Arc::new(clerk_server::FakeClock::new(START_MS));
    let e = clerk_server::AppState::new(config, clock)
        .await
        .err()
        .unwrap();
    assert!(e.to_string().contains("email_verification"), "{e}");
    // With mail, everything is listed.
    let app = spawn_mail_app(|_| {}).await;
    let env = app.client().get("/v1/environment").await.json();
    assert_eq!(
        env["auth_config"]["first_factors"],
        serde_json::json!(["password", "email_code", "reset_password_email_code"])
    );
    let app = spawn_mail_app(|c| c.file.email_code_sign_in = false).await;
    let env = app.client().get("/v1/environment").await.json();
    assert_eq!(
        env["auth_config"]["first_factors"],
        serde_json::json!(["password", "reset_password_email_code"])
    );
}
