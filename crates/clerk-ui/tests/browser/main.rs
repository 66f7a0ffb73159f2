//! Browser tests of the components (wasm-bindgen-test in headless Chromium):
//! `cargo test -p clerk-ui --target wasm32-unknown-unknown` with chromedriver on PATH or
//! `CHROMEDRIVER=/usr/bin/chromedriver`.
#![cfg(target_arch = "wasm32")]

mod fixtures;
mod manage_accounts;
mod sign_in;
mod user_button;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
