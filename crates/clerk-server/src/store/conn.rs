//! The one place that picks the backend. [`Conn`] runs a statement ([`Sql`] with its
//! [`Arg`]s) on either driver: a SQLite reader, the SQLite writer, or a SQLite transaction
//! (`BEGIN IMMEDIATE`); the PostgreSQL pool or a PostgreSQL transaction. Rows come back through
//! [`Cols`], so the code of a query (and of a whole transaction) is written once. [`Db::on`] /
//! [`Db::on_async`] hand backend-specific code (PostgreSQL arrays, the batch writers) its
//! backend.
//!
//! SQLite statements run on the calling thread, inside the call (no hop): a reader `Conn` takes a
//! free reader connection per statement (the writer, on an in-memory database); a writer or
//! transaction `Conn` holds the writer until dropped, so keep one such `Conn` per task at a time
//! (a second would wait on the first). A transaction commits with [`Conn::commit`]; dropped before, it rolls back.

use super::args::{pg_query, Arg, Sql};
use super::cols::Cols;
use super::error::StoreResult;
use super::lite::Lite;
use super::postgres::Pg;
use super::Db;
use sqlx::postgres::{PgPool, PgRow};
use sqlx::Postgres;
use std::future::Future;

/// A connection (or transaction) on either backend.
pub struct Conn<'a>(Kind<'a>);

