//! The state every JS object of one `Clerk` shares: the core state, the API client, the token
//! cache, listeners, the cross-tab channel and the JS objects handed out (kept for identity).
//!
//! Every change goes through [`Inner::changed`], which refreshes the JS objects, persists, syncs
//! the `__session` cookie, tells other tabs (when the change came from this tab) and calls the
//! listeners, all in the same task. No `RefCell` borrow is ever held across an `.await` or while
//! calling into JS.

use crate::browser;
use crate::objects::ObjectCache;
use crate::options::{set, Options};
use clerk_core::web::{storage::Keys, FrontendApi, SyncChannel};
use clerk_core::{Backoff, ClerkError, ClientState, Snapshot, TokenCache};
use clerk_protocol::{Client, Environment};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::JsValue;

/// A Rust-side subscriber (e.g. the prebuilt UI): gets a plain snapshot after every change.
pub type RustListener = Rc<dyn Fn(&Snapshot)>;

/// Shared state of one `Clerk`.
pub(crate) struct Inner {
    pub api: FrontendApi,
    pub keys: Keys,
    pub state: RefCell<ClientState>,
    pub tokens: RefCell<TokenCache<js_sys::Promise>>,
    pub objects: RefCell<ObjectCache>,
    pub options: RefCell<Options>,
    pub environment: RefCell<Option<Environment>>,
    pub listeners: RefCell<Vec<(u32, js_sys::Function)>>,
    pub rust_listeners: RefCell<Vec<(u32, RustListener)>>,
    pub next_listener: Cell<u32>,
    pub channel: RefCell<Option<SyncChannel>>,
    pub load_promise: RefCell<Option<js_sys::Promise>>,
    pub reconnecting: Cell<bool>,
    pub refresh_at: Cell<Option<i64>>,
    pub backoff: Backoff,
    pub me: Weak<Inner>,
}

impl Inner {
    /// A new shared state for the API at `frontend_api` (`prefetch`: see [`FrontendApi::new`]).
    pub fn new(frontend_api: &str, options: Options, prefetch: JsValue) -> Rc<Self> {
        let keys = Keys::new(frontend_api);
        Rc::new_cyclic(|me| Self {
            api: FrontendApi::new(frontend_api, prefetch),
            state: RefCell::new(ClientState::new(keys.load_active())),
            keys,
            tokens: RefCell::new(TokenCache::default()),
            objects: RefCell::new(ObjectCache::default()),
            options: RefCell::new(options),
            environment: RefCell::new(None),
            listeners: RefCell::new(Vec::new()),
            rust_listeners: RefCell::new(Vec::new()),
            next_listener: Cell::new(1),
            channel: RefCell::new(None),
            load_promise: RefCell::new(None),
            reconnecting: Cell::new(false),
            refresh_at: Cell::new(None),
            backoff: Backoff::default(),
            me: me.clone(),
        })
    }

    /// A weak handle to this state, for JS objects and callbacks.
    pub fn weak(&self) -> Weak<Inner> {
        self.me.clone()
    }

    /// Applies a client the server just sent; forgets tokens of sessions that are gone.
    pub fn apply_server_client(&self, client: Option<Client>) {
        self.forget_gone_tokens(client.as_ref());
        let changed = self.state.borrow_mut().apply_client(client);
        let recovered = self
            .state
            .borrow_mut()
            .set_status(clerk_core::Status::Ready);
        if changed || recovered {
            self.changed(changed);
        }
    }

    /// Applies a client from a sign-in or sign-up and makes `activate` this tab's session, with
    /// one emit for both.
    pub fn apply_and_activate(&self, client: Option<Client>, activate: Option<&str>) {
        self.forget_gone_tokens(client.as_ref());
        self.state.borrow_mut().apply_client(client);
        self.state
            .borrow_mut()
            .set_status(clerk_core::Status::Ready);
        if let Some(id) = activate {
            let _ = self.state.borrow_mut().set_active(Some(id));
        }
        self.changed(true);
    }

    /// Applies a client another tab posted (no request, no re-broadcast).
    pub fn apply_tab_client(&self, client: Option<Client>) {
        self.forget_gone_tokens(client.as_ref());
        let changed = self.state.borrow_mut().apply_client(client);
        if changed {
            self.changed(false);
        }
    }

