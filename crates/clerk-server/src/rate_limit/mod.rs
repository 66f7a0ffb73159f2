//! Rate limiting of sign-in and sign-up, in fixed windows aligned to the clock
//! (`[rate_limits] window_seconds`). Time comes from the caller, so tests drive it with a fake
//! clock.
//!
//! Where attempts are counted: on PostgreSQL in the database (table `rate_limits`), so every
//! process behind a load balancer shares the counts; on SQLite in this process's memory
//! ([`memory`]; a caching SQLite process owns its file, so it is alone anyway). Keys name what
//! is counted (`sign_in_ip:ADDRESS`, `sign_in_id:IDENTIFIER`, ...) and are stored only as
//! SHA-256 hashes. How sign-in counts are turned into refusals and waits: [`sign_in`].
//!
//! Each [`RateLimiter`] counts windows of one length in memory; limits with another window
//! length (the hourly limits on mailed codes) use a limiter of their own.
//!
//! Password hashing is bounded too ([`HashQueue`]): at most `password_hash_queue` attempts wait
//! for an argon2 slot; past that, 429 with `Retry-After` instead of an ever longer queue.

pub mod memory;
pub mod sign_in;

use crate::error::AppError;
use crate::secrets::hex_sha256;
use crate::store::Db;
use memory::MemoryCounts;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The counts of one call to [`RateLimiter::hit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    /// The attempts counted on each key in the current window, this one included.
    pub counts: Vec<u64>,
    /// Seconds until the window ends (the `Retry-After` of a refusal).
    pub retry_after_secs: u64,
}

/// Counts attempts, in the database or in memory.
#[derive(Debug, Default)]
pub struct RateLimiter {
    memory: MemoryCounts,
}

impl RateLimiter {
    /// A limiter with empty in-memory counters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one attempt on each of `keys` (distinct) in the window of length `window_ms`
    /// holding `now`.
    pub async fn hit(
        &self,
        db: &Db,
        keys: &[String],
        window_ms: i64,
        now: i64,
    ) -> Result<Hits, AppError> {
        let window_ms = window_ms.max(1);
        let window = now.div_euclid(window_ms);
        let hashed: Vec<String> = keys.iter().map(|k| hex_sha256(k.as_bytes())).collect();
        let end = window.saturating_add(1).saturating_mul(window_ms);
        let counts = if db.shares_rate_limits() {
            // Shared rows are keyed by the window's end (Unix ms), so limits with windows of
            // different lengths (a minute for sign-in, an hour for codes) share one table and
            // one sweep.
            db.count_attempts(&hashed, end).await?
        } else {
            hashed.iter().map(|k| self.memory.hit(k, window)).collect()
        };
        let left_ms = end.saturating_sub(now).max(0);
        let retry_after_secs = u64::try_from(left_ms.saturating_add(999) / 1000)
            .unwrap_or(1)
            .max(1);
        Ok(Hits {
            counts,
            retry_after_secs,
        })
    }
}

/// Bounds the attempts waiting for a password hash.
#[derive(Debug, Clone)]
pub struct HashQueue {
    waiting: Arc<AtomicUsize>,
    max: usize,
}

/// A place in the [`HashQueue`], given back when dropped.
#[derive(Debug)]
pub struct HashTicket(Arc<AtomicUsize>);

impl Drop for HashTicket {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl HashQueue {
    /// A queue admitting `max` waiting hashes beyond the ones running (one per CPU).
    pub fn new(max: usize) -> Self {
        Self {
            waiting: Arc::new(AtomicUsize::new(0)),
            max: max.saturating_add(crate::password::hash_slots()),
        }
    }

    /// A place in the queue, or 429 (`Retry-After: 1`) when it is full.
    pub fn admit(&self) -> Result<HashTicket, AppError> {
        let before = self.waiting.fetch_add(1, Ordering::AcqRel);
        let ticket = HashTicket(Arc::clone(&self.waiting));
        if before >= self.max {
            return Err(AppError::TooManyRequests {
                retry_after_secs: 1,
            });
        }
        Ok(ticket)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_queue_admits_up_to_its_size_and_frees_places_on_drop() {
        let q = HashQueue {
            waiting: Arc::new(AtomicUsize::new(0)),
            max: 2,
        };
        let a = q.admit().unwrap();
        let _b = q.admit().unwrap();
        assert!(q.admit().is_err());
        drop(a);
        assert!(q.admit().is_ok());
    }
}
