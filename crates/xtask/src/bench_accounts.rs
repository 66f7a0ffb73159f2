//! Signing up several accounts on one browser (one cookie jar) for the benchmarks, on clerk-server
//! (`POST /v1/client/sign_ups`) and on Better Auth (`POST /api/auth/sign-up/email` with the
//! multiSession plugin): the `Cookie` header that browser would send, and its session ids.

use crate::error::{Result, XtaskError};
use crate::http::{request, Response};

/// The password of every benchmark account.
const PASSWORD: &str = "bench-password-0123456789";

/// One browser holding several signed-in accounts.
#[derive(Debug, Clone)]
pub struct Browser {
    /// The `Cookie` header value (name=value pairs joined by `; `).
    pub cookie: String,
    /// Session ids (ours) or session tokens (Better Auth), in sign-up order; the last is active.
    pub sessions: Vec<String>,
}

/// Signs up `n` accounts `<tag>-<i>@bench.example` on one clerk-server client.
pub fn clerk_browser(url: &str, n: usize, tag: &str) -> Result<Browser> {
    let mut jar = Jar::default();
    let mut sessions = Vec::new();
    for i in 0..n {
        let body =
            format!("email_address={tag}-{i}%40bench.example&password={PASSWORD}&first_name=U{i}");
        let answer = post(
            url,
            "/v1/client/sign_ups",
            "application/x-www-form-urlencoded",
            &jar,
            &body,
        )?;
        jar.take(&answer);
        let json: serde_json::Value = serde_json::from_str(&answer.body)?;
        let id = json["response"]["created_session_id"]
            .as_str()
            .unwrap_or("");
        if id.is_empty() {
            return Err(XtaskError::Failed(format!(
                "clerk-server sign-up gave no session id: {}",
                answer.body
            )));
        }
        sessions.push(id.to_string());
    }
    Ok(Browser {
        cookie: jar.header(),
        sessions,
    })
}

/// Signs up `n` accounts on one Better Auth browser (each sign-up keeps the earlier sessions in
/// the multiSession cookies).
pub fn better_auth_browser(url: &str, n: usize, tag: &str) -> Result<Browser> {
    let mut jar = Jar::default();
    let mut sessions = Vec::new();
    for i in 0..n {
        let body = format!(
            "{{\"email\":\"{tag}-{i}@bench.example\",\"password\":\"{PASSWORD}\",\"name\":\"U{i}\"}}"
        );
        let answer = post(
            url,
            "/api/auth/sign-up/email",
            "application/json",
            &jar,
            &body,
        )?;
        jar.take(&answer);
        let json: serde_json::Value = serde_json::from_str(&answer.body)?;
        let token = json["token"].as_str().unwrap_or("");
        if token.is_empty() {
            return Err(XtaskError::Failed(format!(
                "Better Auth sign-up gave no session token: {}",
                answer.body
            )));
        }
        sessions.push(token.to_string());
    }
    Ok(Browser {
        cookie: jar.header(),
        sessions,
    })
}

/// Sends one request as the load generator will and fails unless it is answered with 2xx; gives
/// the answer's body (callers check it shows the signed-in state, since a read with a stale
/// cookie is a 2xx too), so a benchmark never measures the wrong answers without saying so.
pub fn probe(
    base: &str,
    method: &str,
    path: &str,
    cookie: &str,
    body: &str,
    ct: &str,
) -> Result<String> {
    let mut headers = vec![("Origin", base), ("Cookie", cookie)];
    if method == "POST" {
        headers.push(("Content-Type", ct));
    }
    let answer = request(base, method, path, &headers, body)?;
    if (200..300).contains(&answer.status) {
        Ok(answer.body)
    } else {
        Err(XtaskError::Failed(format!(
            "probe {method} {path} answered {}: {}",
            answer.status, answer.body
        )))
    }
}

fn post(url: &str, path: &str, content_type: &str, jar: &Jar, body: &str) -> Result<Response> {
    let cookie = jar.header();
    let mut headers = vec![("Origin", url), ("Content-Type", content_type)];
    if !cookie.is_empty() {
        headers.push(("Cookie", &cookie));
    }
    let answer = request(url, "POST", path, &headers, body)?;
    if !(200..300).contains(&answer.status) {
        return Err(XtaskError::Failed(format!(
            "POST {path} answered {}: {}",
            answer.status, answer.body
        )));
    }
    Ok(answer)
}

/// A minimal cookie jar: the latest value of each cookie, expired ones removed.
#[derive(Debug, Default)]
pub struct Jar {
    cookies: Vec<(String, String)>,
}

impl Jar {
    /// Applies every `Set-Cookie` of an answer.
    pub fn take(&mut self, answer: &Response) {
        for line in answer.header_values("set-cookie") {
            let mut parts = line.split(';');
            let Some((name, value)) = parts.next().and_then(|p| p.trim().split_once('=')) else {
                continue;
            };
            let expired =
                value.is_empty() || parts.any(|a| a.trim().eq_ignore_ascii_case("max-age=0"));
            self.cookies.retain(|(n, _)| n != name);
            if !expired {
                self.cookies.push((name.to_string(), value.to_string()));
            }
        }
    }

    /// The `Cookie` header value.
    pub fn header(&self) -> String {
        self.cookies
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::parse_response;

    #[test]
    fn the_jar_keeps_the_latest_values_and_drops_expired_cookies() {
        let raw = b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nSet-Cookie: b=2; HttpOnly\r\nContent-Length: 0\r\n\r\n";
        let mut jar = Jar::default();
        jar.take(&parse_response(raw).unwrap());
        assert_eq!(jar.header(), "a=1; b=2");
        let raw = b"HTTP/1.1 200 OK\r\nSet-Cookie: a=3\r\nSet-Cookie: b=; Max-Age=0\r\nContent-Length: 0\r\n\r\n";
        jar.take(&parse_response(raw).unwrap());
        assert_eq!(jar.header(), "a=3");
    }
}
