//! The SDK's view of the client and of this tab's own active session, and how it changes.
//!
//! Each tab has its own active session (as in ClerkJS): on start it is the id the tab kept in
//! sessionStorage if that session is still live, else the client's `last_active_session_id`.
//! Afterwards a tab never silently switches account: if its session disappears (signed out here or
//! in another tab, revoked, 401) the tab has no active session until it picks one, except that a
//! brand-new sign-in (a session this tab has not seen before that the server marks last active) is
//! adopted by a tab that has none.

use crate::error::{ClerkError, Result};
use clerk_protocol::{Client, ErrorCode, Session};

/// How far the SDK got in talking to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `load()` has not finished yet.
    Loading,
    /// The state reflects the server.
    Ready,
    /// The server is unreachable or answers garbage: the state is the last known one.
    Degraded,
}

impl Status {
    /// The JS name: `"loading"`, `"ready"` or `"degraded"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Loading => "loading",
            Self::Ready => "ready",
            Self::Degraded => "degraded",
        }
    }
}

/// A plain copy of everything a UI renders from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The client, if the browser has one.
    pub client: Option<Client>,
    /// This tab's active session.
    pub session: Option<Session>,
    /// Whether `load()` has finished.
    pub loaded: bool,
    /// Connection status.
    pub status: Status,
}

/// Undoes an optimistic [`ClientState::set_active`] when the server refuses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollback {
    previous: Option<String>,
    applied: Option<String>,
}

/// The client and this tab's active session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientState {
    client: Option<Client>,
    active: Option<String>,
    resolved: bool,
    loaded: bool,
    status: Status,
    version: u64,
}

impl ClientState {
    /// A fresh state; `tab_active` is the id this tab kept in sessionStorage, if any.
    pub fn new(tab_active: Option<String>) -> Self {
        Self {
            client: None,
            active: tab_active,
            resolved: false,
            loaded: false,
            status: Status::Loading,
            version: 0,
        }
    }

    /// Applies a client from the server (or from the local cache or another tab). Returns whether
    /// anything visible changed.
    pub fn apply_client(&mut self, client: Option<Client>) -> bool {
        // The old client is taken, not cloned, and compared with the new one at the end.
        let old_client = self.client.take();
        let old_active = self.active.clone();
        let seen = |id: &str| {
            old_client
                .as_ref()
                .is_some_and(|c| c.sessions.iter().any(|s| s.id == id))
        };
        let live =
            |c: &Client, id: &str| c.sessions.iter().any(|s| s.id == id && s.status.is_live());
        self.active = match &client {
            None => None,
            Some(c) => {
                let last = c.last_active_session_id.clone().filter(|id| live(c, id));
                match self.active.take() {
                    Some(id) if live(c, &id) => Some(id),
                    _ if !self.resolved => last,
                    None => last.filter(|id| !seen(id)),
                    Some(_) => None,
                }
            }
        };
        self.resolved = client.is_some() || self.resolved;
        let changed = old_client != client || old_active != self.active;
        self.client = client;
        self.bump_if(changed)
    }

    /// Makes `id` this tab's active session (`None` signs the tab out locally) and returns how to
    /// undo it. Fails with `session_not_found` for a session not on the client.
    pub fn set_active(&mut self, id: Option<&str>) -> Result<Rollback> {
        if let Some(id) = id {
            if self.session(id).is_none() {
                return Err(ClerkError::api(
                    ErrorCode::SessionNotFound,
                    "No such session on this client.",
                ));
            }
        }
        let rollback = Rollback {
            previous: self.active.clone(),
            applied: id.map(str::to_owned),
        };
        self.resolved = true;
        let changed = self.active.as_deref() != id;
        self.active = id.map(str::to_owned);
        self.bump_if(changed);
        Ok(rollback)
    }

    /// Undoes `rollback` if nothing else changed the active session since; returns whether it did.
    pub fn rollback(&mut self, rollback: Rollback) -> bool {
        if self.active != rollback.applied {
            return false;
        }
        let previous = rollback.previous.filter(|id| self.session(id).is_some());
        let changed = previous != self.active;
        self.active = previous;
        self.bump_if(changed)
    }

    /// Drops a session the server no longer accepts (a 401); returns whether it was there.
    pub fn drop_session(&mut self, id: &str) -> bool {
        let Some(client) = self.client.as_mut() else {
            return false;
        };
        let before = client.sessions.len();
        client.sessions.retain(|s| s.id != id);
        let removed = client.sessions.len() != before;
        if client.last_active_session_id.as_deref() == Some(id) {
            client.last_active_session_id = None;
        }
        if self.active.as_deref() == Some(id) {
            self.active = None;
        }
        self.bump_if(removed)
    }

    /// Applies the last known client from local storage before the server answers: like
    /// [`Self::apply_client`], but the server's first answer still decides the active session.
    pub fn apply_cached(&mut self, client: Client) -> bool {
        let resolved = self.resolved;
        let changed = self.apply_client(Some(client));
        self.resolved = resolved;
        changed
    }

    /// Marks `load()` as finished with the given status; returns whether anything changed.
    pub fn set_loaded(&mut self, status: Status) -> bool {
        let changed = !self.loaded || self.status != status;
        self.loaded = true;
        self.status = status;
        self.bump_if(changed)
    }

    /// Sets the connection status only.
    pub fn set_status(&mut self, status: Status) -> bool {
        let changed = self.status != status;
        self.status = status;
        self.bump_if(changed)
    }

    fn bump_if(&mut self, changed: bool) -> bool {
        if changed {
            self.version += 1;
        }
        changed
    }

    /// The client, if any.
    pub fn client(&self) -> Option<&Client> {
        self.client.as_ref()
    }

    /// The sessions of the client (empty without one).
    pub fn sessions(&self) -> &[Session] {
        self.client
            .as_ref()
            .map(|c| c.sessions.as_slice())
            .unwrap_or(&[])
    }

    /// One session of the client by id.
    pub fn session(&self, id: &str) -> Option<&Session> {
        self.sessions().iter().find(|s| s.id == id)
    }

    /// This tab's active session id.
    pub fn active_id(&self) -> Option<&str> {
        self.active.as_deref()
    }

    /// This tab's active session.
    pub fn active_session(&self) -> Option<&Session> {
        self.active.as_deref().and_then(|id| self.session(id))
    }

    /// Whether `load()` has finished.
    pub fn loaded(&self) -> bool {
        self.loaded
    }

    /// The connection status.
    pub fn status(&self) -> Status {
        self.status
    }

    /// A counter that grows on every visible change (cheap change detection for UIs).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// A plain copy for renderers.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            client: self.client.clone(),
            session: self.active_session().cloned(),
            loaded: self.loaded,
            status: self.status,
        }
    }
}
