//! `cargo xtask bench server`: requests/s and p50/p99 latency of `GET /v1/client` (a client with
//! two signed-in accounts) and of session-token minting, measured with wrk on loopback against
//! clerk-server built with the `server` profile on a fresh SQLite database.

use std::fs;
use std::process::Command;

use crate::error::{Result, XtaskError};
use crate::http::{cookie, request};
use crate::server::{build_server, Server};

const THREADS: &str = "-t2";
const CONNECTIONS: &str = "-c50";
const WARM_UP: &str = "-d2s";
const DURATION: &str = "-d10s";
const PASSWORD: &str = "bench-password-0123456789";

/// What wrk reported for one endpoint.
#[derive(Debug, Default, PartialEq)]
pub struct WrkFigures {
    /// Requests per second.
    pub requests_per_sec: f64,
    /// Median latency as printed (e.g. `1.10ms`).
    pub p50: String,
    /// 99th percentile latency as printed.
    pub p99: String,
    /// Answers that were not 2xx or 3xx.
    pub non_2xx: u64,
}

/// Runs the benchmark and prints the figures.
pub fn bench_server() -> Result<()> {
    if Command::new("wrk").arg("-v").output().is_err() {
        return Err(XtaskError::Missing(
            "wrk; run `cargo xtask setup` or `apt-get install -y wrk`".into(),
        ));
    }
    let binary = build_server("server")?;
    let server = Server::start(&binary)?;
    let (client_cookie, session_id) = two_accounts(&server.url)?;
    let dir = crate::process::TempDir::new("clerk-bench")?;
    let script = dir.path().join("post.lua");
    let lua = format!(
        "wrk.method = \"POST\"\nwrk.body = \"\"\nwrk.headers[\"Origin\"] = \"{}\"\n\
         wrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"\n",
        server.url
    );
    fs::write(&script, lua).map_err(|e| XtaskError::io("cannot write the wrk script", e))?;
    let cookie_header = format!("Cookie: {client_cookie}");
    let client_url = format!("{}/v1/client", server.url);
    let token_url = format!("{}/v1/client/sessions/{session_id}/tokens", server.url);
    let script_arg = script.display().to_string();

    let get = measure(&client_url, &cookie_header, None)?;
    let post = measure(&token_url, &cookie_header, Some(&script_arg))?;
    println!("\nclerk-server (profile server, SQLite), wrk {THREADS} {CONNECTIONS} {DURATION} on loopback:");
    println!(
        "{:<44} {:>12} {:>10} {:>10} {:>9}",
        "endpoint", "requests/s", "p50", "p99", "non-2xx"
    );
    for (name, f) in [
        ("GET /v1/client (2 sessions)", &get),
        ("POST /v1/client/sessions/{id}/tokens", &post),
    ] {
        println!(
            "{:<44} {:>12.0} {:>10} {:>10} {:>9}",
            name, f.requests_per_sec, f.p50, f.p99, f.non_2xx
        );
    }
    if get.non_2xx > 0 || post.non_2xx > 0 {
        println!("note: some answers were not 2xx (rate limits or errors); see the non-2xx column");
    }
    Ok(())
}

