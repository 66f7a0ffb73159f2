//! Activity writes (touch, token minting) in groups, for PostgreSQL. Each writer task owns a
//! share of the clients (by a hash of the client id) and hands everything queued while its
//! previous batch ran to a [`Runner`] at once: one statement ([`super::activity_pg::PgRunner`]).
//! Under load one round trip and one commit then serve many requests; when idle, a write goes
//! out alone at once.
//!
//! SQLite does not use it: its write is a few microseconds on the calling thread, the queue never
//! grows (batches averaged 1.0 writes under the switch benchmark), and the hop to a writer task
//! only cost throughput (0.9x).
//!
//! Because one task writes all of a client's activity, its writes commit in the order they were
//! queued (the runner patches the client cache in that order). Each write's answer is
//! whether its session was live; the guards are those of the single statements, so nothing
//! revives a finished session.

use super::activity::ActivityWrite;
use super::error::StoreError;
use std::collections::hash_map::DefaultHasher;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// The most writes one batch carries.
const MAX_BATCH: usize = 256;

/// One queued write and where its answer goes.
pub struct Job {
    /// The client.
    pub client_id: String,
    /// The session.
    pub session_id: String,
    /// Unix ms.
    pub now: i64,
    /// Activity to record, if any.
    pub abandon_at: Option<i64>,
    /// Make the session the client's last active one.
    pub make_last_active: bool,
    reply: oneshot::Sender<Result<bool, StoreError>>,
}

impl Job {
    /// The write, borrowed.
    pub fn write(&self) -> ActivityWrite<'_> {
        ActivityWrite {
            client_id: &self.client_id,
            session_id: &self.session_id,
            now: self.now,
            abandon_at: self.abandon_at,
            make_last_active: self.make_last_active,
        }
    }
}

/// A backend's way of writing a batch.
pub trait Runner: Send + Sync + 'static {
    /// Writes the jobs of `batch` in queue order, all or nothing; whether each job's session was
    /// live.
    fn run(&self, batch: &[Job]) -> impl Future<Output = Result<Vec<bool>, StoreError>> + Send;
}

/// The writer tasks' queues (cheap to clone).
#[derive(Debug, Clone)]
pub struct ActivityBatcher {
    queues: Arc<Vec<mpsc::UnboundedSender<Job>>>,
}

impl ActivityBatcher {
    /// Starts `writers` writer tasks (at least one) sharing `runner`. They end when the last
    /// clone of the batcher is dropped.
    pub fn start<R: Runner>(runner: R, writers: u32) -> Self {
        let runner = Arc::new(runner);
        let queues = (0..writers.max(1))
            .map(|_| {
                let (tx, rx) = mpsc::unbounded_channel();
                tokio::spawn(writer(rx, Arc::clone(&runner)));
                tx
            })
            .collect();
        Self {
            queues: Arc::new(queues),
        }
    }

    /// Queues `w` and waits for its commit: `false` if the session was not live (any more).
    pub async fn write(&self, w: ActivityWrite<'_>) -> Result<bool, StoreError> {
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
        let stopped = || StoreError::Internal("the activity writer has stopped".into());
        queue.send(job).map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

/// One writer: takes whatever is queued (up to [`MAX_BATCH`]), has it written, answers, and
/// starts over.
async fn writer<R: Runner>(mut rx: mpsc::UnboundedReceiver<Job>, runner: Arc<R>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        match runner.run(&batch).await {
            Ok(live) => {
                for (job, live) in batch.drain(..).zip(live) {
                    let _ = job.reply.send(Ok(live));
                }
            }
            Err(e) => {
                for job in batch.drain(..) {
                    let _ = job.reply.send(Err(e.replicate()));
                }
            }
        }
    }
}
