//! Applies the numbered migrations of [`super::schema`] at start-up: the ones not yet recorded in
//! `clerk_schema_migrations`, in order, each in its own transaction together with its record, so
//! a failed migration leaves the database as it was before it.
//!
//! Several processes starting at once: on PostgreSQL an advisory lock makes them migrate one
//! after the other (the second finds everything recorded); on SQLite `BEGIN IMMEDIATE` does.
//! A database recorded at a version newer than this binary knows is refused: an older binary
//! must not run on a schema it does not understand.

use super::schema::{Migration, MIGRATIONS};
use super::Db;
use crate::error::AppError;

/// The table of applied migrations.
const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS clerk_schema_migrations (
    version BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at BIGINT NOT NULL
)";

/// The advisory lock key held while PostgreSQL migrates.
const PG_LOCK: i64 = 727_350_001;

fn now_ms() -> i64 {
    use crate::clock::Clock;
    crate::clock::SystemClock.now_ms()
}

/// The migrations still to apply after `applied` (the recorded versions).
fn pending(applied: &[i64]) -> Result<Vec<&'static Migration>, AppError> {
    let newest = MIGRATIONS.last().map_or(0, |m| m.version);
    if let Some(v) = applied.iter().copied().find(|v| *v > newest) {
        return Err(AppError::Config(format!(
            "the database schema is at migration {v}, newer than this clerk-server knows \
             ({newest}): run a clerk-server at least as new as the one that migrated it"
        )));
    }
    Ok(MIGRATIONS
        .iter()
        .filter(|m| !applied.contains(&m.version))
        .collect())
}

impl Db {
    /// Brings the schema up to date (see the module docs).
    pub(super) async fn migrate(&self) -> Result<(), AppError> {
        match self {
            Db::Sqlite(db) => {
                db.write(|conn| {
                    conn.execute_batch(CREATE_TABLE)?;
                    loop {
                        let tx = rusqlite::Transaction::new_unchecked(
                            conn,
                            rusqlite::TransactionBehavior::Immediate,
                        )?;
                        let applied: Vec<i64> = tx
                            .prepare("SELECT version FROM clerk_schema_migrations")?
                            .query_map([], |r| r.get(0))?
                            .collect::<Result<_, _>>()?;
                        let Some(m) = pending(&applied)?.into_iter().next() else {
                            return Ok(());
                        };
                        for statement in m.common {
                            tx.execute_batch(statement)?;
                        }
                        tx.execute(
                            "INSERT INTO clerk_schema_migrations (version, name, applied_at) \
                             VALUES (?1, ?2, ?3)",
                            rusqlite::params![m.version, m.name, now_ms()],
                        )?;
                        tx.commit()?;
                        crate::log::info(&format!("applied migration {} ({})", m.version, m.name));
                    }
                })
                .await
            }
            Db::Postgres(pg) => {
                let mut conn = pg.pool.acquire().await?;
                sqlx::query("SELECT pg_advisory_lock($1)")
                    .bind(PG_LOCK)
                    .execute(&mut *conn)
                    .await?;
                let result = migrate_pg(&mut conn).await;
                sqlx::query("SELECT pg_advisory_unlock($1)")
                    .bind(PG_LOCK)
                    .execute(&mut *conn)
                    .await?;
                result
            }
        }
    }
}

async fn migrate_pg(conn: &mut sqlx::PgConnection) -> Result<(), AppError> {
    use sqlx::Connection;
    sqlx::query(CREATE_TABLE).execute(&mut *conn).await?;
    let applied: Vec<(i64,)> = sqlx::query_as("SELECT version FROM clerk_schema_migrations")
        .fetch_all(&mut *conn)
        .await?;
    let applied: Vec<i64> = applied.into_iter().map(|(v,)| v).collect();
    for m in pending(&applied)? {
        let mut tx = conn.begin().await?;
        for statement in m.common.iter().chain(m.postgres) {
            sqlx::query(*statement).execute(&mut *tx).await?;
        }
        sqlx::query(
            "INSERT INTO clerk_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(m.version)
        .bind(m.name)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        crate::log::info(&format!("applied migration {} ({})", m.version, m.name));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_newer_than_the_binary_is_refused() {
        assert_eq!(pending(&[]).unwrap().len(), MIGRATIONS.len());
        assert_eq!(pending(&[1]).unwrap().len(), MIGRATIONS.len() - 1);
        assert!(pending(&[1, 999]).is_err());
    }
}
