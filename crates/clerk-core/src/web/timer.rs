//! `sleep(ms)`: a future over the global `setTimeout`, for retries and background refresh.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &JsValue, ms: i32) -> JsValue;
}

/// Resolves after `ms` milliseconds. (`Promise::new_typed`, the constructor binding
/// wasm-bindgen-futures already imports: `Promise::new` would add a second copy of its glue.)
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new_typed::<JsValue>(&mut |resolve, _reject| {
        set_timeout(&resolve, ms.min(i32::MAX as u32) as i32);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
