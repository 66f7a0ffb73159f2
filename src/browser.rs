//! `clerk.fetch(input, init)`: `fetch` with this tab's own session token in
//! `Authorization: Bearer`, through web-sys's `Request` and gloo-net.

use wasm_bindgen::{JsCast, JsValue};

/// A `Request` for `input` (a `Request`, a URL string or a `URL`) and `init`, with the token.
pub(crate) fn request_with_token(
    input: &JsValue,
    init: &JsValue,
    token: Option<&str>,
) -> Result<web_sys::Request, JsValue> {
    let init: web_sys::RequestInit = if init.is_object() {
        init.clone().unchecked_into()
    } else {
        web_sys::RequestInit::new()
    };
    let request = match input.dyn_ref::<web_sys::Request>() {
        Some(request) => web_sys::Request::new_with_request_and_init(request, &init)?,
        None => {
            // A URL string, or anything else as `String(input)` would spell it (a `URL`).
            let url = input.as_string().unwrap_or_else(|| {
                String::from(input.unchecked_ref::<js_sys::Object>().to_string())
            });
            web_sys::Request::new_with_str_and_init(&url, &init)?
        }
    };
    if let Some(jwt) = token {
        request
            .headers()
            .set("Authorization", &["Bearer ", jwt].concat())?;
    }
    Ok(request)
}
