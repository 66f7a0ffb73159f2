//! Driving wrk for the server benchmarks: one [`Load`] (URL, headers, optional Lua script) run for
//! a warm-up and then for the measured time, its report read into [`WrkFigures`], and the Lua
//! scripts that alternate two request paths or two bodies (switching between two accounts).

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::error::{Result, XtaskError};

/// wrk's threads and connections, the same for every server measured.
pub const THREADS: &str = "-t2";
/// Open connections.
pub const CONNECTIONS: &str = "-c50";

/// What wrk reported for one run.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct WrkFigures {
    /// Requests per second.
    pub requests_per_sec: f64,
    /// Median latency as printed (e.g. `1.10ms`).
    pub p50: String,
    /// 99th percentile latency as printed.
    pub p99: String,
    /// Answers that were not 2xx or 3xx.
    pub non_2xx: u64,
    /// Connect, read, write and timeout errors.
    pub socket_errors: u64,
}

/// One load to generate: a URL with headers and, for POSTs, a Lua script.
#[derive(Debug, Clone)]
pub struct Load {
    /// The full URL.
    pub url: String,
    /// Extra `Name: value` headers (a `Cookie:` header is hidden in the echoed command).
    pub headers: Vec<String>,
    /// A wrk Lua script path.
    pub script: Option<String>,
}

/// Checks that wrk is installed.
pub fn require_wrk() -> Result<()> {
    match Command::new("wrk").arg("-v").output() {
        Ok(_) => Ok(()),
        Err(_) => Err(XtaskError::Missing(
            "wrk; run `cargo xtask setup` or `apt-get install -y wrk`".into(),
        )),
    }
}

/// A warm-up of `warm_up_s` seconds (skipped when 0), then a measured run of `seconds`.
pub fn measure(load: &Load, warm_up_s: u32, seconds: u32) -> Result<WrkFigures> {
    if warm_up_s > 0 {
        wrk_output(load, warm_up_s)?;
    }
    let text = wrk_output(load, seconds)?;
    parse_wrk(&text).ok_or_else(|| {
        XtaskError::Failed(format!(
            "could not read wrk's output for {}:\n{text}",
            load.url
        ))
    })
}

/// A warm-up run of `seconds`, its figures ignored.
pub fn warm_up(load: &Load, seconds: u32) -> Result<()> {
    wrk_output(load, seconds).map(|_| ())
}

/// Runs wrk and returns its report; the echoed command line hides cookie secrets.
fn wrk_output(load: &Load, seconds: u32) -> Result<String> {
    let duration = format!("-d{seconds}s");
    let mut args: Vec<&str> = vec![THREADS, CONNECTIONS, &duration, "--latency"];
    for h in &load.headers {
        args.extend(["-H", h]);
    }
    if let Some(s) = &load.script {
        args.extend(["-s", s]);
    }
    args.push(&load.url);
    let shown: Vec<&str> = args
        .iter()
        .map(|a| {
            if a.starts_with("Cookie:") {
                "'Cookie: <secret>'"
            } else {
                a
            }
        })
        .collect();
    let line = format!("wrk {}", shown.join(" "));
    eprintln!("$ {line}");
    let out = Command::new("wrk")
        .args(&args)
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
        if let Some(rest) = line.strip_prefix("Socket errors:") {
            f.socket_errors = rest
                .split(',')
                .filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok())
                .sum();
        }
    }
    (f.requests_per_sec > 0.0 && !f.p50.is_empty() && !f.p99.is_empty()).then_some(f)
}

/// A latency as wrk prints it (`950.00us`, `1.10ms`, `2.00s`) in milliseconds.
pub fn millis(text: &str) -> Option<f64> {
    let (number, factor) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (text, 1.0)
    };
    number.parse::<f64>().ok().map(|v| v * factor)
}

/// A Lua script for POSTs: each request takes the next of `paths` and of `bodies` (cycling), so
/// a switch benchmark alternates between two accounts. `headers` are set on every request.
pub fn post_script(paths: &[String], bodies: &[String], headers: &[(&str, &str)]) -> String {
    let list = |items: &[String]| {
        items
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lua = String::from("wrk.method = \"POST\"\n");
    for (name, value) in headers {
        lua += &format!("wrk.headers[{name:?}] = {value:?}\n");
    }
    lua += &format!(
        "local paths = {{{}}}\nlocal bodies = {{{}}}\n",
        list(paths),
        list(bodies)
    );
    lua += "local i = 0\nrequest = function()\n  i = i + 1\n  \
            local p = paths[(i % #paths) + 1]\n  local b = bodies[(i % #bodies) + 1]\n  \
            return wrk.format(nil, p, nil, b)\nend\n";
    lua
}

/// Writes a Lua script to `path`.
pub fn write_script(path: &Path, lua: &str) -> Result<String> {
    fs::write(path, lua).map_err(|e| XtaskError::io("cannot write the wrk script", e))?;
    Ok(path.display().to_string())
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
  Socket errors: connect 0, read 2, write 0, timeout 5
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
        assert_eq!(f.socket_errors, 7);
    }

    #[test]
    fn output_without_latency_distribution_is_rejected() {
        assert_eq!(parse_wrk("Requests/sec: 10\n"), None);
    }

    #[test]
    fn latencies_convert_to_milliseconds() {
        assert!((millis("950.00us").unwrap() - 0.95).abs() < 1e-9);
        assert_eq!(millis("1.10ms"), Some(1.1));
        assert_eq!(millis("2.00s"), Some(2000.0));
        assert_eq!(millis("abc"), None);
    }

    #[test]
    fn the_post_script_cycles_through_paths_and_bodies() {
        let lua = post_script(
            &["/a".into(), "/b".into()],
            &["{\"t\":\"x\"}".into()],
            &[("Origin", "http://127.0.0.1:1")],
        );
        assert!(lua.contains("local paths = {\"/a\", \"/b\"}"));
        assert!(lua.contains("local bodies = {\"{\\\"t\\\":\\\"x\\\"}\"}"));
        assert!(lua.contains("wrk.headers[\"Origin\"] = \"http://127.0.0.1:1\""));
        assert!(lua.contains("wrk.format(nil, p, nil, b)"));
    }
}
