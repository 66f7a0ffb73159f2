//! The connection part of the SDK: the Frontend API client, the retry schedule, whether a
//! reconnect loop is running, and the instance settings (environment) once fetched. It holds no
//! client state: the `recovery` module decides what a failure changes.

use crate::api::FrontendApi;
use clerk_core::{Backoff, Result};
use clerk_protocol::Environment;
use std::cell::{Cell, RefCell};
use std::future::Future;

/// The API, its retry schedule and the environment.
#[derive(Debug)]
pub struct Connection {
    api: FrontendApi,
    backoff: Backoff,
    reconnecting: Cell<bool>,
    environment: RefCell<Option<Environment>>,
}

impl Connection {
    /// A connection over `api`.
    pub fn new(api: FrontendApi) -> Self {
        Self {
            api,
            backoff: Backoff::default(),
            reconnecting: Cell::new(false),
            environment: RefCell::new(None),
        }
    }

    /// The Frontend API client.
    pub fn api(&self) -> &FrontendApi {
        &self.api
    }

    /// The retry schedule.
    pub fn backoff(&self) -> Backoff {
        self.backoff
    }

    /// Runs `call`, retrying transient failures (network trouble, 429, 5xx) on the schedule.
    pub async fn retry<T, F, Fut>(&self, call: F) -> Result<T>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let mut attempt = 0;
        loop {
            match call().await {
                Err(err) if err.is_transient() => match self.backoff.delay(attempt) {
                    Some(ms) => {
                        gloo_timers::future::TimeoutFuture::new(ms).await;
                        attempt += 1;
                    }
                    None => return Err(err),
                },
                other => return other,
            }
        }
    }

    /// [`Connection::retry`] on one raw request (its parsed answer, decoded by the caller).
    ///
    /// Size: the load's `GET /v1/client` and the token requests retry through this, so `retry`
    /// is compiled once, not once per answer type.
    pub(crate) async fn retry_send(
        &self,
        post: bool,
        path: &str,
        body: Option<&str>,
    ) -> Result<wasm_bindgen::JsValue> {
        self.retry(|| self.api.send(post, path, body, None)).await
    }

    /// The environment, once fetched.
    pub fn environment(&self) -> Option<Environment> {
        self.environment.borrow().clone()
    }

    /// Reads the environment, once fetched, without copying it.
    pub(crate) fn read_environment<R>(&self, f: impl FnOnce(Option<&Environment>) -> R) -> R {
        f(self.environment.borrow().as_ref())
    }

    /// Fetches the environment unless it is known; `true` when it has just arrived.
    pub async fn load_environment(&self) -> bool {
        if self.environment.borrow().is_some() {
            return false;
        }
        match self.api.environment().await {
            Ok(env) => {
                *self.environment.borrow_mut() = Some(env);
                true
            }
            Err(_) => false,
        }
    }

    /// Marks a reconnect loop as running; `false` if one already is.
    pub fn start_reconnecting(&self) -> bool {
        !self.reconnecting.replace(true)
    }

    /// Marks the reconnect loop as finished.
    pub fn stop_reconnecting(&self) {
        self.reconnecting.set(false);
    }
}
