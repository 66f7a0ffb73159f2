//! The background task of each process: every [`EVERY`] it deletes expired clients (with their
//! sessions), old rate-limit counters and forgotten sign-up and sign-in attempts, at the state's clock. It holds only a weak handle, so
//! it ends when the state is dropped. Nothing depends on its timing: expired clients already
//! answer like no client (see [`crate::credential`]).

use crate::state::AppState;
use std::time::Duration;

/// How often housekeeping runs.
pub const EVERY: Duration = Duration::from_secs(60);

/// Starts the task for `state` (on the current tokio runtime).
pub fn spawn(state: &AppState) {
    let weak = state.downgrade();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(EVERY).await;
            let Some(state) = AppState::upgrade(&weak) else {
                return;
            };
            if let Err(e) = run_once(&state).await {
                crate::log::warn(&format!("housekeeping: {e}"));
            }
        }
    });
}

/// One round: expired clients (in batches until none is left), then old counters. Returns the
/// number of clients deleted.
pub async fn run_once(state: &AppState) -> Result<usize, crate::AppError> {
    let now = state.now();
    let (rotated_before, idle_before) = state.credentials.sweep_bounds(now);
    let mut deleted = 0;
    loop {
        let n = state
            .db
            .sweep_clients(rotated_before, idle_before, now)
            .await?;
        deleted += n;
        if n < 500 {
            break;
        }
    }
    // Shared counters are stored under the end of their window (see `crate::rate_limit`).
    state.db.sweep_rate_limits(now).await?;
    state.db.sweep_attempts(now).await?;
    if deleted > 0 {
        crate::log::info(&format!("housekeeping: deleted {deleted} expired clients"));
    }
    Ok(deleted)
}
