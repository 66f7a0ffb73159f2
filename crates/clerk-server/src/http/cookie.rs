//! The client cookie: `<client_id>.<secret>`, `HttpOnly; SameSite=Lax; Path=/`, with a Max-Age
//! of the client's lifetime (at most 400 days, the most browsers keep). The secret is a
//! [`ClientSecret`] so it is never printed.
//!
//! Security rules:
//! - Outside `--dev` the cookie is `__Host-client`: always `Secure` (whatever the `Host` header
//!   says: behind a reverse proxy that forwards to `http://127.0.0.1`, the public site is still
//!   HTTPS), host-only (no `Domain`) and `Path=/`, which the `__Host-` prefix makes browsers
//!   enforce, so a sibling subdomain can neither plant nor shadow it.
//! - In `--dev` it is `__client`, `Secure` unless the host is `localhost`, `127.0.0.1` or
//!   `[::1]`, so plain http://localhost works.
//! - A request carrying two different values of the cookie has none: when it is ambiguous which
//!   one the browser meant, neither is used.

use crate::secrets::{is_valid_id, ClientSecret};
use axum::http::{header, HeaderMap, HeaderValue};

/// The cookie's name outside development mode.
pub const HOST_CLIENT_COOKIE: &str = "__Host-client";
/// The cookie's name in development mode (`--dev`).
pub const DEV_CLIENT_COOKIE: &str = "__client";

/// How the client cookie is named and flagged for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookiePolicy {
    /// The cookie's name.
    pub name: &'static str,
    /// Whether it carries `Secure`.
    pub secure: bool,
    /// Its Max-Age in seconds.
    pub max_age_secs: u64,
}

impl CookiePolicy {
    /// The policy for a request to `host` (its `Host` header), in development mode or not.
    pub fn for_request(dev: bool, host: &str, max_age_secs: u64) -> Self {
        if dev {
            Self {
                name: DEV_CLIENT_COOKIE,
                secure: !is_local_host(host),
                max_age_secs,
            }
        } else {
            Self {
                name: HOST_CLIENT_COOKIE,
                secure: true,
                max_age_secs,
            }
        }
    }

    fn attributes(&self) -> &'static str {
        if self.secure {
            "Path=/; HttpOnly; SameSite=Lax; Secure"
        } else {
            "Path=/; HttpOnly; SameSite=Lax"
        }
    }

    /// The client id and secret of this request's cookie, if there is exactly one well-formed
    /// value.
    pub fn read(&self, headers: &HeaderMap) -> Option<(String, ClientSecret)> {
        let mut found: Option<&str> = None;
        let values = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().strip_prefix(self.name)?.strip_prefix('='));
        for value in values {
            let value = value.trim_matches('"');
            match found {
                Some(seen) if seen != value => return None,
                _ => found = Some(value),
            }
        }
        let (id, secret) = found?.split_once('.')?;
        (is_valid_id(id, "client") && (16..=128).contains(&secret.len()))
            .then(|| (id.to_owned(), ClientSecret::from_cookie(secret)))
    }

    /// `Set-Cookie` for a client.
    pub fn set(&self, client_id: &str, secret: &ClientSecret) -> Option<HeaderValue> {
        let value = format!(
            "{}={client_id}.{}; Max-Age={}; {}",
            self.name,
            secret.expose(),
            self.max_age_secs,
            self.attributes()
        );
        HeaderValue::from_str(&value).ok()
    }

    /// `Set-Cookie` that makes the browser forget its client.
    pub fn expire(&self) -> HeaderValue {
        let value = format!("{}=; Max-Age=0; {}", self.name, self.attributes());
        HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static(""))
    }
}

/// Whether `host` (a `Host` header, maybe with a port) is a loopback name used in development.
pub fn is_local_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.split(':').next().unwrap_or("")
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "localhost" | "127.0.0.1" | "::1"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEV: CookiePolicy = CookiePolicy {
        name: DEV_CLIENT_COOKIE,
        secure: false,
        max_age_secs: 60,
    };

    fn with_cookie(value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn the_client_cookie_is_found_among_others_and_malformed_ones_are_ignored() {
        let h = with_cookie("a=1; __client=client_abc.0123456789abcdef0123; b=2");
        let (id, secret) = DEV.read(&h).unwrap();
        assert_eq!(id, "client_abc");
        assert_eq!(secret.expose(), "0123456789abcdef0123");
        for bad in [
            "__client=nodot",
            "__client=sess_abc.0123456789abcdef0123",
            "__client=client_abc.short",
            "__clientx=1",
            "__Host-client=client_abc.0123456789abcdef0123",
        ] {
            assert!(DEV.read(&with_cookie(bad)).is_none(), "{bad}");
        }
    }

    #[test]
    fn two_different_values_of_the_cookie_count_as_none() {
        let twice =
            "__client=client_abc.0123456789abcdef0123; __client=client_abc.0123456789abcdef0123";
        assert!(DEV.read(&with_cookie(twice)).is_some());
        let shadowed =
            "__client=client_evil.0123456789abcdef0123; __client=client_abc.0123456789abcdef0123";
        assert!(DEV.read(&with_cookie(shadowed)).is_none());
    }

    #[test]
    fn only_loopback_hosts_count_as_local() {
        for host in ["localhost", "localhost:8080", "127.0.0.1:3000", "[::1]:80"] {
            assert!(is_local_host(host), "{host}");
        }
        for host in ["example.com", "127.0.0.1.evil.com", "localhost.example:80"] {
            assert!(!is_local_host(host), "{host}");
        }
    }

    #[test]
    fn outside_dev_the_cookie_is_host_prefixed_and_always_secure() {
        let s = ClientSecret::from_cookie("0123456789abcdef0123");
        for host in ["example.com", "127.0.0.1:8080", "localhost"] {
            let p = CookiePolicy::for_request(false, host, 100);
            let v = p.set("client_a", &s).unwrap();
            let v = v.to_str().unwrap();
            assert!(v.starts_with("__Host-client=client_a."), "{v}");
            for attr in [
                "HttpOnly",
                "SameSite=Lax",
                "Secure",
                "Path=/",
                "Max-Age=100",
            ] {
                assert!(v.contains(attr), "{v}");
            }
            assert!(!v.contains("Domain"), "{v}");
        }
        let dev_local = CookiePolicy::for_request(true, "127.0.0.1:8080", 100);
        let v = dev_local.set("client_a", &s).unwrap();
        assert!(v.to_str().unwrap().starts_with("__client="));
        assert!(!v.to_str().unwrap().contains("Secure"));
        assert!(CookiePolicy::for_request(true, "example.com", 1).secure);
        assert!(dev_local.expire().to_str().unwrap().contains("Max-Age=0"));
    }
}