/// Signs up two accounts on one client; returns the `__client` cookie pair and the active session.
fn two_accounts(url: &str) -> Result<(String, String)> {
    let origin = [
        ("Origin", url),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    let mut client_cookie: Option<String> = None;
    let mut session_id = String::new();
    for who in ["ada", "grace"] {
        let body =
            format!("email_address={who}%40bench.example&password={PASSWORD}&first_name={who}");
        let mut headers = origin.to_vec();
        let cookie_header;
        if let Some(c) = &client_cookie {
            cookie_header = c.clone();
            headers.push(("Cookie", &cookie_header));
        }
        let answer = request(url, "POST", "/v1/client/sign_ups", &headers, &body)?;
        if !(200..300).contains(&answer.status) {
            return Err(XtaskError::Failed(format!(
                "sign-up answered {}: {}",
                answer.status, answer.body
            )));
        }
        if let Some(c) = cookie(&answer, "__client") {
            client_cookie = Some(c);
        }
        let json: serde_json::Value = serde_json::from_str(&answer.body)?;
        session_id = json["response"]["created_session_id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
    }
    match client_cookie {
        Some(c) if !session_id.is_empty() => Ok((c, session_id)),
        _ => Err(XtaskError::Failed(
            "sign-up gave no __client cookie or no session id".into(),
        )),
    }
}

/// A 2 s warm-up, then the measured run.
fn measure(url: &str, cookie_header: &str, script: Option<&str>) -> Result<WrkFigures> {
    let wrk = |duration: &'static str| {
        let mut args = vec![
            THREADS,
            CONNECTIONS,
            duration,
            "--latency",
            "-H",
            cookie_header,
        ];
        if let Some(s) = script {
            args.extend(["-s", s]);
        }
        args.push(url);
        args
    };
    wrk_output(&wrk(WARM_UP))?;
    let text = wrk_output(&wrk(DURATION))?;
    eprint!("{text}");
    parse_wrk(&text).ok_or_else(|| XtaskError::Failed("could not read wrk's output".into()))
}

/// Runs wrk and returns its report; the echoed command line hides the client cookie's secret.
fn wrk_output(args: &[&str]) -> Result<String> {
    let mut cmd = Command::new("wrk");
    cmd.args(args);
    let shown: Vec<&str> = args
        .iter()
        .map(|a| {
            if a.starts_with("Cookie:") {
                "'Cookie: <client cookie>'"
            } else {
                a
            }
        })
        .collect();
    let line = format!("wrk {}", shown.join(" "));
    eprintln!("$ {line}");
    let out = cmd
        .output()
        .map_err(|e| XtaskError::io("cannot run wrk", e))?;
    if !out.status.success() {
        return Err(XtaskError::CommandFailed {
            command: line,
            status: out.status,
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Reads requests/s, the latency distribution and error counts from `wrk --latency` output.
pub fn parse_wrk(text: &str) -> Option<WrkFigures> {
    let mut f = WrkFigures::default();
    for line in text.lines().map(str::trim) {
        let mut words = line.split_whitespace();
        match (words.next(), words.next()) {
            (Some("Requests/sec:"), Some(v)) => f.requests_per_sec = v.parse().ok()?,
            (Some("50%"), Some(v)) => f.p50 = v.to_string(),
            (Some("99%"), Some(v)) => f.p99 = v.to_string(),
            _ => {}
        }
        if let Some(n) = line.strip_prefix("Non-2xx or 3xx responses:") {
            f.non_2xx = n.trim().parse().unwrap_or(0);
        }
    }
    (f.requests_per_sec > 0.0 && !f.p50.is_empty() && !f.p99.is_empty()).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Running 10s test @ http://127.0.0.1:4000/v1/client
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.23ms  456.00us  10.00ms   80.00%
    Req/Sec    20.00k     1.00k   22.00k    70.00%
  Latency Distribution
     50%    1.10ms
     75%    1.40ms
     90%    1.80ms
     99%    3.00ms
  400123 requests in 10.00s, 100.00MB read
  Non-2xx or 3xx responses: 12
Requests/sec:  40012.30
Transfer/sec:     10.00MB
";

    #[test]
    fn wrk_output_gives_throughput_latencies_and_errors() {
        let f = parse_wrk(SAMPLE).unwrap();
        assert_eq!(f.requests_per_sec, 40012.30);
        assert_eq!(f.p50, "1.10ms");
        assert_eq!(f.p99, "3.00ms");
        assert_eq!(f.non_2xx, 12);
    }

    #[test]
    fn output_without_latency_distribution_is_rejected() {
        assert_eq!(parse_wrk("Requests/sec: 10\n"), None);
    }
}
