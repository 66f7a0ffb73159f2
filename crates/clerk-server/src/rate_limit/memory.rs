//! In-memory attempt counters for one process, in fixed windows aligned to the clock (window `w`
//! is `[w * len, (w + 1) * len)` in Unix ms).
//!
//! Memory is bounded without ever scanning under a lock on the request path: keys are hashed
//! with a per-process random key (an attacker cannot aim collisions) into [`SHARDS`] shards,
//! each behind its own lock, each holding the counts of the current window only: the first hit
//! in a new window drops the old counts wholesale. A shard holds at most [`KEYS_PER_SHARD`]
//! keys; past that, new keys of the window share [`OVERFLOW`] counters by hash, so a flood of
//! distinct keys (random identifiers, say) costs no memory and still never counts low: a shared
//! counter only ever counts more attempts than its key made, never fewer (it fails closed).

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::{Mutex, MutexGuard};

/// Shards (locks) of the counters.
pub const SHARDS: usize = 16;
/// Distinct keys counted exactly per shard and window (65,536 in all).
pub const KEYS_PER_SHARD: usize = 4_096;
/// Shared counters per shard for keys past [`KEYS_PER_SHARD`].
pub const OVERFLOW: usize = 1_024;

#[derive(Debug)]
struct Shard {
    window: i64,
    counts: HashMap<u64, u64>,
    overflow: Vec<u64>,
}

/// The counters.
#[derive(Debug)]
pub struct MemoryCounts {
    hasher: RandomState,
    shards: Vec<Mutex<Shard>>,
}

impl Default for MemoryCounts {
    fn default() -> Self {
        Self::new()
    }
}

impl MemoryCounts {
    /// Empty counters.
    pub fn new() -> Self {
        let shards = (0..SHARDS)
            .map(|_| {
                Mutex::new(Shard {
                    window: i64::MIN,
                    counts: HashMap::new(),
                    overflow: vec![0; OVERFLOW],
                })
            })
            .collect();
        Self {
            hasher: RandomState::new(),
            shards,
        }
    }

    fn shard(&self, i: usize) -> MutexGuard<'_, Shard> {
        // Plain counters: a panic while holding the lock leaves them usable.
        self.shards[i]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Counts one attempt on `key` in window `window`; the attempts counted on it in that window,
    /// this one included.
    pub fn hit(&self, key: &str, window: i64) -> u64 {
        let h = self.hasher.hash_one(key);
        let mut shard = self.shard((h as usize) % SHARDS);
        if shard.window != window {
            shard.window = window;
            shard.counts.clear();
            shard.overflow.iter_mut().for_each(|c| *c = 0);
        }
        if shard.counts.len() < KEYS_PER_SHARD || shard.counts.contains_key(&h) {
            let count = shard.counts.entry(h).or_insert(0);
            *count = count.saturating_add(1);
            *count
        } else {
            let slot = ((h >> 32) as usize) % OVERFLOW;
            shard.overflow[slot] = shard.overflow[slot].saturating_add(1);
            shard.overflow[slot]
        }
    }

    /// Keys counted exactly right now, over every shard (for tests and diagnostics).
    pub fn len(&self) -> usize {
        (0..SHARDS).map(|i| self.shard(i).counts.len()).sum()
    }

    /// Whether nothing is counted.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_grow_within_a_window_and_start_again_in_the_next() {
        let c = MemoryCounts::new();
        assert_eq!(c.hit("a", 7), 1);
        assert_eq!(c.hit("a", 7), 2);
        assert_eq!(c.hit("b", 7), 1);
        assert_eq!(c.hit("a", 8), 1);
    }

    #[test]
    fn a_flood_of_distinct_keys_is_bounded_in_memory_and_never_counts_low() {
        let c = MemoryCounts::new();
        for i in 0..200_000 {
            c.hit(&format!("flood{i}"), 1);
        }
        assert!(c.len() <= SHARDS * KEYS_PER_SHARD, "{}", c.len());
        // A key first seen after the flood is counted in a shared counter: at least its own
        // attempts.
        for n in 1..=5 {
            assert!(c.hit("late", 1) >= n);
        }
        // The next window starts empty.
        assert_eq!(c.hit("late", 2), 1);
    }
}
