//! Housekeeping run in the background: expired clients (see [`crate::credential`]) are deleted
//! with their sessions, (old rate-limit counters: [`super::rate_limits`]). Reads never depend
//! on it: an expired client already answers like no client.

use super::args::{args, stmt};
use super::error::StoreResult;
use super::sql;
use super::Db;

impl Db {
    /// Deletes up to 500 expired clients (rotated at or before `rotated_before`, or without a
    /// session live at `now` and unchanged since `idle_before`) with all their sessions;
    /// returns how many. Call again while it returns 500.
    pub async fn sweep_clients(
        &self,
        rotated_before: i64,
        idle_before: i64,
        now: i64,
    ) -> StoreResult<usize> {
        let mut tx = self.begin().await?;
        let args = args![rotated_before, idle_before, now];
        let query = stmt!(sql::SWEEP_CLIENTS);
        let ids = tx.query_all(query, &args, |r| r.text(0)).await?;
        for id in &ids {
            let query = stmt!(sql::DELETE_CLIENT_SESSIONS);
            tx.execute(query, &args![id]).await?;
        }
        tx.commit().await?;
        for id in &ids {
            self.changed(id);
        }
        Ok(ids.len())
    }
}
