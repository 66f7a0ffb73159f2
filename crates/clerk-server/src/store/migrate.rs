//! Applies the numbered migrations of [`super::schema`] at start-up: the ones not yet recorded in
//! `clerk_schema_migrations`, in order, each in its own transaction together with its record, so
//! a failed migration leaves the database as it was before it.
//!
//! Written once for both backends ([`super::conn`]). Several processes starting at once: each
//! migration's transaction first takes the migration lock (on PostgreSQL a transaction-scoped
//! advisory lock, on SQLite `BEGIN IMMEDIATE`) and then reads the record, so each migration is
//! applied by exactly one of them and the others find it recorded.
//! A database recorded at a version newer than this binary knows is refused: an older binary
//! must not run on a schema it does not understand.

use super::args::{args, pg_only, stmt};
use super::error::{StoreError, StoreResult};
use super::schema::{Migration, MIGRATIONS};
use super::Db;

/// The table of applied migrations.
const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS clerk_schema_migrations (
    version BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at BIGINT NOT NULL
)";

/// The recorded versions.
const APPLIED: &str = "SELECT version FROM clerk_schema_migrations";

/// Records one applied migration.
const RECORD: &str =
    "INSERT INTO clerk_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";

/// PostgreSQL: holds the advisory lock [`PG_LOCK`] until the transaction ends.
const LOCK_PG: &str = "SELECT pg_advisory_xact_lock($1)";

/// The advisory lock key held while PostgreSQL migrates.
const PG_LOCK: i64 = 727_350_001;

fn now_ms() -> i64 {
    use crate::clock::Clock;
    crate::clock::SystemClock.now_ms()
}

/// The migrations still to apply after `applied` (the recorded versions).
fn pending(applied: &[i64]) -> StoreResult<Vec<&'static Migration>> {
    let newest = MIGRATIONS.last().map_or(0, |m| m.version);
    if let Some(v) = applied.iter().copied().find(|v| *v > newest) {
        return Err(StoreError::SchemaNewer {
            found: v,
            known: newest,
        });
    }
    Ok(MIGRATIONS
        .iter()
        .filter(|m| !applied.contains(&m.version))
        .collect())
}

impl Db {
    /// Brings the schema up to date (see the module docs).
    pub(super) async fn migrate(&self) -> StoreResult<()> {
        while let Some(m) = self.migrate_one().await? {
            crate::log::info(&format!("applied migration {} ({})", m.version, m.name));
        }
        Ok(())
    }

    /// Applies the first pending migration with its record, in one transaction that holds the
    /// migration lock (PostgreSQL's advisory lock; SQLite's `BEGIN IMMEDIATE`) from before it
    /// reads the record; `None` when there is none left.
    async fn migrate_one(&self) -> StoreResult<Option<&'static Migration>> {
        let mut tx = self.begin().await?;
        tx.execute(pg_only!(LOCK_PG), &args![PG_LOCK]).await?;
        tx.ddl(CREATE_TABLE, false).await?;
        let applied = tx.query_all(stmt!(APPLIED), &[], |r| r.int(0)).await?;
        let Some(m) = pending(&applied)?.into_iter().next() else {
            tx.commit().await?;
            return Ok(None);
        };
        for statement in m.common {
            tx.ddl(statement, false).await?;
        }
        for statement in m.postgres {
            tx.ddl(statement, true).await?;
        }
        let record = args![m.version, m.name, now_ms()];
        tx.execute(stmt!(RECORD), &record).await?;
        tx.commit().await?;
        Ok(Some(m))
    }
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
