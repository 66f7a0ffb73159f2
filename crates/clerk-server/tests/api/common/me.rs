//! Calls of the `/v1/me` endpoints as the SDK makes them: a session token in
//! `Authorization: Bearer`, form-encoded fields, the browser's cookie beside it.

use super::{Resp, TestApp, TestClient};
use reqwest::Method;

/// `method` `path` with `fields` and a fresh token of `session` on `browser`, one ms later.
pub async fn me_call(
    app: &TestApp,
    browser: &TestClient,
    session: &str,
    method: Method,
    path: &str,
    fields: &[(&str, &str)],
) -> Resp {
    let token = app.token(browser, session).await;
    app.clock.advance_ms(1);
    bearer(browser, &token, method, path, fields).await
}

/// `method` `path` with `fields` and `token`.
pub async fn bearer(
    browser: &TestClient,
    token: &str,
    method: Method,
    path: &str,
    fields: &[(&str, &str)],
) -> Resp {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let auth = format!("Bearer {token}");
    let headers = [
        ("authorization", auth.as_str()),
        ("content-type", "application/x-www-form-urlencoded"),
    ];
    browser
        .send(method, path, &headers, Some(body.into_bytes()))
        .await
}

/// The id of the session a sign-in answer created.
pub fn created_session(r: &Resp) -> String {
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Moves `app`'s clock past the re-verification window (10 minutes and 1 ms).
pub fn age_past_reverification(app: &TestApp) {
    app.clock.advance_ms(600_001);
}

/// `POST /v1/client/sessions/{session}/verify` with the test password.
pub async fn reverify(app: &TestApp, browser: &TestClient, session: &str) -> Resp {
    app.clock.advance_ms(1);
    let path = clerk_protocol::routes::session_verify(session);
    browser
        .post_form(
            &path,
            &[("strategy", "password"), ("password", super::PASSWORD)],
        )
        .await
}

/// `POST /v1/me/profile_image` with `body` as `content_type`, for `session` on `browser`.
pub async fn upload_raw(
    app: &TestApp,
    browser: &TestClient,
    session: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Resp {
    let token = app.token(browser, session).await;
    app.clock.advance_ms(1);
    let auth = format!("Bearer {token}");
    let headers = [
        ("authorization", auth.as_str()),
        ("content-type", content_type),
    ];
    let path = clerk_protocol::routes::ME_PROFILE_IMAGE;
    browser.send(Method::POST, path, &headers, Some(body)).await
}

/// `POST /v1/me/profile_image` with `file` in the field `file`, as a browser's `FormData`.
pub async fn upload(app: &TestApp, browser: &TestClient, session: &str, file: &[u8]) -> Resp {
    let body = super::images::multipart("file", "me.png", "image/png", file);
    let ct = format!("multipart/form-data; boundary={}", super::images::BOUNDARY);
    upload_raw(app, browser, session, &ct, body).await
}
