//! Sign-in throttling (security review, weakness 4, and the review's notes on rate limits):
//! guessing is slowed and the guessing address stopped, while the owner from another address
//! still signs in; forwarding headers count only from trusted proxies; IPv6 clients count per
//! /64; password hashing waits in a bounded queue.

use crate::common::*;
use std::sync::Arc;
use std::time::Instant;
use tokio::task::JoinSet;

/// A server behind a trusted proxy on 127.0.0.1 (the test client), so `X-Forwarded-For` names
/// the client address.
async fn behind_proxy(tweak: impl FnOnce(&mut clerk_server::Config)) -> TestApp {
    spawn_app_with(|c| {
        c.file.trusted_proxies = vec!["127.0.0.1".into()];
        tweak(c);
    })
    .await
}

/// A sign-in of `email` with `password` from `address` (through the proxy).
async fn sign_in_from(browser: &TestClient, address: &str, email: &str, password: &str) -> Resp {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("identifier", email), ("password", password)])
        .finish();
    browser
        .send(
            reqwest::Method::POST,
            "/v1/client/sign_ins",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("x-forwarded-for", address),
            ],
            Some(body.into_bytes()),
        )
        .await
}

#[tokio::test]
async fn guessing_from_one_address_cannot_lock_the_owner_out_from_another() {
    let app = behind_proxy(|_| {}).await;
    app.sign_up(&app.client(), "admin@example.com").await;
    let attacker = app.client();
    let mut refused = 0;
    for _ in 0..21 {
        let r = sign_in_from(&attacker, "203.0.113.5", "admin@example.com", "guess").await;
        match r.status {
            422 => assert_error(&r, 422, "invalid_credentials"),
            _ => {
                assert_error(&r, 429, "too_many_requests");
                assert!(r.header("retry-after").is_some());
                refused += 1;
            }
        }
    }
    assert_eq!(refused, 11, "the guessing address is stopped after 10");
    let owner = app.client();
    let r = sign_in_from(&owner, "198.51.100.7", "admin@example.com", PASSWORD).await;
    assert_eq!(r.status, 200, "the owner signs in: {}", r.text());
}

#[tokio::test]
async fn guesses_from_many_addresses_slow_the_account_down_but_never_lock_it() {
    let app = behind_proxy(|c| {
        c.file.rate_limits.sign_in_per_identifier = 3;
        c.file.rate_limits.sign_in_max_delay_ms = 600;
    })
    .await;
    app.sign_up(&app.client(), "admin@example.com").await;
    for i in 1..=3 {
        let r = sign_in_from(
            &app.client(),
            &format!("203.0.113.{i}"),
            "admin@example.com",
            "x",
        )
        .await;
        assert_error(&r, 422, "invalid_credentials");
    }
    // Past the account's ceiling every attempt waits, the owner's too, and none is refused.
    for i in 4..=6 {
        let started = Instant::now();
        let r = sign_in_from(
            &app.client(),
            &format!("203.0.113.{i}"),
            "admin@example.com",
            "x",
        )
        .await;
        assert_error(&r, 422, "invalid_credentials");
        let waited = started.elapsed().as_millis() as u64;
        let expected = ((i - 3) * 250).min(600);
        assert!(
            waited >= expected,
            "attempt {i} waited {waited} ms, not {expected}"
        );
    }
    let r = sign_in_from(&app.client(), "198.51.100.7", "admin@example.com", PASSWORD).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn forwarding_headers_from_an_untrusted_peer_do_not_dodge_the_address_limit() {
    let app = spawn_app_with(|c| c.file.rate_limits.sign_in_per_ip = 3).await;
    let c = app.client();
    for i in 0..3 {
        let r = sign_in_from(
            &c,
            &format!("192.0.2.{i}"),
            &format!("u{i}@example.com"),
            "x",
        )
        .await;
        assert_error(&r, 422, "invalid_credentials");
    }
    let r = sign_in_from(&c, "192.0.2.99", "u9@example.com", "x").await;
    assert_error(&r, 429, "too_many_requests");
    // The session records the socket's address, not the header's.
    let browser = app.client();
    app.sign_up(&browser, "ada@example.com").await;
    let sid = session_ids(&browser.get("/v1/client").await.json())[0].clone();
    let token = app.token(&browser, &sid).await;
    let list = browser.get_bearer("/v1/me/sessions", &token).await.json();
    assert_eq!(
        list["data"][0]["latest_activity"]["ip_address"],
        "127.0.0.1"
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_address_counts_and_ipv6_counts_per_64() {
    let app = behind_proxy(|c| c.file.rate_limits.sign_in_per_ip = 3).await;
    let c = app.client();
    for i in 1..=3 {
        let from = format!("2001:db8:1:2::{i}");
        let r = sign_in_from(&c, &from, &format!("u{i}@example.com"), "x").await;
        assert_error(&r, 422, "invalid_credentials");
    }
    let r = sign_in_from(&c, "2001:db8:1:2:ffff::9", "u9@example.com", "x").await;
    assert_error(&r, 429, "too_many_requests");
    // Another /64, and an IPv4 client spoofing nothing past our proxy, are counted apart.
    let r = sign_in_from(&c, "2001:db8:1:3::1", "u9@example.com", "x").await;
    assert_error(&r, 422, "invalid_credentials");
    let r = sign_in_from(&c, "6.6.6.6, 198.51.100.1", "u9@example.com", "x").await;
    assert_error(&r, 422, "invalid_credentials");
    // The session records the forwarded address.
    let browser = app.client();
    let r = browser
        .send(
            reqwest::Method::POST,
            "/v1/client/sign_ups",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("x-forwarded-for", "198.51.100.23"),
            ],
            Some(
                format!(
                    "email_address=ada%40example.com&password={}",
                    PASSWORD.replace(' ', "+")
                )
                .into_bytes(),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let sid = session_ids(&browser.get("/v1/client").await.json())[0].clone();
    let token = app.token(&browser, &sid).await;
    let list = browser.get_bearer("/v1/me/sessions", &token).await.json();
    assert_eq!(
        list["data"][0]["latest_activity"]["ip_address"],
        "198.51.100.23"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sign_ins_past_the_password_hash_queue_get_429_instead_of_waiting() {
    let app = behind_proxy(|c| c.file.rate_limits.password_hash_queue = 0).await;
    app.sign_up(&app.client(), "ada@example.com").await;
    let browser = Arc::new(app.client());
    let mut tasks = JoinSet::new();
    for i in 0..40 {
        let browser = Arc::clone(&browser);
        tasks.spawn(async move {
            sign_in_from(
                &browser,
                &format!("198.51.100.{i}"),
                "ada@example.com",
                "wrong",
            )
            .await
        });
    }
    let (mut busy, mut checked) = (0, 0);
    while let Some(r) = tasks.join_next().await {
        let r = r.unwrap();
        match r.status {
            429 => {
                assert_error(&r, 429, "too_many_requests");
                assert_eq!(r.header("retry-after").as_deref(), Some("1"));
                busy += 1;
            }
            _ => {
                assert_error(&r, 422, "invalid_credentials");
                checked += 1;
            }
        }
    }
    assert!(busy > 0 && checked > 0, "busy {busy}, checked {checked}");
}
