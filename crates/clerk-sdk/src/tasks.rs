//! Background tasks on the page's event loop (`wasm_bindgen_futures::spawn_local`, one boxed,
//! non-generic driver for every task), [`Flow`], the boxed future every public entry point and
//! every flow awaited from several places goes through, and [`started`], a run begun once whose
//! end every caller awaits.
//!
//! Size: an `async fn` awaited directly is inlined into its caller's state machine, so a flow
//! awaited from the Rust API, the JS binding and the prebuilt UI was compiled three times
//! (measured with twiggy: `sign_out`'s 3.2 KB twice, `send_raw`'s 2 KB three times). Awaited
//! through a `Box<dyn Future>`, its body is compiled once.

use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::JsValue;

/// What the asynchronous methods of [`crate::Clerk`] return: a boxed future, so each flow is
/// compiled once however many callers await it.
pub type Flow<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Runs `future` in the background.
pub fn spawn(future: impl Future<Output = ()> + 'static) {
    run(Box::pin(future))
}

#[inline(never)]
fn run(future: Pin<Box<dyn Future<Output = ()>>>) {
    wasm_bindgen_futures::spawn_local(future)
}

/// Starts `future` at once as a JS promise that settles when it ends; every caller awaits a
/// clone of the promise ([`finished`]).
///
/// Size: this replaces `futures_util`'s `Shared` (its poll, waker slab and output cloning,
/// about 3 KB in the wasm for the load and the token requests); the promise driver is the one
/// the JS binding's promises use already (same boxed future type, so one copy of it).
#[inline(never)]
pub fn started(future: Pin<Box<dyn Future<Output = ()>>>) -> js_sys::Promise {
    let future: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(async move {
        future.await;
        Ok(JsValue::UNDEFINED)
    });
    wasm_bindgen_futures::future_to_promise(future)
}

/// Waits for a run of [`started`] to end.
pub async fn finished(run: js_sys::Promise) {
    // The promise never rejects: `started` resolves it with `undefined`.
    let _ = wasm_bindgen_futures::JsFuture::from(run).await;
}
