//! `cargo xtask bench server`: requests/s and p50/p99 latency of clerk-server alone (the quick
//! loop for server work): `GET /v1/client` with two signed-in accounts, switching between them
//! (`touch`) and session-token minting, measured with wrk on loopback against clerk-server built
//! with the `server` profile on a fresh SQLite database. `bench compare` adds Better Auth.

use crate::bench_accounts::{clerk_browser, probe};
use crate::bench_compare::clerk_config;
use crate::bench_report::{summarize, table, Row};
use crate::bench_wrk::{measure, post_script, require_wrk, write_script, Load};
use crate::error::{Result, XtaskError};
use crate::process::TempDir;
use crate::server::{build_server, Server};

/// Seconds of the warm-up and of the measured run.
const WARM_UP_S: u32 = 2;
const RUN_S: u32 = 10;

/// Runs the benchmark and prints the figures.
pub fn bench_server() -> Result<()> {
    require_wrk()?;
    let binary = build_server("server")?;
    let dir = TempDir::new("clerk-bench")?;
    let server = Server::start_with(&binary, None, &clerk_config(dir.path(), 5)?)?;
    let browser = clerk_browser(&server.url, 2, "srv")?;
    let (a, b) = match browser.sessions.as_slice() {
        [a, b] => (a.clone(), b.clone()),
        _ => return Err(XtaskError::Failed("two sessions expected".into())),
    };
    let cookie = format!("Cookie: {}", browser.cookie);
    let headers = [
        ("Origin", server.url.as_str()),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    let post = |name: &str, paths: Vec<String>| -> Result<Load> {
        probe(
            &server.url,
            "POST",
            &paths[0],
            &browser.cookie,
            "",
            headers[1].1,
        )?;
        let lua = post_script(&paths, &[String::new()], &headers);
        Ok(Load {
            url: format!("{}{}", server.url, paths[0]),
            headers: vec![cookie.clone()],
            script: Some(write_script(&dir.path().join(name), &lua)?),
        })
    };
    if !probe(&server.url, "GET", "/v1/client", &browser.cookie, "", "")?.contains(&b) {
        return Err(XtaskError::Failed(
            "GET /v1/client did not show the signed-in client".into(),
        ));
    }
    let loads = [
        (
            "GET /v1/client (2 sessions)",
            Load {
                url: format!("{}/v1/client", server.url),
                headers: vec![cookie.clone()],
                script: None,
            },
        ),
        (
            "POST /v1/client/sessions/{id}/touch (alternating)",
            post(
                "touch.lua",
                vec![
                    format!("/v1/client/sessions/{a}/touch"),
                    format!("/v1/client/sessions/{b}/touch"),
                ],
            )?,
        ),
        (
            "POST /v1/client/sessions/{id}/tokens",
            post(
                "tokens.lua",
                vec![format!("/v1/client/sessions/{b}/tokens")],
            )?,
        ),
    ];
    let mut rows = Vec::new();
    for (name, load) in &loads {
        let figures = measure(load, WARM_UP_S, RUN_S)?;
        rows.push(Row {
            group: name.to_string(),
            server: "clerk-server (SQLite)".into(),
            endpoint: name.to_string(),
            peer: false,
            figures: summarize(&[figures]),
        });
    }
    println!("\nclerk-server (profile server, SQLite), wrk -t2 -c50 -d{RUN_S}s on loopback:\n");
    print!("{}", table(&rows));
    if rows.iter().any(|r| r.figures.non_2xx > 0) {
        println!("\nnote: some answers were not 2xx (or sockets failed); see the errors column");
    }
    Ok(())
}
