//! [`Cols`]: reading a result row's columns by position, the same way from either driver's row
//! (rusqlite's `Row`, sqlx's `PgRow`). Decoders take `&dyn Cols` (or a generic `R: Cols +
//! ?Sized`), so one decoder serves both backends.

use super::error::{StoreError, StoreResult};
use sqlx::Row as _;

/// One result row, read by column position (0-based).
pub trait Cols {
    /// A TEXT column that may be NULL.
    fn opt_text(&self, i: usize) -> StoreResult<Option<String>>;
    /// A BIGINT column, NOT NULL.
    fn int(&self, i: usize) -> StoreResult<i64>;
    /// A BIGINT column that may be NULL.
    fn opt_int(&self, i: usize) -> StoreResult<Option<i64>>;
    /// A BLOB (SQLite) / BYTEA (PostgreSQL) column that may be NULL.
    fn opt_bytes(&self, i: usize) -> StoreResult<Option<Vec<u8>>>;
    /// A TEXT column, NOT NULL.
    fn text(&self, i: usize) -> StoreResult<String> {
        self.opt_text(i)?
            .ok_or_else(|| StoreError::Corrupt(format!("column {i} is NULL")))
    }
    /// A BLOB / BYTEA column, NOT NULL.
    fn bytes(&self, i: usize) -> StoreResult<Vec<u8>> {
        self.opt_bytes(i)?
            .ok_or_else(|| StoreError::Corrupt(format!("column {i} is NULL")))
    }
}

impl Cols for rusqlite::Row<'_> {
    fn opt_text(&self, i: usize) -> StoreResult<Option<String>> {
        Ok(self.get(i)?)
    }
    fn int(&self, i: usize) -> StoreResult<i64> {
        Ok(self.get(i)?)
    }
    fn opt_int(&self, i: usize) -> StoreResult<Option<i64>> {
        Ok(self.get(i)?)
    }
    fn opt_bytes(&self, i: usize) -> StoreResult<Option<Vec<u8>>> {
        Ok(self.get(i)?)
    }
}

impl Cols for sqlx::postgres::PgRow {
    fn opt_text(&self, i: usize) -> StoreResult<Option<String>> {
        Ok(self.try_get(i)?)
    }
    fn int(&self, i: usize) -> StoreResult<i64> {
        Ok(self.try_get(i)?)
    }
    fn opt_int(&self, i: usize) -> StoreResult<Option<i64>> {
        Ok(self.try_get(i)?)
    }
    fn opt_bytes(&self, i: usize) -> StoreResult<Option<Vec<u8>>> {
        Ok(self.try_get(i)?)
    }
}
