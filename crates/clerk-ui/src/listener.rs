//! One DOM event listener as a value, gloo style (`gloo_events::EventListener`): [`new`] registers
//! a plain closure, dropping the [`EventListener`] unregisters it. The listener knows nothing of
//! who listens; the component wires its own closures (see `core::listen`).
//!
//! [`new`]: EventListener::new

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

/// An event listener that is removed when dropped.
#[must_use = "the listener is removed as soon as it is dropped"]
pub(crate) struct EventListener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(&Event)>,
}

impl EventListener {
    /// Calls `callback` whenever `kind` fires on `target` (bubble phase, not passive, so the
    /// callback may prevent the default). `None` when the target refuses the listener.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        callback: impl FnMut(&Event) + 'static,
    ) -> Option<EventListener> {
        let callback = Closure::<dyn FnMut(&Event)>::new(callback);
        target
            .add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref())
            .ok()?;
        Some(EventListener {
            target: target.clone(),
            kind,
            callback,
        })
    }
}

impl Drop for EventListener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}
