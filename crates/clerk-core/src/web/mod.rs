//! Browser-only parts of the SDK (compiled for `wasm32` only): the Frontend API client
//! ([`api`]), persistence of the last known client and of the tab's active session ([`storage`]),
//! cross-tab sync ([`channel`]), timers ([`timer`]) and JSON through the browser's own parser
//! ([`json`]) with hand-written readers and writers ([`decode`], [`encode`]), so the wasm carries
//! no JSON or serde-wasm-bindgen machinery; all over a few direct browser bindings ([`js`]).

pub mod api;
pub mod channel;
pub mod decode;
pub mod encode;
pub mod js;
pub mod json;
pub mod storage;
pub mod timer;

pub use api::FrontendApi;
pub use channel::SyncChannel;
