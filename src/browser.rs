//! The few browser APIs the root crate needs, bound directly (smaller than web-sys features):
//! navigation, `fetch` with a `Request`, focus, and the `__session` cookie.

use clerk_core::web::js::{concat, get, global, set};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = location, js_name = assign, catch)]
    fn location_assign(url: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(js_namespace = document, js_name = hasFocus, catch)]
    fn document_has_focus() -> Result<bool, JsValue>;

    #[wasm_bindgen(js_name = addEventListener, catch)]
    fn add_global_listener(kind: &str, listener: &js_sys::Function) -> Result<(), JsValue>;

    /// A fetch `Request`.
    #[wasm_bindgen(js_name = Request)]
    pub(crate) type FetchRequest;

    #[wasm_bindgen(constructor, js_class = "Request", catch)]
    pub(crate) fn new_request(input: &JsValue, init: &JsValue) -> Result<FetchRequest, JsValue>;

    /// The `Headers` of a request.
    pub(crate) type Headers;

    #[wasm_bindgen(method, getter)]
    pub(crate) fn headers(this: &FetchRequest) -> Headers;

    #[wasm_bindgen(method, catch, js_name = set)]
    pub(crate) fn set_header(this: &Headers, name: &str, value: &str) -> Result<(), JsValue>;
}

/// The page's origin, e.g. `http://127.0.0.1:8080`.
pub(crate) fn page_origin() -> Option<String> {
    get(&get(&global(), "location"), "origin").as_string()
}

/// Goes to `url` with `location.assign`.
pub(crate) fn navigate(url: &str) {
    let _ = location_assign(url);
}

/// Whether this tab has the focus (false outside documents).
pub(crate) fn has_focus() -> bool {
    document_has_focus().unwrap_or(false)
}

/// Calls `listener` on every `focus` of the window; the closure lives as long as the page.
pub(crate) fn on_focus(listener: Box<dyn FnMut()>) {
    let closure = Closure::<dyn FnMut()>::new(listener);
    let _ = add_global_listener("focus", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Sets (with `Some`) or deletes the `__session` cookie on the page's own domain, for
/// server-side rendering. Not HttpOnly by nature (JS writes it); it holds only a short-lived token.
pub(crate) fn set_session_cookie(token: Option<&str>) {
    let global = global();
    let document = get(&global, "document");
    if !document.is_object() {
        return;
    }
    let https = get(&get(&global, "location"), "protocol")
        .as_string()
        .as_deref()
        == Some("https:");
    let cookie = concat(&[
        "__session=",
        token.unwrap_or(""),
        "; path=/; SameSite=Lax; max-age=",
        if token.is_some() { "60" } else { "0" },
        if https { "; Secure" } else { "" },
    ]);
    set(&document, "cookie", &JsValue::from_str(&cookie));
}
