//! Persistence through gloo-storage:
//! - localStorage keeps the last known client, so a returning page renders its signed-in state
//!   before the network answers. A client holds no secret and no token (the client secret lives
//!   only in the HttpOnly cookie, tokens only in memory).
//! - sessionStorage keeps this tab's active session id, so a reload keeps the tab's account.
//!
//! The client is kept as the JSON text of its serde-wasm-bindgen value (`JSON.stringify`), so a
//! stored client decodes through the same serde path as a server answer. Values are read and
//! written as text through gloo-storage's `raw()` area: its typed `get`/`set` run every value
//! through serde_json, a second JSON codec in the wasm beside the browser's own `JSON` (measured:
//! 9.6 KB gzip, see BENCHMARKS.md) for values that are text already.
//!
//! Storage failures (private mode, quota, storage disabled or absent, a value that no longer
//! parses) are ignored: persistence is a speed-up, never a requirement.

use crate::convert::from_js;
use clerk_protocol::Client;
use gloo_storage::{LocalStorage, SessionStorage, Storage};
use wasm_bindgen::JsValue;

/// Whether the page may use its local (`true`) or session storage: gloo-storage panics where the
/// area is missing or access throws (sandboxed frames, some private modes), so look first.
fn available(local: bool) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let area = if local {
        window.local_storage()
    } else {
        window.session_storage()
    };
    matches!(area, Ok(Some(_)))
}

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
            client: ["clerk-wasm:client:", frontend_api].concat(),
            active: ["clerk-wasm:active:", frontend_api].concat(),
        }
    }

    /// The last known client, if one was saved and still parses.
    pub fn load_client(&self) -> Option<Client> {
        if !available(true) {
            return None;
        }
        let text = LocalStorage::raw().get_item(&self.client).ok()??;
        let value = js_sys::JSON::parse(&text).ok()?;
        from_js::<Option<Client>>(value).ok().flatten()
    }

    /// Saves the last known client: a `Client` encoded by [`crate::convert::to_js`] (`null`
    /// forgets it).
    pub fn save_client(&self, client: &JsValue) {
        if !available(true) {
            return;
        }
        let text = match client.is_null() {
            true => None,
            false => js_sys::JSON::stringify(client).ok(),
        };
        match text.and_then(|t| t.as_string()) {
            Some(text) => {
                let _ = LocalStorage::raw().set_item(&self.client, &text);
            }
            None => LocalStorage::delete(&self.client),
        }
    }

    /// This tab's active session id from before a reload.
    pub fn load_active(&self) -> Option<String> {
        available(false)
            .then(|| SessionStorage::raw().get_item(&self.active).ok().flatten())
            .flatten()
            .filter(|id| !id.is_empty())
    }

    /// Saves this tab's active session id (or forgets it).
    pub fn save_active(&self, id: Option<&str>) {
        if !available(false) {
            return;
        }
        match id {
            Some(id) => {
                let _ = SessionStorage::raw().set_item(&self.active, id);
            }
            None => SessionStorage::delete(&self.active),
        }
    }
}
