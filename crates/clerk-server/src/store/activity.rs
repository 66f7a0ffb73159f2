//! Activity writes, the hot path of token minting and of `touch` (switching accounts): record
//! activity on a session (`last_active_at`, `abandon_at`) and/or make it the client's last
//! active one, in at most one round trip, and only what changed (the handler decides, see
//! [`crate::lifetime::LifetimePolicy::records_activity`]).
//!
//! Every statement is guarded by liveness: a session revoked, removed or expired meanwhile (by
//! this process or another) changes no row, and the caller answers `session_expired`, never
//! reviving it. On PostgreSQL these run on the activity pool (`synchronous_commit = off`): a
//! database crash can lose the last fraction of a second of activity or of account switches,
//! never a sign-in, sign-out or revocation.
//!
//! On PostgreSQL they go through the batch writers of [`super::activity_batch`]: under load the
//! writes queued while the previous batch ran share one statement ([`super::activity_pg`]).
//! Either way a committed write then patches this process's cached snapshot of the client
//! ([`super::cache`]).

use super::args::{args, stmt};
use super::cache::Snapshot;
use super::conn::Conn;
use super::error::StoreResult;
use super::lite::Lite;
use super::sql;
use super::Db;

/// What one activity write changes on session `session_id` of client `client_id` at `now`.
#[derive(Debug, Clone, Copy)]
pub struct ActivityWrite<'a> {
    /// The client.
    pub client_id: &'a str,
    /// The session, which must be the client's and live at `now`.
    pub session_id: &'a str,
    /// Unix ms.
    pub now: i64,
    /// `Some(abandon_at)`: record activity (`last_active_at = now`, this `abandon_at`).
    pub abandon_at: Option<i64>,
    /// Make the session the client's last active one.
    pub make_last_active: bool,
}

impl Db {
    /// Writes `w` (nothing when it changes nothing): on SQLite in one transaction, on
    /// PostgreSQL through the batch writer (with the writes queued meanwhile, in one statement);
    /// then the client cache is patched. `false` if the session is not live at `now` (any
    /// more), in which case nothing changed.
    pub async fn record_activity(&self, w: ActivityWrite<'_>) -> StoreResult<bool> {
        if w.abandon_at.is_none() && !w.make_last_active {
            return Ok(true);
        }
        let lite = |lite| self.record_activity_lite(lite, w);
        self.on_async(lite, |pg| pg.batcher.write(w)).await
    }

    /// [`Db::record_activity`] on SQLite: the write, then the cache patched (or the client
    /// forgotten, when the write failed or found the session not live).
    async fn record_activity_lite(&self, lite: &Lite, w: ActivityWrite<'_>) -> StoreResult<bool> {
        let version = lite.cache.version(w.client_id);
        let written = self.write_one(&w).await;
        match written {
            Ok(true) => lite.cache.patch(w.client_id, version, |s| patch(s, &w)),
            _ => lite.cache.invalidate(w.client_id),
        }
        written
    }

    /// One activity write on SQLite, in a transaction when it is two statements (one is a
    /// transaction by itself).
    async fn write_one(&self, w: &ActivityWrite<'_>) -> StoreResult<bool> {
        if w.abandon_at.is_some() && w.make_last_active {
            let mut tx = self.begin().await?;
            let live = write_one(&mut tx, w).await?;
            tx.commit().await?;
            Ok(live)
        } else {
            write_one(&mut self.writer().await, w).await
        }
    }
}

/// One activity write: touch (guarded), then switch (only if the touch changed a row, or
/// guarded by liveness itself when there is no touch).
async fn write_one(tx: &mut Conn<'_>, w: &ActivityWrite<'_>) -> StoreResult<bool> {
    let (client, session, now) = (w.client_id, w.session_id, w.now);
    if let Some(abandon_at) = w.abandon_at {
        let args = args![session, now, abandon_at];
        if tx.execute(stmt!(sql::TOUCH_SESSION), &args).await? == 0 {
            return Ok(false);
        }
        if w.make_last_active {
            let args = args![client, session, now];
            tx.execute(stmt!(sql::SET_LAST_ACTIVE), &args).await?;
        }
        return Ok(true);
    }
    let args = args![client, session, now];
    Ok(tx
        .execute(stmt!(sql::SET_LAST_ACTIVE_IF_LIVE), &args)
        .await?
        > 0)
}

/// Applies committed activity write `w` to a cached snapshot of its client; `false` if the
/// snapshot does not hold the session (it cannot be patched, only forgotten).
pub(super) fn patch(snapshot: &mut Snapshot, w: &ActivityWrite<'_>) -> bool {
    let Some(s) = snapshot.sessions.iter_mut().find(|s| s.id == w.session_id) else {
        return false;
    };
    if let Some(abandon_at) = w.abandon_at {
        s.last_active_at = w.now;
        s.abandon_at = abandon_at;
        s.updated_at = w.now;
    }
    if w.make_last_active {
        snapshot.client.last_active_session_id = Some(w.session_id.to_owned());
        snapshot.client.updated_at = w.now;
    }
    true
}
