//! Raw HTTP/1.1 over a `TcpStream`, for attacks a well-behaved client cannot make: heads that
//! never end, connections that go quiet, answers that are never read, header bytes reqwest
//! would refuse.

use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A status, the head's header lines (lower-cased names) and the body of one answer.
#[derive(Debug)]
pub struct RawAnswer {
    /// The status code.
    pub status: u16,
    /// `(name, value)` in order.
    pub headers: Vec<(String, String)>,
    /// The body (`Content-Length` bytes).
    pub body: Vec<u8>,
}

impl RawAnswer {
    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A TCP connection to the server at `url` (`http://ADDR`).
pub async fn connect(url: &str) -> TcpStream {
    let addr = url.strip_prefix("http://").expect("an http:// URL");
    TcpStream::connect(addr).await.expect("connect")
}

/// `GET path` with a `Host` header and `extra` header lines (each ending in `\r\n`).
pub fn get_request(path: &str, extra: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{extra}\r\n").into_bytes()
}

/// Sends `request` and reads one answer (at most `within`).
pub async fn exchange(stream: &mut TcpStream, request: &[u8], within: Duration) -> RawAnswer {
    stream.write_all(request).await.expect("send the request");
    tokio::time::timeout(within, read_answer(stream))
        .await
        .expect("an answer in time")
}

/// Reads one answer with a `Content-Length` (or none, for 1xx/204/304 and bodiless errors).
pub async fn read_answer(stream: &mut TcpStream) -> RawAnswer {
    let mut buf = Vec::new();
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.expect("read the head");
        assert!(
            n > 0,
            "closed before a whole head: {:?}",
            String::from_utf8_lossy(&buf)
        );
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(0, |(_, v)| v.parse().expect("a numeric Content-Length"));
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let mut chunk = vec![0u8; 65536];
        let n = stream.read(&mut chunk).await.expect("read the body");
        assert!(n > 0, "closed mid-body");
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    RawAnswer {
        status,
        headers,
        body,
    }
}

/// Waits (at most `within`) until the server closes `stream`, discarding what it sends; how long
/// that took, or `None` if it was still open.
pub async fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<Duration> {
    let start = Instant::now();
    let wait = async {
        let mut chunk = [0u8; 4096];
        loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    };
    tokio::time::timeout(within, wait)
        .await
        .ok()
        .map(|()| start.elapsed())
}
