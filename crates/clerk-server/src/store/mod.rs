//! Storage: SQLite (the default, one file, WAL mode) or PostgreSQL (several server processes on
//! one database). Both run the same SQL texts ([`sql`]); the [`Db`] enum picks the backend in
//! each query method ([`reads`], [`writes`], [`activity`]). SQLite is rusqlite, run in-process on
//! the calling thread ([`sqlite`]); PostgreSQL is an sqlx pool, plus a small one for activity
//! updates (token minting, touch) whose commits do not wait for the WAL flush: a database crash
//! may lose the last fraction of a second of `last_active_at` refreshes and account switches,
//! never a sign-in, sign-out or revocation.
//!
//! Each process caches clients with their live sessions ([`cache`]): on PostgreSQL kept in step
//! with the other processes by `NOTIFY` ([`postgres`]); on SQLite the caching process owns the
//! file ([`lite`]).
//!
//! The mail outbox (`outbox`): rows flows store with [`sql::INSERT_OUTBOX`] in their own
//! transactions, claimed and finished by the sender of [`crate::mail`].

mod activity;
mod activity_batch;
mod activity_pg;
mod attempts;
pub mod cache;
mod codes;
pub mod lite;
mod migrate;
mod outbox;
mod password_reset;
pub mod postgres;
mod rate_limits;
mod reads;
pub(crate) mod rows;
mod schema;
pub mod sql;
pub mod sqlite;
pub mod sqlite_files;
mod sweep;
mod writes;

pub use activity::ActivityWrite;
pub use attempts::{SignInAttemptRow, SignUpAttemptRow};
pub use codes::NewCode;
pub use outbox::OutboxRow;
pub use rows::{ClientRow, NewSession, SessionRow, UserRow};
pub use sqlite::SqliteDb;
pub use writes::{Rotation, SessionStart};

use crate::error::AppError;
use lite::Lite;
use postgres::Pg;
use sqlx::postgres::PgConnectOptions;
use std::str::FromStr;

/// PostgreSQL connections per process unless configured (`database_max_connections`).
pub const DEFAULT_PG_CONNECTIONS: u32 = 16;

/// A connection pool to one of the supported databases.
#[derive(Debug, Clone)]
pub enum Db {
    /// SQLite, with the client cache.
    Sqlite(Lite),
    /// PostgreSQL: the main pool, a small pool for activity updates (token minting, touch:
    /// `last_active_at` and the client's last active session) whose commits do not wait for the
    /// WAL flush (`synchronous_commit = off`), and the client cache.
    Postgres(Pg),
}

/// How this process uses the database.
#[derive(Debug, Clone, Copy)]
pub struct DbOptions {
    /// PostgreSQL: the most connections this process opens (SQLite ignores it).
    pub pg_connections: u32,
    /// Clients cached in this process; 0 turns the cache off (on SQLite, a process with the
    /// cache on must be alone on its file: see [`lite`]).
    pub cache_entries: usize,
}

impl Db {
    /// Connects to `url` (`sqlite://PATH`, created when missing; `sqlite::memory:`;
    /// `postgres://...`) and brings the schema up to date.
    pub async fn connect(url: &str, options: DbOptions) -> Result<Self, AppError> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let connect = PgConnectOptions::from_str(url)?;
            Db::Postgres(Pg::connect(connect, options.pg_connections, options.cache_entries).await?)
        } else if url.starts_with("sqlite:") {
            Db::Sqlite(Lite::open(url, options.cache_entries)?)
        } else {
            return Err(AppError::Config(
                "database URL must start with sqlite:// or postgres://".into(),
            ));
        };
        db.migrate().await?;
        Ok(db)
    }

    /// Closes the pools (SQLite connections close when the last handle is dropped).
    pub async fn close(&self) {
        if let Db::Postgres(pg) = self {
            pg.close().await;
        }
    }

    /// The process's client cache.
    pub fn cache(&self) -> &cache::ClientCache {
        match self {
            Db::Sqlite(lite) => &lite.cache,
            Db::Postgres(pg) => &pg.cache,
        }
    }

    /// After this process committed a change to client `id`: the cache forgets it.
    fn changed(&self, id: &str) {
        self.cache().invalidate(id);
    }
}