enum Kind<'a> {
    /// SQLite: each statement on a free reader connection.
    LiteRead(&'a Lite),
    /// SQLite: the writer connection, held (in a transaction when `in_tx`).
    LiteWrite(LiteWriter<'a>),
    /// PostgreSQL: each statement on a connection of the pool.
    PgPool(&'a PgPool),
    /// PostgreSQL: a transaction.
    PgTx(sqlx::Transaction<'static, Postgres>),
}

/// The SQLite writer; rolls back a transaction left open.
struct LiteWriter<'a> {
    conn: tokio::sync::MutexGuard<'a, rusqlite::Connection>,
    in_tx: bool,
}

impl Drop for LiteWriter<'_> {
    fn drop(&mut self) {
        if self.in_tx {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// SQLite: runs `sql` on `c`, giving each row to `each`.
fn lite_each(
    c: &rusqlite::Connection,
    sql: &str,
    args: &[Arg<'_>],
    each: &mut dyn FnMut(&dyn Cols) -> StoreResult<()>,
) -> StoreResult<()> {
    let mut stmt = c.prepare_cached(sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        each(row)?;
    }
    Ok(())
}

/// SQLite: runs `sql` on `c`; the number of rows it changed.
fn lite_execute(c: &rusqlite::Connection, sql: &str, args: &[Arg<'_>]) -> StoreResult<u64> {
    let changed = c
        .prepare_cached(sql)?
        .execute(rusqlite::params_from_iter(args))?;
    Ok(changed as u64)
}

impl Conn<'_> {
    /// Runs `sql`, giving each row to `each` in order.
    pub async fn for_each(
        &mut self,
        sql: Sql,
        args: &[Arg<'_>],
        mut each: impl FnMut(&dyn Cols) -> StoreResult<()> + Send,
    ) -> StoreResult<()> {
        let rows: Vec<PgRow> = match &mut self.0 {
            Kind::LiteRead(db) => {
                return match sql.lite {
                    Some(lite) => db.read(|c| lite_each(c, lite, args, &mut each)).await,
                    None => Ok(()),
                };
            }
            Kind::LiteWrite(w) => {
                return match sql.lite {
                    Some(lite) => lite_each(&w.conn, lite, args, &mut each),
                    None => Ok(()),
                };
            }
            Kind::PgPool(pool) => pg_query(sql.pg, args).fetch_all(&**pool).await?,
            Kind::PgTx(tx) => pg_query(sql.pg, args).fetch_all(&mut **tx).await?,
        };
        rows.iter().try_for_each(|row| each(row))
    }

    /// Runs `sql`; every row, decoded by `decode`.
    pub async fn query_all<T: Send>(
        &mut self,
        sql: Sql,
        args: &[Arg<'_>],
        mut decode: impl FnMut(&dyn Cols) -> StoreResult<T> + Send,
    ) -> StoreResult<Vec<T>> {
        let mut out = Vec::new();
        self.for_each(sql, args, |row| {
            out.push(decode(row)?);
            Ok(())
        })
        .await?;
        Ok(out)
    }

    /// Runs `sql`; its first row (if any), decoded by `decode`.
    pub async fn query_opt<T: Send>(
        &mut self,
        sql: Sql,
        args: &[Arg<'_>],
        mut decode: impl FnMut(&dyn Cols) -> StoreResult<T> + Send,
    ) -> StoreResult<Option<T>> {
        let mut out = None;
        self.for_each(sql, args, |row| {
            if out.is_none() {
                out = Some(decode(row)?);
            }
            Ok(())
        })
        .await?;
        Ok(out)
    }

    /// Runs `sql` (a statement without rows); the number of rows it changed.
    pub async fn execute(&mut self, sql: Sql, args: &[Arg<'_>]) -> StoreResult<u64> {
        let done = match &mut self.0 {
            Kind::LiteRead(db) => {
                return match sql.lite {
                    Some(lite) => db.read(|c| lite_execute(c, lite, args)).await,
                    None => Ok(0),
                };
            }
            Kind::LiteWrite(w) => {
                return sql.lite.map_or(Ok(0), |l| lite_execute(&w.conn, l, args))
            }
            Kind::PgPool(pool) => pg_query(sql.pg, args).execute(&**pool).await?,
            Kind::PgTx(tx) => pg_query(sql.pg, args).execute(&mut **tx).await?,
        };
        Ok(done.rows_affected())
    }

    /// Runs a schema statement without parameters (`postgres`: PostgreSQL only).
    pub async fn ddl(&mut self, sql: &'static str, postgres: bool) -> StoreResult<()> {
        match &mut self.0 {
            Kind::LiteWrite(w) if !postgres => w.conn.execute_batch(sql)?,
            Kind::LiteRead(_) | Kind::LiteWrite(_) => {}
            Kind::PgPool(pool) => {
                pg_query(sql, &[]).execute(&**pool).await?;
            }
            Kind::PgTx(tx) => {
                pg_query(sql, &[]).execute(&mut **tx).await?;
            }
        }
        Ok(())
    }

    /// Commits the transaction (nothing to do outside one).
    pub async fn commit(self) -> StoreResult<()> {
        match self.0 {
            Kind::LiteWrite(mut w) if w.in_tx => {
                w.conn.execute_batch("COMMIT")?;
                w.in_tx = false;
            }
            Kind::PgTx(tx) => tx.commit().await?,
            _ => {}
        }
        Ok(())
    }
}

impl Db {
    /// For statements that only read: a SQLite reader (the writer, for an in-memory database),
    /// or the PostgreSQL pool.
    pub(super) fn reader(&self) -> Conn<'_> {
        match self {
            Db::Sqlite(lite) => Conn(Kind::LiteRead(lite)),
            Db::Postgres(pg) => Conn(Kind::PgPool(&pg.pool)),
        }
    }

    /// For single statements that write: the SQLite writer (each statement is a transaction by
    /// itself), or the PostgreSQL pool.
    pub(super) async fn writer(&self) -> Conn<'_> {
        match self {
            Db::Sqlite(lite) => Conn(Kind::LiteWrite(LiteWriter {
                conn: lite.writer().await,
                in_tx: false,
            })),
            Db::Postgres(pg) => Conn(Kind::PgPool(&pg.pool)),
        }
    }

    /// A transaction: `BEGIN IMMEDIATE` on the SQLite writer (which serializes writers, in
    /// every process), or a PostgreSQL transaction on the pool. Ends with [`Conn::commit`].
    pub(super) async fn begin(&self) -> StoreResult<Conn<'_>> {
        Ok(match self {
            Db::Sqlite(lite) => {
                let conn = lite.writer().await;
                conn.execute_batch("BEGIN IMMEDIATE")?;
                Conn(Kind::LiteWrite(LiteWriter { conn, in_tx: true }))
            }
            Db::Postgres(pg) => Conn(Kind::PgTx(pg.pool.begin().await?)),
        })
    }

    /// `lite(..)` on SQLite, `pg(..)` on PostgreSQL, for what differs by backend.
    pub(super) fn on<'a, T>(
        &'a self,
        lite: impl FnOnce(&'a Lite) -> T,
        pg: impl FnOnce(&'a Pg) -> T,
    ) -> T {
        match self {
            Db::Sqlite(db) => lite(db),
            Db::Postgres(db) => pg(db),
        }
    }

    /// [`Db::on`] for async code.
    pub(super) async fn on_async<'a, T, L, P>(
        &'a self,
        lite: impl FnOnce(&'a Lite) -> L,
        pg: impl FnOnce(&'a Pg) -> P,
    ) -> T
    where
        L: Future<Output = T>,
        P: Future<Output = T>,
    {
        match self {
            Db::Sqlite(db) => lite(db).await,
            Db::Postgres(db) => pg(db).await,
        }
    }
}
