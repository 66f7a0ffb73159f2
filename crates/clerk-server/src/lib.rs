//! The reference Frontend API server of clerk-wasm.
#![deny(missing_docs)]
