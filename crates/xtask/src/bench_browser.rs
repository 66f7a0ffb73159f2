//! `cargo xtask bench browser`: the SDK in headless Chromium against Better Auth's browser client,
//! by `bench/browser/run.mjs` (Playwright via `tests/node_modules`, the e2e harness starting
//! clerk-server with the `www/` demo and `pkg/`, and `bench/better-auth/server.mjs`). The script
//! times everything in the page and prints the Markdown table.

use crate::bench_peer::install_peer;
use crate::build::build;
use crate::error::{Result, XtaskError};
use crate::process::{command, root, run};
use crate::server::build_server;
use crate::setup::tests_dir;

/// Builds `pkg/` (unless `no_build`) and the server, then runs the browser benchmark.
pub fn bench_browser(no_build: bool) -> Result<()> {
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
        .env("BENCH_RUNS", runs))
}
