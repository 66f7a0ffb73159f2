//! Security over real HTTP: the cookie secret never stored in the clear, cookie attributes, a
//! forged cookie, origin checks, CORS and cache headers.

use crate::common::*;
use sha2::{Digest, Sha256};

#[tokio::test]
async fn the_cookie_secret_is_never_stored_in_the_clear() {
    let app = spawn_app().await;
    let browser = app.client();
    app.sign_up(&browser, "ada@example.com").await;
    let cookie = browser.cookie.lock().unwrap().clone().unwrap();
    let (id, secret) = cookie
        .trim_start_matches("__Host-client=")
        .split_once('.')
        .unwrap();
    assert!(secret.len() >= 22, "at least 128 bits");
    let rows = app
        .raw_rows("SELECT id, secret_hash, last_active_session_id FROM clients")
        .await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0].as_deref(), Some(id));
    let expected: String = Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(rows[0][1].as_deref(), Some(expected.as_str()));
    for table in [
        app.raw_rows("SELECT id, client_id, user_id, status, user_agent, ip_address FROM sessions")
            .await,
        app.raw_rows("SELECT id, email_address, password_hash FROM users")
            .await,
        rows,
    ] {
        for value in table.iter().flatten().flatten() {
            assert!(!value.contains(secret), "secret found in {value}");
        }
    }
    let hash = app.raw_rows("SELECT password_hash FROM users").await[0][0]
        .clone()
        .unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
}

#[tokio::test]
async fn a_cookie_with_a_wrong_secret_is_treated_as_no_client() {
    let app = spawn_app().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let cookie = browser.cookie.lock().unwrap().clone().unwrap();
    let (id, _) = cookie.split_once('.').unwrap();
    let thief = app.client();
    *thief.cookie.lock().unwrap() =
        Some(format!("{id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    assert!(thief.get("/v1/client").await.json()["client"].is_null());
    assert_error(
        &thief
            .post_form(&format!("/v1/client/sessions/{sid}/tokens"), &[])
            .await,
        401,
        "client_not_found",
    );
}

#[tokio::test]
async fn outside_dev_the_client_cookie_is_host_prefixed_secure_http_only_lax_and_long_lived() {
    let app = spawn_app().await;
    let browser = app.client();
    let r = browser
        .post_form(
            "/v1/client/sign_ups",
            &[("email_address", "ada@example.com"), ("password", PASSWORD)],
        )
        .await;
    let cookie = r
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("__Host-client="))
        .unwrap();
    // Secure even though this request's Host is 127.0.0.1 (as behind a reverse proxy that
    // forwards to http://127.0.0.1:PORT): the Host header says nothing about the public site.
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/", "; Secure"] {
        assert!(cookie.contains(attr), "{cookie}");
    }
    assert!(!cookie.contains("Domain"), "host-only: {cookie}");
    let max_age: u64 = cookie
        .split("Max-Age=")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        max_age > 30 * 86_400 && max_age <= 400 * 86_400,
        "{max_age}"
    );
}

