//! SQLite as the server uses it: the database ([`SqliteDb`], which this derefs to) with the
//! client cache of [`super::cache`] in front of the hot reads.
//!
//! On SQLite every write goes through this process, so the cache needs no notifications: this
//! process's writes invalidate (or, for activity, patch) a client right after they commit. That
//! holds only while no other process writes the file, so **a process with the cache on owns the
//! file**: it holds an exclusive lock on `PATH.lock` (an `flock`, apart from SQLite's own locks)
//! and a second process is refused at start-up with a clear error. Processes with the cache off
//! (`database_read_cache_entries = 0`) take a shared lock and may share a file with each other,
//! never with a caching one. Several processes on one database belong on PostgreSQL, whose
//! cache is kept in step across processes.

use super::cache::ClientCache;
use super::error::StoreError;
use super::sqlite::{file_path, SqliteDb};
use crate::private_file::owner_only;
use std::fs::File;
use std::sync::Arc;

/// A SQLite database with its client cache.
#[derive(Debug, Clone)]
pub struct Lite {
    db: SqliteDb,
    /// Clients with their active sessions (on when the file is this process's alone).
    pub cache: ClientCache,
    /// The lock on `PATH.lock`, held while the database is open.
    _owner: Option<Arc<File>>,
}

impl std::ops::Deref for Lite {
    type Target = SqliteDb;
    fn deref(&self) -> &SqliteDb {
        &self.db
    }
}

impl Lite {
    /// Opens `url` with a cache of `cache_entries` clients (0: none), after taking the lock
    /// that keeps a caching process alone on the file.
    pub fn open(url: &str, cache_entries: usize) -> Result<Self, StoreError> {
        let owner = match file_path(url) {
            Some(path) => Some(Arc::new(lock(path, cache_entries > 0)?)),
            None => None,
        };
        let db = SqliteDb::open(url)?;
        let cache = ClientCache::new(cache_entries);
        cache.enable();
        Ok(Self {
            db,
            cache,
            _owner: owner,
        })
    }
}

/// Takes the lock on `PATH.lock` (created with mode 0600; see [`super::sqlite_files`]):
/// exclusive for a caching process, shared otherwise.
fn lock(path: &str, exclusive: bool) -> Result<File, StoreError> {
    let lock_path = format!("{path}.lock");
    let file =
        owner_only(File::options().create(true).truncate(false).write(true)).open(&lock_path)?;
    let taken = if exclusive {
        file.try_lock()
    } else {
        file.try_lock_shared()
    };
    match taken {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Config(format!(
            "another process is using the SQLite database {path} ({lock_path} is locked): a \
             process with the client cache on (database_read_cache_entries > 0, the default) \
             must be the only one on its file. Run one process, set \
             database_read_cache_entries = 0 in every process sharing the file, or use PostgreSQL"
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}
