//! The sender task of each process: on [`super::Mailer::wake`], and every [`POLL`] in any
//! case, it claims the outbox rows due at the state's clock and delivers them, up to [`BATCH`]
//! at once.
//!
//! - Sent: the row is deleted.
//! - Failed (connection refused, a timeout, a 4xx or 5xx reply): the row stays, with one more
//!   attempt counted, due again after 1 s, 2 s, 4 s ... at most [`MAX_BACKOFF_MS`].
//! - Past `not_after` (its code expired), or not opening (sealed under another signing key):
//!   dropped with a log line, never sent.
//!
//! A claim holds its rows for a lease of ten SMTP timeouts (an SMTP transaction is fewer
//! commands than that, each bounded by the timeout; a send is cut off at eight), so a process
//! that dies mid-send leaves its rows to the next claim once the lease ends. Two processes on
//! one database never send the same row at once (see `store::outbox`).
//!
//! Security rule: log lines name a row by id and kind, with its attempts and the SMTP error;
//! never the recipient's code, the payload or the bodies.

use super::Mailer;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::OutboxRow;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinSet;

/// How often the sender looks for due rows without being woken.
pub const POLL: Duration = Duration::from_secs(1);
/// Rows claimed (and sent concurrently) at once.
pub const BATCH: i64 = 8;
/// The longest wait between two attempts.
pub const MAX_BACKOFF_MS: i64 = 60_000;

/// The wait after the `failures`-th failed attempt (1 s after the first, doubling, capped).
pub fn backoff_ms(failures: i64) -> i64 {
    let doublings = u32::try_from(failures.saturating_sub(1).clamp(0, 16)).unwrap_or(16);
    (1000_i64 << doublings).min(MAX_BACKOFF_MS)
}

/// Starts the sender for `state`, if it mails; it ends when the state is dropped.
pub fn spawn(state: &AppState) {
    let Some(mailer) = state.mail.clone() else {
        return;
    };
    let weak = state.downgrade();
    tokio::spawn(async move {
        loop {
            let Some(state) = AppState::upgrade(&weak) else {
                return;
            };
            if let Err(e) = run_once(&state, &mailer).await {
                crate::log::warn(&format!("mail sender: {e}"));
            }
            drop(state);
            tokio::select! {
                () = mailer.woken() => {}
                () = tokio::time::sleep(POLL) => {}
            }
        }
    });
}

/// The lease of a claim, in ms.
fn lease_ms(state: &AppState) -> i64 {
    let timeout = state.config.file.email.smtp_timeout_seconds;
    i64::try_from(timeout.saturating_mul(10_000)).unwrap_or(i64::MAX)
}

/// Claims and delivers due rows until none is left; returns how many rows it handled.
pub async fn run_once(state: &AppState, mailer: &Arc<Mailer>) -> Result<usize, AppError> {
    let mut handled = 0;
    loop {
        let token = crate::secrets::new_id("claim")?;
        let now = state.now();
        let until = now.saturating_add(lease_ms(state));
        let rows = state.db.claim_mail(&token, until, now, BATCH).await?;
        if rows.is_empty() {
            return Ok(handled);
        }
        handled += rows.len();
        let mut sends = JoinSet::new();
        for row in rows {
            let (state, mailer, token) = (state.clone(), mailer.clone(), token.clone());
            sends.spawn(async move { deliver(&state, &mailer, &token, row, now).await });
        }
        while let Some(done) = sends.join_next().await {
            match done {
                Ok(Ok(())) => {}
                Ok(Err(e)) => crate::log::warn(&format!("mail sender: {e}")),
                Err(e) => crate::log::warn(&format!("mail sender: a delivery task failed: {e}")),
            }
        }
    }
}

/// One claimed row: dropped, sent, or kept for a later attempt.
async fn deliver(
    state: &AppState,
    mailer: &Mailer,
    token: &str,
    row: OutboxRow,
    now: i64,
) -> Result<(), AppError> {
    let attempts = row.attempts.to_string();
    if row.not_after <= now {
        state.db.delete_mail(&row.id, token).await?;
        crate::log::event(
            "mail dropped: its code expired before it could be delivered",
            &[("mail_id", &row.id), ("attempts", &attempts)],
        );
        return Ok(());
    }
    let Some(mail) = mailer.sealer().open(&row.id, &row.payload) else {
        state.db.delete_mail(&row.id, token).await?;
        crate::log::warn(&format!(
            "mail dropped: the payload of {} does not open (sealed under another signing key?)",
            row.id
        ));
        return Ok(());
    };
    let cap = Duration::from_millis(u64::try_from(lease_ms(state) * 8 / 10).unwrap_or(0));
    let sent = match tokio::time::timeout(cap, mailer.transport().send(&mail)).await {
        Ok(result) => result,
        Err(_) => Err("the SMTP transaction took too long".into()),
    };
    match sent {
        Ok(()) => {
            state.db.delete_mail(&row.id, token).await?;
            if !mailer.prints() {
                crate::log::event(
                    "mail sent",
                    &[
                        ("mail_id", &row.id),
                        ("kind", &mail.kind),
                        ("attempts", &attempts),
                    ],
                );
            }
        }
        Err(error) => {
            let failures = row.attempts.saturating_add(1);
            let wait = backoff_ms(failures);
            let next = state.now().saturating_add(wait);
            state.db.retry_mail(&row.id, token, next).await?;
            crate::log::event(
                "mail not delivered; will retry",
                &[
                    ("mail_id", &row.id),
                    ("kind", &mail.kind),
                    ("attempts", &failures.to_string()),
                    ("retry_in_ms", &wait.to_string()),
                    ("error", &error),
                ],
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_one_second_up_to_a_minute() {
        let waits: Vec<i64> = (1..=9).map(backoff_ms).collect();
        assert_eq!(
            waits,
            [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]
        );
        assert_eq!(backoff_ms(i64::MAX), 60_000);
        assert_eq!(backoff_ms(0), 1000);
    }
}
