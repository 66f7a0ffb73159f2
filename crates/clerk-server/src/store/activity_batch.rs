//! PostgreSQL only: activity writes (touch, token minting) in groups. Each writer task owns a
//! share of the clients (by a hash of the client id) and sends everything queued while its
//! previous statement ran as one statement ([`sql::ACTIVITY_BATCH_PG`]): under load one round
//! trip and one commit serve many requests, and when idle a write goes out alone at once.
//!
//! Because one task writes all of a client's activity, its writes commit in the order they were
//! queued, and the task patches the client cache ([`super::cache`]) in that same order after
//! each commit. Each write's answer is whether its session was live (the statement's guards
//! are those of the single statements: nothing revives a finished session).

use super::activity::{patch, ActivityWrite};
use super::cache::ClientCache;
use super::sql;
use crate::error::AppError;
use sqlx::postgres::PgPool;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use tokio::sync::{mpsc, oneshot};

/// The most writes one statement carries.
const MAX_BATCH: usize = 256;

/// One queued write and where its answer goes.
struct Job {
    client_id: String,
    session_id: String,
    now: i64,
    abandon_at: Option<i64>,
    make_last_active: bool,
    reply: oneshot::Sender<Result<bool, AppError>>,
}

impl Job {
    fn write(&self) -> ActivityWrite<'_> {
        ActivityWrite {
            client_id: &self.client_id,
            session_id: &self.session_id,
            now: self.now,
            abandon_at: self.abandon_at,
            make_last_active: self.make_last_active,
        }
    }
}

/// The writer tasks' queues.
#[derive(Debug, Clone)]
pub struct ActivityBatcher {
    queues: Vec<mpsc::UnboundedSender<Job>>,
}

impl ActivityBatcher {
    /// Starts `writers` writer tasks on `pool` that patch `cache`.
    pub fn start(pool: &PgPool, cache: &ClientCache, writers: u32) -> Self {
        let queues = (0..writers.max(1))
            .map(|_| {
                let (tx, rx) = mpsc::unbounded_channel();
                tokio::spawn(writer(rx, pool.clone(), cache.clone()));
                tx
            })
            .collect();
        Self { queues }
    }

    /// Queues `w` and waits for its commit: `false` if the session was not live (any more).
    pub async fn write(&self, w: ActivityWrite<'_>) -> Result<bool, AppError> {
        let mut hasher = DefaultHasher::new();
        w.client_id.hash(&mut hasher);
        let queue = &self.queues[(hasher.finish() % self.queues.len() as u64) as usize];
        let (reply, answer) = oneshot::channel();
        let job = Job {
            client_id: w.client_id.to_owned(),
            session_id: w.session_id.to_owned(),
            now: w.now,
            abandon_at: w.abandon_at,
            make_last_active: w.make_last_active,
            reply,
        };
        let closed = || AppError::Database(sqlx::Error::PoolClosed);
        queue.send(job).map_err(|_| closed())?;
        answer.await.map_err(|_| closed())?
    }
}

/// One writer: takes whatever is queued (up to [`MAX_BATCH`]), writes it in one statement,
/// patches the cache, answers, and starts over.
async fn writer(mut rx: mpsc::UnboundedReceiver<Job>, pool: PgPool, cache: ClientCache) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let versions: HashMap<&str, Option<u64>> = batch
            .iter()
            .map(|j| (j.client_id.as_str(), cache.version(&j.client_id)))
            .collect();
        match run(&pool, &batch).await {
            Ok(live) => {
                patch_cache(&cache, &batch, &live, &versions);
                drop(versions);
                for (job, live) in batch.drain(..).zip(live) {
                    let _ = job.reply.send(Ok(live));
                }
            }
            Err(e) => {
                // It may have committed: forget what the cache holds of these clients.
                for client in versions.keys() {
                    cache.invalidate(client);
                }
                drop(versions);
                for job in batch.drain(..) {
                    let _ = job.reply.send(Err(replicate(&e)));
                }
            }
        }
    }
}

/// The batch statement; one `bool` per job: whether its session was live.
async fn run(pool: &PgPool, batch: &[Job]) -> Result<Vec<bool>, sqlx::Error> {
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

/// The same failure for every job of a failed batch (an unreachable database stays
/// `service_unavailable`).
fn replicate(e: &sqlx::Error) -> AppError {
    let same = match e {
        sqlx::Error::PoolTimedOut => sqlx::Error::PoolTimedOut,
        sqlx::Error::PoolClosed => sqlx::Error::PoolClosed,
        sqlx::Error::Io(io) => sqlx::Error::Io(std::io::Error::new(io.kind(), io.to_string())),
        other => return AppError::Internal(format!("activity write: {other}")),
    };
    AppError::Database(same)
}
