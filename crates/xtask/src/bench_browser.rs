//! `cargo xtask bench browser`: the SDK in headless Chromium (Playwright) vs Better Auth's client.

use crate::error::{Result, XtaskError};

/// Runs the browser benchmark.
pub fn bench_browser(_no_build: bool) -> Result<()> {
    Err(XtaskError::Failed("not yet".into()))
}
