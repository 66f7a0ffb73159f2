//! `load()`: instant start from the last known client (localStorage), then the server's answer;
//! a server that cannot be reached (or answers garbage) leaves the SDK `degraded` with the last
//! known state, and the reconnect loop of [`crate::recovery`] takes over. Runs once; every
//! caller awaits the same run.

use crate::api::decode_field;
use crate::inner::Inner;
use crate::recovery::reconnect;
use crate::store::Origin;
use clerk_core::{ClerkError, Status};
use clerk_protocol::{routes, Client};
use std::rc::{Rc, Weak};

/// The one run of `load()`, started by the first call.
pub(crate) fn load(inner: &Rc<Inner>) -> js_sys::Promise {
    if let Some(run) = inner.load.borrow().clone() {
        return run;
    }
    if let Some(cached) = inner.store.saved_client() {
        inner
            .store
            .commit(Origin::TabOnly, |s| s.apply_cached(cached));
    }
    let weak = inner.weak();
    let channel = crate::channel::SyncChannel::open(inner.conn.api().base_url(), move |client| {
        if let Some(inner) = weak.upgrade() {
            inner.apply_tab_client(client);
        }
    });
    inner.store.set_channel(channel);
    let run = crate::tasks::started(Box::pin(finish(inner.weak())));
    *inner.load.borrow_mut() = Some(run.clone());
    run
}

async fn finish(weak: Weak<Inner>) {
    let Some(inner) = weak.upgrade() else { return };
    let env = weak.clone();
    crate::tasks::spawn(async move {
        let Some(inner) = env.upgrade() else { return };
        // The prebuilt UI shows the app's name and follows single-session mode: tell listeners.
        if inner.conn.load_environment().await {
            inner.store.notify();
        }
    });
    let conn = &inner.conn;
    let answer = conn.retry_send(false, routes::CLIENT, None).await;
    let answer = answer.and_then(|value| decode_field::<Option<Client>>(&value, "response"));
    let (client, status) = match answer {
        Ok(client) => (Some(client), Status::Ready),
        Err(ClerkError::Api { status: 401, .. }) => (Some(None), Status::Ready),
        Err(_) => (None, Status::Degraded),
    };
    inner.store.commit(Origin::TabOnly, |s| {
        if let Some(client) = client {
            s.apply_client(client);
        }
        s.set_loaded(status);
        true
    });
    if status == Status::Degraded {
        reconnect(weak);
    }
}
