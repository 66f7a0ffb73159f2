//! `cargo xtask bench scale`: how `GET /v1/client` holds up as the database grows and as one
//! browser holds more accounts. Browsers with 1, 2, 5 and 20 accounts sign up through the API on a
//! SQLite file; then filler users, clients and sessions are added straight through SQL in bulk
//! (one recursive-CTE transaction per step, with the server stopped) to 10k, 100k and 1M
//! sessions, and after each step the server is restarted and measured, with its resident memory.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::bench_accounts::{clerk_browser, probe, Browser};
use crate::bench_compare::clerk_config;
use crate::bench_peer::rss_kib;
use crate::bench_report::{ms, summarize};
use crate::bench_wrk::{measure, require_wrk, Load, WrkFigures};
use crate::error::{Result, XtaskError};
use crate::process::{check_interrupted, TempDir};
use crate::server::{build_server, Server};

/// Total sessions in the database at each measured step.
const STEPS: [u64; 3] = [10_000, 100_000, 1_000_000];

/// Runs the scale benchmark (`quick`: 2 s runs, up to 100k sessions) and prints its tables.
pub fn bench_scale(quick: bool) -> Result<()> {
    require_wrk()?;
    if Command::new("sqlite3").arg("-version").output().is_err() {
        return Err(XtaskError::Missing(
            "sqlite3; `apt-get install -y sqlite3`".into(),
        ));
    }
    let (warm_up, seconds) = if quick { (1, 2) } else { (2, 10) };
    let steps: &[u64] = if quick { &STEPS[..2] } else { &STEPS };
    let binary = build_server("release")?;
    let dir = TempDir::new("clerk-bench-scale")?;
    let db = dir.path().join("scale.sqlite");
    let db_url = format!("sqlite://{}", db.display());
    let config = clerk_config(dir.path(), 25)?;

    let mut server = Server::start_with(&binary, Some(&db_url), &config)?;
    let browsers: Vec<(usize, Browser)> = [1, 2, 5, 20]
        .into_iter()
        .map(|n| Ok((n, clerk_browser(&server.url, n, &format!("scale{n}"))?)))
        .collect::<Result<_>>()?;
    let read = |url: &str, b: &Browser| Load {
        url: format!("{url}/v1/client"),
        headers: vec![format!("Cookie: {}", b.cookie)],
        script: None,
    };
    let mut per_account = Vec::new();
    for (n, b) in &browsers {
        check_interrupted()?;
        signed_in(&server.url, b)?;
        per_account.push((*n, measure(&read(&server.url, b), warm_up, seconds)?));
    }
    let small_rss = rss_kib(server.pid());
    drop(server);

    let two = browsers
        .iter()
        .find(|(n, _)| *n == 2)
        .map(|(_, b)| b.clone())
        .ok_or_else(|| XtaskError::Failed("no two-account browser".into()))?;
    let mut stored: u64 = browsers.iter().map(|(n, _)| *n as u64).sum();
    let mut by_size = Vec::new();
    for &total in steps {
        check_interrupted()?;
        let started = Instant::now();
        seed(&db, stored, total)?;
        let seeded_in = started.elapsed().as_secs_f64();
        stored = total;
        server = Server::start_with(&binary, Some(&db_url), &config)?;
        signed_in(&server.url, &two)?;
        let figures = measure(&read(&server.url, &two), warm_up, seconds)?;
        by_size.push((total, seeded_in, figures, rss_kib(server.pid())));
        drop(server);
    }

    println!("\n### Scale: `GET /v1/client` (SQLite, wrk -t2 -c50 -d{seconds}s)\n");
    println!(
        "| sessions stored | seeding (SQL, s) | req/s | p50 | p99 | errors | server RSS after |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let signed_up: usize = browsers.iter().map(|(n, _)| n).sum();
    println!(
        "| {signed_up} (after {signed_up} argon2id sign-ups, before a restart) | — | — | — | — | — | {:.1} MiB |",
        small_rss as f64 / 1024.0
    );
    for (total, secs, f, rss) in &by_size {
        println!(
            "| {total} | {secs:.1} | {} | {:.1} MiB |",
            cells(f),
            *rss as f64 / 1024.0
        );
    }
    println!("\n### Accounts on one client: `GET /v1/client` (SQLite, small database)\n");
    println!("| accounts | req/s | p50 | p99 | errors |\n|---:|---:|---:|---:|---:|");
    for (n, f) in &per_account {
        println!("| {n} | {} |", cells(f));
    }
    Ok(())
}

/// Fails unless `GET /v1/client` with the browser's cookie shows its sessions.
fn signed_in(url: &str, b: &Browser) -> Result<()> {
    let body = probe(url, "GET", "/v1/client", &b.cookie, "", "")?;
    match b.sessions.iter().find(|id| !body.contains(id.as_str())) {
        Some(id) => Err(XtaskError::Failed(format!(
            "GET /v1/client does not show session {id}: {body}"
        ))),
        None => Ok(()),
    }
}

fn cells(f: &WrkFigures) -> String {
    let s = summarize(std::slice::from_ref(f));
    format!(
        "{:.0} | {} | {} | {}",
        s.requests_per_sec,
        ms(s.p50_ms),
        ms(s.p99_ms),
        s.non_2xx
    )
}

/// Adds filler rows numbered `from..to`: one user and one session each, one client per two
/// sessions, all live, in one transaction.
fn seed(db: &Path, from: u64, to: u64) -> Result<()> {
    eprintln!("bench scale: seeding sessions {from}..{to} through SQL");
    let sql = seed_sql(from, to);
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(&sql)
        .output()
        .map_err(|e| XtaskError::io("cannot run sqlite3", e))?;
    if !out.status.success() {
        return Err(XtaskError::Failed(format!(
            "seeding failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    Ok(())
}

/// The SQL (SQLite dialect) that adds filler rows `from..to`.
pub fn seed_sql(from: u64, to: u64) -> String {
    let now = "CAST(strftime('%s','now') AS INTEGER) * 1000";
    let week = 7 * 24 * 3600 * 1000_i64;
    let range = format!(
        "WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {to})"
    );
    format!(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; BEGIN;\n\
         {range} INSERT INTO users (id, email_address, password_hash, first_name, created_at, updated_at) \
           SELECT 'user_fill' || i, 'fill' || i || '@seed.example', 'not-a-hash', 'Fill', {now}, {now} FROM n;\n\
         {range} INSERT INTO clients (id, secret_hash, last_active_session_id, created_at, updated_at) \
           SELECT 'client_fill' || i, lower(hex(randomblob(32))), 'sess_fill' || i, {now}, {now} FROM n WHERE i % 2 = 0;\n\
         {range} INSERT INTO sessions (id, client_id, user_id, status, last_active_at, expire_at, abandon_at, created_at, updated_at) \
           SELECT 'sess_fill' || i, 'client_fill' || (i - i % 2), 'user_fill' || i, 'active', {now}, {now} + {week}, {now} + {week}, {now}, {now} FROM n;\n\
         COMMIT;\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_sql_covers_the_range_in_one_transaction() {
        let sql = seed_sql(10, 100);
        assert!(sql.contains("SELECT 10 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 100"));
        assert_eq!(sql.matches("INSERT INTO").count(), 3);
        assert!(sql.contains("BEGIN;") && sql.trim_end().ends_with("COMMIT;"));
    }
}
