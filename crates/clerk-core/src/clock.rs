//! Time as an injected dependency, so every timing rule is unit-tested with a fake clock.

use std::cell::Cell;

/// Wall-clock time in Unix milliseconds.
pub trait Clock {
    /// Now, in Unix milliseconds.
    fn now_ms(&self) -> i64;
}

/// A clock the test moves by hand.
#[derive(Debug, Default)]
pub struct FakeClock {
    now: Cell<i64>,
}

impl FakeClock {
    /// A clock showing `now_ms`.
    pub fn at(now_ms: i64) -> Self {
        Self {
            now: Cell::new(now_ms),
        }
    }

    /// Moves the clock forward by `ms`.
    pub fn advance(&self, ms: i64) {
        self.now.set(self.now.get() + ms);
    }
}

impl Clock for FakeClock {
    fn now_ms(&self) -> i64 {
        self.now.get()
    }
}
