//! An in-process cache of each client with its live sessions (the answer of `GET /v1/client`,
//! `touch` and `tokens`), so the hot reads cost no database round trip, on either backend.
//!
//! # Why it stays right
//! - **What is cached** is the client row and its sessions live when it was read (a session past
//!   its end never comes back: activity writes are guarded by liveness). Time is applied again
//!   at each read, so a session expires in the cache at the same millisecond as in the database.
//! - **This process's writes** invalidate the client's entry right after they commit
//!   ([`ClientCache::invalidate`]); activity writes (touch, token minting) patch it in place
//!   instead ([`ClientCache::patch`]), because they are the hot path.
//! - **Other processes' writes.** On SQLite there are none: a caching process owns its file
//!   (`super::lite`). On PostgreSQL they reach us through `NOTIFY`, sent by triggers on
//!   `clients` and `sessions` at commit (see `super::postgres`): the window in which another
//!   process's sign-out or revocation is not yet seen here is the notification's delivery time,
//!   well under a millisecond on one machine. Session tokens already live 60 s, so this adds
//!   nothing a token holder could not already do. While the listener is down (before it has
//!   subscribed, after a lost connection) the cache is off and every read goes to the database;
//!   when it is back the cache starts empty, since notifications may have been missed.
//! - **Races with fills.** Every slot carries a version from one global counter. A fill notes
//!   the version before its query and stores its answer only if nothing invalidated or patched
//!   the slot meanwhile, so an answer read before a write can never be stored after it.
//! - **A safety net**: entries older than [`MAX_AGE`] are read again, and the cache holds at
//!   most a configured number of clients (`database_read_cache_entries`; 0 turns it off).
//!
//! Nothing here touches the database; [`Db`](super::Db) wires it in, and the unit tests below
//! drive it with explicit instants (time is a parameter).

use super::error::StoreError;
use super::{ClientRow, SessionRow};
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Entries older than this are read from the database again, whatever the notifications said.
pub const MAX_AGE: Duration = Duration::from_secs(10);

/// Clients cached per process unless configured (`database_read_cache_entries`).
pub const DEFAULT_ENTRIES: usize = 10_000;

/// A client with its sessions stored as `active` (live or not at a given time), oldest first.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The client row.
    pub client: ClientRow,
    /// Its sessions with stored status `active` and not yet past their end at `as_of` (a
    /// session past its end never comes back: activity writes are guarded by liveness).
    pub sessions: Vec<SessionRow>,
    /// The time (Unix ms, the server's clock) the sessions were read at: a read at an earlier
    /// time (a clock set back) does not use the snapshot.
    pub as_of: i64,
}

/// A slot: the version of what it holds, and the snapshot if one is held.
#[derive(Debug)]
struct Slot {
    version: u64,
    value: Option<(Arc<Snapshot>, Instant)>,
}

#[derive(Debug, Default)]
struct Slots {
    map: HashMap<String, Slot>,
    next_version: u64,
}

impl Slots {
    fn bump(&mut self) -> u64 {
        self.next_version += 1;
        self.next_version
    }
}

/// The cache; cheap to share (`Arc` inside).
#[derive(Debug, Clone)]
pub struct ClientCache(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    slots: Mutex<Slots>,
    /// Off while the listener is not subscribed.
    enabled: AtomicBool,
    capacity: usize,
}

/// What a fill needs to store its answer: the slot's version before the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FillTicket(u64);

impl ClientCache {
    /// An empty cache for at most `capacity` clients, off until [`ClientCache::enable`].
    pub fn new(capacity: usize) -> Self {
        Self(Arc::new(Inner {
            slots: Mutex::new(Slots::default()),
            enabled: AtomicBool::new(false),
            capacity,
        }))
    }

    fn slots(&self) -> MutexGuard<'_, Slots> {
        // A panic while holding the lock leaves plain data behind: keep using it.
        self.0.slots.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether reads may use the cache.
    pub fn is_enabled(&self) -> bool {
        self.0.capacity > 0 && self.0.enabled.load(Ordering::Acquire)
    }

    /// Empties the cache and turns it on (the listener has just subscribed).
    pub fn enable(&self) {
        self.clear();
        self.0.enabled.store(true, Ordering::Release);
    }

    /// Forgets every client (notifications may have been missed, or every client changed).
    pub fn clear(&self) {
        let mut slots = self.slots();
        slots.map.clear();
        slots.bump();
    }

