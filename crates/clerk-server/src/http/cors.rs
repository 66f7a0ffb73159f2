//! Origin checks and CORS, as one middleware around every route; it also adds the security
//! headers of [`super::security_headers`] to every answer, its own 403s included.
//!
//! Security rules:
//! - A state-changing request (anything but GET, HEAD, OPTIONS) carrying an `Origin` header must
//!   come from an allowed origin: one of `allowed_origins`, in `--dev` any http://localhost:* or
//!   http://127.0.0.1:*, or the server's own origin. Otherwise 403 `origin_not_allowed`.
//!   (Requests without `Origin` are not from a browser's cross-site context and pass.)
//!   Fail closed: several `Origin` headers, or one that is not visible ASCII, count as a
//!   disallowed origin (403 on state-changing requests and preflights, no CORS headers on others),
//!   never as no origin, and never as the first of them.
//! - CORS answers only allowed origins, echoing the exact origin (never `*`) with credentials.
//! - Everything under `/v1` is `Cache-Control: no-store` and `Vary: Origin`, but for a profile
//!   picture served under `/v1/images/` (content-addressed: its own immutable caching).

use crate::error::AppError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Whether `origin` may make credentialed and state-changing requests to a server reached as
/// `host`.
pub fn origin_allowed(origin: &str, host: Option<&str>, allowed: &[String], dev: bool) -> bool {
    if origin == "null" || origin.is_empty() {
        return false;
    }
    if allowed.iter().any(|a| a.trim_end_matches('/') == origin) {
        return true;
    }
    if dev {
        if let Some(rest) = origin.strip_prefix("http://") {
            let name = rest.split(':').next().unwrap_or("");
            let port_ok = rest
                .split_once(':')
                .is_none_or(|(_, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if (name == "localhost" || name == "127.0.0.1") && port_ok {
                return true;
            }
        }
    }
    host.is_some_and(|h| {
        origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            == Some(h)
    })
}

/// What a request's `Origin` headers say.
#[derive(Debug, PartialEq, Eq)]
enum RequestOrigin {
    /// No `Origin` header.
    Absent,
    /// Exactly one, of visible ASCII.
    One(String),
    /// Several, or one with bytes outside visible ASCII: treated as a foreign origin.
    Unreadable,
}

fn request_origin(headers: &HeaderMap) -> RequestOrigin {
    let mut values = headers.get_all(header::ORIGIN).iter();
    match (values.next(), values.next()) {
        (None, _) => RequestOrigin::Absent,
        (Some(v), None) => v.to_str().map_or(RequestOrigin::Unreadable, |o| {
            RequestOrigin::One(o.to_owned())
        }),
        (Some(_), Some(_)) => RequestOrigin::Unreadable,
    }
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The middleware: origin check, preflights, CORS and cache headers.
pub async fn cors_layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    let (origin, allowed) = match request_origin(req.headers()) {
        RequestOrigin::Absent => (None, None),
        RequestOrigin::Unreadable => (None, Some(false)),
        RequestOrigin::One(o) => {
            let ok = origin_allowed(
                &o,
                host,
                &state.config.file.allowed_origins,
                state.config.dev,
            );
            (Some(o), Some(ok))
        }
    };
    let path = req.uri().path();
    let is_api = path == "/v1" || path.starts_with("/v1/");
    let is_image = path.starts_with("/v1/images/");
    let json_api = super::security_headers::is_api(path);
    let is_preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);

    let mut response =
        if allowed == Some(false) && (is_preflight || is_state_changing(req.method())) {
            AppError::OriginNotAllowed.into_response()
        } else if is_preflight {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NO_CONTENT;
            let h = r.headers_mut();
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, POST, PATCH, DELETE, OPTIONS"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("authorization, content-type"),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
            r
        } else {
            next.run(req).await
        };

    let image_served = is_image
        && (response.status() == StatusCode::OK || response.status() == StatusCode::NOT_MODIFIED);
    let h = response.headers_mut();
    if is_api && !image_served {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    if allowed == Some(true) {
        if let Some(v) = origin.and_then(|o| HeaderValue::from_str(&o).ok()) {
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
            h.insert(
                header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                HeaderValue::from_static("true"),
            );
            // A 429's wait (the UI's resend countdown) must be readable cross-origin.
            h.insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static("Retry-After"),
            );
        }
    }
    state.security_headers.apply(json_api, h);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_origins_and_the_own_origin_are_allowed() {
        let list = vec!["https://app.example.com/".to_owned()];
        assert!(origin_allowed(
            "https://app.example.com",
            Some("api.example.com"),
            &list,
            false
        ));
        assert!(origin_allowed(
            "https://api.example.com",
            Some("api.example.com"),
            &list,
            false
        ));
        assert!(!origin_allowed(
            "https://evil.example.com",
            Some("api.example.com"),
            &list,
            false
        ));
        assert!(!origin_allowed(
            "null",
            Some("api.example.com"),
            &list,
            true
        ));
    }

    #[test]
    fn several_or_unreadable_origins_are_unreadable() {
        let mut h = HeaderMap::new();
        assert_eq!(request_origin(&h), RequestOrigin::Absent);
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://a.example"),
        );
        assert_eq!(
            request_origin(&h),
            RequestOrigin::One("https://a.example".into())
        );
        h.append(
            header::ORIGIN,
            HeaderValue::from_static("https://a.example"),
        );
        assert_eq!(request_origin(&h), RequestOrigin::Unreadable);
        let mut h = HeaderMap::new();
        let bytes = HeaderValue::from_bytes(b"https://\xc3\xa9.example").unwrap();
        h.insert(header::ORIGIN, bytes);
        assert_eq!(request_origin(&h), RequestOrigin::Unreadable);
    }

    #[test]
    fn dev_mode_allows_loopback_on_any_port_only() {
        assert!(origin_allowed("http://localhost:5173", None, &[], true));
        assert!(origin_allowed("http://127.0.0.1:9", None, &[], true));
        assert!(origin_allowed("http://localhost", None, &[], true));
        assert!(!origin_allowed("http://localhost:5173", None, &[], false));
        assert!(!origin_allowed(
            "http://localhost.evil.com",
            None,
            &[],
            true
        ));
        assert!(!origin_allowed(
            "http://127.0.0.1:80@evil.com",
            None,
            &[],
            true
        ));
        assert!(!origin_allowed("https://localhost:1", None, &[], true));
    }
}
