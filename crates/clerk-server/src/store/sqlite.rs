//! The SQLite backend: rusqlite, in-process, on the calling thread.
//!
//! A query on a WAL database takes microseconds, less than handing it to another thread would
//! cost, so statements run where they are called, on a few connections kept here, each with its
//! prepared statements cached: reads on any free reader, writes on the one writer connection
//! (writers queue on its async mutex; `BEGIN IMMEDIATE` serializes them against other
//! processes). `synchronous=NORMAL` in WAL mode: commits do not wait for fsync, a crash of the
//! machine (not of the process) may lose the last commits, never corrupts.
//!
//! Checkpoints (copying the WAL back into the database file, with an fsync that takes
//! milliseconds) run on a background thread every 100 ms in PASSIVE mode, which does not block
//! writers, instead of inside whichever request's commit crosses SQLite's 1000-page threshold
//! (that stalled the writer, and the requests queued on it, several times a second under load).
//! The writer keeps a 10000-page automatic checkpoint as a backstop.
//!
//! A `sqlite::memory:` database has one connection (the writer) that reads too.
//!
//! A file database is created with mode 0600 before SQLite opens it, and its files are checked
//! at start-up ([`super::sqlite_files`] holds the rules).

use super::error::StoreResult;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

/// Reader connections of a file database.
const READERS: usize = 4;
/// Prepared statements kept per connection (the server has about twenty).
const STATEMENT_CACHE: usize = 32;
/// How often the background thread checkpoints the WAL.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(100);
/// Pages in the WAL past which a commit checkpoints by itself (a backstop).
const BACKSTOP_CHECKPOINT_PAGES: i64 = 10_000;

/// A set of SQLite connections on one database (cheap to clone).
#[derive(Clone)]
pub struct SqliteDb(Arc<Inner>);

struct Inner {
    readers: Vec<Mutex<Connection>>,
    /// An async mutex: a request waiting for the writer parks its task, not its worker thread,
    /// so a writer preempted mid-statement never stalls the whole runtime.
    writer: tokio::sync::Mutex<Connection>,
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

/// Checkpoints the WAL every [`CHECKPOINT_EVERY`] on `conn` until the database is dropped.
fn spawn_checkpointer(conn: Connection, db: Weak<Inner>) -> StoreResult<()> {
    std::thread::Builder::new()
        .name("sqlite-checkpoint".into())
        .spawn(move || {
            while db.strong_count() > 0 {
                std::thread::sleep(CHECKPOINT_EVERY);
                let done = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                if let Err(e) = done {
                    crate::log::warn(&format!("sqlite checkpoint: {e}"));
                }
            }
        })?;
    Ok(())
}

fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A panic while holding a connection leaves it usable (statements are reset on reuse).
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn open(target: &str, memory: bool) -> StoreResult<Connection> {
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

/// The file of a SQLite URL (`sqlite://PATH`, `sqlite:PATH`, with or without `?options`);
/// `None` for an in-memory database.
pub fn file_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then_some(path)
}

impl SqliteDb {
    /// Opens `url` (`sqlite://PATH` or `sqlite:PATH`, created when missing; `sqlite::memory:`).
    pub fn open(url: &str) -> StoreResult<Self> {
        let path = file_path(url).unwrap_or("");
        let memory = path.is_empty();
        if !memory {
            super::sqlite_files::prepare(path)?;
        }
        let writer = open(if memory { ":memory:" } else { path }, memory)?;
        let readers = if memory {
            Vec::new()
        } else {
            writer.pragma_update(None, "wal_autocheckpoint", BACKSTOP_CHECKPOINT_PAGES)?;
            (0..READERS)
                .map(|_| open(path, false).map(Mutex::new))
                .collect::<Result<_, _>>()?
        };
        let db = Self(Arc::new(Inner {
            readers,
            writer: tokio::sync::Mutex::new(writer),
            next: AtomicUsize::new(0),
        }));
        if !memory {
            spawn_checkpointer(open(path, false)?, Arc::downgrade(&db.0))?;
            super::sqlite_files::warn_if_exposed(path);
        }
        Ok(db)
    }

    /// Runs `f` on a reader connection (a free one if any), on this thread.
    pub async fn read<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        let readers = &self.0.readers;
        if readers.is_empty() {
            return self.write(f).await;
        }
        let start = self.0.next.fetch_add(1, Ordering::Relaxed);
        for i in 0..readers.len() {
            if let Ok(conn) = readers[(start + i) % readers.len()].try_lock() {
                return f(&conn);
            }
        }
        f(&lock(&readers[start % readers.len()]))
    }

    /// Runs `f` on the writer connection, on this thread, once the writer is free.
    pub async fn write<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        f(&*self.0.writer.lock().await)
    }

    /// The writer connection, once it is free (held by a writer or transaction `Conn`).
    pub async fn writer(&self) -> tokio::sync::MutexGuard<'_, Connection> {
        self.0.writer.lock().await
    }
}
