//! `cargo xtask bench server [--postgres] [--binary=PATH ...]`: requests/s and p50/p99 latency
//! of clerk-server alone (the quick loop for server work): `GET /v1/client` with two signed-in
//! accounts, switching between them (`touch`) and session-token minting, measured with wrk on
//! loopback. By default it builds this tree with the `release` profile and runs it on a fresh
//! SQLite file; `--postgres` runs on a throwaway PostgreSQL (a fresh database per server).
//!
//! **A/B runs**: with `--binary=PATH` given more than once (e.g. a copy of the binary built
//! before a change, and one after), every binary gets its own database and browser, the runs take
//! turns (A, B, A, B: a busy moment on the shared machine hits both), and each row after the
//! first shows its ratio to the first binary. `bench compare` adds Better Auth.

use std::path::PathBuf;

use crate::bench_accounts::{clerk_browser, probe};
use crate::bench_compare::clerk_config;
use crate::bench_report::{summarize, table_against, Row};
use crate::bench_wrk::{measure, post_script, require_wrk, warm_up, write_script, Load};
use crate::error::{Result, XtaskError};
use crate::postgres::Postgres;
use crate::process::{check_interrupted, TempDir};
use crate::server::{build_server, Server};

/// Seconds of the warm-up and of each measured run.
const WARM_UP_S: u32 = 2;
const RUN_S: u32 = 10;
/// Measured runs per binary and scenario when comparing binaries.
const AB_ROUNDS: u32 = 2;

/// What `bench server` runs.
#[derive(Debug, Default)]
pub struct ServerBench {
    /// On a throwaway PostgreSQL instead of SQLite.
    pub postgres: bool,
    /// The binaries to compare; empty: build this tree.
    pub binaries: Vec<PathBuf>,
}

impl ServerBench {
    /// Reads `--postgres` and `--binary=PATH` from the words after `server`.
    pub fn parse(words: &[&str]) -> Result<Self> {
        let mut bench = Self::default();
        for word in words {
            if *word == "--postgres" {
                bench.postgres = true;
            } else if let Some(path) = word.strip_prefix("--binary=") {
                let path = PathBuf::from(path);
                if !path.is_file() {
                    return Err(XtaskError::Usage(format!(
                        "no binary at {}",
                        path.display()
                    )));
                }
                bench.binaries.push(path);
            } else {
                return Err(XtaskError::Usage(format!(
                    "unknown `bench server` option `{word}` (--postgres, --binary=PATH)"
                )));
            }
        }
        Ok(bench)
    }
}

/// One server under test with its three loads.
struct Target {
    name: String,
    _server: Server,
    loads: Vec<(&'static str, Load)>,
}

/// Runs the benchmark and prints the figures.
pub fn bench_server(bench: ServerBench) -> Result<()> {
    require_wrk()?;
    let binaries = if bench.binaries.is_empty() {
        vec![build_server("release")?]
    } else {
        bench.binaries
    };
    let postgres = if bench.postgres {
        Some(Postgres::start()?)
    } else {
        None
    };
    let dir = TempDir::new("clerk-bench")?;
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let mut targets = Vec::new();
    for (i, binary) in binaries.iter().enumerate() {
        let database = match &postgres {
            Some(pg) => Some(pg.database(&format!("bench_server_{i}"))?),
            None => None,
        };
        let config = clerk_config(dir.path(), 5)?;
        let server = Server::start_with(binary, database.as_deref(), &config)?;
        let scripts = dir.path().join(format!("target-{i}"));
        std::fs::create_dir_all(&scripts)
            .map_err(|e| XtaskError::io("cannot create a script directory", e))?;
        let loads = loads_for(&server.url, &scripts)?;
        let name = if binaries.len() == 1 {
            format!("clerk-server ({backend})")
        } else {
            format!("{} ({backend})", binary.display())
        };
        targets.push(Target {
            name,
            _server: server,
            loads,
        });
    }
    let rounds = if targets.len() > 1 { AB_ROUNDS } else { 1 };
    let mut rows = Vec::new();
    for scenario in 0..targets[0].loads.len() {
        let title = targets[0].loads[scenario].0;
        for t in &targets {
            eprintln!("bench server: warm-up {title} / {}", t.name);
            warm_up(&t.loads[scenario].1, WARM_UP_S)?;
        }
        let mut runs = vec![Vec::new(); targets.len()];
        for _ in 0..rounds {
            for (i, t) in targets.iter().enumerate() {
                check_interrupted()?;
                runs[i].push(measure(&t.loads[scenario].1, 0, RUN_S)?);
            }
        }
        for (i, (t, figures)) in targets.iter().zip(&runs).enumerate() {
            rows.push(Row {
                group: title.to_string(),
                server: t.name.clone(),
                endpoint: title.to_string(),
                peer: i == 0 && targets.len() > 1,
                figures: summarize(figures),
            });
        }
    }
    println!(
        "\nclerk-server ({backend}), wrk -t2 -c50 -d{RUN_S}s on loopback, {rounds} run(s) each:\n"
    );
    print!("{}", table_against(&rows, "the first binary"));
    if rows.iter().any(|r| r.figures.non_2xx > 0) {
        println!("\nnote: some answers were not 2xx (or sockets failed); see the errors column");
    }
    Ok(())
}

/// Signs up a browser with two accounts on the server at `url` and returns the three loads
/// (scripts written to `dir`), after checking that each is answered 2xx.
fn loads_for(url: &str, dir: &std::path::Path) -> Result<Vec<(&'static str, Load)>> {
    let browser = clerk_browser(url, 2, "srv")?;
    let (a, b) = match browser.sessions.as_slice() {
        [a, b] => (a.clone(), b.clone()),
        _ => return Err(XtaskError::Failed("two sessions expected".into())),
    };
    let cookie = format!("Cookie: {}", browser.cookie);
    let headers = [
        ("Origin", url),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    let post = |name: &str, paths: Vec<String>| -> Result<Load> {
        probe(url, "POST", &paths[0], &browser.cookie, "", headers[1].1)?;
        let lua = post_script(&paths, &[String::new()], &headers);
        Ok(Load {
            url: format!("{url}{}", paths[0]),
            headers: vec![cookie.clone()],
            script: Some(write_script(&dir.join(name), &lua)?),
        })
    };
    if !probe(url, "GET", "/v1/client", &browser.cookie, "", "")?.contains(&b) {
        return Err(XtaskError::Failed(
            "GET /v1/client did not show the signed-in client".into(),
        ));
    }
    Ok(vec![
        (
            "GET /v1/client (2 sessions)",
            Load {
                url: format!("{url}/v1/client"),
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
    ])
}
