//! Running other programs: the repository root, commands that echo themselves, background
//! children that are killed when dropped, temporary directories, free ports and Ctrl-C.
//!
//! Every long-lived child (a test server, PostgreSQL) is owned by a guard whose `Drop` stops it,
//! and Ctrl-C only sets a flag, so guards always run and nothing is left behind.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{Result, XtaskError};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Makes Ctrl-C set a flag instead of killing xtask. Children in the foreground process group get
/// the signal themselves and exit; xtask then unwinds normally and its guards clean up.
pub fn install_interrupt_handler() {
    if let Err(e) = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst)) {
        eprintln!("xtask: cannot handle Ctrl-C ({e}); clean-up on interrupt is not guaranteed");
    }
}

/// Fails with `Interrupted` once Ctrl-C was pressed.
pub fn check_interrupted() -> Result<()> {
    if INTERRUPTED.load(Ordering::SeqCst) {
        Err(XtaskError::Interrupted)
    } else {
        Ok(())
    }
}

/// The repository root (two levels above this crate's manifest).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .unwrap_or(manifest)
        .to_path_buf()
}

/// Cargo's target directory (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// The cargo that runs xtask (so the same toolchain builds everything).
pub fn cargo() -> Command {
    let mut cmd = Command::new(env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")));
    cmd.current_dir(root());
    cmd
}

/// A command in the repository root.
pub fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(root());
    cmd
}

/// The command line as a shell would show it.
pub fn describe(cmd: &Command) -> String {
    let mut line = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Runs a command with inherited output, failing when it exits unsuccessfully.
pub fn run(cmd: &mut Command) -> Result<()> {
    let line = describe(cmd);
    eprintln!("$ {line}");
    let status = cmd
        .status()
        .map_err(|e| XtaskError::io(format!("cannot run `{line}`"), e))?;
    check_interrupted()?;
    if status.success() {
        Ok(())
    } else {
        Err(XtaskError::CommandFailed {
            command: line,
            status,
        })
    }
}

/// The trimmed standard output of a command that succeeded, or `None` (missing program, failure).
pub fn stdout_of(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Whether the current user is root (`id -u` is 0).
pub fn is_root() -> bool {
    stdout_of(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(|e| XtaskError::io("cannot bind 127.0.0.1:0", e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| XtaskError::io("cannot read local address", e))?;
    Ok(addr.port())
}

/// A child process killed (and reaped) when the guard is dropped.
pub struct Background {
    child: Child,
    name: String,
}

impl Background {
    /// Takes ownership of a spawned child.
    pub fn new(name: impl Into<String>, child: Child) -> Self {
        Background {
            child,
            name: name.into(),
        }
    }

    /// The child, e.g. to take its standard output.
    pub fn child_mut(&mut self) -> &mut Child {
        &mut self.child
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            if let Err(e) = self.child.kill() {
                eprintln!("xtask: cannot stop {}: {e}", self.name);
            }
        }
        let _ = self.child.wait();
    }
}

/// A fresh directory under the system temp directory, removed with everything in it on drop.
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Creates `<tmp>/<prefix>-<pid>-<nanos>`.
    pub fn new(prefix: &str) -> Result<Self> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let path = env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        fs::create_dir_all(&path)
            .map_err(|e| XtaskError::io(format!("cannot create {}", path.display()), e))?;
        Ok(TempDir { path })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_dirs_are_distinct_and_removed_on_drop() {
        let a = TempDir::new("xtask-test").unwrap();
        let b = TempDir::new("xtask-test").unwrap();
        assert_ne!(a.path(), b.path());
        let kept = a.path().to_path_buf();
        fs::write(kept.join("f"), b"x").unwrap();
        drop(a);
        assert!(!kept.exists());
    }

    #[test]
    fn describe_shows_program_and_arguments() {
        let mut cmd = Command::new("cargo");
        cmd.args(["test", "-p", "xtask"]);
        assert_eq!(describe(&cmd), "cargo test -p xtask");
    }

    #[test]
    fn the_root_holds_the_workspace_manifest() {
        assert!(root().join("Cargo.toml").is_file());
        assert!(root().join("crates/xtask").is_dir());
    }
}