    /// Drops the tokens of sessions `client` no longer has (plain loops: the iterator chains
    /// this was cost the wasm a kilobyte).
    fn forget_gone_tokens(&self, client: Option<&Client>) {
        let state = self.state.borrow();
        let mut tokens = self.tokens.borrow_mut();
        for session in state.sessions() {
            let live = client.is_some_and(|c| c.sessions.iter().any(|s| s.id == session.id));
            if !live {
                tokens.drop_session(&session.id);
            }
        }
    }

    /// Notes a failed call: network trouble makes the SDK degraded and starts reconnecting; a 401
    /// about a session drops that session.
    pub fn note_error(&self, err: &ClerkError, session_id: Option<&str>) {
        if matches!(err, ClerkError::Network(_)) && self.state.borrow().loaded() {
            if self
                .state
                .borrow_mut()
                .set_status(clerk_core::Status::Degraded)
            {
                self.changed(false);
            }
            crate::load::reconnect(self.weak());
        }
        if let (true, Some(id)) = (err.is_unauthorized(), session_id) {
            self.tokens.borrow_mut().drop_session(id);
            let dropped = self.state.borrow_mut().drop_session(id);
            if dropped {
                self.changed(true);
            }
        }
    }

    /// After any visible change: refresh JS objects, persist, sync cookie, tell other tabs (when
    /// `broadcast`), and call the listeners.
    pub fn changed(&self, broadcast: bool) {
        let (client, active, loaded) = {
            let state = self.state.borrow();
            (
                state.client().cloned(),
                state.active_id().map(str::to_owned),
                state.loaded(),
            )
        };
        self.objects
            .borrow_mut()
            .refresh(&self.state.borrow(), &self.weak());
        if loaded {
            self.keys.save_client(client.as_ref());
            self.keys.save_active(active.as_deref());
        }
        if broadcast {
            if let Some(channel) = self.channel.borrow().as_ref() {
                channel.post(client.as_ref());
            }
        }
        if active.is_none() && browser::has_focus() {
            browser::set_session_cookie(None);
        }
        if loaded {
            self.emit();
        }
    }

    /// The `{client, session, user}` object listeners get.
    pub fn resources(&self) -> JsValue {
        let objects = self.objects.borrow();
        let out: JsValue = js_sys::Object::new().into();
        set(&out, "client", &objects.client());
        set(&out, "session", &objects.active_session());
        set(&out, "user", &objects.active_user());
        out
    }

    /// Calls every listener with the current resources.
    pub fn emit(&self) {
        let resources = self.resources();
        // Copies first (plain loops): a listener may add or remove listeners.
        let mut listeners: Vec<js_sys::Function> = Vec::new();
        for (_, f) in self.listeners.borrow().iter() {
            listeners.push(f.clone());
        }
        for listener in listeners {
            let _ = listener.call1(&JsValue::NULL, &resources);
        }
        self.emit_to_rust();
    }

    /// Calls every Rust listener (the prebuilt UI) with the current snapshot.
    pub fn emit_to_rust(&self) {
        let mut rust: Vec<RustListener> = Vec::new();
        for (_, f) in self.rust_listeners.borrow().iter() {
            rust.push(f.clone());
        }
        if !rust.is_empty() {
            let snapshot = self.state.borrow().snapshot();
            for listener in rust {
                listener(&snapshot);
            }
        }
    }

    /// A fresh listener id.
    pub fn listener_id(&self) -> u32 {
        let id = self.next_listener.get();
        self.next_listener.set(id.wrapping_add(1));
        id
    }

    /// Goes to `url` through the `navigate` option, else `location.assign`.
    pub async fn navigate(&self, url: &str) {
        let navigate = self.options.borrow().navigate.clone();
        match navigate {
            Some(f) => {
                if let Ok(result) = f.call1(&JsValue::NULL, &JsValue::from_str(url)) {
                    if let Some(promise) = clerk_core::web::js::thenable(result) {
                        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                    }
                }
            }
            None => browser::navigate(url),
        }
    }

    /// Fetches the environment once into `self.environment` (left `None` while the server is
    /// unreachable). Returns nothing: callers read the field, so no clone lives in async code.
    pub async fn load_environment(&self) {
        if self.environment.borrow().is_some() {
            return;
        }
        if let Ok(env) = self.api.environment().await {
            *self.environment.borrow_mut() = Some(env);
            // The prebuilt UI shows the app's name and follows single-session mode: tell it.
            // JS listeners get resources (client, session, user), which did not change.
            self.emit_to_rust();
        }
    }
}
