//! Rate-limit counters shared by every process on one PostgreSQL database (table
//! `rate_limits`), so N processes behind a load balancer do not give an attacker N times the
//! attempts. One statement counts an attempt on several keys at once; a key's row keeps the
//! count of its latest window (a newer window starts it again at 1). Old rows are dropped by
//! housekeeping; a leftover row of a past window counts nothing.

use super::{sql, Db};
use crate::error::AppError;

impl Db {
    /// Whether attempts are counted here (PostgreSQL) rather than in each process's memory.
    pub fn shares_rate_limits(&self) -> bool {
        matches!(self, Db::Postgres(_))
    }

    /// PostgreSQL: counts one attempt on each of `keys` (distinct) in the window ending at
    /// `window` (Unix ms); the counts in the order of `keys`. Empty on SQLite.
    pub async fn count_attempts(&self, keys: &[String], window: i64) -> Result<Vec<u64>, AppError> {
        let Db::Postgres(pg) = self else {
            return Ok(Vec::new());
        };
        let rows: Vec<(String, i64)> = sqlx::query_as(sql::COUNT_ATTEMPTS_PG)
            .bind(keys)
            .bind(window)
            .fetch_all(&pg.pool)
            .await?;
        Ok(keys
            .iter()
            .map(|k| {
                rows.iter()
                    .find(|(key, _)| key == k)
                    .map_or(u64::MAX, |(_, n)| u64::try_from(*n).unwrap_or(0))
            })
            .collect())
    }

    /// Drops the counters of windows that ended before `window` (Unix ms; PostgreSQL, SQLite's
    /// live in memory).
    pub async fn sweep_rate_limits(&self, window: i64) -> Result<(), AppError> {
        if let Db::Postgres(pg) = self {
            sqlx::query(sql::SWEEP_RATE_LIMITS)
                .bind(window)
                .execute(&pg.pool)
                .await?;
        }
        Ok(())
    }
}
