//! `[http]`: limits of the HTTP connection layer ([`crate::serve`]) and the security headers of
//! every answer ([`crate::http::security_headers`]). Every key is documented in `CONFIG.md`.
//!
//! Security rule: a value that cannot work (a zero timeout, no connections at all, a request-head
//! limit outside what hyper can enforce, a frame ancestor that would break the header) is
//! refused at start-up with a message naming the key, never silently corrected.

use crate::error::AppError;
use serde::Deserialize;

/// The smallest `max_request_head_bytes` (hyper's smallest read buffer).
pub const MIN_REQUEST_HEAD_BYTES: usize = 8192;
/// The largest `max_request_head_bytes`.
pub const MAX_REQUEST_HEAD_BYTES: usize = 65536;
/// The longest timeout accepted, in seconds (one hour).
const MAX_TIMEOUT_SECONDS: u64 = 3600;

/// The `[http]` table of the config file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpSettings {
    /// Seconds a connection may take to send a complete request head, counted from when the
    /// server starts waiting for it (the connection opened, or the previous answer was sent).
    pub header_read_timeout_seconds: u64,
    /// Seconds a connection may stay open with no byte moving in either direction while none of
    /// its requests is being handled (a keep-alive wait, a stalled body, an answer not read).
    pub idle_timeout_seconds: u64,
    /// The most connections open at once; further ones wait in the kernel's accept queue.
    pub max_connections: usize,
    /// The longest request head (request line and headers) in bytes; past it, 431.
    pub max_request_head_bytes: usize,
    /// Origins allowed to frame the static pages (`Content-Security-Policy: frame-ancestors`);
    /// empty means none (`frame-ancestors 'none'` and `X-Frame-Options: DENY`).
    pub frame_ancestors: Vec<String>,
    /// `Strict-Transport-Security: max-age` outside `--dev`; 0 sends no HSTS header.
    pub hsts_max_age_seconds: u64,
    /// The server's public base URL (`https://auth.example.com`, no path), which profile
    /// pictures' `image_url` starts with; empty: the request's `Host` (`http://` in `--dev`,
    /// else `https://`).
    pub public_url: String,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            header_read_timeout_seconds: 10,
            idle_timeout_seconds: 60,
            max_connections: 4096,
            max_request_head_bytes: MAX_REQUEST_HEAD_BYTES,
            frame_ancestors: Vec::new(),
            hsts_max_age_seconds: 365 * 24 * 3600,
            public_url: String::new(),
        }
    }
}

impl HttpSettings {
    /// Refuses settings that cannot work, naming the key.
    pub fn validate(&self) -> Result<(), AppError> {
        let timeout = |key: &str, value: u64| {
            if (1..=MAX_TIMEOUT_SECONDS).contains(&value) {
                Ok(())
            } else {
                Err(AppError::Config(format!(
                    "http.{key} must be between 1 and {MAX_TIMEOUT_SECONDS} seconds (got {value})"
                )))
            }
        };
        timeout(
            "header_read_timeout_seconds",
            self.header_read_timeout_seconds,
        )?;
        timeout("idle_timeout_seconds", self.idle_timeout_seconds)?;
        if self.max_connections == 0 {
            return Err(AppError::Config(
                "http.max_connections must be at least 1".into(),
            ));
        }
        if !(MIN_REQUEST_HEAD_BYTES..=MAX_REQUEST_HEAD_BYTES).contains(&self.max_request_head_bytes)
        {
            return Err(AppError::Config(format!(
                "http.max_request_head_bytes must be between {MIN_REQUEST_HEAD_BYTES} and \
                 {MAX_REQUEST_HEAD_BYTES} (got {})",
                self.max_request_head_bytes
            )));
        }
        for source in &self.frame_ancestors {
            let usable = !source.is_empty()
                && source
                    .bytes()
                    .all(|b| b.is_ascii_graphic() && b != b';' && b != b',');
            if !usable || source == "'none'" {
                return Err(AppError::Config(format!(
                    "http.frame_ancestors: {source:?} is not a CSP source such as \
                     \"https://app.example.com\" or \"'self'\" (no spaces, commas or semicolons; \
                     leave the list empty to forbid framing)"
                )));
            }
        }
        self.validate_public_url()
    }