    /// Turns the cache off and empties it (the listener lost its connection). Fills in flight
    /// are refused: their slots are gone.
    pub fn disable(&self) {
        self.0.enabled.store(false, Ordering::Release);
        self.slots().map.clear();
    }

    /// The snapshot of client `id` if one is held and younger than [`MAX_AGE`] at `now`; else a
    /// ticket for storing the answer of the query the caller is about to run. `None` and no
    /// ticket when the cache is off.
    pub fn get(&self, id: &str, now: Instant) -> Result<Arc<Snapshot>, Option<FillTicket>> {
        if !self.is_enabled() {
            return Err(None);
        }
        let mut slots = self.slots();
        if let Some(slot) = slots.map.get(id) {
            if let Some((snapshot, at)) = &slot.value {
                if now.saturating_duration_since(*at) < MAX_AGE {
                    return Ok(Arc::clone(snapshot));
                }
            }
            return Err(Some(FillTicket(slot.version)));
        }
        if slots.map.len() >= self.0.capacity {
            // Full: drop an arbitrary slot (the cost of a miss is one query).
            if let Some(victim) = slots.map.keys().next().cloned() {
                slots.map.remove(&victim);
            }
        }
        let version = slots.bump();
        slots.map.insert(
            id.to_owned(),
            Slot {
                version,
                value: None,
            },
        );
        Err(Some(FillTicket(version)))
    }

    /// Stores the answer of a fill read at `now` (or its absence: `None`, an unknown client,
    /// is not cached) unless the slot changed since `ticket`.
    pub fn fill(&self, id: &str, ticket: FillTicket, snapshot: Option<Snapshot>, now: Instant) {
        let mut slots = self.slots();
        match (slots.map.get_mut(id), snapshot) {
            (Some(slot), Some(snapshot)) if slot.version == ticket.0 => {
                slot.value = Some((Arc::new(snapshot), now));
            }
            _ => {}
        }
    }

    /// Forgets client `id`: called after this process committed a change to it, and for each
    /// notification of another process's change.
    pub fn invalidate(&self, id: &str) {
        let mut slots = self.slots();
        let version = slots.bump();
        if let Some(slot) = slots.map.get_mut(id) {
            slot.version = version;
            slot.value = None;
        }
    }

    /// The version of client `id`'s slot now, noted before an activity write.
    pub fn version(&self, id: &str) -> Option<u64> {
        self.slots().map.get(id).map(|s| s.version)
    }

    /// After an activity write on client `id` committed: applies `change` to the held snapshot
    /// if the slot is still at `version` (nothing else changed it since the write was sent) and
    /// `change` says it could (`true`), else forgets it. Fills in flight are refused either way,
    /// as they may have read the state before the write.
    pub fn patch(
        &self,
        id: &str,
        version: Option<u64>,
        change: impl FnOnce(&mut Snapshot) -> bool,
    ) {
        let mut slots = self.slots();
        let next = slots.bump();
        let Some(slot) = slots.map.get_mut(id) else {
            return;
        };
        let unchanged = Some(slot.version) == version;
        slot.version = next;
        if let Some((mut snapshot, at)) = slot.value.take().filter(|_| unchanged) {
            if change(Arc::make_mut(&mut snapshot)) {
                slot.value = Some((snapshot, at));
            }
        }
    }

    /// Client `id` at `now` (Unix ms): the held snapshot, or `fetch`'s answer (a query of the
    /// client with its sessions live at `now`), stored when nothing changed the client meanwhile.
    /// A snapshot read at a later `as_of` than `now` (a clock set back) is not used.
    pub async fn read_through<F, Fut>(
        &self,
        id: &str,
        now: i64,
        fetch: F,
    ) -> Result<Option<Arc<Snapshot>>, StoreError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Option<Snapshot>, StoreError>>,
    {
        let ticket = match self.get(id, Instant::now()) {
            Ok(hit) if hit.as_of <= now => return Ok(Some(hit)),
            Ok(_) => None,
            Err(ticket) => ticket,
        };
        let snapshot = fetch().await?;
        if let Some(ticket) = ticket {
            self.fill(id, ticket, snapshot.clone(), Instant::now());
        }
        Ok(snapshot.map(Arc::new))
    }

    /// How many clients are held (tests and diagnostics).
    pub fn held(&self) -> usize {
        self.slots()
            .map
            .values()
            .filter(|s| s.value.is_some())
            .count()
    }
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
