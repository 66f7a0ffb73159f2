//! Persistence in Web Storage:
//! - localStorage keeps the last known client, so a returning page renders its signed-in state
//!   before the network answers. A client holds no secret and no token (the client secret lives
//!   only in the HttpOnly cookie, tokens only in memory).
//! - sessionStorage keeps this tab's active session id, so a reload keeps the tab's account.
//!
//! Storage failures (private mode, quota, disabled storage) are ignored: persistence is a speed-up,
//! never a requirement.

use super::js::{concat, storage};
use super::{decode, encode, json};
use clerk_protocol::Client;

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
            client: concat(&["clerk-wasm:client:", frontend_api]),
            active: concat(&["clerk-wasm:active:", frontend_api]),
        }
    }

    /// The last known client, if one was saved and still parses.
    pub fn load_client(&self) -> Option<Client> {
        let text = storage(true)?.read(&self.client)?;
        decode::client(&json::parse(&text).ok()?).ok()
    }

    /// Saves (or, with `None`, forgets) the last known client.
    pub fn save_client(&self, client: Option<&Client>) {
        if let Some(storage) = storage(true) {
            let text = client.and_then(|c| json::stringify(&encode::client(c)));
            storage.write(&self.client, text.as_deref());
        }
    }

    /// This tab's active session id from before a reload.
    pub fn load_active(&self) -> Option<String> {
        storage(false)?
            .read(&self.active)
            .filter(|id| !id.is_empty())
    }

    /// Saves this tab's active session id.
    pub fn save_active(&self, id: Option<&str>) {
        if let Some(storage) = storage(false) {
            storage.write(&self.active, id);
        }
    }
}
