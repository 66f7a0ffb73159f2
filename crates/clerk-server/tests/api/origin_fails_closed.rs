//! The origin check fails closed over raw HTTP: an `Origin` that is not visible ASCII, or
//! several `Origin` headers (even with an allowed one first), count as a foreign origin: 403
//! `origin_not_allowed` on state-changing requests and preflights, no CORS headers on reads.

use crate::common::raw::{connect, exchange, RawAnswer};
use crate::common::{spawn_app_with, TestApp};
use std::time::Duration;

const ALLOWED: &[u8] = b"https://app.example.com";

async fn app() -> TestApp {
    spawn_app_with(|c| c.file.allowed_origins = vec!["https://app.example.com".into()]).await
}

/// `method path` with one `Origin` line per entry of `origins` (raw bytes) and `extra` lines.
fn request(method: &str, path: &str, origins: &[&[u8]], extra: &str, body: &str) -> Vec<u8> {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n").into_bytes();
    for origin in origins {
        r.extend_from_slice(b"Origin: ");
        r.extend_from_slice(origin);
        r.extend_from_slice(b"\r\n");
    }
    r.extend_from_slice(format!("{extra}Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    r
}

async fn send(app: &TestApp, request: &[u8]) -> RawAnswer {
    let mut stream = connect(&app.url).await;
    exchange(&mut stream, request, Duration::from_secs(10)).await
}

fn sign_in(origins: &[&[u8]]) -> Vec<u8> {
    request(
        "POST",
        "/v1/client/sign_ins",
        origins,
        "Content-Type: application/x-www-form-urlencoded\r\n",
        "identifier=nobody%40example.com&password=wrong-password",
    )
}

fn preflight(origins: &[&[u8]]) -> Vec<u8> {
    request(
        "OPTIONS",
        "/v1/client/sign_ins",
        origins,
        "Access-Control-Request-Method: POST\r\n",
        "",
    )
}

fn read(origins: &[&[u8]]) -> Vec<u8> {
    request("GET", "/v1/environment", origins, "", "")
}

/// The allowed origin alone passes: the refusals below are about the headers, not the origin.
async fn assert_the_allowed_origin_alone_passes(app: &TestApp) {
    let a = send(app, &sign_in(&[ALLOWED])).await;
    assert_eq!(a.status, 422, "past the origin check to the credentials");
    assert_eq!(send(app, &preflight(&[ALLOWED])).await.status, 204);
    let a = send(app, &read(&[ALLOWED])).await;
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
}

/// Asserts `a` is the structured 403 `origin_not_allowed`.
fn assert_refused(a: &RawAnswer, what: &str) {
    let body = String::from_utf8_lossy(&a.body);
    assert_eq!(a.status, 403, "{what}: {body}");
    let json: serde_json::Value = serde_json::from_slice(&a.body).expect("a JSON error");
    assert_eq!(json["errors"][0]["code"], "origin_not_allowed", "{what}");
}

#[tokio::test]
async fn an_origin_that_is_not_visible_ascii_is_refused() {
    let app = app().await;
    assert_the_allowed_origin_alone_passes(&app).await;
    for origin in [
        "https://\u{e9}vil.example".as_bytes(),
        b"https://app.example.com\x80".as_slice(),
    ] {
        let what = String::from_utf8_lossy(origin).into_owned();
        assert_refused(&send(&app, &sign_in(&[origin])).await, &what);
        assert_refused(&send(&app, &preflight(&[origin])).await, &what);
        let a = send(&app, &read(&[origin])).await;
        assert_eq!(a.status, 200, "{what}: reads are still answered");
        assert_eq!(a.header("access-control-allow-origin"), None, "{what}");
        assert_eq!(a.header("access-control-allow-credentials"), None, "{what}");
    }
}

#[tokio::test]
async fn several_origin_headers_are_refused_even_with_the_allowed_one_first() {
    let app = app().await;
    assert_the_allowed_origin_alone_passes(&app).await;
    for origins in [
        [ALLOWED, b"https://evil.example".as_slice()],
        [ALLOWED, ALLOWED],
    ] {
        let what = format!("{:?}", origins.map(String::from_utf8_lossy));
        assert_refused(&send(&app, &sign_in(&origins)).await, &what);
        assert_refused(&send(&app, &preflight(&origins)).await, &what);
        let a = send(&app, &read(&origins)).await;
        assert_eq!(a.status, 200, "{what}");
        assert_eq!(a.header("access-control-allow-origin"), None, "{what}");
    }
}
