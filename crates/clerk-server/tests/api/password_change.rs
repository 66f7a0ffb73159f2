//! `POST /v1/me/change_password` over real HTTP: the account's other sessions on every device
//! are revoked at once (their tokens refused), while this session and the other accounts on
//! this browser stay; the old password stops working. Wrong or missing input is a structured
//! 4xx, and the change needs a recent verification.

use crate::common::me::{age_past_reverification, bearer, created_session, me_call, reverify};
use crate::common::*;
use reqwest::Method;

const ADA: &str = "ada@example.com";
const BOB: &str = "bob@example.com";
const NEW: &str = "a brand new passphrase";
const PATH: &str = clerk_protocol::routes::ME_CHANGE_PASSWORD;

/// A request's form fields.
type Fields<'a> = &'a [(&'a str, &'a str)];

async fn sign_in_with(app: &TestApp, email: &str, password: &str) -> Resp {
    app.clock.advance_ms(1);
    let fields = [("identifier", email), ("password", password)];
    app.client().post_form("/v1/client/sign_ins", &fields).await
}

#[tokio::test]
async fn a_change_signs_the_account_out_elsewhere_and_keeps_this_browser_signed_in() {
    let app = spawn_app().await;
    let here = app.client();
    let bob = app.sign_up(&here, BOB).await;
    let ada = app.sign_up(&here, ADA).await;
    let phone = app.client();
    let ada_phone = created_session(&app.sign_in(&phone, ADA).await);
    let phone_token = app.token(&phone, &ada_phone).await;
    let fields = [("current_password", PASSWORD), ("new_password", NEW)];
    let r = me_call(&app, &here, &ada, Method::POST, PATH, &fields).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["object"], "user");
    assert_eq!(session_ids(&r.json()), vec![bob.clone(), ada.clone()]);
    // The phone's session is revoked at once: its token and its cookie calls are refused.
    assert_error(
        &phone.get_bearer("/v1/me", &phone_token).await,
        401,
        "authentication_invalid",
    );
    let path = clerk_protocol::routes::session_tokens(&ada_phone);
    assert_error(&phone.post_form(&path, &[]).await, 401, "session_expired");
    assert!(session_ids(&phone.get("/v1/client").await.json()).is_empty());
    // Here both accounts stay signed in and usable.
    app.token(&here, &ada).await;
    app.token(&here, &bob).await;
    assert_error(
        &sign_in_with(&app, ADA, PASSWORD).await,
        422,
        "invalid_credentials",
    );
    assert_eq!(sign_in_with(&app, ADA, NEW).await.status, 200);
}

#[tokio::test]
async fn other_sessions_stay_when_not_asked_to_sign_out() {
    let app = spawn_app().await;
    let here = app.client();
    let ada = app.sign_up(&here, ADA).await;
    let phone = app.client();
    let ada_phone = created_session(&app.sign_in(&phone, ADA).await);
    let fields = [
        ("current_password", PASSWORD),
        ("new_password", NEW),
        ("sign_out_of_other_sessions", "false"),
    ];
    let r = me_call(&app, &here, &ada, Method::POST, PATH, &fields).await;
    assert_eq!(r.status, 200, "{}", r.text());
    app.token(&phone, &ada_phone).await;
}

#[tokio::test]
async fn a_wrong_current_password_or_bad_input_changes_nothing() {
    let app = spawn_app().await;
    let here = app.client();
    let ada = app.sign_up(&here, ADA).await;
    let cases: [(Fields, u16, &str); 5] = [
        (
            &[("current_password", "wrong one!"), ("new_password", NEW)],
            422,
            "form_password_incorrect",
        ),
        (
            &[("current_password", PASSWORD), ("new_password", "short")],
            422,
            "password_too_short",
        ),
        (&[("new_password", NEW)], 422, "invalid_param"),
        (&[("current_password", PASSWORD)], 422, "invalid_param"),
        (
            &[
                ("current_password", PASSWORD),
                ("new_password", NEW),
                ("sign_out_of_other_sessions", "maybe"),
            ],
            422,
            "invalid_param",
        ),
    ];
    for (fields, status, code) in cases {
        let r = me_call(&app, &here, &ada, Method::POST, PATH, fields).await;
        assert_error(&r, status, code);
    }
    assert_eq!(sign_in_with(&app, ADA, PASSWORD).await.status, 200);
    // An old verification: refused before the password is even checked.
    age_past_reverification(&app);
    let fields = [("current_password", PASSWORD), ("new_password", NEW)];
    let r = me_call(&app, &here, &ada, Method::POST, PATH, &fields).await;
    assert_error(&r, 403, "reverification_required");
    assert_eq!(reverify(&app, &here, &ada).await.status, 200);
    let r = me_call(&app, &here, &ada, Method::POST, PATH, &fields).await;
    assert_eq!(r.status, 200, "{}", r.text());
    // No token, or a template-less forged one: 401.
    let r = bearer(&here, "not.a.token", Method::POST, PATH, &fields).await;
    assert_error(&r, 401, "authentication_invalid");
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled_like_a_sign_in() {
    let app = spawn_app().await;
    let here = app.client();
    let ada = app.sign_up(&here, ADA).await;
    let limit = app.file.rate_limits.sign_in_per_identifier_per_ip;
    let fields = [("current_password", "guess guess"), ("new_password", NEW)];
    for _ in 0..limit {
        let r = me_call(&app, &here, &ada, Method::POST, PATH, &fields).await;
        assert_error(&r, 422, "form_password_incorrect");
    }
    let r = me_call(&app, &here, &ada, Method::POST, PATH, &fields).await;
    assert_error(&r, 429, "too_many_requests");
}
