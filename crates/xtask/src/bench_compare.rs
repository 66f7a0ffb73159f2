//! `cargo xtask bench compare`: clerk-server (SQLite, and PostgreSQL on a throwaway cluster) side
//! by side with Better Auth + multiSession() under the same wrk load, each with one browser holding
//! two signed-in accounts. Per scenario every server gets a warm-up, then the measured runs take
//! turns (A, B, C, A, B, C, ...) so a busy moment on the shared machine hits all of them alike.

use std::path::Path;

use crate::bench_accounts::{better_auth_browser, clerk_browser, probe, Browser};
use crate::bench_peer::{rss_kib, BetterAuth};
use crate::bench_report::{summarize, table, Row};
use crate::bench_wrk::{
    measure, post_script, require_wrk, warm_up, write_script, Load, WrkFigures,
};
use crate::error::Result;
use crate::postgres::Postgres;
use crate::process::{check_interrupted, TempDir};
use crate::server::{build_server, Server};

/// How long and how often to measure.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Seconds of each measured run.
    pub seconds: u32,
    /// Seconds of the warm-up before a scenario's runs.
    pub warm_up: u32,
    /// Measured runs per server and scenario.
    pub rounds: u32,
    /// Also measure clerk-server on PostgreSQL.
    pub postgres: bool,
}

/// The four things a multi-session browser asks its server for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// The current client / session.
    Read,
    /// The accounts signed in on this browser.
    List,
    /// Switch the active account (alternating between two).
    Switch,
    /// A session token for the active account.
    Token,
}

impl Scenario {
    const ALL: [Scenario; 4] = [
        Scenario::Read,
        Scenario::List,
        Scenario::Switch,
        Scenario::Token,
    ];

    fn title(self) -> &'static str {
        match self {
            Scenario::Read => "read current client/session",
            Scenario::List => "list accounts on this browser",
            Scenario::Switch => "switch account (alternating two)",
            Scenario::Token => "session token for the active account",
        }
    }
}

/// A server under test with its signed-in browser.
pub struct Target {
    /// Shown in the tables.
    pub name: String,
    /// Base URL.
    pub url: String,
    /// Whether this is Better Auth (the peer).
    pub peer: bool,
    /// The browser's cookies and session ids.
    pub browser: Browser,
}

/// Runs the comparison and prints its table.
pub fn bench_compare(settings: Settings) -> Result<()> {
    require_wrk()?;
    let binary = build_server("release")?;
    let dir = TempDir::new("clerk-bench-compare")?;
    let config = clerk_config(dir.path(), 25)?;
    let mut sqlite = Server::start_with(&binary, None, &config)?;
    let postgres = if settings.postgres {
        Some(Postgres::start()?)
    } else {
        None
    };
    let mut pg_server = match &postgres {
        Some(pg) => Some(Server::start_with(&binary, Some(&pg.url), &config)?),
        None => None,
    };
    let mut peer = BetterAuth::start(None)?;
    let mut targets = vec![Target {
        name: "clerk-server (SQLite)".into(),
        url: sqlite.url.clone(),
        peer: false,
        browser: clerk_browser(&sqlite.url, 2, "cmp")?,
    }];
    if let Some(s) = &pg_server {
        targets.push(Target {
            name: "clerk-server (PostgreSQL)".into(),
            url: s.url.clone(),
            peer: false,
            browser: clerk_browser(&s.url, 2, "cmp")?,
        });
    }
    targets.push(Target {
        name: "Better Auth 1.7 (memory)".into(),
        url: peer.url.clone(),
        peer: true,
        browser: better_auth_browser(&peer.url, 2, "cmp")?,
    });

    let mut rows = Vec::new();
    for scenario in Scenario::ALL {
        let loads = targets
            .iter()
            .enumerate()
            .map(|(i, t)| load_for(t, scenario, &dir.path().join(format!("target-{i}"))))
            .collect::<Result<Vec<_>>>()?;
        for (t, load) in targets.iter().zip(&loads) {
            eprintln!("bench compare: warm-up {} / {}", scenario.title(), t.name);
            warm_up(&load.1, settings.warm_up)?;
        }
        let mut runs: Vec<Vec<WrkFigures>> = vec![Vec::new(); targets.len()];
        for _ in 0..settings.rounds {
            for (i, (_, load)) in loads.iter().enumerate() {
                check_interrupted()?;
                runs[i].push(measure(load, 0, settings.seconds)?);
            }
        }
        for ((t, (endpoint, _)), figures) in targets.iter().zip(&loads).zip(&runs) {
            rows.push(Row {
                group: scenario.title().to_string(),
                server: t.name.clone(),
                endpoint: endpoint.clone(),
                peer: t.peer,
                figures: summarize(figures),
            });
        }
    }
    let mut rss = vec![("clerk-server (SQLite)".to_string(), rss_kib(sqlite.pid()))];
    if let Some(s) = pg_server.as_mut() {
        rss.push(("clerk-server (PostgreSQL)".to_string(), rss_kib(s.pid())));
    }
    rss.push(("Better Auth 1.7 (memory)".to_string(), rss_kib(peer.pid())));

    println!(
        "\n### Server: clerk-server vs Better Auth + multiSession(), wrk -t2 -c50 -d{}s, {} run(s) each, alternating\n",
        settings.seconds, settings.rounds
    );
    print!("{}", table(&rows));
    println!("\nResident memory after the runs:\n");
    println!("| server | RSS |\n|---|---:|");
    for (name, kib) in rss {
        println!("| {name} | {:.1} MiB |", kib as f64 / 1024.0);
    }
    if rows.iter().any(|r| r.figures.non_2xx > 0) {
        println!("\nWARNING: some runs had errors (non-2xx answers, or wrk socket errors such as 2 s timeouts; see the errors column); those runs are not clean.");
        let log = peer.log();
        let start = (log.len().saturating_sub(2000)..log.len())
            .find(|&i| log.is_char_boundary(i))
            .unwrap_or(log.len());
        eprintln!("Better Auth log tail:\n{}", &log[start..]);
        eprintln!("clerk-server (SQLite) log tail:\n{}", sqlite.log_tail());
        if let Some(s) = &pg_server {
            eprintln!("clerk-server (PostgreSQL) log tail:\n{}", s.log_tail());
        }
    }
    Ok(())
}

