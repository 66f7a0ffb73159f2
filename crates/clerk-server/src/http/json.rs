//! A JSON response that never fails loudly: serialization errors become a logged 500.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Serializes `T` as an `application/json` response.
pub struct Json<T>(pub T);

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(bytes) => json_bytes(bytes),
            Err(e) => {
                crate::log::error(&format!("serializing a response: {e}"));
                (StatusCode::INTERNAL_SERVER_ERROR, "{\"errors\":[{\"code\":\"internal_error\",\"message\":\"Something went wrong.\",\"long_message\":\"\",\"meta\":{}}]}").into_response()
            }
        }
    }
}

/// Header slots reserved in every JSON answer: content type and length, cache control, vary,
/// CORS, security headers, `Set-Cookie`, with room to spare, so that the middlewares' inserts
/// never grow (and rehash) the map: that cost a few thousand instructions per request.
const HEADER_SLOTS: usize = 16;

/// Already-serialized JSON as a response.
pub fn json_bytes(bytes: Vec<u8>) -> Response {
    let mut response = bytes.into_response();
    response.headers_mut().reserve(HEADER_SLOTS);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
