//! Storage: SQLite (the default, one file, WAL mode) or PostgreSQL (several server processes on
//! one database). Both run the same SQL texts ([`sql`]); the [`Db`] enum picks the backend in
//! each query method ([`reads`], [`writes`], [`activity`]). SQLite is rusqlite, run in-process on
//! the calling thread ([`sqlite`]); PostgreSQL is an sqlx pool, plus a small one for activity
//! updates (token minting, touch) whose commits do not wait for the WAL flush: a database crash
//! may lose the last fraction of a second of `last_active_at` refreshes and account switches,
//! never a sign-in, sign-out or revocation.
//!
//! Nothing is cached in memory: two processes on one PostgreSQL always see the same state.

mod activity;
mod reads;
pub(crate) mod rows;
mod schema;
pub mod sql;
pub mod sqlite;
mod writes;

pub use activity::ActivityWrite;
pub use rows::{ClientRow, NewSession, SessionRow, UserRow};
pub use sqlite::SqliteDb;
pub use writes::SessionStart;

use crate::error::AppError;
use sqlx::pool::PoolOptions;
use sqlx::postgres::{PgConnectOptions, PgPool};
use std::str::FromStr;
use std::time::Duration;

/// PostgreSQL connections per process unless configured (`database_max_connections`).
pub const DEFAULT_PG_CONNECTIONS: u32 = 16;

/// A connection pool to one of the supported databases.
#[derive(Debug, Clone)]
pub enum Db {
    /// SQLite.
    Sqlite(SqliteDb),
    /// PostgreSQL: the main pool, and a small pool for activity updates (token minting, touch:
    /// `last_active_at` and the client's last active session) whose commits do not wait for the
    /// WAL flush (`synchronous_commit = off`).
    Postgres(PgPool, PgPool),
}

impl Db {
    /// Connects to `url` (`sqlite://PATH`, created when missing; `sqlite::memory:`;
    /// `postgres://...`, with at most `pg_connections` connections) and brings the schema up to
    /// date.
    pub async fn connect(url: &str, pg_connections: u32) -> Result<Self, AppError> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PoolOptions::new()
                .max_connections(pg_connections.max(1))
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options.clone())
                .await?;
            let activity = PoolOptions::new()
                .max_connections((pg_connections / 4).max(1))
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options.options([("synchronous_commit", "off")]))
                .await?;
            Db::Postgres(pool, activity)
        } else if url.starts_with("sqlite:") {
            Db::Sqlite(SqliteDb::open(url)?)
        } else {
            return Err(AppError::Config(
                "database URL must start with sqlite:// or postgres://".into(),
            ));
        };
        db.migrate().await?;
        Ok(db)
    }

    /// Creates the tables and indexes when missing (idempotent). On PostgreSQL an advisory lock
    /// keeps two processes starting at once from racing.
    async fn migrate(&self) -> Result<(), AppError> {
        match self {
            Db::Sqlite(db) => {
                db.write(|conn| {
                    for statement in schema::STATEMENTS {
                        conn.execute_batch(statement)?;
                    }
                    Ok(())
                })
                .await?
            }
            Db::Postgres(pool, _) => {
                let mut conn = pool.acquire().await?;
                sqlx::query("SELECT pg_advisory_lock(727350001)")
                    .execute(&mut *conn)
                    .await?;
                let mut result = Ok(());
                for statement in schema::STATEMENTS {
                    if let Err(e) = sqlx::query(*statement).execute(&mut *conn).await {
                        result = Err(e);
                        break;
                    }
                }
                sqlx::query("SELECT pg_advisory_unlock(727350001)")
                    .execute(&mut *conn)
                    .await?;
                result?;
            }
        }
        Ok(())
    }

    /// Closes the pool (SQLite connections close when the last handle is dropped).
    pub async fn close(&self) {
        if let Db::Postgres(pool, activity) = self {
            pool.close().await;
            activity.close().await;
        }
    }
}
