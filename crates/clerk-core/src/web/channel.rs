//! Cross-tab sync over a `BroadcastChannel`: after every change it makes, a tab posts the fresh
//! client (no secrets: see [`super::storage`]); other tabs apply it at once, without a request.
//! Messages are plain JSON-compatible objects `{client}`, where `client` may be `null`.

use super::{decode, encode};
use clerk_protocol::Client;
use wasm_bindgen::prelude::*;
use web_sys::{BroadcastChannel, MessageEvent};

/// One tab's end of the channel; closed when dropped.
pub struct SyncChannel {
    channel: BroadcastChannel,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl SyncChannel {
    /// Opens the channel for the Frontend API at `frontend_api` and calls `on_client` with every
    /// client another tab posts. `None` where BroadcastChannel is unavailable.
    pub fn open(
        frontend_api: &str,
        mut on_client: impl FnMut(Option<Client>) + 'static,
    ) -> Option<Self> {
        let channel = BroadcastChannel::new(&format!("clerk-wasm:{frontend_api}")).ok()?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let client = js_sys::Reflect::get(&event.data(), &JsValue::from_str("client")).ok();
            match client {
                Some(v) if v.is_null() => on_client(None),
                Some(v) => {
                    if let Ok(client) = decode::client(&v) {
                        on_client(Some(client));
                    }
                }
                None => {}
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Self {
            channel,
            _on_message: on_message,
        })
    }

    /// Tells the other tabs about `client`.
    pub fn post(&self, client: Option<&Client>) {
        let message = js_sys::Object::new();
        let value = client.map(encode::client).unwrap_or(JsValue::NULL);
        if js_sys::Reflect::set(&message, &JsValue::from_str("client"), &value).is_ok() {
            let _ = self.channel.post_message(&message);
        }
    }
}

impl Drop for SyncChannel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