/// A config for benchmark servers: up to `max_sessions` accounts per client and sign-up limits
/// high enough for the set-up (the measured endpoints are not rate limited).
pub fn clerk_config(dir: &Path, max_sessions: u32) -> Result<Vec<String>> {
    let path = dir.join("bench.toml");
    let text = format!(
        "max_sessions_per_client = {max_sessions}\n[rate_limits]\nsign_up_per_ip = 100000\n\
         sign_in_per_ip = 100000\nsign_in_per_identifier = 100000\n"
    );
    std::fs::write(&path, text)
        .map_err(|e| crate::error::XtaskError::io("cannot write the bench config", e))?;
    Ok(vec!["--config".into(), path.display().to_string()])
}

/// The endpoint label and wrk load of a scenario on a target; its Lua scripts go to `dir`, a
/// directory of this target's own (scripts hold the target's URL and session ids).
fn load_for(t: &Target, scenario: Scenario, dir: &Path) -> Result<(String, Load)> {
    std::fs::create_dir_all(dir)
        .map_err(|e| crate::error::XtaskError::io("cannot create a script directory", e))?;
    let cookie = format!("Cookie: {}", t.browser.cookie);
    let get = |path: &str, expect: &str| {
        let body = probe(&t.url, "GET", path, &t.browser.cookie, "", "")?;
        if !body.contains(expect) {
            return Err(crate::error::XtaskError::Failed(format!(
                "GET {path} did not show the signed-in browser (no {expect:?}): {body}"
            )));
        }
        Ok::<_, crate::error::XtaskError>((
            format!("GET {path}"),
            Load {
                url: format!("{}{path}", t.url),
                headers: vec![cookie.clone()],
                script: None,
            },
        ))
    };
    let (a, b) = match t.browser.sessions.as_slice() {
        [.., a, b] => (a.clone(), b.clone()),
        _ => {
            return Err(crate::error::XtaskError::Failed(
                "two sessions are needed".into(),
            ))
        }
    };
    let post = |label: &str, paths: Vec<String>, bodies: Vec<String>, ct: &str, n: &str| {
        probe(&t.url, "POST", &paths[0], &t.browser.cookie, &bodies[0], ct)?;
        let lua = post_script(&paths, &bodies, &[("Origin", &t.url), ("Content-Type", ct)]);
        let file = dir.join(format!("{n}.lua"));
        Ok::<_, crate::error::XtaskError>((
            label.to_string(),
            Load {
                url: format!("{}{}", t.url, paths[0]),
                headers: vec![cookie.clone()],
                script: Some(write_script(&file, &lua)?),
            },
        ))
    };
    const FORM: &str = "application/x-www-form-urlencoded";
    Ok(match (t.peer, scenario) {
        (false, Scenario::Read | Scenario::List) => get("/v1/client", &b)?,
        (false, Scenario::Switch) => post(
            "POST /v1/client/sessions/{id}/touch",
            vec![
                format!("/v1/client/sessions/{a}/touch"),
                format!("/v1/client/sessions/{b}/touch"),
            ],
            vec![String::new()],
            FORM,
            "switch",
        )?,
        (false, Scenario::Token) => post(
            "POST /v1/client/sessions/{id}/tokens",
            vec![format!("/v1/client/sessions/{b}/tokens")],
            vec![String::new()],
            FORM,
            "token",
        )?,
        (true, Scenario::Read) => get("/api/auth/get-session", &b)?,
        (true, Scenario::List) => get("/api/auth/multi-session/list-device-sessions", &a)?,
        (true, Scenario::Switch) => post(
            "POST /api/auth/multi-session/set-active",
            vec!["/api/auth/multi-session/set-active".into()],
            vec![
                format!("{{\"sessionToken\":\"{a}\"}}"),
                format!("{{\"sessionToken\":\"{b}\"}}"),
            ],
            "application/json",
            "switch",
        )?,
        (true, Scenario::Token) => get("/api/auth/token", "\"token\":\"ey")?,
    })
}
