//! The PostgreSQL backend's parts: the main pool, the activity pool, and the client cache with
//! the listener that keeps it in step with other processes (see [`super::cache`] for why it
//! stays right).
//!
//! Triggers on `clients` and `sessions` (in `schema::PG_STATEMENTS`) `NOTIFY` channel
//! [`CHANNEL`] with `"<origin> <client id>"` at commit: `<origin>` is this process's random
//! instance id on the activity pool's connections (those writes patch our own cache in place,
//! so we skip their echo) and empty on every other connection (every process, this one too,
//! forgets the client). `"<origin> *"` (a change to `users`) empties the cache.

use super::activity_batch::ActivityBatcher;
use super::activity_pg::PgRunner;
use super::cache::ClientCache;
use super::error::StoreError;
use crate::log;
use sqlx::pool::PoolOptions;
use sqlx::postgres::{PgConnectOptions, PgListener, PgNotification, PgPool};
use std::time::Duration;
use tokio::task::AbortHandle;

/// The notification channel of client changes.
pub const CHANNEL: &str = "clerk_client";

/// The session setting the triggers read to tag a notification with its origin.
const ORIGIN_SETTING: &str = "clerk.instance";

/// Pause before the listener connects again after an error.
const RECONNECT_PAUSE: Duration = Duration::from_millis(500);

/// A PostgreSQL database as this process uses it.
#[derive(Debug, Clone)]
pub struct Pg {
    /// Every statement but the activity writes.
    pub pool: PgPool,
    /// Activity writes (`synchronous_commit = off`, tagged with this process's instance id).
    pub activity: PgPool,
    /// Clients with their active sessions.
    pub cache: ClientCache,
    /// The activity writers (on the activity pool, one per connection).
    pub batcher: ActivityBatcher,
    listener: Option<AbortHandle>,
}

impl Pg {
    /// Connects both pools (`connections` in all) and, with `cache_entries > 0`, starts the
    /// listener that turns the cache on once it has subscribed.
    pub async fn connect(
        options: PgConnectOptions,
        connections: u32,
        cache_entries: usize,
    ) -> Result<Self, StoreError> {
        let instance = crate::secrets::new_id("pid")
            .map_err(|e| StoreError::Internal(format!("instance id: {e}")))?;
        let pool = PoolOptions::new()
            .max_connections(connections.max(1))
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.clone())
            .await?;
        let writers = (connections / 4).max(1);
        let activity = PoolOptions::new()
            .max_connections(writers)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.clone().options([
                ("synchronous_commit", "off"),
                (ORIGIN_SETTING, instance.as_str()),
            ]))
            .await?;
        let cache = ClientCache::new(cache_entries);
        let runner = PgRunner {
            pool: activity.clone(),
            cache: cache.clone(),
        };
        let batcher = ActivityBatcher::start(runner, writers);
        let listener = (cache_entries > 0).then(|| {
            let task = listen(options, cache.clone(), instance);
            tokio::spawn(task).abort_handle()
        });
        Ok(Self {
            pool,
            activity,
            cache,
            batcher,
            listener,
        })
    }

    /// Stops the listener and closes both pools.
    pub async fn close(&self) {
        if let Some(listener) = &self.listener {
            listener.abort();
        }
        self.cache.disable();
        self.pool.close().await;
        self.activity.close().await;
    }
}

/// The listener: subscribes, turns the cache on, and forgets what notifications name; on a lost
/// connection the cache is off (and emptied) until it has subscribed again.
async fn listen(options: PgConnectOptions, cache: ClientCache, instance: String) {
    loop {
        match subscribe(&options).await {
            Ok(mut listener) => {
                cache.enable();
                loop {
                    match listener.try_recv().await {
                        Ok(Some(n)) => apply(&cache, &instance, &n),
                        // Lost and already subscribed again: what was missed is unknown.
                        Ok(None) => cache.clear(),
                        Err(e) => {
                            log::warn(&format!("cache listener: {e}; cache off until it is back"));
                            break;
                        }
                    }
                }
            }
            Err(e) => log::warn(&format!("cache listener cannot subscribe: {e}")),
        }
        cache.disable();
        tokio::time::sleep(RECONNECT_PAUSE).await;
    }
}

async fn subscribe(options: &PgConnectOptions) -> Result<PgListener, sqlx::Error> {
    let pool = PoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy_with(options.clone());
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// Acts on one notification `"<origin> <client id>"`.
fn apply(cache: &ClientCache, instance: &str, n: &PgNotification) {
    let (origin, client) = n.payload().split_once(' ').unwrap_or(("", n.payload()));
    if origin == instance {
        return;
    }
    if client == "*" {
        cache.clear();
    } else {
        cache.invalidate(client);
    }
}
