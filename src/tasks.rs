//! Running futures: every promise the API returns and every background task goes through one
//! non-generic driver each, on boxed futures. A generic `future_to_promise`/`spawn_local` call
//! per site would stamp out its own copy of the driver code for each future type.

use js_sys::Promise;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::JsValue;

/// What an API promise settles with.
pub(crate) type JsResult = Result<JsValue, JsValue>;

/// A JS promise for `future`.
pub(crate) fn promise(future: impl Future<Output = JsResult> + 'static) -> Promise {
    drive(Box::pin(future))
}

/// A JS promise for an already boxed future (no second box).
#[inline(never)]
pub(crate) fn drive(future: Pin<Box<dyn Future<Output = JsResult>>>) -> Promise {
    wasm_bindgen_futures::future_to_promise(future)
}
