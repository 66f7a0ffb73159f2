//! Security headers on every answer, added by the edge middleware ([`super::cors::cors_layer`],
//! around every route) after everything else, so errors, the origin check's 403 and the JSON
//! 404 get them too. (One middleware rather than two: each `from_fn` layer costs about 2,000
//! instructions per request, measured with callgrind.)
//!
//! Security rules:
//! - `X-Content-Type-Options: nosniff` on every answer: the API's JSON (under `/v1`, the JWKS)
//!   and its errors are never read as HTML or script, and static files keep their declared type.
//! - Static answers (everything outside `/v1` and the JWKS) cannot be framed, so the sign-in and
//!   account pages cannot be overlaid for clickjacking: `Content-Security-Policy:
//!   frame-ancestors 'none'` and `X-Frame-Options: DENY` by default; with `[http]
//!   frame_ancestors` listed, `frame-ancestors <list>` and no `X-Frame-Options` (which cannot
//!   name origins).
//! - Outside `--dev`, `Strict-Transport-Security: max-age=<hsts_max_age_seconds>` on every answer
//!   (browsers heed it only over HTTPS, i.e. behind the TLS proxy); 0 turns it off.

use crate::config::Config;
use axum::http::{header, HeaderMap, HeaderValue};

/// The header values, built once from the config.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    frame_policy: HeaderValue,
    deny_framing: bool,
    hsts: Option<HeaderValue>,
}

impl SecurityHeaders {
    /// The headers `config` asks for.
    pub fn new(config: &Config) -> Self {
        let http = &config.file.http;
        let listed = HeaderValue::from_str(&http.frame_ancestors_policy()).ok();
        let (frame_policy, deny_framing) = match listed {
            Some(policy) if !http.frame_ancestors.is_empty() => (policy, false),
            // The default, and the fallback should a listed value not fit in a header (the
            // config's validation refuses those): no framing at all.
            _ => (HeaderValue::from_static("frame-ancestors 'none'"), true),
        };
        let hsts = (!config.dev && http.hsts_max_age_seconds > 0).then(|| {
            HeaderValue::from_str(&format!("max-age={}", http.hsts_max_age_seconds))
                .unwrap_or(HeaderValue::from_static("max-age=31536000"))
        });
        Self {
            frame_policy,
            deny_framing,
            hsts,
        }
    }
}

/// Whether `path` is the API (JSON answers) rather than a static file.
pub fn is_api(path: &str) -> bool {
    path == "/v1" || path.starts_with("/v1/") || path == clerk_protocol::routes::JWKS
}

impl SecurityHeaders {
    /// Adds the headers to an answer to a request for `path`.
    pub fn apply(&self, path_is_api: bool, h: &mut HeaderMap) {
        h.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        if !path_is_api {
            h.insert(header::CONTENT_SECURITY_POLICY, self.frame_policy.clone());
            if self.deny_framing {
                h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
            }
        }
        if let Some(hsts) = &self.hsts {
            h.insert(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_is_v1_and_the_jwks() {
        assert!(is_api("/v1/client"));
        assert!(is_api("/v1"));
        assert!(is_api("/.well-known/jwks.json"));
        assert!(!is_api("/v1x"));
        assert!(!is_api("/sign-in/"));
    }

    #[test]
    fn dev_mode_and_zero_turn_hsts_off() {
        let mut config = Config::new("sqlite::memory:");
        assert!(SecurityHeaders::new(&config).hsts.is_some());
        config.dev = true;
        assert!(SecurityHeaders::new(&config).hsts.is_none());
        config.dev = false;
        config.file.http.hsts_max_age_seconds = 0;
        assert!(SecurityHeaders::new(&config).hsts.is_none());
    }
}
