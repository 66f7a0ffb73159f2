//! `cargo xtask test [native|server|browser|e2e]`: each suite on its own, or (no argument)
//! set-up and then every suite in that order, stopping at the first failure, with a summary.

use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use crate::build::build;
use crate::error::{Result, XtaskError};
use crate::postgres::Postgres;
use crate::process::{cargo, command, root, run};
use crate::server::{build_server, Server};
use crate::setup::{setup, tests_dir};

const NATIVE: [&str; 6] = [
    "test",
    "--workspace",
    "--exclude",
    "clerk-wasm",
    "--exclude",
    "clerk-server",
];

/// A test suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suite {
    /// Unit tests of the plain-Rust crates (clerk-protocol, clerk-core, xtask, ...).
    Native,
    /// clerk-server's integration tests on SQLite, then on a throwaway PostgreSQL.
    Server,
    /// wasm-bindgen tests in headless Chromium (the Rust SDK's typed API and the JS binding
    /// against a real clerk-server, and clerk-ui).
    Browser,
    /// Node + Playwright tests of `pkg/` and `www/` against a real clerk-server.
    E2e,
}

impl Suite {
    /// Every suite, in the order `cargo xtask test` runs them.
    pub const ALL: [Suite; 4] = [Suite::Native, Suite::Server, Suite::Browser, Suite::E2e];

    /// The suite's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Suite::Native => "native",
            Suite::Server => "server",
            Suite::Browser => "browser",
            Suite::E2e => "e2e",
        }
    }

    /// The suite with this name.
    pub fn from_name(name: &str) -> Option<Suite> {
        Suite::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Runs the suite.
    pub fn run(self) -> Result<()> {
        match self {
            // Every plain-Rust crate (clerk-protocol, clerk-core, xtask, ...): all but the wasm
            // crate (browser suite) and the server (server suite).
            Suite::Native => run(cargo().args(NATIVE)),
            Suite::Server => server(),
            Suite::Browser => browser(),
            Suite::E2e => e2e(),
        }
    }
}

/// Set-up, then every suite; prints a summary and fails with the first failure.
pub fn run_all() -> Result<()> {
    setup()?;
    let mut outcomes: Vec<(Suite, std::result::Result<f64, String>)> = Vec::new();
    let mut failure = None;
    for suite in Suite::ALL {
        eprintln!("\n=== test suite: {} ===", suite.name());
        let started = Instant::now();
        match suite.run() {
            Ok(()) => outcomes.push((suite, Ok(started.elapsed().as_secs_f64()))),
            Err(e) => {
                outcomes.push((suite, Err(e.to_string())));
                failure = Some(e);
                break;
            }
        }
    }
    print_summary(&outcomes);
    failure.map_or(Ok(()), Err)
}

fn print_summary(outcomes: &[(Suite, std::result::Result<f64, String>)]) {
    println!("\ntest summary:");
    for suite in Suite::ALL {
        match outcomes.iter().find(|(s, _)| *s == suite) {
            Some((_, Ok(secs))) => println!("  {:<8} passed ({secs:.1} s)", suite.name()),
            Some((_, Err(e))) => println!("  {:<8} FAILED: {e}", suite.name()),
            None => println!("  {:<8} skipped (an earlier suite failed)", suite.name()),
        }
    }
    let passed = outcomes.iter().filter(|(_, r)| r.is_ok()).count();
    let failed = outcomes.len() - passed;
    let skipped = Suite::ALL.len() - outcomes.len();
    println!("suites: {passed} passed, {failed} failed, {skipped} skipped");
}

fn server() -> Result<()> {
    eprintln!("server tests on SQLite");
    run(cargo().args(["test", "-p", "clerk-server"]))?;
    eprintln!("server tests on PostgreSQL");
    let pg = Postgres::start()?;
    let result = run(cargo()
        .args(["test", "-p", "clerk-server"])
        .env("CLERK_TEST_POSTGRES_URL", &pg.url));
    drop(pg);
    result
}

fn browser() -> Result<()> {
    let binary = build_server("dev")?;
    // Default settings plus the JWT template that src/browser_tests/sdk_templates.rs asks for.
    let config = root().join("tests/fixtures/browser-server.toml");
    let mut server = Server::start_with(
        &binary,
        None,
        &["--config".into(), config.display().to_string()],
    )?;
    eprintln!("browser tests against {}", server.url);
    let mut cmd = cargo();
    cmd.args([
        "test",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "clerk-wasm",
        "-p",
        "clerk-sdk",
        "-p",
        "clerk-ui",
    ])
    .env("WASM_BINDGEN_TEST_NO_ORIGIN_ISOLATION", "1")
    .env("CLERK_TEST_SERVER_URL", &server.url);
    if std::path::Path::new("/usr/bin/chromedriver").exists() {
        cmd.env("CHROMEDRIVER", "/usr/bin/chromedriver");
    }
    let mut result = run(&mut cmd);
    if result.is_ok() {
        // The example Rust app, tested the way an app's own crate is: `wasm-pack test`.
        eprintln!("example app (examples/accounts) with wasm-pack test");
        let mut example = command("wasm-pack");
        example
            .args(["test", "--headless", "--mode", "no-install"])
            .args(chromedriver_args())
            .arg(root().join("examples/accounts"))
            .env("WASM_BINDGEN_TEST_NO_ORIGIN_ISOLATION", "1")
            .env("CLERK_TEST_SERVER_URL", &server.url);
        result = run(&mut example);
    }
    if result.is_err() || !server.is_running() {
        eprintln!("clerk-server log (end):\n{}", server.log_tail());
    }
    result
}

/// `--chrome` with Debian's chromedriver when it is there (wasm-pack would download one).
fn chromedriver_args() -> Vec<String> {
    let driver = std::path::Path::new("/usr/bin/chromedriver");
    if driver.exists() {
        vec![
            "--chrome".into(),
            "--chromedriver".into(),
            driver.display().to_string(),
        ]
    } else {
        vec!["--chrome".into()]
    }
}

fn e2e() -> Result<()> {
    build()?;
    let binary = build_server("dev")?;
    let files = e2e_files()?;
    run(command("node")
        .current_dir(tests_dir())
        .env("CLERK_SERVER_BIN", &binary)
        .env("CLERK_REPO_ROOT", root())
        .arg("--test")
        .args(&files))
}

/// `tests/*.test.mjs`, sorted (Node 20's `--test` takes no globs).
fn e2e_files() -> Result<Vec<PathBuf>> {
    let dir = tests_dir();
    let entries = fs::read_dir(&dir)
        .map_err(|e| XtaskError::io(format!("cannot read {}", dir.display()), e))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".test.mjs"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(XtaskError::Failed(format!(
            "no end-to-end tests (*.test.mjs) in {}",
            dir.display()
        )));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_suite_is_found_by_its_name() {
        for suite in Suite::ALL {
            assert_eq!(Suite::from_name(suite.name()), Some(suite));
        }
        assert_eq!(Suite::from_name("all"), None);
    }
}
