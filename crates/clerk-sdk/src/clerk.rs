//! [`Clerk`], the SDK's one handle: load, the current client, sessions and user, switching,
//! signing in, up and out, session tokens, listeners.

use crate::api::{FrontendApi, Prefetch};
use crate::auth::{Attempt, SignInParams, SignUpParams};
use crate::connection::Connection;
use crate::error::Result;
use crate::inner::Inner;
use crate::options::ClerkOptions;
use crate::storage::Keys;
use crate::store::Store;
use crate::tasks::Flow;
use crate::tokens::Tokens;
use clerk_core::{Snapshot, Status};
use clerk_protocol::{Client, Environment, Session, SessionList, User};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// Options of [`Clerk::get_token`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetTokenOptions {
    /// Ask the server even if the cache holds a good token.
    pub skip_cache: bool,
    /// A JWT template's name (`None`: the session token).
    pub template: Option<String>,
}

/// Options of [`Clerk::sign_out`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignOutOptions {
    /// Sign out of this one session (`None`: of every account on this browser).
    pub session_id: Option<String>,
    /// Where to go afterwards (default: see [`ClerkOptions`]).
    pub redirect_url: Option<String>,
}

/// A subscription of [`Clerk::add_listener`]: the listener is removed when this is dropped.
#[must_use = "the listener is removed when this guard is dropped"]
pub struct ListenerGuard {
    inner: Weak<Inner>,
    id: u64,
}

impl std::fmt::Debug for ListenerGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListenerGuard")
            .field("id", &self.id)
            .finish()
    }
}

impl ListenerGuard {
    /// Keeps the listener for as long as the SDK lives.
    pub fn forget(self) {
        std::mem::forget(self);
    }
}

impl Drop for ListenerGuard {
    fn drop(&mut self) {
        if let Some(inner) = self.inner.upgrade() {
            inner.store.unsubscribe(self.id);
        }
    }
}

/// The SDK for one Frontend API on one page. Cloning gives another handle to the same SDK.
#[derive(Clone)]
pub struct Clerk {
    inner: Rc<Inner>,
}

impl std::fmt::Debug for Clerk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clerk")
            .field("frontend_api", &self.frontend_api())
            .field("status", &self.status())
            .finish()
    }
}

impl Clerk {
    /// The SDK for the Frontend API at `frontend_api` (e.g. `https://clerk.example.com`, or the
    /// page's own origin for a server on the same site). Nothing is fetched until
    /// [`Clerk::load`].
    pub fn new(frontend_api: &str, options: ClerkOptions) -> Self {
        Self::with_prefetch(frontend_api, options, Prefetch::default())
    }

    /// [`Clerk::new`], with answers already on their way (see [`Prefetch`]).
    pub fn with_prefetch(frontend_api: &str, options: ClerkOptions, prefetch: Prefetch) -> Self {
        let api = FrontendApi::new(frontend_api, prefetch);
        let inner = Rc::new_cyclic(|me| Inner {
            store: Store::new(Keys::new(api.base_url())),
            tokens: Tokens::default(),
            conn: Connection::new(api),
            options: RefCell::new(options),
            load: RefCell::new(None),
            guards: RefCell::new(Vec::new()),
            me: me.clone(),
        });
        crate::cookie::subscribe(&inner);
        Self { inner }
    }

    /// The Frontend API's URL.
    pub fn frontend_api(&self) -> &str {
        self.inner.conn.api().base_url()
    }

    /// Takes every option `options` sets (the others stay).
    pub fn set_options(&self, options: ClerkOptions) {
        self.inner.options.borrow_mut().merge(options);
    }

