//! The one error type of xtask: every failure a command can end with, each with a plain message.

use std::fmt;
use std::io;
use std::process::ExitStatus;

/// Result of every xtask step.
pub type Result<T> = std::result::Result<T, XtaskError>;

/// Why an xtask command failed.
#[derive(Debug)]
pub enum XtaskError {
    /// A file or process operation failed.
    Io {
        /// What was being done.
        what: String,
        /// The underlying error.
        source: io::Error,
    },
    /// A child command ran and exited unsuccessfully.
    CommandFailed {
        /// The command line.
        command: String,
        /// How it exited.
        status: ExitStatus,
    },
    /// A tool is missing and could not be installed; the message says how to install it.
    Missing(String),
    /// The command line given to xtask was wrong.
    Usage(String),
    /// Something else went wrong (a server that did not start, an unexpected answer, ...).
    Failed(String),
    /// The user pressed Ctrl-C.
    Interrupted,
}

impl XtaskError {
    /// An `Io` error with a description of what was being done.
    pub fn io(what: impl Into<String>, source: io::Error) -> Self {
        XtaskError::Io {
            what: what.into(),
            source,
        }
    }
}

impl fmt::Display for XtaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XtaskError::Io { what, source } => write!(f, "{what}: {source}"),
            XtaskError::CommandFailed { command, status } => {
                write!(f, "`{command}` failed ({status})")
            }
            XtaskError::Missing(msg) => write!(f, "missing tool: {msg}"),
            XtaskError::Usage(msg) => write!(f, "{msg}"),
            XtaskError::Failed(msg) => write!(f, "{msg}"),
            XtaskError::Interrupted => write!(f, "interrupted"),
        }
    }
}

impl std::error::Error for XtaskError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            XtaskError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<serde_json::Error> for XtaskError {
    fn from(e: serde_json::Error) -> Self {
        XtaskError::Failed(format!("invalid JSON: {e}"))
    }
}
