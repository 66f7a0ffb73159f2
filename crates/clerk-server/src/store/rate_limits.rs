//! Rate-limit counters shared by every process on one PostgreSQL database (table
//! `rate_limits`), so N processes behind a load balancer do not give an attacker N times the
//! attempts. One statement counts an attempt on several keys at once; a key's row keeps the
//! count of its latest window (a newer window starts it again at 1). Old rows are dropped by
//! housekeeping; a leftover row of a past window counts nothing.

use super::args::{args, pg_only};
use super::error::StoreResult;
use super::postgres::Pg;
use super::{sql, Db};

impl Db {
    /// Whether attempts are counted here (PostgreSQL) rather than in each process's memory.
    pub fn shares_rate_limits(&self) -> bool {
        self.on(|_| false, |_| true)
    }

    /// PostgreSQL: counts one attempt on each of `keys` (distinct) in the window ending at
    /// `window` (Unix ms); the counts in the order of `keys`. Empty on SQLite.
    pub async fn count_attempts(&self, keys: &[String], window: i64) -> StoreResult<Vec<u64>> {
        let lite = |_| async { Ok(Vec::new()) };
        self.on_async(lite, |pg| count_attempts_pg(pg, keys, window))
            .await
    }

    /// Drops the counters of windows that ended before `window` (Unix ms; PostgreSQL, SQLite's
    /// live in memory).
    pub async fn sweep_rate_limits(&self, window: i64) -> StoreResult<()> {
        let query = pg_only!(sql::SWEEP_RATE_LIMITS);
        self.writer().await.execute(query, &args![window]).await?;
        Ok(())
    }
}

/// [`Db::count_attempts`] on PostgreSQL (the keys go as one array parameter).
async fn count_attempts_pg(pg: &Pg, keys: &[String], window: i64) -> StoreResult<Vec<u64>> {
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
