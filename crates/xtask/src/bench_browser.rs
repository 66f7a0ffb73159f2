//! `cargo xtask bench browser`: the SDK in headless Chromium against Better Auth's browser client,
//! by `bench/browser/run.mjs` (Playwright via `tests/node_modules`, the e2e harness starting
//! clerk-server with the `www/` demo and `pkg/`, and `bench/better-auth/server.mjs`). The script
//! times everything in the page and prints the Markdown table. The cold and returning navigations
//! run on loopback and again with 40 ms of round-trip latency (Chrome's network emulation), or at
//! the latencies of `--latency=MS[,MS...]` (`0`: none).

use crate::bench_peer::install_peer;
use crate::build::build;
use crate::error::{Result, XtaskError};
use crate::process::{command, root, run};
use crate::server::build_server;
use crate::setup::tests_dir;

/// The navigations' round-trip latencies (ms) unless `--latency=` names others.
const DEFAULT_LATENCIES: &str = "0,40";

/// Builds `pkg/` (unless `no_build`) and the server, then runs the browser benchmark with the
/// navigations at `latencies` (comma-separated ms; default [`DEFAULT_LATENCIES`]).
pub fn bench_browser(no_build: bool, latencies: Option<&str>) -> Result<()> {
    let latencies = latencies.unwrap_or(DEFAULT_LATENCIES);
    if latencies.is_empty()
        || latencies
            .split(',')
            .any(|l| l.trim().parse::<u32>().is_err())
    {
        return Err(XtaskError::Usage(format!(
            "--latency takes milliseconds, e.g. --latency=0,40 (got `{latencies}`)"
        )));
    }
    if !tests_dir()
        .join("node_modules/playwright-core/package.json")
        .exists()
    {
        return Err(XtaskError::Missing(
            "playwright-core in tests/node_modules; run `cargo xtask setup`".into(),
        ));
    }
    install_peer()?;
    if !no_build {
        build()?;
    }
    let binary = build_server("release")?;
    let runs = std::env::var("BENCH_RUNS").unwrap_or_else(|_| "10".into());
    run(command("node")
        .arg(root().join("bench/browser/run.mjs"))
        .env("CLERK_SERVER_BIN", &binary)
        .env("BENCH_RUNS", runs)
        .env("BENCH_LATENCIES", latencies))
}
