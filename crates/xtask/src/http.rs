//! A minimal HTTP/1.1 client over `TcpStream` (one request per connection), enough for the
//! benchmark to sign up accounts on a local clerk-server without pulling in an HTTP stack.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::error::{Result, XtaskError};

/// An HTTP answer.
#[derive(Debug)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body (de-chunked).
    pub body: String,
}

impl Response {
    /// Every value of a header.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends one request to `base` (`http://host:port`) and reads the whole answer.
pub fn request(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Result<Response> {
    let host = base
        .strip_prefix("http://")
        .unwrap_or(base)
        .trim_end_matches('/');
    let mut stream = TcpStream::connect(host)
        .map_err(|e| XtaskError::io(format!("cannot connect to {host}"), e))?;
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (name, value) in headers {
        req += &format!("{name}: {value}\r\n");
    }
    req += &format!("Content-Length: {}\r\n\r\n{body}", body.len());
    stream
        .write_all(req.as_bytes())
        .map_err(|e| XtaskError::io("cannot send the request", e))?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .map_err(|e| XtaskError::io("cannot read the answer", e))?;
    parse_response(&raw)
        .ok_or_else(|| XtaskError::Failed(format!("malformed HTTP answer to {method} {path}")))
}

/// Parses a complete HTTP/1.1 answer.
pub fn parse_response(raw: &[u8]) -> Option<Response> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"))
    {
        body = dechunk(&body)?;
    }
    Some(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// `name=value` of the first `Set-Cookie` for `name` (the benchmarks use `bench_accounts::Jar`).
#[cfg(test)]
pub fn cookie(response: &Response, name: &str) -> Option<String> {
    response
        .header_values("set-cookie")
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.trim().starts_with(&format!("{name}=")))
        .map(|pair| pair.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_with_content_length_parses() {
        let raw = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nSet-Cookie: __client=abc.def; HttpOnly; Path=/\r\nContent-Length: 2\r\n\r\n{}";
        let r = parse_response(raw).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.body, "{}");
        assert_eq!(cookie(&r, "__client").as_deref(), Some("__client=abc.def"));
        assert_eq!(cookie(&r, "__session"), None);
    }

    #[test]
    fn a_chunked_response_is_dechunked() {
        let raw = b"HTTP/1.1 422 Unprocessable Entity\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n";
        let r = parse_response(raw).unwrap();
        assert_eq!(r.status, 422);
        assert_eq!(r.body, "{\"a\":1}");
    }

    #[test]
    fn garbage_is_not_a_response() {
        assert!(parse_response(b"hello").is_none());
        assert!(parse_response(b"HTTP/1.1 abc\r\n\r\n").is_none());
    }
}
