//! Cross-tab sync over a `BroadcastChannel`: after every change it makes, a tab posts the fresh
//! client (no secrets: see [`crate::storage`]); other tabs apply it at once, without a request.
//! Messages are plain objects `{client}` (clerk-protocol's `Client`, or `null`), read by
//! serde-wasm-bindgen; the client is posted as the JS value the commit encoded once for storage
//! and the channel alike ([`crate::store`]).

use crate::convert::from_js;
use clerk_protocol::Client;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent};

/// One tab's end of the channel; closed when dropped.
pub struct SyncChannel {
    channel: BroadcastChannel,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl std::fmt::Debug for SyncChannel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SyncChannel")
    }
}

impl SyncChannel {
    /// Opens the channel for the Frontend API at `frontend_api` and calls `on_client` with every
    /// client another tab posts. `None` where BroadcastChannel is unavailable.
    pub fn open(
        frontend_api: &str,
        mut on_client: impl FnMut(Option<Client>) + 'static,
    ) -> Option<Self> {
        let channel = BroadcastChannel::new(&["clerk-wasm:", frontend_api].concat()).ok()?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let client = js_sys::Reflect::get(&event.data(), &"client".into());
            if let Some(client) = client.ok().and_then(|c| from_js::<Option<Client>>(c).ok()) {
                on_client(client);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Self {
            channel,
            _on_message: on_message,
        })
    }

    /// Tells the other tabs about `client`: a `Client` encoded by [`crate::convert::to_js`], or
    /// `null`.
    pub fn post(&self, client: &JsValue) {
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"client".into(), client);
        let _ = self.channel.post_message(&message);
    }
}

impl Drop for SyncChannel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
