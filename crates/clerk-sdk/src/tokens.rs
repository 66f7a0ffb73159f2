//! The token part of the SDK: the headless core's [`TokenCache`] holding shared in-flight
//! requests (so concurrent `get_token` callers share one request), and the one timer of the
//! background refresh. It knows nothing of the state or the network: the flows of
//! the `token_flow` module drive it.

use clerk_core::{ClerkError, Lookup, TokenCache, TokenKey};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

/// Who hears of fresh tokens.
type FreshListener = Box<dyn Fn(&TokenKey, &str)>;

/// An in-flight token request, awaited by every caller that asks meanwhile: a run started
/// once (`tasks::started`, a JS promise) that leaves its outcome here for each of them.
#[derive(Clone)]
pub struct SharedToken {
    run: js_sys::Promise,
    outcome: Rc<RefCell<Option<Result<String, ClerkError>>>>,
}

impl std::fmt::Debug for SharedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedToken")
    }
}

impl SharedToken {
    /// Starts `request` at once.
    pub(crate) fn start(
        request: impl Future<Output = Result<String, ClerkError>> + 'static,
    ) -> Self {
        let outcome = Rc::new(RefCell::new(None));
        let slot = Rc::clone(&outcome);
        let run = crate::tasks::started(Box::pin(async move {
            let result = request.await;
            *slot.borrow_mut() = Some(result);
        }));
        Self { run, outcome }
    }

    /// The request's outcome, once it has one.
    pub async fn outcome(self) -> Result<String, ClerkError> {
        crate::tasks::finished(self.run).await;
        let outcome = self.outcome.borrow().clone();
        outcome.unwrap_or_else(|| Err(crate::error::network("the token request was dropped")))
    }
}

/// Session tokens and the background refresh timer.
#[derive(Default)]
pub struct Tokens {
    cache: RefCell<TokenCache<SharedToken>>,
    /// When the armed refresh fires (Unix ms): a timer whose instant is no longer this one
    /// does nothing when it fires.
    refresh_at: Cell<Option<i64>>,
    /// Told of every fresh token (the `__session` cookie subscribes).
    on_fresh: RefCell<Option<FreshListener>>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokens")
    }
}

impl Tokens {
    /// How to answer a request for `key` at `now`.
    pub fn lookup(&self, key: &TokenKey, now: i64, skip_cache: bool) -> Lookup<SharedToken> {
        self.cache.borrow_mut().lookup(key, now, skip_cache)
    }

    /// Registers the request started for `key`.
    pub fn started(&self, key: &TokenKey, request: SharedToken, now: i64) {
        self.cache.borrow_mut().started(key, request, now);
    }

    /// Records the outcome of the request for `key`: the token and its lifetime, or `None`.
    pub fn finished(&self, key: &TokenKey, token: Option<(String, i64)>, now: i64) -> bool {
        self.cache.borrow_mut().finished(key, token, now)
    }

    /// Forgets the tokens of a session.
    pub fn drop_session(&self, session_id: &str) {
        self.cache.borrow_mut().drop_session(session_id);
    }

    /// Forgets every token.
    pub fn clear(&self) {
        self.cache.borrow_mut().clear();
    }

    /// A cached token for `key` still good at `now`, without counting as a use.
    pub fn peek(&self, key: &TokenKey, now: i64) -> Option<String> {
        self.cache.borrow().peek(key, now).map(str::to_owned)
    }

    /// When the next background refresh is due (`active`: this tab's session).
    pub fn next_refresh_at(&self, now: i64, active: Option<&str>) -> Option<i64> {
        self.cache.borrow().next_refresh_at(now, active)
    }

    /// The tokens whose background refresh is due at `now`.
    pub fn due(&self, now: i64, active: Option<&str>) -> Vec<TokenKey> {
        self.cache.borrow().due_refreshes(now, active)
    }

    /// Arms the refresh timer for `at` (Unix ms) unless one is armed no later; then `fire(at)`
    /// runs, and should go on only if [`Tokens::fired`] says this timer is still the armed one.
    pub fn arm(&self, at: i64, now: i64, fire: impl FnOnce(i64) + 'static) {
        if self.refresh_at.get().is_some_and(|armed| armed <= at) {
            return;
        }
        self.refresh_at.set(Some(at));
        let delay = u32::try_from(at.saturating_sub(now).max(0)).unwrap_or(u32::MAX);
        crate::tasks::spawn(async move {
            gloo_timers::future::TimeoutFuture::new(delay).await;
            fire(at);
        });
    }

    /// Disarms the timer that fired at `at`; `false` if a sooner one replaced it.
    pub fn fired(&self, at: i64) -> bool {
        if self.refresh_at.get() == Some(at) {
            self.refresh_at.set(None);
            true
        } else {
            false
        }
    }

    /// Subscribes `listener` to every fresh token.
    pub fn on_fresh(&self, listener: impl Fn(&TokenKey, &str) + 'static) {
        *self.on_fresh.borrow_mut() = Some(Box::new(listener));
    }

    /// Tells the subscriber of a fresh token for `key`.
    pub fn announce(&self, key: &TokenKey, jwt: &str) {
        if let Some(listener) = self.on_fresh.borrow().as_ref() {
            listener(key, jwt);
        }
    }
}
