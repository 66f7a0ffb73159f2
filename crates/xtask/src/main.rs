//! `cargo xtask`: the project's automation (set-up, build, dev server, tests, benchmarks).
//!
//! Run `cargo xtask help` for the commands. Everything runs from the repository root; child
//! processes that must not outlive a command (test servers, PostgreSQL) are owned by guards.
#![deny(missing_docs)]

mod bench;
mod bench_accounts;
mod bench_browser;
mod bench_compare;
mod bench_peer;
mod bench_report;
mod bench_scale;
mod bench_server;
mod bench_size;
mod bench_size_peers;
mod bench_wrk;
mod build;
mod compress;
mod dts;
mod error;
mod http;
#[cfg(test)]
mod module_graph;
mod package_json;
mod postgres;
mod process;
mod server;
mod setup;
mod suites;
mod wasm_names;

use std::fs;
use std::process::ExitCode;

use error::{Result, XtaskError};
use process::{cargo, root, run};
use suites::Suite;

const USAGE: &str = "\
usage: cargo xtask <command>

  setup                  install the wasm target, wasm-bindgen-cli, wasm-pack, chromium,
                         chromedriver, postgresql, wrk and the npm tools in tests/ (idempotent)
  build                  build the npm package into pkg/ (wasm-pack + npm binaryen wasm-opt)
  dev                    setup, build, then serve the API, www/ and pkg/ on http://127.0.0.1:8080
  test [SUITE]           setup, then every suite; or one of: native, server, browser, e2e
  bench [--quick] [--no-build] [--no-postgres]
                         every benchmark below, Markdown tables for BENCHMARKS.md
  bench size [--no-build]  bytes (raw / gzip / brotli) of our SDK vs Better Auth's client and ClerkJS
  bench server [--postgres] [--binary=PATH ...]
                         requests/s and p50/p99 of clerk-server alone under wrk; with several
                         --binary, A/B runs taking turns, each set against the first
  bench compare [--quick] [--no-postgres]
                         clerk-server (SQLite, PostgreSQL) vs Better Auth + multiSession() under wrk
  bench scale [--quick]  GET /v1/client with 10k/100k/1M sessions stored, RSS, 1/2/5/20 accounts
  bench browser [--no-build] [--latency=MS,...]
                         the SDK in headless Chromium vs Better Auth's browser client; cold and
                         returning navigations on loopback and at 40 ms round-trip latency
";

fn main() -> ExitCode {
    process::install_interrupt_handler();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match dispatch(&words) {
        Ok(()) => ExitCode::SUCCESS,
        Err(XtaskError::Usage(msg)) => {
            eprintln!("xtask: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(words: &[&str]) -> Result<()> {
    match words {
        [] | ["help" | "-h" | "--help"] => {
            print!("{USAGE}");
            Ok(())
        }
        ["setup"] => setup::setup(),
        ["build"] => build::build(),
        ["dev"] => dev(),
        ["test"] => suites::run_all(),
        ["test", name] => Suite::from_name(name)
            .ok_or_else(|| XtaskError::Usage(format!("unknown test suite `{name}`")))?
            .run(),
        ["bench", rest @ ..] => bench::dispatch(rest),
        _ => Err(XtaskError::Usage(format!(
            "unknown command `{}`",
            words.join(" ")
        ))),
    }
}

/// Set-up, build, then clerk-server with the demo pages on http://127.0.0.1:8080 until Ctrl-C,
/// with the demo's settings (`crates/xtask/dev-server.toml`: email verification on; the mailed
/// codes are printed on the terminal).
fn dev() -> Result<()> {
    setup::setup()?;
    build::build()?;
    let data = root().join(".clerk-dev");
    fs::create_dir_all(&data).map_err(|e| XtaskError::io("cannot create .clerk-dev/", e))?;
    eprintln!("dev: open http://127.0.0.1:8080 (Ctrl-C stops the server)");
    let result = run(cargo().args([
        "run",
        "-p",
        "clerk-server",
        "--",
        "--listen",
        "127.0.0.1:8080",
        "--database-url",
        "sqlite://.clerk-dev/dev.sqlite",
        "--dev",
        // Verified sign-ups and emailed sign-in codes; the codes appear on this terminal.
        "--config",
        "crates/xtask/dev-server.toml",
        "--static-dir",
        "www",
        "--static-dir",
        "pkg=pkg",
    ]));
    match result {
        Err(XtaskError::Interrupted) => Ok(()),
        other => other,
    }
}
