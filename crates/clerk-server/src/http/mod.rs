//! The HTTP edge: body parsing, cookies, request context, origin checks and CORS, Bearer tokens,
//! security headers.
//! Custom extractors make sure axum's own plain-text rejections never reach a client.

pub mod address;
pub mod auth;
pub mod body;
pub mod context;
pub mod cookie;
pub mod cors;
pub mod json;
pub mod security_headers;