    /// Loads the client: from the server, or the last known one with [`Status::Degraded`] when
    /// the server cannot be reached (the SDK then reconnects by itself). Never fails; every
    /// call awaits the same load.
    pub fn load(&self) -> Flow<'_, ()> {
        Box::pin(crate::load::load(&self.inner))
    }

    /// Whether [`Clerk::load`] has finished.
    pub fn loaded(&self) -> bool {
        self.inner.store.read(|s| s.loaded())
    }

    /// Loading, ready, or degraded (server unreachable: last known state).
    pub fn status(&self) -> Status {
        self.inner.store.read(|s| s.status())
    }

    /// A plain copy of the state (client, this tab's session, loaded, status).
    pub fn snapshot(&self) -> Snapshot {
        self.inner.store.snapshot()
    }

    /// The browser's client, if it has one.
    pub fn client(&self) -> Option<Client> {
        self.inner.store.read(|s| s.client().cloned())
    }

    /// Every signed-in account on this browser, oldest first.
    pub fn sessions(&self) -> Vec<Session> {
        self.inner.store.read(|s| s.sessions().to_vec())
    }

    /// This tab's active session.
    pub fn session(&self) -> Option<Session> {
        self.inner.store.read(|s| s.active_session().cloned())
    }

    /// The active session's user.
    pub fn user(&self) -> Option<User> {
        self.session().map(|s| s.user)
    }

    /// Whether this tab has an active session.
    pub fn is_signed_in(&self) -> bool {
        self.inner.store.read(|s| s.active_session().is_some())
    }

    /// The instance settings, once [`Clerk::load`] fetched them.
    pub fn environment(&self) -> Option<Environment> {
        self.inner.conn.environment()
    }

    /// Makes `session_id` this tab's active session (`None` signs the tab out locally) at once:
    /// listeners run before this returns; then the server is told, and a refusal rolls the
    /// switch back. Goes to `redirect_url` afterwards, if given.
    pub fn set_active<'a>(
        &'a self,
        session_id: Option<&'a str>,
        redirect_url: Option<&'a str>,
    ) -> Flow<'a, Result<()>> {
        Box::pin(crate::actions::set_active(
            &self.inner,
            session_id,
            redirect_url,
        ))
    }

    /// Signs out of one session or of every account (see [`SignOutOptions`]); signing out of
    /// this tab's session while others remain goes to the account chooser.
    pub fn sign_out(&self, options: SignOutOptions) -> Flow<'_, Result<()>> {
        Box::pin(crate::actions::sign_out(
            &self.inner,
            options.session_id,
            options.redirect_url,
        ))
    }

    /// Signs out of this tab's active account only (nothing without one).
    pub fn sign_out_one(&self, redirect_url: Option<String>) -> Flow<'_, Result<()>> {
        match self.session() {
            Some(s) => Box::pin(crate::actions::sign_out(
                &self.inner,
                Some(s.id),
                redirect_url,
            )),
            None => Box::pin(std::future::ready(Ok(()))),
        }
    }

    /// Signs out of one session without navigating (`session.remove()` in JS).
    pub fn remove_session<'a>(&'a self, session_id: &'a str) -> Flow<'a, Result<()>> {
        Box::pin(crate::actions::session_call(
            &self.inner,
            session_id,
            crate::actions::After::Remove,
        ))
    }

    /// Marks `session_id` active on the server; the fresh session, if it is still on the client.
    pub fn touch<'a>(&'a self, session_id: &'a str) -> Flow<'a, Result<Option<Session>>> {
        Box::pin(async move {
            crate::actions::session_call(&self.inner, session_id, crate::actions::After::Apply)
                .await?;
            Ok(self.inner.store.read(|s| s.session(session_id).cloned()))
        })
    }

    /// Signs in with an email address and password; the new session becomes this tab's.
    pub fn sign_in<'a>(&'a self, params: &'a SignInParams) -> Flow<'a, Result<Attempt>> {
        Box::pin(crate::auth::sign_in(&self.inner, params))
    }

    /// Creates an account and signs in to it; the new session becomes this tab's.
    pub fn sign_up<'a>(&'a self, params: &'a SignUpParams) -> Flow<'a, Result<Attempt>> {
        Box::pin(crate::auth::sign_up(&self.inner, params))
    }

    /// A session token (JWT) for `session_id`: from the cache while it has more than ~10 s left,
    /// else one shared request. `None` once the session is gone; a 401 drops the session.
    pub fn get_token<'a>(
        &'a self,
        session_id: &'a str,
        options: GetTokenOptions,
    ) -> Flow<'a, Result<Option<String>>> {
        Box::pin(crate::token_flow::get_token(
            &self.inner,
            session_id,
            options.template,
            options.skip_cache,
        ))
    }

    /// This tab's own session token (`None` when signed out), for `Authorization: Bearer`.
    pub fn session_token(&self) -> Flow<'_, Result<Option<String>>> {
        Box::pin(async move {
            match self.session() {
                Some(s) => self.get_token(&s.id, GetTokenOptions::default()).await,
                None => Ok(None),
            }
        })
    }

    /// The active user's sessions on every device (`GET /v1/me/sessions`).
    pub fn my_sessions(&self) -> Flow<'_, Result<SessionList>> {
        Box::pin(async move {
            let token = self.session_token().await?.ok_or_else(signed_out)?;
            self.inner.conn.api().my_sessions(&token).await
        })
    }

    /// Revokes one of the active user's sessions on any device; this browser's client follows.
    pub fn revoke_session<'a>(&'a self, session_id: &'a str) -> Flow<'a, Result<()>> {
        Box::pin(async move {
            let token = self.session_token().await?.ok_or_else(signed_out)?;
            let client = self.inner.conn.api().revoke(&token, session_id).await?;
            self.inner.apply_server_client(client);
            Ok(())
        })
    }

    /// Calls `listener` with a snapshot now (if loaded) and after every change, until the guard
    /// is dropped.
    pub fn add_listener(&self, listener: impl Fn(&Snapshot) + 'static) -> ListenerGuard {
        let listener: crate::store::Listener = Rc::new(listener);
        let id = self.inner.store.subscribe(Rc::clone(&listener));
        if self.loaded() {
            listener(&self.snapshot());
        }
        ListenerGuard {
            inner: self.inner.weak(),
            id,
        }
    }

    /// Goes to `url` the way the SDK itself does: the `navigate` option, else `location.assign`.
    pub fn navigate<'a>(&'a self, url: &'a str) -> Flow<'a, ()> {
        Box::pin(self.inner.navigate(url))
    }
}

fn signed_out() -> crate::error::ClerkError {
    crate::error::ClerkError::api(
        clerk_protocol::ErrorCode::AuthenticationInvalid,
        "This tab has no active session.",
    )
}
