//! Browser tests of the Rust SDK's typed API: wasm-bindgen-test in headless Chromium against a
//! real clerk-server, started by `cargo xtask test browser` (its URL reaches these tests at compile
//! time in `CLERK_TEST_SERVER_URL`). One module per topic.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod errors;
mod story;
mod tokens;
mod util;
mod wire;
