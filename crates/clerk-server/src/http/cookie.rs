//! The `__client` cookie: `<client_id>.<secret>`, `HttpOnly; SameSite=Lax; Path=/`, `Secure`
//! unless the request's host is localhost or 127.0.0.1 (plain-HTTP development), Max-Age 400 days
//! (the most browsers keep). The secret is a [`ClientSecret`] so it is never printed.

use crate::secrets::{is_valid_id, ClientSecret};
use axum::http::{header, HeaderMap, HeaderValue};

/// The cookie's name.
pub const CLIENT_COOKIE: &str = "__client";
/// Max-Age of the cookie: 400 days.
pub const MAX_AGE_SECS: u64 = 400 * 24 * 3600;

/// The client id and secret from the request's `__client` cookie, if well-formed.
pub fn read_client_cookie(headers: &HeaderMap) -> Option<(String, ClientSecret)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(CLIENT_COOKIE)?.strip_prefix('='))
        .find_map(|value| {
            let (id, secret) = value.trim_matches('"').split_once('.')?;
            (is_valid_id(id, "client") && (16..=128).contains(&secret.len()))
                .then(|| (id.to_owned(), ClientSecret::from_cookie(secret)))
        })
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

fn attributes(secure: bool) -> &'static str {
    if secure {
        "Path=/; HttpOnly; SameSite=Lax; Secure"
    } else {
        "Path=/; HttpOnly; SameSite=Lax"
    }
}

/// `Set-Cookie` for a client.
pub fn set_client_cookie(
    client_id: &str,
    secret: &ClientSecret,
    secure: bool,
) -> Option<HeaderValue> {
    let value = format!(
        "{CLIENT_COOKIE}={client_id}.{}; Max-Age={MAX_AGE_SECS}; {}",
        secret.expose(),
        attributes(secure)
    );
    HeaderValue::from_str(&value).ok()
}

/// `Set-Cookie` that makes the browser forget its client.
pub fn expire_client_cookie(secure: bool) -> HeaderValue {
    let value = if secure {
        "__client=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Secure"
    } else {
        "__client=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"
    };
    HeaderValue::from_static(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_cookie_is_found_among_others_and_malformed_ones_are_ignored() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; __client=client_abc.0123456789abcdef0123; b=2"),
        );
        let (id, secret) = read_client_cookie(&h).unwrap();
        assert_eq!(id, "client_abc");
        assert_eq!(secret.expose(), "0123456789abcdef0123");
        for bad in [
            "__client=nodot",
            "__client=sess_abc.0123456789abcdef0123",
            "__client=client_abc.short",
            "__clientx=1",
        ] {
            let mut h = HeaderMap::new();
            h.insert(header::COOKIE, HeaderValue::from_static(bad));
            assert!(read_client_cookie(&h).is_none(), "{bad}");
        }
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
    fn the_cookie_is_http_only_lax_and_secure_outside_localhost() {
        let s = ClientSecret::from_cookie("0123456789abcdef0123");
        let v = set_client_cookie("client_a", &s, true).unwrap();
        let v = v.to_str().unwrap();
        assert!(
            v.contains("HttpOnly")
                && v.contains("SameSite=Lax")
                && v.contains("Secure")
                && v.contains("Path=/")
        );
        assert!(!set_client_cookie("client_a", &s, false)
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Secure"));
    }
}
