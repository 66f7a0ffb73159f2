//! The parts of one [`crate::Clerk`], shared by its handles: the state's owner ([`Store`]), the
//! tokens ([`Tokens`]), the connection ([`Connection`]) and the options. The helpers here only
//! combine parts (applying a client also forgets the tokens of sessions that are gone); the
//! flows (load, sign-in, switching, tokens, recovery) live in their own modules above this one.

use crate::connection::Connection;
use crate::options::ClerkOptions;
use crate::store::{Origin, Store};
use crate::tokens::Tokens;
use clerk_core::Status;
use clerk_protocol::Client;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Weak;

/// Shared state of one Clerk.
pub(crate) struct Inner {
    pub store: Store,
    pub tokens: Tokens,
    pub conn: Connection,
    pub options: RefCell<ClerkOptions>,
    /// `load()`'s one run (`tasks::started`), awaited by every caller.
    pub load: RefCell<Option<js_sys::Promise>>,
    /// Registrations that live as long as the SDK (the focus listener, the cookie's
    /// subscription): dropped with it.
    pub guards: RefCell<Vec<Box<dyn Any>>>,
    pub me: Weak<Inner>,
}

impl Inner {
    /// A weak handle, for callbacks and background tasks.
    pub fn weak(&self) -> Weak<Inner> {
        self.me.clone()
    }

    /// Forgets the tokens of the sessions `client` no longer holds.
    fn forget_gone_tokens(&self, client: Option<&Client>) {
        // A plain loop with no list of ids: the token cache is its own `RefCell`, so it can
        // change while the state is read.
        self.store.read(|state| {
            for s in state.sessions() {
                if !client.is_some_and(|c| c.sessions.iter().any(|x| x.id == s.id)) {
                    self.tokens.drop_session(&s.id);
                }
            }
        });
    }

    /// Applies a client the server just sent (the SDK is back to `ready` if it was degraded).
    pub fn apply_server_client(&self, client: Option<Client>) {
        self.forget_gone_tokens(client.as_ref());
        self.store.commit(Origin::Here, |state| {
            let changed = state.apply_client(client);
            state.set_status(Status::Ready) | changed
        });
    }

    /// Applies a client from a sign-in or sign-up and makes `activate` this tab's session, in
    /// one commit.
    pub fn apply_and_activate(&self, client: Option<Client>, activate: Option<&str>) {
        self.forget_gone_tokens(client.as_ref());
        self.store.commit(Origin::Here, |state| {
            let mut changed = state.apply_client(client);
            changed |= state.set_status(Status::Ready);
            if let Some(id) = activate {
                changed |= state.set_active(Some(id)).is_ok();
            }
            changed
        });
    }

    /// Applies a client another tab posted (no request, not posted back).
    pub fn apply_tab_client(&self, client: Option<Client>) {
        self.forget_gone_tokens(client.as_ref());
        self.store
            .commit(Origin::TabOnly, |state| state.apply_client(client));
    }

    /// Goes to `url` through the `navigate` option, else `location.assign`.
    pub async fn navigate(&self, url: &str) {
        let navigate = self.options.borrow().navigate.clone();
        match navigate {
            Some(f) => f(url.to_owned()).await,
            None => crate::browser::navigate(url),
        }
    }
}
