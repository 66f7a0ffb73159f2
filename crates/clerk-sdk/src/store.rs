//! The one owner of the SDK's state: the client and this tab's active session
//! ([`ClientState`] of the headless core), with private fields and one commit path.
//!
//! Every change goes through [`Store::commit`]: it runs the change on the state and, when
//! something visible changed, reacts in exactly one place: it persists the client and the tab's
//! active session (once loaded), posts the client to the other tabs (when the client changed
//! here, see [`Origin`]), and calls every listener with a fresh [`Snapshot`] (once loaded). Other
//! concerns subscribe instead of being called: the `__session` cookie, the JS objects of the JS
//! binding, the prebuilt UI. No `RefCell` borrow is held while a listener runs.

use crate::channel::SyncChannel;
use crate::storage::Keys;
use clerk_core::{ClientState, Snapshot};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A subscriber to every change.
pub type Listener = Rc<dyn Fn(&Snapshot)>;

/// Whether the other tabs hear of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The client changed here (a request's answer): the other tabs are told.
    Here,
    /// The change concerns this tab only (its active session, the status) or came from another
    /// tab's message: not posted.
    TabOnly,
}

/// The state and who hears of its changes.
pub struct Store {
    state: RefCell<ClientState>,
    keys: Keys,
    channel: RefCell<Option<SyncChannel>>,
    listeners: RefCell<Vec<(u64, Listener)>>,
    next_id: Cell<u64>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("state", &self.state.borrow())
            .finish()
    }
}

impl Store {
    /// A store persisting under `keys`, starting from the tab's saved active session.
    pub fn new(keys: Keys) -> Self {
        Self {
            state: RefCell::new(ClientState::new(keys.load_active())),
            keys,
            channel: RefCell::new(None),
            listeners: RefCell::new(Vec::new()),
            next_id: Cell::new(1),
        }
    }

    /// Reads the state.
    pub fn read<R>(&self, f: impl FnOnce(&ClientState) -> R) -> R {
        f(&self.state.borrow())
    }

    /// A plain copy of the state.
    pub fn snapshot(&self) -> Snapshot {
        self.state.borrow().snapshot()
    }

    /// The last client saved by any tab, for an instant start.
    pub fn saved_client(&self) -> Option<clerk_protocol::Client> {
        self.keys.load_client()
    }

    /// Starts posting changes to the other tabs on `channel`.
    pub fn set_channel(&self, channel: Option<SyncChannel>) {
        *self.channel.borrow_mut() = channel;
    }

    /// The commit path: runs `change` on the state; if it reports a visible change, persists,
    /// tells the other tabs (for changes made [`Origin::Here`]) and calls the listeners. Returns
    /// whether anything changed.
    pub fn commit(&self, origin: Origin, change: impl FnOnce(&mut ClientState) -> bool) -> bool {
        let changed = change(&mut self.state.borrow_mut());
        if changed {
            self.react(origin);
        }
        changed
    }

    fn react(&self, origin: Origin) {
        {
            let channel = self.channel.borrow();
            let post = channel.as_ref().filter(|_| origin == Origin::Here);
            let state = self.state.borrow();
            if state.loaded() || post.is_some() {
                // Encoded once for storage and the other tabs alike.
                let value = crate::convert::to_js(&state.client());
                if state.loaded() {
                    self.keys.save_client(&value);
                    self.keys.save_active(state.active_id());
                }
                if let Some(channel) = post {
                    channel.post(&value);
                }
            }
        }
        if self.state.borrow().loaded() {
            self.notify();
        }
    }

    /// Calls every listener with the current snapshot (also for news outside the state, such
    /// as the environment arriving).
    pub fn notify(&self) {
        // Copies first: a listener may add or remove listeners.
        let listeners: Vec<Listener> = self
            .listeners
            .borrow()
            .iter()
            .map(|(_, l)| Rc::clone(l))
            .collect();
        if listeners.is_empty() {
            return;
        }
        let snapshot = self.snapshot();
        for listener in listeners {
            listener(&snapshot);
        }
    }

    /// Adds a listener; returns its id for [`Store::unsubscribe`].
    pub fn subscribe(&self, listener: Listener) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        self.listeners.borrow_mut().push((id, listener));
        id
    }

    /// Removes a listener.
    pub fn unsubscribe(&self, id: u64) {
        self.listeners.borrow_mut().retain(|(i, _)| *i != id);
    }
}
