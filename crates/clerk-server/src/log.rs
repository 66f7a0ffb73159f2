//! Logging to stderr, as text (`clerk-server LEVEL message`) or, with `log_format = "json"`, one
//! JSON object per line (`{"ts":…,"level":…,"message":…}` plus an event's fields).
//!
//! Security rule: callers never pass secrets (cookie values, passwords, tokens, key material);
//! ids, addresses and key ids are fine. The audit trail ([`crate::audit`]) is built on
//! [`event`].

use crate::clock::{Clock, SystemClock};
use crate::config::LogFormat;
use std::sync::atomic::{AtomicBool, Ordering};

static JSON: AtomicBool = AtomicBool::new(false);

/// Sets the format of every line from now on (once, at start-up).
pub fn set_format(format: LogFormat) {
    JSON.store(format == LogFormat::Json, Ordering::Relaxed);
}

fn line(level: &str, message: &str, fields: &[(&str, &str)]) {
    let mut out = String::with_capacity(128);
    if JSON.load(Ordering::Relaxed) {
        let mut map = serde_json::Map::new();
        map.insert("ts".into(), SystemClock.now_ms().into());
        map.insert("level".into(), level.to_ascii_lowercase().into());
        map.insert("message".into(), message.into());
        for (k, v) in fields {
            map.insert((*k).to_owned(), (*v).into());
        }
        out.push_str(&serde_json::Value::Object(map).to_string());
    } else {
        out.push_str("clerk-server ");
        out.push_str(level);
        out.push(' ');
        out.push_str(message);
        for (k, v) in fields {
            out.push(' ');
            out.push_str(k);
            out.push('=');
            // Quoted when it would not read back as one token.
            if v.is_empty() || v.contains([' ', '"', '=']) || v.chars().any(char::is_control) {
                out.push_str(&serde_json::Value::from(*v).to_string());
            } else {
                out.push_str(v);
            }
        }
    }
    // One write per line (stderr is locked for the whole of it), so lines of concurrent
    // requests never interleave; `eprintln!` so that test harnesses capture it.
    eprintln!("{out}");
}

/// Logs an informational line.
pub fn info(message: &str) {
    line("INFO", message, &[]);
}

/// Logs a warning.
pub fn warn(message: &str) {
    line("WARN", message, &[]);
}

/// Logs an error.
pub fn error(message: &str) {
    line("ERROR", message, &[]);
}

/// Logs a structured event: `message` names it, `fields` describe it (no secrets).
pub fn event(message: &str, fields: &[(&str, &str)]) {
    line("INFO", message, fields);
}
