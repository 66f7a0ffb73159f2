//! [`Clerk`], the SDK's one handle: load, the current client, sessions and user, switching,
//! signing in, up and out, session tokens, listeners. The sign-in and sign-up calls build their
//! request at once, so the flows they return borrow only the SDK, not their arguments.

use crate::api::{FrontendApi, Prefetch};
use crate::auth::{
    Attempt, ResetPasswordParams, SignInCreateParams, SignInParams, SignUpParams, Strategy,
};
use crate::connection::Connection;
use crate::error::Result;
use crate::inner::Inner;
use crate::options::ClerkOptions;
use crate::storage::Keys;
use crate::store::Store;
use crate::tasks::Flow;
use crate::tokens::Tokens;
use clerk_core::{Snapshot, Status};
use clerk_protocol::{Client, Environment, Session, SignIn, SignUp, User};
use futures_util::FutureExt;
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
    pub(crate) inner: Rc<Inner>,
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
        Box::pin(crate::tasks::finished(crate::load::load(&self.inner)))
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

    /// The id of this tab's active session: [`Clerk::session`]'s id, without copying the
    /// whole session.
    pub fn active_session_id(&self) -> Option<String> {
        self.inner
            .store
            .read(|s| s.active_session().map(|s| s.id.clone()))
    }

    /// Whether this tab has an active session.
    pub fn is_signed_in(&self) -> bool {
        self.inner.store.read(|s| s.active_session().is_some())
    }

    /// The instance settings, once [`Clerk::load`] fetched them.
    pub fn environment(&self) -> Option<Environment> {
        self.inner.conn.environment()
    }

    /// Calls `f` with the instance settings ([`Clerk::environment`] without copying them; `None`
    /// before [`Clerk::load`] fetched them) and answers what it answers.
    pub fn with_environment<R>(&self, f: impl FnOnce(Option<&Environment>) -> R) -> R {
        self.inner.conn.read_environment(f)
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
        match self.active_session_id() {
            Some(id) => Box::pin(crate::actions::sign_out(
                &self.inner,
                Some(id),
                redirect_url,
            )),
            None => Box::pin(std::future::ready(Ok(()))),
        }
    }

    /// Signs out of one session without navigating (`session.remove()` in JS).
    pub fn remove_session<'a>(&'a self, session_id: &'a str) -> Flow<'a, Result<()>> {
        crate::actions::session_call(&self.inner, session_id, crate::actions::After::Remove)
    }

    /// Marks `session_id` active on the server; the fresh session, if it is still on the client.
    pub fn touch<'a>(&'a self, session_id: &'a str) -> Flow<'a, Result<Option<Session>>> {
        let call =
            crate::actions::session_call(&self.inner, session_id, crate::actions::After::Apply);
        // A combinator rather than an `async` block: no state machine of its own.
        Box::pin(
            call.map(move |r| {
                r.map(|()| self.inner.store.read(|s| s.session(session_id).cloned()))
            }),
        )
    }

    /// Signs in with an email address and password; the new session becomes this tab's.
    pub fn sign_in<'a>(&'a self, params: &'a SignInParams) -> Flow<'a, Result<Attempt>> {
        let request = crate::attempts::create_sign_in(&SignInCreateParams {
            strategy: Strategy::Password,
            identifier: params.identifier.clone(),
            password: Some(params.password.clone()),
        });
        // A combinator rather than an `async` block: no state machine of its own.
        Box::pin(
            crate::attempts::sign_in_step(&self.inner, request).map(|r| {
                r.map(|s| Attempt {
                    id: Some(s.id).filter(|id| !id.is_empty()),
                    status: s.status,
                    created_session_id: s.created_session_id,
                    created_user_id: None,
                })
            }),
        )
    }

    /// Creates a sign-in (`POST /v1/client/sign_ins`) with a strategy: [`Strategy::Password`]
    /// completes at once (`status: "complete"`); [`Strategy::EmailCode`] and
    /// [`Strategy::ResetPasswordEmailCode`] mail a code and answer `needs_first_factor` (an
    /// unknown address gets the same answer, and no mail). An account already signed in here is
    /// switched to (a complete attempt with an empty `id`).
    pub fn create_sign_in(&self, params: &SignInCreateParams) -> Flow<'_, Result<SignIn>> {
        crate::attempts::sign_in_step(&self.inner, crate::attempts::create_sign_in(params))
    }

    /// Mails a new code for the sign-in `sign_in_id` (`email_code` or
    /// `reset_password_email_code`); the old code stops working. Refused with
    /// `too_many_requests` during the resend cooldown ([`ClerkError::retry_after_secs`]).
    ///
    /// [`ClerkError::retry_after_secs`]: crate::ClerkError::retry_after_secs
    pub fn prepare_first_factor(
        &self,
        sign_in_id: &str,
        strategy: Strategy,
    ) -> Flow<'_, Result<SignIn>> {
        let request = crate::attempts::prepare_first_factor(sign_in_id, strategy);
        crate::attempts::sign_in_step(&self.inner, request)
    }

    /// Tries the first factor: `secret` is the emailed code (or the password for
    /// [`Strategy::Password`]). `email_code` completes the sign-in (its session becomes this
    /// tab's); `reset_password_email_code` answers `needs_new_password`. A wrong code fails with
    /// `form_code_incorrect` ([`ClerkError::attempts_left`]), then `verification_failed`; an old
    /// one with `verification_expired`.
    ///
    /// [`ClerkError::attempts_left`]: crate::ClerkError::attempts_left
    pub fn attempt_first_factor(
        &self,
        sign_in_id: &str,
        strategy: Strategy,
        secret: &str,
    ) -> Flow<'_, Result<SignIn>> {
        let request = crate::attempts::attempt_first_factor(sign_in_id, strategy, secret);
        crate::attempts::sign_in_step(&self.inner, request)
    }

    /// Sets the new password of a sign-in at `needs_new_password`; completes it (its session
    /// becomes this tab's). With `sign_out_of_other_sessions` (the default) every other
    /// session of the account is revoked on every device.
    pub fn reset_password(
        &self,
        sign_in_id: &str,
        params: &ResetPasswordParams,
    ) -> Flow<'_, Result<SignIn>> {
        let request = crate::attempts::reset_password(sign_in_id, params);
        crate::attempts::sign_in_step(&self.inner, request)
    }

    /// Creates an account and signs in to it; the new session becomes this tab's. When the
    /// instance verifies email addresses, the outcome is `missing_requirements` and no session:
    /// see [`Clerk::create_sign_up`].
    pub fn sign_up<'a>(&'a self, params: &'a SignUpParams) -> Flow<'a, Result<Attempt>> {
        let request = crate::attempts::create_sign_up(params);
        Box::pin(
            crate::attempts::sign_up_step(&self.inner, request).map(|r| {
                r.map(|s| Attempt {
                    id: Some(s.id),
                    status: s.status,
                    created_session_id: s.created_session_id,
                    created_user_id: s.created_user_id,
                })
            }),
        )
    }

    /// Creates a sign-up (`POST /v1/client/sign_ups`): `complete` with its session (now this
    /// tab's), or `missing_requirements` with `unverified_fields: ["email_address"]` when the
    /// address must be verified ([`Clerk::prepare_email_address_verification`], then
    /// [`Clerk::attempt_email_address_verification`]).
    pub fn create_sign_up(&self, params: &SignUpParams) -> Flow<'_, Result<SignUp>> {
        crate::attempts::sign_up_step(&self.inner, crate::attempts::create_sign_up(params))
    }

    /// Mails a (new) code to the sign-up's address (`strategy=email_code`).
    pub fn prepare_email_address_verification(&self, sign_up_id: &str) -> Flow<'_, Result<SignUp>> {
        let request = crate::attempts::email_verification(sign_up_id, None);
        crate::attempts::sign_up_step(&self.inner, request)
    }

    /// Tries the emailed code: the right one completes the sign-up (the user and its session
    /// are created; the session becomes this tab's). Errors as for
    /// [`Clerk::attempt_first_factor`].
    pub fn attempt_email_address_verification(
        &self,
        sign_up_id: &str,
        code: &str,
    ) -> Flow<'_, Result<SignUp>> {
        let request = crate::attempts::email_verification(sign_up_id, Some(code));
        crate::attempts::sign_up_step(&self.inner, request)
    }

    /// A session token (JWT) for `session_id`: from the cache while it has more than ~10 s left,
    /// else one shared request. `None` once the session is gone; a 401 drops the session.
    pub fn get_token<'a>(
        &'a self,
        session_id: &'a str,
        options: GetTokenOptions,
    ) -> Flow<'a, Result<Option<String>>> {
        crate::token_flow::get_token(
            &self.inner,
            session_id,
            options.template,
            options.skip_cache,
        )
    }

    /// This tab's own session token (`None` when signed out), for `Authorization: Bearer`.
    pub fn session_token(&self) -> Flow<'_, Result<Option<String>>> {
        // The active session's id only (not a copy of the whole session), then `get_token`'s
        // flow itself: no state machine of its own.
        match self.active_session_id() {
            Some(id) => crate::token_flow::get_token(&self.inner, &id, None, false),
            None => Box::pin(std::future::ready(Ok(None))),
        }
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
