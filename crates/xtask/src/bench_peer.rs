//! The Better Auth peer of the benchmarks: its npm packages installed on first use into
//! `bench/better-auth/node_modules` (idempotent, from the committed lock file; the test suite never
//! needs them), and `bench/better-auth/server.mjs` started on 127.0.0.1 port 0 under Node.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::SystemTime;

use crate::error::{Result, XtaskError};
use crate::process::{command, root, run, Background, TempDir};
use crate::server::read_first_line;

/// What the peer prints once it listens, before the URL.
const LISTENING: &str = "better-auth listening on ";

/// `bench/better-auth/`.
pub fn peer_dir() -> PathBuf {
    root().join("bench").join("better-auth")
}

/// `npm ci` in `bench/better-auth/` unless its `node_modules` matches the lock file already.
pub fn install_peer() -> Result<()> {
    install_npm_dir(&peer_dir(), "better-auth")
}

/// `bench/better-auth-ui/`: Better Auth UI and React, for the size comparison only.
pub fn ui_peer_dir() -> PathBuf {
    root().join("bench").join("better-auth-ui")
}

/// `npm ci` in `dir` unless `node_modules` holds `probe` and esbuild and matches the lock file.
pub fn install_npm_dir(dir: &Path, probe: &str) -> Result<()> {
    let lock = dir.join("package-lock.json");
    let marker = dir.join("node_modules").join(".package-lock.json");
    let modified =
        |p: &Path| -> Option<SystemTime> { fs::metadata(p).and_then(|m| m.modified()).ok() };
    let ready = dir
        .join("node_modules")
        .join(probe)
        .join("package.json")
        .exists()
        && dir.join("node_modules/.bin/esbuild").exists()
        && modified(&marker) >= modified(&lock).max(modified(&dir.join("package.json")));
    if ready {
        return Ok(());
    }
    let verb = if lock.exists() { "ci" } else { "install" };
    run(command("npm")
        .current_dir(dir)
        .args([verb, "--no-audit", "--no-fund"]))
}

/// A running Better Auth server, stopped on drop.
pub struct BetterAuth {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    process: Background,
    log: PathBuf,
    _dir: TempDir,
}

impl BetterAuth {
    /// Installs the peer's packages if needed and starts it, serving `static_dir` beside the API.
    pub fn start(static_dir: Option<&Path>) -> Result<BetterAuth> {
        install_peer()?;
        let dir = TempDir::new("better-auth")?;
        let log = dir.path().join("better-auth.log");
        let log_file =
            File::create(&log).map_err(|e| XtaskError::io("cannot create the peer's log", e))?;
        let mut cmd = command("node");
        cmd.current_dir(peer_dir()).arg("server.mjs");
        if let Some(d) = static_dir {
            cmd.arg("--static").arg(d);
        }
        let child = cmd
            .env("NODE_ENV", "production")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .map_err(|e| XtaskError::io("cannot start node bench/better-auth/server.mjs", e))?;
        let mut process = Background::new("better-auth", child);
        let stdout = process
            .child_mut()
            .stdout
            .take()
            .ok_or_else(|| XtaskError::Failed("the Better Auth server has no stdout".into()))?;
        let first = read_first_line(stdout);
        let url = first
            .as_deref()
            .and_then(|l| l.trim().strip_prefix(LISTENING))
            .map(str::to_string)
            .ok_or_else(|| {
                let text = fs::read_to_string(&log).unwrap_or_default();
                XtaskError::Failed(format!(
                    "Better Auth did not report `{LISTENING}http://...` (first line {first:?}); its log:\n{text}"
                ))
            })?;
        Ok(BetterAuth {
            url,
            process,
            log,
            _dir: dir,
        })
    }

    /// The process id of the Node server.
    pub fn pid(&mut self) -> u32 {
        self.process.child_mut().id()
    }

    /// The server's log (stderr).
    pub fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// Resident memory of a process in KiB (`VmRSS` of `/proc/PID/status`), 0 when unknown.
pub fn rss_kib(pid: u32) -> u64 {
    let text = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_own_rss_is_read_from_proc() {
        assert!(rss_kib(std::process::id()) > 0);
        assert_eq!(rss_kib(u32::MAX), 0);
    }
}
