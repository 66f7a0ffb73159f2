//! Persistence over gloo-storage (through its raw `Storage` handles, so no JSON library is linked):
//! - localStorage keeps the last known client, so a returning page renders its signed-in state
//!   before the network answers. A client holds no secret and no token (the client secret lives
//!   only in the HttpOnly cookie, tokens only in memory).
//! - sessionStorage keeps this tab's active session id, so a reload keeps the tab's account.
//!
//! Storage failures (private mode, quota, disabled storage) are ignored: persistence is a speed-up,
//! never a requirement.

use super::{decode, encode, json};
use clerk_protocol::Client;
use gloo_storage::{LocalStorage, SessionStorage, Storage};

/// Storage keys for one Frontend API (several instances on one origin do not mix).
#[derive(Debug, Clone)]
pub struct Keys {
    client: String,
    active: String,
}

impl Keys {
    /// Keys for the Frontend API at `frontend_api`.
    pub fn new(frontend_api: &str) -> Self {
        Self {
            client: format!("clerk-wasm:client:{frontend_api}"),
            active: format!("clerk-wasm:active:{frontend_api}"),
        }
    }

    /// The last known client, if one was saved and still parses.
    pub fn load_client(&self) -> Option<Client> {
        let text = LocalStorage::raw().get_item(&self.client).ok()??;
        decode::client(&json::parse(&text).ok()?).ok()
    }

    /// Saves (or, with `None`, forgets) the last known client.
    pub fn save_client(&self, client: Option<&Client>) {
        let storage = LocalStorage::raw();
        match client.and_then(|c| json::stringify(&encode::client(c))) {
            Some(text) => drop(storage.set_item(&self.client, &text)),
            None => drop(storage.remove_item(&self.client)),
        }
    }

    /// This tab's active session id from before a reload.
    pub fn load_active(&self) -> Option<String> {
        SessionStorage::raw()
            .get_item(&self.active)
            .ok()?
            .filter(|id| !id.is_empty())
    }

    /// Saves this tab's active session id.
    pub fn save_active(&self, id: Option<&str>) {
        let storage = SessionStorage::raw();
        match id {
            Some(id) => drop(storage.set_item(&self.active, id)),
            None => drop(storage.remove_item(&self.active)),
        }
    }
}
