//! In-memory, per-process rate limiting in fixed windows, keyed by strings such as
//! `sign_in_ip:127.0.0.1` or `sign_in_id:ada@example.com`. Time comes from the caller, so tests
//! drive it with a fake clock. With several processes each counts on its own (documented).

use std::collections::HashMap;
use std::sync::Mutex;

/// Entries kept before expired windows are swept.
const SWEEP_AT: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Window {
    start_ms: i64,
    count: u32,
}

/// Counts attempts per key.
#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, Window>>,
}

impl RateLimiter {
    /// An empty limiter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one attempt for `key`. `Err(retry_after_secs)` when `limit` attempts were already
    /// made in the current window of `window_ms`.
    pub fn hit(&self, key: &str, limit: u32, window_ms: i64, now_ms: i64) -> Result<(), u64> {
        let Ok(mut windows) = self.windows.lock() else {
            return Ok(());
        };
        if windows.len() >= SWEEP_AT {
            windows.retain(|_, w| now_ms < w.start_ms + window_ms);
        }
        let window = windows.entry(key.to_owned()).or_insert(Window {
            start_ms: now_ms,
            count: 0,
        });
        if now_ms >= window.start_ms + window_ms || now_ms < window.start_ms {
            *window = Window {
                start_ms: now_ms,
                count: 0,
            };
        }
        if window.count >= limit {
            let left_ms = (window.start_ms + window_ms - now_ms).max(0);
            return Err(u64::try_from((left_ms + 999) / 1000).unwrap_or(1).max(1));
        }
        window.count += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_holds_within_a_window_and_resets_after_it() {
        let rl = RateLimiter::new();
        assert!(rl.hit("k", 2, 60_000, 0).is_ok());
        assert!(rl.hit("k", 2, 60_000, 1_000).is_ok());
        assert_eq!(rl.hit("k", 2, 60_000, 1_500), Err(59));
        assert_eq!(rl.hit("k", 2, 60_000, 59_999), Err(1));
        assert!(rl.hit("other", 2, 60_000, 1_500).is_ok());
        assert!(rl.hit("k", 2, 60_000, 60_000).is_ok());
    }
}
