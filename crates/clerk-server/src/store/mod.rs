//! Storage: SQLite (the default, one file, WAL mode) or PostgreSQL (several server processes on
//! one database). Both run the same SQL texts ([`sql`]). SQLite is rusqlite, run in-process on
//! the calling thread ([`sqlite`]); PostgreSQL is an sqlx pool, plus a small one for activity
//! updates (token minting, touch) whose commits do not wait for the WAL flush: a database crash
//! may lose the last fraction of a second of `last_active_at` refreshes and account switches,
//! never a sign-in, sign-out or revocation.
//!
//! The backend is picked in one place, `conn.rs`: a `Conn` runs a statement on either driver
//! (a reader, the writer, or a transaction), with the parameters of `args.rs` and rows read
//! through [`Cols`]; `Db::on` / `Db::on_async` there hand backend-specific code its backend.
//! The queries themselves (`reads.rs`, `writes.rs`, `activity.rs`, `sweep.rs`,
//! `migrate.rs`, `rate_limits.rs`, the flows' files) are written once. Every call answers
//! [`StoreError`], which becomes an `AppError` in one `From` (in `crate::error`).
//!
//! Each process caches clients with their live sessions ([`cache`]): on PostgreSQL kept in step
//! with the other processes by `NOTIFY` ([`postgres`]); on SQLite the caching process owns the
//! file ([`lite`]).
//!
//! The email flows' attempts and codes (migration 4): `attempts`, `sign_in_attempts`,
//! `codes` (a code stored with its outbox row in one transaction) and `password_reset`, their
//! SQL in [`sql_attempts`].
//!
//! The user's own account (migration 6): `email_addresses` (a user's addresses, the reads that
//! fill them into users) and `accounts` (names, primary address, password change, a session's
//! re-verification time, deletion), their SQL in [`sql_account`].
//!
//! Profile pictures (migration 7): `images` stores, swaps and serves them (content-addressed,
//! deleted once no user names them), their SQL in [`sql_images`].
//!
//! The mail outbox (`outbox`): rows flows store with [`sql::INSERT_OUTBOX`] in their own
//! transactions, claimed and finished by the sender of [`crate::mail`].
//!
//! # How to add a query
//! 1. **The SQL text** in `sql.rs` (or a `sql_*.rs` beside it for a new table), once, with
//!    PostgreSQL's `$1, $2, ...` placeholders; columns in a fixed order, decoded by position. A
//!    table or column is a new migration at the end of `schema.rs` (never edit a released one).
//! 2. **A decoder** for its rows (`fn(&dyn Cols) -> StoreResult<T>`, in `rows.rs` or the new
//!    file): `row.text(0)?`, `row.int(1)?`, `row.opt_text(2)?`, `row.opt_bytes(3)?`, ...
//! 3. **The `Db` method**, in a file named for what it stores (e.g. `codes.rs`), written once:
//!    `self.reader().query_opt(stmt!(sql::X), &args![id, now], rows::x).await` for a read,
//!    `self.writer().await.execute(stmt!(sql::Y), &args![..]).await` for one write (then
//!    `self.changed(client_id)` if it changes a client or its sessions: the cache forgets it).
//! 4. **Several statements, all or nothing**: `let mut tx = self.begin().await?;`, the
//!    statements on `tx` (an `async fn f(tx: &mut Conn<'_>, ..)` if it is long; see
//!    `store_session` in `writes.rs`), then `tx.commit().await?` (dropped before: rolled back).
//!    A PostgreSQL-only statement (a row lock) is `pg_only!(sql::Z)`: SQLite skips it, its
//!    `BEGIN IMMEDIATE` holding the database already.
//! 5. **Outcomes** callers must tell apart (a unique violation: `e.is_unique_violation()`, a
//!    row that is gone) become a [`StoreError`] variant (`error.rs`) and one arm of
//!    `From<StoreError> for AppError`. Only what one backend cannot say in shared SQL (arrays:
//!    `unnest`, see `rate_limits.rs`) gets a function per backend, through `self.on_async(lite,
//!    pg)`.

mod accounts;
mod activity;
mod activity_batch;
mod activity_pg;
pub(crate) mod args;
mod attempts;
pub mod cache;
mod codes;
pub mod cols;
mod conn;
mod email_addresses;
mod error;
mod images;
pub mod lite;
mod migrate;
mod outbox;
mod password_reset;
pub mod postgres;
mod rate_limits;
mod reads;
pub(crate) mod rows;
pub mod schema;
mod sign_in_attempts;
pub mod sql;
pub mod sql_account;
pub mod sql_attempts;
pub mod sql_images;
pub mod sqlite;
pub mod sqlite_files;
mod sweep;
mod writes;

pub use accounts::Ended;
pub use activity::ActivityWrite;
pub use attempts::SignUpAttemptRow;
pub use codes::NewCode;
pub use cols::Cols;
pub use email_addresses::AddressRow;
pub use error::{StoreError, StoreResult};
pub use images::StoredImage;
pub use outbox::OutboxRow;
pub use rows::{ClientRow, NewSession, SessionRow, UserRow};
pub use sign_in_attempts::SignInAttemptRow;
pub use sqlite::SqliteDb;
pub use writes::{Rotation, SessionStart};

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
    pub async fn connect(url: &str, options: DbOptions) -> StoreResult<Self> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let connect = PgConnectOptions::from_str(url)?;
            Db::Postgres(Pg::connect(connect, options.pg_connections, options.cache_entries).await?)
        } else if url.starts_with("sqlite:") {
            Db::Sqlite(Lite::open(url, options.cache_entries)?)
        } else {
            return Err(StoreError::Config(
                "database URL must start with sqlite:// or postgres://".into(),
            ));
        };
        db.migrate().await?;
        Ok(db)
    }

    /// Closes the pools (SQLite connections close when the last handle is dropped).
    pub async fn close(&self) {
        self.on_async(|_| async {}, |pg| pg.close()).await;
    }

    /// The process's client cache.
    pub fn cache(&self) -> &cache::ClientCache {
        self.on(|lite| &lite.cache, |pg| &pg.cache)
    }

    /// After this process committed a change to client `id`: the cache forgets it.
    fn changed(&self, id: &str) {
        self.cache().invalidate(id);
    }
}
