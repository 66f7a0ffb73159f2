//! Background tasks on the page's event loop (`wasm_bindgen_futures::spawn_local`, one boxed,
//! non-generic driver for every task).

use std::future::Future;
use std::pin::Pin;

/// Runs `future` in the background.
pub fn spawn(future: impl Future<Output = ()> + 'static) {
    run(Box::pin(future))
}

#[inline(never)]
fn run(future: Pin<Box<dyn Future<Output = ()>>>) {
    wasm_bindgen_futures::spawn_local(future)
}
