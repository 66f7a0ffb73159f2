//! Headless SDK logic of clerk-wasm.
#![deny(missing_docs)]
