//! Security headers over real HTTP: static pages cannot be framed (or only by the configured
//! `frame_ancestors`), API answers and errors are `nosniff`, HSTS outside `--dev` only.

use crate::common::{spawn_app_with, Resp, TestApp};
use std::path::Path;

/// A server with `www` at `/` (an index and a sign-in page) after `tweak`.
async fn serve_pages(
    www: &Path,
    tweak: impl FnOnce(&mut clerk_server::Config) + Send + 'static,
) -> TestApp {
    std::fs::create_dir_all(www.join("sign-in")).unwrap();
    std::fs::write(www.join("index.html"), "<h1>home</h1>").unwrap();
    std::fs::write(www.join("sign-in/index.html"), "<h1>sign in</h1>").unwrap();
    std::fs::write(www.join("app.js"), "export {}").unwrap();
    let www = www.to_path_buf();
    spawn_app_with(move |c| {
        c.static_dirs.push((String::new(), www));
        tweak(c);
    })
    .await
}

fn assert_not_framable(r: &Resp, what: &str) {
    assert_eq!(
        r.header("x-frame-options").as_deref(),
        Some("DENY"),
        "{what}"
    );
    assert_eq!(
        r.header("content-security-policy").as_deref(),
        Some("frame-ancestors 'none'"),
        "{what}"
    );
}

#[tokio::test]
async fn static_pages_cannot_be_framed_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let app = serve_pages(dir.path(), |_| {}).await;
    let client = app.client();
    for path in ["/", "/sign-in/", "/app.js"] {
        let r = client.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        assert_not_framable(&r, path);
    }
}

#[tokio::test]
async fn configured_frame_ancestors_replace_deny_with_the_listed_origins() {
    let dir = tempfile::tempdir().unwrap();
    let app = serve_pages(dir.path(), |c| {
        c.file.http.frame_ancestors = vec!["'self'".into(), "https://app.example.com".into()];
    })
    .await;
    let r = app.client().get("/sign-in/").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-security-policy").as_deref(),
        Some("frame-ancestors 'self' https://app.example.com")
    );
    assert_eq!(r.header("x-frame-options"), None, "it cannot name origins");
}

#[tokio::test]
async fn api_answers_and_errors_carry_nosniff() {
    let app = spawn_app_with(|_| {}).await;
    let client = app.client();
    let foreign = client.with_origin(Some("https://evil.example"));
    let answers = [
        (
            "GET /v1/environment",
            client.get("/v1/environment").await,
            200,
        ),
        ("GET /v1/nope", client.get("/v1/nope").await, 404),
        (
            "DELETE /v1/environment",
            client.delete("/v1/environment").await,
            405,
        ),
        (
            "a foreign sign-in",
            foreign.post_form("/v1/client/sign_ins", &[]).await,
            403,
        ),
        (
            "GET /v1/me/sessions",
            client.get("/v1/me/sessions").await,
            401,
        ),
        (
            "GET the JWKS",
            client.get("/.well-known/jwks.json").await,
            200,
        ),
    ];
    for (what, r, status) in answers {
        assert_eq!(r.status, status, "{what}: {}", r.text());
        assert_eq!(
            r.header("x-content-type-options").as_deref(),
            Some("nosniff"),
            "{what}"
        );
    }
}

#[tokio::test]
async fn hsts_is_sent_outside_dev_mode_and_not_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let production = serve_pages(&dir.path().join("a"), |_| {}).await;
    for path in ["/v1/environment", "/", "/v1/nope"] {
        let r = production.client().get(path).await;
        assert_eq!(
            r.header("strict-transport-security").as_deref(),
            Some("max-age=31536000"),
            "{path}"
        );
    }
    let dev = serve_pages(&dir.path().join("b"), |c| c.dev = true).await;
    for path in ["/v1/environment", "/"] {
        let r = dev.client().get(path).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("strict-transport-security"), None, "{path}");
    }
    let off = spawn_app_with(|c| c.file.http.hsts_max_age_seconds = 0).await;
    let r = off.client().get("/v1/environment").await;
    assert_eq!(
        r.header("strict-transport-security"),
        None,
        "0 turns it off"
    );
}