    fn validate_public_url(&self) -> Result<(), AppError> {
        if self.public_url.is_empty() {
            return Ok(());
        }
        let usable = url::Url::parse(&self.public_url).is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https")
                && u.host().is_some()
                && u.path() == "/"
                && u.query().is_none()
                && u.fragment().is_none()
                && u.username().is_empty()
        });
        if usable {
            Ok(())
        } else {
            Err(AppError::Config(format!(
                "http.public_url: {:?} is not a base URL such as \"https://auth.example.com\" \
                 (http or https, a host, no path, query or credentials)",
                self.public_url
            )))
        }
    }

    /// The `Content-Security-Policy` value for static answers.
    pub fn frame_ancestors_policy(&self) -> String {
        if self.frame_ancestors.is_empty() {
            "frame-ancestors 'none'".to_owned()
        } else {
            format!("frame-ancestors {}", self.frame_ancestors.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<HttpSettings, AppError> {
        let s: HttpSettings = toml::from_str(text).map_err(|e| AppError::Config(e.to_string()))?;
        s.validate()?;
        Ok(s)
    }

    #[test]
    fn an_empty_table_gives_the_documented_defaults() {
        let s = parse("").unwrap();
        assert_eq!(s, HttpSettings::default());
        assert_eq!(s.header_read_timeout_seconds, 10);
        assert_eq!(s.idle_timeout_seconds, 60);
        assert_eq!(s.max_connections, 4096);
        assert_eq!(s.max_request_head_bytes, 65536);
        assert_eq!(s.hsts_max_age_seconds, 31_536_000);
        assert_eq!(s.frame_ancestors_policy(), "frame-ancestors 'none'");
    }

    #[test]
    fn values_that_cannot_work_are_refused_naming_the_key() {
        for (text, key) in [
            (
                "header_read_timeout_seconds = 0",
                "header_read_timeout_seconds",
            ),
            ("idle_timeout_seconds = 0", "idle_timeout_seconds"),
            ("idle_timeout_seconds = 86400", "idle_timeout_seconds"),
            ("max_connections = 0", "max_connections"),
            ("max_request_head_bytes = 4096", "max_request_head_bytes"),
            ("max_request_head_bytes = 1048576", "max_request_head_bytes"),
            (
                "frame_ancestors = [\"https://a.example; script-src *\"]",
                "frame_ancestors",
            ),
            ("frame_ancestors = [\"\"]", "frame_ancestors"),
            ("frame_ancestors = [\"'none'\"]", "frame_ancestors"),
        ] {
            let e = parse(text).unwrap_err().to_string();
            assert!(e.contains(&format!("http.{key}")), "{text}: {e}");
        }
        assert!(
            parse("max_conections = 3").is_err(),
            "unknown keys are refused"
        );
    }

    #[test]
    fn a_public_url_must_be_a_bare_http_or_https_base() {
        assert!(parse("public_url = \"https://auth.example.com\"").is_ok());
        assert!(parse("public_url = \"http://127.0.0.1:8080/\"").is_ok());
        for bad in [
            "ftp://x.example",
            "https://x.example/app",
            "https://u:p@x.example",
            "x",
        ] {
            let err = parse(&format!("public_url = {bad:?}"))
                .unwrap_err()
                .to_string();
            assert!(err.contains("http.public_url"), "{bad}: {err}");
        }
    }

    #[test]
    fn listed_frame_ancestors_replace_none() {
        let s = parse("frame_ancestors = [\"'self'\", \"https://app.example.com\"]").unwrap();
        assert_eq!(
            s.frame_ancestors_policy(),
            "frame-ancestors 'self' https://app.example.com"
        );
    }
}
