//! Minimal logging to stderr. Callers must never pass secrets (cookie values, passwords, tokens,
//! key material) to these functions; ids are fine.

/// Logs an informational line.
pub fn info(message: &str) {
    eprintln!("clerk-server INFO {message}");
}

/// Logs a warning.
pub fn warn(message: &str) {
    eprintln!("clerk-server WARN {message}");
}

/// Logs an error.
pub fn error(message: &str) {
    eprintln!("clerk-server ERROR {message}");
}
