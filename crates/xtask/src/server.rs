//! Starting `clerk-server` for tests and benchmarks: built binary, 127.0.0.1 port 0, a fresh
//! SQLite file in a temp directory, `--dev`; the URL comes from its first line of output.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::error::{Result, XtaskError};
use crate::process::{cargo, command, run, target_dir, Background, TempDir};

/// What the server prints once it listens, before the URL.
const LISTENING: &str = "clerk-server listening on ";
/// How long a server may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Builds clerk-server with `profile` ("dev", "release" (the production build) or another named
/// profile) and returns the binary's path.
pub fn build_server(profile: &str) -> Result<PathBuf> {
    run(cargo().args(["build", "--profile", profile, "-p", "clerk-server"]))?;
    let dir = if profile == "dev" { "debug" } else { profile };
    Ok(target_dir().join(dir).join("clerk-server"))
}

/// A running clerk-server, stopped (and its database removed) on drop.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    process: Background,
    log: PathBuf,
    // Dropped after `process`, so the database goes only once the server is stopped.
    _dir: TempDir,
}

impl Server {
    /// Starts `binary` with `--dev` on `database` (default: a fresh SQLite file in a temp
    /// directory) and `extra` arguments (e.g. `--config FILE`); stderr goes to a log file.
    pub fn start_with(binary: &Path, database: Option<&str>, extra: &[String]) -> Result<Server> {
        let dir = TempDir::new("clerk-server")?;
        let log = dir.path().join("server.log");
        let log_file =
            File::create(&log).map_err(|e| XtaskError::io("cannot create the server log", e))?;
        let database = match database {
            Some(url) => url.to_string(),
            None => format!("sqlite://{}", dir.path().join("clerk.sqlite").display()),
        };
        let child = command(binary)
            .args([
                "--listen",
                "127.0.0.1:0",
                "--database-url",
                &database,
                "--dev",
            ])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .map_err(|e| XtaskError::io(format!("cannot start {}", binary.display()), e))?;
        let mut process = Background::new("clerk-server", child);
        let stdout = process
            .child_mut()
            .stdout
            .take()
            .ok_or_else(|| XtaskError::Failed("clerk-server has no stdout".into()))?;
        let first_line = read_first_line(stdout);
        let url = match first_line.as_deref().and_then(parse_listening_line) {
            Some(url) => url,
            None => {
                let tail = log_tail(&log);
                return Err(XtaskError::Failed(format!(
                    "clerk-server did not report `{LISTENING}http://...` (first line: {first_line:?}); its log:\n{tail}"
                )));
            }
        };
        Ok(Server {
            url,
            process,
            log,
            _dir: dir,
        })
    }

    /// The end of the server's log (stderr), for failure reports.
    pub fn log_tail(&self) -> String {
        log_tail(&self.log)
    }

    /// The server's process id.
    pub fn pid(&mut self) -> u32 {
        self.process.child_mut().id()
    }

    /// Whether the server is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.process.child_mut().try_wait(), Ok(None))
    }
}

/// Reads the first line of the server's stdout (with a time limit), then keeps draining it in a
/// background thread so the server never blocks on a full pipe.
pub fn read_first_line(stdout: impl Read + Send + 'static) -> Option<String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let got = reader
            .read_line(&mut line)
            .ok()
            .filter(|n| *n > 0)
            .map(|_| line);
        let _ = tx.send(got);
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    });
    rx.recv_timeout(START_TIMEOUT).ok().flatten()
}

/// The URL in `clerk-server listening on http://127.0.0.1:PORT`.
pub fn parse_listening_line(line: &str) -> Option<String> {
    let url = line.trim().strip_prefix(LISTENING)?;
    (url.starts_with("http://") && url.len() > "http://".len()).then(|| url.to_string())
}

fn log_tail(log: &Path) -> String {
    let text = fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listening_line_gives_the_url() {
        assert_eq!(
            parse_listening_line("clerk-server listening on http://127.0.0.1:4123\n").as_deref(),
            Some("http://127.0.0.1:4123")
        );
    }

    #[test]
    fn other_first_lines_give_no_url() {
        assert_eq!(parse_listening_line("error: cannot open database"), None);
        assert_eq!(parse_listening_line("clerk-server listening on "), None);
    }
}
