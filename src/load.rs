//! `clerk.load()`: instant start from the last known client, then the server's answer; a server
//! that cannot be reached (or answers garbage) leaves the SDK `degraded` with the last known
//! state, and a background loop reconnects with backoff. Also the retry helper for calls.

use crate::inner::Inner;
use crate::{browser, tokens};
use clerk_core::web::{timer::sleep, SyncChannel};
use clerk_core::{Backoff, ClerkError, Result, Status};
use js_sys::Promise;
use std::future::Future;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsValue;

/// Runs `call`, retrying transient failures on the `backoff` schedule.
pub(crate) async fn retry<T, F, Fut>(backoff: Backoff, call: F) -> Result<T>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut attempt = 0;
    loop {
        match call().await {
            Err(err) if err.is_transient() => match backoff.delay(attempt) {
                Some(ms) => {
                    sleep(ms).await;
                    attempt += 1;
                }
                None => return Err(err),
            },
            other => return other,
        }
    }
}

/// Starts loading once; later calls merge their options and get the same promise.
pub(crate) fn load(inner: &Rc<Inner>, options: &JsValue) -> Promise {
    inner.options.borrow_mut().merge(options);
    if let Some(promise) = inner.load_promise.borrow().clone() {
        return promise;
    }
    if let Some(cached) = inner.keys.load_client() {
        if inner.state.borrow_mut().apply_cached(cached) {
            inner.changed(false);
        }
    }
    let weak = inner.weak();
    *inner.channel.borrow_mut() = SyncChannel::open(inner.api.base_url(), move |client| {
        if let Some(inner) = weak.upgrade() {
            inner.apply_tab_client(client);
        }
    });
    let weak = inner.weak();
    browser::on_focus(Box::new(move || {
        if let Some(inner) = weak.upgrade() {
            tokens::sync_cookie(&inner);
        }
    }));
    let promise = crate::tasks::promise(finish_load(inner.weak()));
    *inner.load_promise.borrow_mut() = Some(promise.clone());
    promise
}

async fn finish_load(weak: Weak<Inner>) -> std::result::Result<JsValue, JsValue> {
    let Some(inner) = weak.upgrade() else {
        return Ok(JsValue::UNDEFINED);
    };
    let env_weak = weak.clone();
    crate::tasks::spawn(async move {
        if let Some(inner) = env_weak.upgrade() {
            inner.load_environment().await;
        }
    });
    let api = &inner.api;
    let status = match retry(inner.backoff, || api.client()).await {
        Ok(client) => {
            inner.state.borrow_mut().apply_client(client);
            Status::Ready
        }
        Err(ClerkError::Api { status: 401, .. }) => {
            inner.state.borrow_mut().apply_client(None);
            Status::Ready
        }
        Err(_) => Status::Degraded,
    };
    inner.state.borrow_mut().set_loaded(status);
    inner.changed(false);
    if status == Status::Degraded {
        reconnect(weak);
    } else {
        tokens::sync_cookie(&inner);
    }
    Ok(JsValue::UNDEFINED)
}

/// While degraded, polls `GET /v1/client` with growing delays until the server answers.
pub(crate) fn reconnect(weak: Weak<Inner>) {
    let Some(inner) = weak.upgrade() else { return };
    if inner.reconnecting.replace(true) {
        return;
    }
    let backoff = inner.backoff;
    drop(inner);
    crate::tasks::spawn(async move {
        let mut attempt = 0;
        loop {
            sleep(backoff.reconnect_delay(attempt)).await;
            let Some(inner) = weak.upgrade() else { return };
            if inner.state.borrow().status() != Status::Degraded {
                inner.reconnecting.set(false);
                return;
            }
            if let Ok(client) = inner.api.client().await {
                inner.reconnecting.set(false);
                inner.apply_server_client(client);
                tokens::sync_cookie(&inner);
                return;
            }
            attempt += 1;
        }
    });
}
