//! clerk-wasm: the JS-facing API of the SDK (built by wasm-pack into `pkg/`).
#![deny(missing_docs)]

#[cfg(test)]
mod browser_tests;