#[tokio::test]
async fn the_client_cookie_is_secure_on_a_public_host() {
    let app =
        spawn_app_with(|c| c.file.allowed_origins = vec!["https://app.example.com".into()]).await;
    let c = app.client().with_origin(Some("https://app.example.com"));
    let body = format!(
        "email_address=ada%40example.com&password={}",
        PASSWORD.replace(' ', "+")
    );
    let r = c
        .send(
            reqwest::Method::POST,
            "/v1/client/sign_ups",
            &[
                ("host", "api.example.com"),
                ("content-type", "application/x-www-form-urlencoded"),
            ],
            Some(body.into_bytes()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let cookie = r
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("__Host-client="))
        .unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn state_changing_requests_from_a_foreign_origin_are_refused() {
    let app = spawn_app().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let evil = app.client().with_origin(Some("https://evil.example"));
    *evil.cookie.lock().unwrap() = browser.cookie.lock().unwrap().clone();
    assert_error(
        &evil
            .post_form(&format!("/v1/client/sessions/{sid}/remove"), &[])
            .await,
        403,
        "origin_not_allowed",
    );
    assert_error(
        &evil.delete("/v1/client/sessions").await,
        403,
        "origin_not_allowed",
    );
    assert_error(
        &evil
            .post_form(
                "/v1/client/sign_ins",
                &[("identifier", "a@b.c"), ("password", "x")],
            )
            .await,
        403,
        "origin_not_allowed",
    );
    assert_error(
        &evil.post_form("/v1/client/sign_ins", &[]).await,
        403,
        "origin_not_allowed",
    );
    let r = evil.get("/v1/client").await;
    assert_eq!(r.status, 200);
    assert!(r.header("access-control-allow-origin").is_none());
    // Nothing changed.
    assert_eq!(
        browser.get("/v1/client").await.json()["client"]["sessions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // "null" origins (sandboxed frames, file://) are foreign too.
    let null = app.client().with_origin(Some("null"));
    assert_error(
        &null.post_form("/v1/client/sign_ins", &[]).await,
        403,
        "origin_not_allowed",
    );
}

#[tokio::test]
async fn allowed_origins_get_credentialed_cors_and_preflights() {
    let app =
        spawn_app_with(|c| c.file.allowed_origins = vec!["https://app.example.com".into()]).await;
    let app_origin = app.client().with_origin(Some("https://app.example.com"));
    let r = app_origin.get("/v1/client").await;
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(
        r.header("access-control-allow-credentials").as_deref(),
        Some("true")
    );
    assert_eq!(
        r.header("access-control-expose-headers").as_deref(),
        Some("Retry-After"),
        "a 429's Retry-After is readable by the app's origin"
    );
    assert!(r
        .headers
        .get_all("vary")
        .iter()
        .any(|v| v.to_str().unwrap().contains("Origin")));
    assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));

    let preflight = [
        ("access-control-request-method", "POST"),
        ("access-control-request-headers", "authorization"),
    ];
    let r = app_origin
        .send(
            reqwest::Method::OPTIONS,
            "/v1/me/sessions",
            &preflight,
            None,
        )
        .await;
    assert!(r.status == 204 || r.status == 200, "{}", r.status);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );
    let allow_headers = r
        .header("access-control-allow-headers")
        .unwrap()
        .to_ascii_lowercase();
    assert!(allow_headers.contains("authorization") && allow_headers.contains("content-type"));

    let evil = app.client().with_origin(Some("https://evil.example"));
    let r = evil
        .send(
            reqwest::Method::OPTIONS,
            "/v1/client/sign_ins",
            &preflight,
            None,
        )
        .await;
    assert_error(&r, 403, "origin_not_allowed");
    assert!(r.header("access-control-allow-origin").is_none());
    // The wildcard is never used.
    assert_ne!(
        app_origin
            .get("/v1/environment")
            .await
            .header("access-control-allow-origin")
            .as_deref(),
        Some("*")
    );
}

#[tokio::test]
async fn dev_mode_allows_localhost_on_any_port_and_production_does_not() {
    let dev = spawn_app_with(|c| c.dev = true).await;
    let prod = spawn_app().await;
    for (i, origin) in ["http://localhost:5173", "http://127.0.0.1:9999"]
        .into_iter()
        .enumerate()
    {
        let c = dev.client().with_origin(Some(origin));
        dev.sign_up(&c, &format!("user{i}@example.com")).await;
        let r = c.get("/v1/client").await;
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some(origin)
        );
        assert_eq!(r.json()["client"]["sessions"].as_array().unwrap().len(), 1);
        let p = prod.client().with_origin(Some(origin));
        assert_error(
            &p.post_form("/v1/client/sign_ins", &[]).await,
            403,
            "origin_not_allowed",
        );
        assert!(p
            .get("/v1/client")
            .await
            .header("access-control-allow-origin")
            .is_none());
    }
}

#[tokio::test]
async fn every_v1_answer_is_no_store_even_errors() {
    let app = spawn_app().await;
    let c = app.client();
    for path in ["/v1/environment", "/v1/client", "/v1/nope"] {
        assert_eq!(
            c.get(path).await.header("cache-control").as_deref(),
            Some("no-store"),
            "{path}"
        );
    }
    assert_eq!(
        c.post_form("/v1/client/sign_ins", &[])
            .await
            .header("cache-control")
            .as_deref(),
        Some("no-store")
    );
}

#[tokio::test]
async fn a_cookie_a_sibling_subdomain_could_set_is_ignored_and_a_shadowed_one_counts_as_none() {
    let app = spawn_app().await;
    let victim = app.client();
    let sid = app.sign_up(&victim, "victim@example.com").await;
    let attacker = app.client();
    app.sign_up(&attacker, "attacker@example.com").await;
    let value = |c: &TestClient| {
        let cookie = c.cookie.lock().unwrap().clone().unwrap();
        cookie.split_once('=').unwrap().1.to_owned()
    };
    let (victims, attackers) = (value(&victim), value(&attacker));
    // A sibling subdomain can set `__client` (with Domain=.example.com) but never the
    // host-only `__Host-client`: the plain name is not read outside --dev.
    let planted = app.client();
    *planted.cookie.lock().unwrap() = Some(format!("__client={victims}"));
    assert!(planted.get("/v1/client").await.json()["client"].is_null());
    // Two values of the real cookie (the first used to win): neither is used.
    let shadowed = app.client();
    *shadowed.cookie.lock().unwrap() = Some(format!(
        "__Host-client={attackers}; __Host-client={victims}"
    ));
    assert!(shadowed.get("/v1/client").await.json()["client"].is_null());
    assert_error(
        &shadowed
            .post_form(&format!("/v1/client/sessions/{sid}/tokens"), &[])
            .await,
        401,
        "client_not_found",
    );
    // The victim's own browser is unaffected.
    assert_eq!(
        session_ids(&victim.get("/v1/client").await.json()),
        vec![sid]
    );
}
