//! Every error code of the Frontend API, each with its status and its `meta`.

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn signing_in_twice_to_one_account_on_one_client_names_the_existing_session() {
    let app = spawn_app().await;
    let browser = app.client();
    let a = app.sign_up(&browser, "ada@example.com").await;
    let r = app.sign_in(&browser, "ada@example.com").await;
    assert_error(&r, 400, "identifier_already_signed_in");
    assert_eq!(r.json()["errors"][0]["meta"]["session_id"], a.as_str());
    assert_eq!(
        browser.get("/v1/client").await.json()["client"]["sessions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn single_session_mode_refuses_a_second_sign_in_on_a_client() {
    let app = spawn_app_with(|c| c.file.single_session_mode = true).await;
    let browser = app.client();
    app.sign_up(&browser, "ada@example.com").await;
    app.sign_up(&app.client(), "bob@example.com").await;
    assert_error(
        &app.sign_in(&browser, "bob@example.com").await,
        400,
        "session_exists",
    );
    let r = browser
        .post_form(
            "/v1/client/sign_ups",
            &[("email_address", "cy@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_error(&r, 400, "session_exists");
}

#[tokio::test]
async fn a_client_past_its_session_cap_gets_max_sessions_reached_and_keeps_its_sessions() {
    let app = spawn_app_with(|c| c.file.max_sessions_per_client = 2).await;
    let other = app.client();
    app.sign_up(&other, "cy@example.com").await;
    let browser = app.client();
    app.sign_up(&browser, "ada@example.com").await;
    app.sign_up(&browser, "bob@example.com").await;
    let r = app.sign_in(&browser, "cy@example.com").await;
    assert_error(&r, 422, "max_sessions_reached");
    let r = browser
        .post_form(
            "/v1/client/sign_ups",
            &[("email_address", "dee@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_error(&r, 422, "max_sessions_reached");
    assert_eq!(
        browser.get("/v1/client").await.json()["client"]["sessions"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn a_short_password_an_existing_email_and_a_bad_email_are_refused_at_sign_up() {
    let app = spawn_app().await;
    let browser = app.client();
    let r = browser
        .post_form(
            "/v1/client/sign_ups",
            &[("email_address", "ada@example.com"), ("password", "short")],
        )
        .await;
    assert_error(&r, 422, "password_too_short");
    assert_eq!(r.json()["errors"][0]["meta"]["param_name"], "password");
    app.sign_up(&browser, "ada@example.com").await;
    let r = app
        .client()
        .post_form(
            "/v1/client/sign_ups",
            &[("email_address", "Ada@Example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_error(&r, 422, "identifier_exists");
    let r = app
        .client()
        .post_form(
            "/v1/client/sign_ups",
            &[("email_address", "not-an-email"), ("password", PASSWORD)],
        )
        .await;
    assert_error(&r, 422, "invalid_param");
    assert_eq!(r.json()["errors"][0]["meta"]["param_name"], "email_address");
}

#[tokio::test]
async fn invalid_params_name_the_parameter_at_fault() {
    let app = spawn_app().await;
    let c = app.client();
    let cases = [
        (json!({"password": PASSWORD}), "identifier"),
        (json!({"identifier": "a@b.c"}), "password"),
        (
            json!({"identifier": "a@b.c", "password": 12345678}),
            "password",
        ),
        (
            json!({"identifier": ["a"], "password": PASSWORD}),
            "identifier",
        ),
        (
            json!({"identifier": "x".repeat(300), "password": PASSWORD}),
            "identifier",
        ),
    ];
    for (body, param) in cases {
        let r = c.post_json("/v1/client/sign_ins", body).await;
        assert_error(&r, 422, "invalid_param");
        assert_eq!(r.json()["errors"][0]["meta"]["param_name"], param);
    }
    let r = c
        .post_form("/v1/client/sign_ups", &[("email_address", "a@b.c")])
        .await;
    assert_eq!(r.json()["errors"][0]["meta"]["param_name"], "password");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_look_the_same() {
    let app = spawn_app().await;
    app.sign_up(&app.client(), "ada@example.com").await;
    let wrong = app
        .client()
        .post_form(
            "/v1/client/sign_ins",
            &[
                ("identifier", "ada@example.com"),
                ("password", "wrong password"),
            ],
        )
        .await;
    let unknown = app
        .client()
        .post_form(
            "/v1/client/sign_ins",
            &[
                ("identifier", "nobody@example.com"),
                ("password", "wrong password"),
            ],
        )
        .await;
    assert_error(&wrong, 422, "invalid_credentials");
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.body, unknown.body);
    assert!(wrong.set_cookies().is_empty() && unknown.set_cookies().is_empty());
}

#[tokio::test]
async fn unknown_and_foreign_session_ids_are_not_found() {
    let app = spawn_app().await;
    let mine = app.client();
    app.sign_up(&mine, "ada@example.com").await;
    let theirs = app.client();
    let foreign = app.sign_up(&theirs, "bob@example.com").await;
    for action in ["touch", "tokens", "remove"] {
        for id in [
            foreign.as_str(),
            "sess_doesnotexist",
            "not-an-id",
            "sess_%2e%2e",
        ] {
            let r = mine
                .post_form(&format!("/v1/client/sessions/{id}/{action}"), &[])
                .await;
            assert_error(&r, 404, "session_not_found");
        }
    }
    // The foreign session is untouched.
    app.token(&theirs, &foreign).await;
}

#[tokio::test]
async fn session_calls_without_a_client_cookie_get_client_not_found() {
    let app = spawn_app().await;
    let owner = app.client();
    let sid = app.sign_up(&owner, "ada@example.com").await;
    let r = app
        .client()
        .post_form(&format!("/v1/client/sessions/{sid}/tokens"), &[])
        .await;
    assert_error(&r, 401, "client_not_found");
}

#[tokio::test]
async fn too_many_sign_ins_get_429_with_retry_after_until_the_window_passes() {
    let app = spawn_app_with(|c| {
        c.file.rate_limits.sign_in_per_identifier_per_ip = 2;
        c.file.rate_limits.window_seconds = 60;
    })
    .await;
    app.sign_up(&app.client(), "ada@example.com").await;
    let c = app.client();
    for _ in 0..2 {
        let r = c
            .post_form(
                "/v1/client/sign_ins",
                &[
                    ("identifier", "ada@example.com"),
                    ("password", "wrong password"),
                ],
            )
            .await;
        assert_error(&r, 422, "invalid_credentials");
    }
    let r = app.sign_in(&c, "ada@example.com").await;
    assert_error(&r, 429, "too_many_requests");
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    app.clock.advance_secs(60);
    assert_eq!(app.sign_in(&c, "ada@example.com").await.status, 200);
}

#[tokio::test]
async fn too_many_sign_ins_from_one_ip_are_limited_across_identifiers() {
    let app = spawn_app_with(|c| c.file.rate_limits.sign_in_per_ip = 3).await;
    let c = app.client();
    for i in 0..3 {
        let r = c
            .post_form(
                "/v1/client/sign_ins",
                &[
                    ("identifier", &format!("u{i}@example.com")),
                    ("password", "x"),
                ],
            )
            .await;
        assert_error(&r, 422, "invalid_credentials");
    }
    let r = c
        .post_form(
            "/v1/client/sign_ins",
            &[("identifier", "u9@example.com"), ("password", "x")],
        )
        .await;
    assert_error(&r, 429, "too_many_requests");
    assert!(r.header("retry-after").is_some());
}

#[tokio::test]
async fn too_many_sign_ups_from_one_ip_are_limited() {
    let app = spawn_app_with(|c| c.file.rate_limits.sign_up_per_ip = 1).await;
    app.sign_up(&app.client(), "ada@example.com").await;
    let r = app
        .client()
        .post_form(
            "/v1/client/sign_ups",
            &[("email_address", "bob@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_error(&r, 429, "too_many_requests");
}

#[tokio::test]
async fn unknown_routes_and_wrong_methods_get_structured_errors() {
    let app = spawn_app().await;
    let c = app.client();
    assert_error(&c.get("/v1/nope").await, 404, "resource_not_found");
    assert_error(&c.get("/nope").await, 404, "resource_not_found");
    assert_error(
        &c.post_form("/v1/environment", &[]).await,
        405,
        "method_not_allowed",
    );
    assert_error(
        &c.get("/v1/client/sign_ins").await,
        405,
        "method_not_allowed",
    );
    assert_error(
        &c.delete("/v1/client/sign_ups").await,
        405,
        "method_not_allowed",
    );
}
