//! Browser tests of the SDK: wasm-bindgen-test in headless Chromium against a real clerk-server.
//!
//! Run them with `cargo xtask test browser`: it builds and starts clerk-server on 127.0.0.1
//! port 0 with a fresh SQLite database, `--dev` and `--config tests/fixtures/browser-server.toml`
//! (default settings plus one JWT template), and hands its URL to these tests at compile
//! time in `CLERK_TEST_SERVER_URL`. One file per topic; add new ones below.

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod args;
mod environment;

/// The clerk-server the tests talk to (no trailing slash). A build without
/// `CLERK_TEST_SERVER_URL` fails every test that needs it instead of passing silently.
pub(crate) fn server_url() -> &'static str {
    match option_env!("CLERK_TEST_SERVER_URL") {
        Some(url) if !url.is_empty() => url.trim_end_matches('/'),
        _ => panic!(
            "CLERK_TEST_SERVER_URL was not set when the tests were compiled: run the browser tests \
             with `cargo xtask test browser`, which starts clerk-server and passes its URL"
        ),
    }
}
mod sdk_account;
mod sdk_errors;
mod sdk_listeners;
mod sdk_story;
mod sdk_templates;
mod sdk_tokens;
mod sdk_util;
