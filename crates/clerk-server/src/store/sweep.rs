//! Housekeeping run in the background: expired clients (see [`crate::credential`]) are deleted
//! with their sessions, (old rate-limit counters: [`super::rate_limits`]). Reads never depend
//! on it: an expired client already answers like no client.

use super::sql;
use super::sqlite::q;
use super::Db;
use crate::error::AppError;

impl Db {
    /// Deletes up to 500 expired clients (rotated at or before `rotated_before`, or without a
    /// session live at `now` and unchanged since `idle_before`) with all their sessions;
    /// returns how many. Call again while it returns 500.
    pub async fn sweep_clients(
        &self,
        rotated_before: i64,
        idle_before: i64,
        now: i64,
    ) -> Result<usize, AppError> {
        let ids: Vec<String> = match self {
            Db::Sqlite(db) => {
                db.transaction(|tx| {
                    let ids: Vec<String> = tx
                        .prepare_cached(q!(sql::SWEEP_CLIENTS))?
                        .query_map(rusqlite::params![rotated_before, idle_before, now], |r| {
                            r.get(0)
                        })?
                        .collect::<Result<_, _>>()?;
                    let mut sessions = tx.prepare_cached(q!(sql::DELETE_CLIENT_SESSIONS))?;
                    for id in &ids {
                        sessions.execute([id])?;
                    }
                    Ok(ids)
                })
                .await?
            }
            Db::Postgres(pg) => {
                let mut tx = pg.pool.begin().await?;
                let ids: Vec<(String,)> = sqlx::query_as(sql::SWEEP_CLIENTS)
                    .bind(rotated_before)
                    .bind(idle_before)
                    .bind(now)
                    .fetch_all(&mut *tx)
                    .await?;
                for (id,) in &ids {
                    sqlx::query(sql::DELETE_CLIENT_SESSIONS)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                ids.into_iter().map(|(id,)| id).collect()
            }
        };
        for id in &ids {
            self.changed(id);
        }
        Ok(ids.len())
    }
}
