//! PostgreSQL's activity batches: one statement ([`sql::ACTIVITY_BATCH_PG`]) per batch on the
//! activity pool, then this process's client cache patched in queue order (or the clients
//! forgotten when a job found its session not live, or when the statement failed and may have
//! committed anyway).

use super::activity::patch;
use super::activity_batch::{Job, Runner};
use super::cache::ClientCache;
use super::error::StoreError;
use super::sql;
use sqlx::postgres::PgPool;
use std::collections::HashMap;

/// Writes batches on `pool` and patches `cache`.
pub struct PgRunner {
    /// The activity pool.
    pub pool: PgPool,
    /// The process's client cache.
    pub cache: ClientCache,
}

impl Runner for PgRunner {
    async fn run(&self, batch: &[Job]) -> Result<Vec<bool>, StoreError> {
        let versions: HashMap<&str, Option<u64>> = batch
            .iter()
            .map(|j| (j.client_id.as_str(), self.cache.version(&j.client_id)))
            .collect();
        match statement(&self.pool, batch).await {
            Ok(live) => {
                patch_cache(&self.cache, batch, &live, &versions);
                Ok(live)
            }
            Err(e) => {
                for client in versions.keys() {
                    self.cache.invalidate(client);
                }
                Err(e.into())
            }
        }
    }
}

/// The batch statement; one `bool` per job: whether its session was live.
async fn statement(pool: &PgPool, batch: &[Job]) -> Result<Vec<bool>, sqlx::Error> {
    let column = |f: fn(&Job) -> &str| batch.iter().map(f).collect::<Vec<_>>();
    let live_ords: Vec<i64> = sqlx::query_scalar(sql::ACTIVITY_BATCH_PG)
        .bind(column(|j| &j.client_id))
        .bind(column(|j| &j.session_id))
        .bind(batch.iter().map(|j| j.now).collect::<Vec<_>>())
        .bind(batch.iter().map(|j| j.abandon_at).collect::<Vec<_>>())
        .bind(batch.iter().map(|j| j.make_last_active).collect::<Vec<_>>())
        .fetch_all(pool)
        .await?;
    let mut live = vec![false; batch.len()];
    for ord in live_ords {
        if let Some(slot) = usize::try_from(ord - 1).ok().and_then(|i| live.get_mut(i)) {
            *slot = true;
        }
    }
    Ok(live)
}

/// Patches each client's cached snapshot with its jobs in queue order, or forgets the client
/// if one of its jobs found its session not live.
fn patch_cache(
    cache: &ClientCache,
    batch: &[Job],
    live: &[bool],
    versions: &HashMap<&str, Option<u64>>,
) {
    for (client, version) in versions {
        let mut jobs = batch
            .iter()
            .zip(live)
            .filter(|(j, _)| j.client_id == *client);
        if jobs.clone().all(|(_, live)| *live) {
            cache.patch(client, *version, |snapshot| {
                jobs.all(|(j, _)| patch(snapshot, &j.write()))
            });
        } else {
            cache.invalidate(client);
        }
    }
}
