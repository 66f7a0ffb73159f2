//! Storage: SQLite (the default, one file, WAL mode) or PostgreSQL (several server processes on
//! one database). Both run the same SQL (`$1` placeholders work in both); the [`Db`] enum picks
//! the pool and the [`dispatch!`] macro expands each query once per backend, so no dynamic
//! driver sits on the hot path.
//!
//! Nothing is cached in memory: two processes on one PostgreSQL always see the same state.

mod queries;
pub(crate) mod rows;
mod schema;

pub use rows::{ClientRow, NewSession, SessionRow, UserRow};

use crate::error::AppError;
use sqlx::pool::PoolOptions;
use sqlx::postgres::{PgConnectOptions, PgPool};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// A connection pool to one of the supported databases.
#[derive(Debug, Clone)]
pub enum Db {
    /// SQLite.
    Sqlite(SqlitePool),
    /// PostgreSQL.
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the concrete pool of `$db`.
macro_rules! dispatch {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::store::Db::Sqlite($pool) => $body,
            $crate::store::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use dispatch;

impl Db {
    /// Connects to `url` (`sqlite://PATH`, created when missing; `sqlite::memory:`;
    /// `postgres://...`) and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Self, AppError> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await?;
            Db::Postgres(pool)
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5));
            let pool = PoolOptions::new()
                .max_connections(8)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await?;
            Db::Sqlite(pool)
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
            Db::Sqlite(pool) => {
                for statement in schema::STATEMENTS {
                    sqlx::query(*statement).execute(pool).await?;
                }
            }
            Db::Postgres(pool) => {
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

    /// Closes the pool.
    pub async fn close(&self) {
        dispatch!(self, pool => pool.close().await)
    }
}
