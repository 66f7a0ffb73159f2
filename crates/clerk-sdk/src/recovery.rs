//! What a failed call changes, applied: the pure decision is the headless core's
//! ([`clerk_core::effects_of`], applied as its halves [`clerk_core::degrades`] and
//! [`clerk_core::dropped_session`]); here a 401 about a session drops it (and its tokens), and network
//! trouble makes the SDK `degraded` and starts the reconnect loop, which polls `GET /v1/client`
//! with growing delays until the server answers.

use crate::inner::Inner;
use crate::store::Origin;
use clerk_core::{degrades, dropped_session, ClerkError, Status};
use std::rc::{Rc, Weak};

/// Notes a failed call about `session_id` (if it was about one).
pub(crate) fn note_error(inner: &Rc<Inner>, err: &ClerkError, session_id: Option<&str>) {
    let loaded = inner.store.read(|s| s.loaded());
    // The two halves of `effects_of`, on the borrowed id: no `Option<String>` made and dropped.
    if degrades(err, loaded) {
        inner
            .store
            .commit(Origin::Here, |s| s.set_status(Status::Degraded));
        reconnect(inner.weak());
    }
    if let Some(id) = dropped_session(err, session_id) {
        inner.tokens.drop_session(id);
        inner.store.commit(Origin::Here, |s| s.drop_session(id));
    }
}

/// While degraded, polls `GET /v1/client` with growing delays until the server answers (one
/// loop at a time).
pub(crate) fn reconnect(weak: Weak<Inner>) {
    let Some(inner) = weak.upgrade() else { return };
    if !inner.conn.start_reconnecting() {
        return;
    }
    let backoff = inner.conn.backoff();
    drop(inner);
    crate::tasks::spawn(async move {
        let mut attempt = 0;
        loop {
            gloo_timers::future::TimeoutFuture::new(backoff.reconnect_delay(attempt)).await;
            let Some(inner) = weak.upgrade() else { return };
            if inner.store.read(|s| s.status()) != Status::Degraded {
                inner.conn.stop_reconnecting();
                return;
            }
            if let Ok(client) = inner.conn.api().client().await {
                inner.conn.stop_reconnecting();
                inner.apply_server_client(client);
                return;
            }
            attempt += 1;
        }
    });
}
