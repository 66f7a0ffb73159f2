//! Cross-tab sync over a `BroadcastChannel`: after every change it makes, a tab posts the fresh
//! client (no secrets: see [`super::storage`]); other tabs apply it at once, without a request.
//! Messages are plain JSON-compatible objects `{client}`, where `client` may be `null`.

use super::js::{concat, get, set, Channel};
use super::{decode, encode};
use clerk_protocol::Client;
use wasm_bindgen::prelude::*;

/// One tab's end of the channel; closed when dropped.
pub struct SyncChannel {
    channel: Channel,
    _on_message: Closure<dyn FnMut(JsValue)>,
}

impl SyncChannel {
    /// Opens the channel for the Frontend API at `frontend_api` and calls `on_client` with every
    /// client another tab posts. `None` where BroadcastChannel is unavailable.
    pub fn open(
        frontend_api: &str,
        mut on_client: impl FnMut(Option<Client>) + 'static,
    ) -> Option<Self> {
        let channel = Channel::new_channel(&concat(&["clerk-wasm:", frontend_api])).ok()?;
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let data = get(&event, "data");
            if !data.is_object() {
                return;
            }
            let client = get(&data, "client");
            if client.is_null() {
                on_client(None);
            } else if let Ok(client) = decode::client(&client) {
                on_client(Some(client));
            }
        });
        set(&channel, "onmessage", on_message.as_ref());
        Some(Self {
            channel,
            _on_message: on_message,
        })
    }

    /// Tells the other tabs about `client`.
    pub fn post(&self, client: Option<&Client>) {
        let message: JsValue = js_sys::Object::new().into();
        let value = client.map(encode::client).unwrap_or(JsValue::NULL);
        set(&message, "client", &value);
        let _ = self.channel.post_message(&message);
    }
}

impl Drop for SyncChannel {
    fn drop(&mut self) {
        set(&self.channel, "onmessage", &JsValue::NULL);
        self.channel.close();
    }
}
