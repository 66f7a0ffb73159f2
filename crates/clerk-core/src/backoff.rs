//! The retry schedule for calls that fail for transient reasons (network, 429, 5xx).

/// Exponential backoff: `base`, `2·base`, `4·base`, … capped at `max`, for at most `retries`
/// retries of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Delay before the first retry, in milliseconds.
    pub base_ms: u32,
    /// The longest delay, in milliseconds.
    pub max_ms: u32,
    /// How many times a call is retried before its error is returned.
    pub retries: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            base_ms: 200,
            max_ms: 5_000,
            retries: 2,
        }
    }
}

impl Backoff {
    /// The delay before retry number `attempt` (0-based), or `None` when retries are used up.
    pub fn delay(&self, attempt: u32) -> Option<u32> {
        (attempt < self.retries).then(|| self.reconnect_delay(attempt))
    }

    /// The delay before background reconnect attempt number `attempt` (never gives up, capped).
    pub fn reconnect_delay(&self, attempt: u32) -> u32 {
        let factor = 1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX);
        self.base_ms.saturating_mul(factor).min(self.max_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_until_the_cap_and_stop_after_the_retries() {
        let b = Backoff {
            base_ms: 100,
            max_ms: 350,
            retries: 3,
        };
        assert_eq!(b.delay(0), Some(100));
        assert_eq!(b.delay(1), Some(200));
        assert_eq!(b.delay(2), Some(350));
        assert_eq!(b.delay(3), None);
    }

    #[test]
    fn reconnect_delays_never_overflow() {
        let b = Backoff::default();
        assert_eq!(b.reconnect_delay(40), b.max_ms);
        assert_eq!(b.reconnect_delay(0), b.base_ms);
    }
}
