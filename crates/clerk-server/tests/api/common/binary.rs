//! The real `clerk-server` binary as a child process: [`start_binary`] waits for its one stdout
//! line (`clerk-server listening on http://ADDR`) or its exit; a [`RunningBinary`] is killed on
//! drop, and keeps what it writes on stderr (the log) for [`RunningBinary::stop`].

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// What became of a started binary.
pub enum Started {
    /// It printed its listening line and is serving.
    Listening(RunningBinary),
    /// It exited before listening.
    Exited {
        /// Its exit code.
        code: Option<i32>,
        /// Everything it wrote on stderr.
        stderr: String,
    },
}

impl Started {
    /// The serving binary; panics with its log if it exited.
    pub fn listening(self) -> RunningBinary {
        match self {
            Started::Listening(server) => server,
            Started::Exited { code, stderr } => panic!("clerk-server exited ({code:?}): {stderr}"),
        }
    }
}

/// A serving binary; killed when dropped.
pub struct RunningBinary {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub url: String,
    stderr: Arc<Mutex<String>>,
    drain: Option<JoinHandle<()>>,
}

impl RunningBinary {
    /// Stops the server and returns everything it wrote on stderr.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(drain) = self.drain.take() {
            let _ = drain.join();
        }
        let text = self.stderr.lock().unwrap().clone();
        text
    }

    /// The process's resident memory in KiB (`VmRSS` of /proc/PID/status).
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("read /proc/PID/status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("a VmRSS line")
    }
}

impl Drop for RunningBinary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `clerk-server` with `args` and `envs` and waits for its listening line or its exit.
pub fn start_binary_with(args: &[&str], envs: &[(&str, &str)]) -> Started {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clerk-server"));
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn clerk-server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let mut stderr_pipe = child.stderr.take().unwrap();
    if line.is_empty() {
        let mut stderr = String::new();
        stderr_pipe.read_to_string(&mut stderr).unwrap();
        let code = child.wait().unwrap().code();
        return Started::Exited { code, stderr };
    }
    let url = line
        .trim()
        .strip_prefix("clerk-server listening on ")
        .unwrap_or_else(|| panic!("first line: {line:?}"))
        .to_owned();
    let stderr = Arc::new(Mutex::new(String::new()));
    let sink = stderr.clone();
    let drain = std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        while let Ok(n) = stderr_pipe.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
    });
    Started::Listening(RunningBinary {
        child,
        url,
        stderr,
        drain: Some(drain),
    })
}

/// Starts `clerk-server` with `args` and waits for its listening line or its exit.
pub fn start_binary(args: &[&str]) -> Started {
    start_binary_with(args, &[])
}

/// Starts `clerk-server` on 127.0.0.1:0 with the SQLite database `db_path` (its signing key
/// beside it, by default).
pub fn start_on_sqlite(db_path: &std::path::Path) -> Started {
    let url = format!("sqlite://{}", db_path.display());
    start_binary(&["--listen", "127.0.0.1:0", "--database-url", &url])
}

/// The binary's stderr when it refused to start; panics if it started.
pub fn refusal(started: Started) -> String {
    match started {
        Started::Exited { code, stderr } => {
            assert_ne!(code, Some(0), "it exited with success: {stderr}");
            stderr
        }
        Started::Listening(server) => {
            let log = server.stop();
            panic!("the server started; its log:\n{log}")
        }
    }
}
