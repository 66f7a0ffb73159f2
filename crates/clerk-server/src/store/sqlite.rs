//! The SQLite backend: rusqlite, in-process, on the calling thread.
//!
//! A query on a WAL database takes microseconds, less than handing it to another thread would
//! cost, so statements run where they are called, on a few connections kept here, each with its
//! prepared statements cached: reads on any free reader, writes on the one writer connection
//! (writers are serialized by its mutex; `BEGIN IMMEDIATE` serializes them against other
//! processes). `synchronous=NORMAL` in WAL mode: commits do not wait for fsync, a crash of the
//! machine (not of the process) may lose the last commits, never corrupts.
//!
//! A `sqlite::memory:` database has one connection (the writer) that reads too.

use crate::error::AppError;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Reader connections of a file database.
const READERS: usize = 4;
/// Prepared statements kept per connection (the server has about twenty).
const STATEMENT_CACHE: usize = 32;

/// A set of SQLite connections on one database (cheap to clone).
#[derive(Clone)]
pub struct SqliteDb(Arc<Inner>);

struct Inner {
    readers: Vec<Mutex<Connection>>,
    writer: Mutex<Connection>,
    next: AtomicUsize,
}

impl std::fmt::Debug for SqliteDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SqliteDb({} readers)", self.0.readers.len())
    }
}

/// `sql` with PostgreSQL's `$N` placeholders turned into SQLite's numbered `?N` (so a parameter
/// used twice, or out of order, binds right).
pub fn numbered(sql: &str) -> String {
    sql.replace('$', "?")
}

/// The SQLite spelling of a shared SQL constant, computed once.
macro_rules! q {
    ($sql:expr) => {{
        static S: std::sync::LazyLock<String> =
            std::sync::LazyLock::new(|| $crate::store::sqlite::numbered($sql));
        S.as_str()
    }};
}
pub(crate) use q;

fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A panic while holding a connection leaves it usable (statements are reset on reuse).
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn open(target: &str, memory: bool) -> Result<Connection, AppError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(target, flags)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // Without the query-planner stability guarantee, binding a new value to a parameter the
    // planner looked at (the LEFT JOIN conditions) expires the cached statement and SQLite parses
    // and plans it again on every call; with it, a cached statement is reused as is.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    if !memory {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    Ok(conn)
}

impl SqliteDb {
    /// Opens `url` (`sqlite://PATH` or `sqlite:PATH`, created when missing; `sqlite::memory:`).
    pub fn open(url: &str) -> Result<Self, AppError> {
        let rest = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        let path = rest.split('?').next().unwrap_or(rest);
        let memory = path.is_empty() || path == ":memory:";
        let writer = open(if memory { ":memory:" } else { path }, memory)?;
        let readers = if memory {
            Vec::new()
        } else {
            (0..READERS)
                .map(|_| open(path, false).map(Mutex::new))
                .collect::<Result<_, _>>()?
        };
        Ok(Self(Arc::new(Inner {
            readers,
            writer: Mutex::new(writer),
            next: AtomicUsize::new(0),
        })))
    }

    /// Runs `f` on a reader connection (a free one if any), on this thread.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let readers = &self.0.readers;
        if readers.is_empty() {
            return self.write(f);
        }
        let start = self.0.next.fetch_add(1, Ordering::Relaxed);
        for i in 0..readers.len() {
            if let Ok(conn) = readers[(start + i) % readers.len()].try_lock() {
                return f(&conn);
            }
        }
        f(&lock(&readers[start % readers.len()]))
    }

    /// Runs `f` on the writer connection, on this thread.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        f(&lock(&self.0.writer))
    }

    /// Runs `f` in an immediate transaction on the writer, committing when it returns `Ok`.
    pub fn transaction<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut conn = lock(&self.0.writer);
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}
