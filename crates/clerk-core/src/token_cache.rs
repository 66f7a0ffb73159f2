//! The session token cache: one entry per (session, template).
//!
//! - A token is served from the cache while it has more than [`TokenPolicy::min_remaining_ms`]
//!   left, so callers almost never wait on the network.
//! - A background refresh is due [`TokenPolicy::refresh_ahead_ms`] before expiry, for tokens used
//!   recently and always for the tab's own default token (it feeds the `__session` cookie), until
//!   the token has expired (then the next caller fetches one: no retry storm while offline).
//! - Concurrent callers share one request: while a fetch is in flight, [`TokenCache::lookup`]
//!   hands out its handle `P` (a JS promise in the browser) instead of starting another.
//! - Dropping a session (401, sign-out) forgets its tokens, and a fetch that finishes after that is
//!   ignored rather than resurrecting them.

/// Which token: a session and an optional JWT template.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenKey {
    /// `sess_...`
    pub session_id: String,
    /// A JWT template name, `None` for the default session token.
    pub template: Option<String>,
}

impl TokenKey {
    /// The key of a session's token for `template`.
    pub fn new(session_id: &str, template: Option<&str>) -> Self {
        Self {
            session_id: session_id.to_owned(),
            template: template.map(str::to_owned),
        }
    }
}

/// Timing rules of the cache, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenPolicy {
    /// A cached token is served only while it has more than this left.
    pub min_remaining_ms: i64,
    /// A background refresh is due this long before expiry.
    pub refresh_ahead_ms: i64,
    /// Tokens not asked for within this long are not refreshed in the background.
    pub keep_warm_ms: i64,
}

impl Default for TokenPolicy {
    fn default() -> Self {
        Self {
            min_remaining_ms: 10_000,
            refresh_ahead_ms: 20_000,
            keep_warm_ms: 120_000,
        }
    }
}

/// What a caller of `getToken` should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<P> {
    /// Use this cached token.
    Cached(String),
    /// Await this in-flight request.
    Join(P),
    /// Start a request, and register it with [`TokenCache::started`].
    Fetch,
}

#[derive(Debug, Clone)]
struct Entry<P> {
    jwt: Option<(String, i64)>,
    last_used: i64,
    in_flight: Option<P>,
}

/// Session tokens by [`TokenKey`]; `P` is the handle of an in-flight request.
///
/// A list, not a hash map: a browser holds a handful of tokens, and hashing would cost the wasm
/// kilobytes.
#[derive(Debug, Clone)]
pub struct TokenCache<P> {
    entries: Vec<(TokenKey, Entry<P>)>,
    policy: TokenPolicy,
}

impl<P: Clone> Default for TokenCache<P> {
    fn default() -> Self {
        Self::new(TokenPolicy::default())
    }
}

impl<P: Clone> TokenCache<P> {
    /// An empty cache with these timings.
    pub fn new(policy: TokenPolicy) -> Self {
        Self {
            entries: Vec::new(),
            policy,
        }
    }

    fn get_mut(&mut self, key: &TokenKey) -> Option<&mut Entry<P>> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, e)| e)
    }

    fn entry(&mut self, key: &TokenKey, now: i64) -> &mut Entry<P> {
        let index = match self.entries.iter().position(|(k, _)| k == key) {
            Some(index) => index,
            None => {
                self.entries.push((
                    key.clone(),
                    Entry {
                        jwt: None,
                        last_used: now,
                        in_flight: None,
                    },
                ));
                self.entries.len() - 1
            }
        };
        // `get_mut`, not indexing: a bounds-check panic would link core::fmt's integer code.
        match self.entries.get_mut(index) {
            Some((_, entry)) => entry,
            None => unreachable!(),
        }
    }

    /// Decides how to answer `getToken` for `key` at `now`.
    pub fn lookup(&mut self, key: &TokenKey, now: i64, skip_cache: bool) -> Lookup<P> {
        let min = self.policy.min_remaining_ms;
        let entry = self.entry(key, now);
        entry.last_used = now;
        if let Some(p) = &entry.in_flight {
            return Lookup::Join(p.clone());
        }
        match &entry.jwt {
            Some((jwt, expires_at)) if !skip_cache && expires_at - now > min => {
                Lookup::Cached(jwt.clone())
            }
            _ => Lookup::Fetch,
        }
    }

    /// Records that a request for `key` is in flight.
    pub fn started(&mut self, key: &TokenKey, handle: P, now: i64) {
        self.entry(key, now).in_flight = Some(handle);
    }

    /// Records the outcome of the request for `key`: `Some((jwt, lifetime_ms))` on success.
    /// Ignored if the session was dropped meanwhile. Returns whether the token was stored.
    pub fn finished(&mut self, key: &TokenKey, token: Option<(String, i64)>, now: i64) -> bool {
        let Some(entry) = self.get_mut(key) else {
            return false;
        };
        if entry.in_flight.take().is_none() {
            return false;
        }
        match token {
            Some((jwt, lifetime_ms)) => {
                entry.jwt = Some((jwt, now + lifetime_ms));
                true
            }
            None => false,
        }
    }

    /// Forgets every token of a session (and orphans its in-flight requests).
    pub fn drop_session(&mut self, session_id: &str) {
        self.entries.retain(|(k, _)| k.session_id != session_id);
    }

    /// Forgets everything (sign-out of all).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The cached token for `key` if it is still usable at `now`, without touching the entry.
    pub fn peek(&self, key: &TokenKey, now: i64) -> Option<&str> {
        let (_, entry) = self.entries.iter().find(|(k, _)| k == key)?;
        let (jwt, expires_at) = entry.jwt.as_ref()?;
        (expires_at - now > self.policy.min_remaining_ms).then_some(jwt.as_str())
    }

    fn wants_refresh(
        &self,
        key: &TokenKey,
        entry: &Entry<P>,
        now: i64,
        active: Option<&str>,
    ) -> Option<i64> {
        let (_, expires_at) = entry.jwt.as_ref()?;
        let is_active_default = key.template.is_none() && active == Some(key.session_id.as_str());
        let warm = is_active_default || now - entry.last_used <= self.policy.keep_warm_ms;
        (entry.in_flight.is_none() && warm && *expires_at > now)
            .then_some(expires_at - self.policy.refresh_ahead_ms)
    }

    /// Keys whose background refresh is due at `now` (in no particular order); `active` is the
    /// tab's active session.
    pub fn due_refreshes(&self, now: i64, active: Option<&str>) -> Vec<TokenKey> {
        let mut due = Vec::new();
        for (key, entry) in &self.entries {
            if self
                .wants_refresh(key, entry, now, active)
                .is_some_and(|at| at <= now)
            {
                due.push(key.clone());
            }
        }
        due
    }

    /// When the next background refresh is due (Unix ms), if any.
    pub fn next_refresh_at(&self, now: i64, active: Option<&str>) -> Option<i64> {
        let mut next: Option<i64> = None;
        for (key, entry) in &self.entries {
            if let Some(at) = self.wants_refresh(key, entry, now, active) {
                next = Some(next.map_or(at, |n| n.min(at)));
            }
        }
        next
    }
}
