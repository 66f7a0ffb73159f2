//! The few browser APIs the root crate needs, bound directly (smaller than web-sys features):
//! navigation, `fetch` with a `Request`, focus, and the `__session` cookie.

use js_sys::Reflect;
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

    #[wasm_bindgen(method, getter)]
    pub(crate) fn headers(this: &FetchRequest) -> web_sys::Headers;

    #[wasm_bindgen(js_name = fetch)]
    pub(crate) fn fetch_request(request: &FetchRequest) -> js_sys::Promise;
}

fn global_get(path: &[&str]) -> JsValue {
    path.iter()
        .fold(js_sys::global().into(), |obj: JsValue, key| {
            if obj.is_object() {
                Reflect::get(&obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
            } else {
                JsValue::UNDEFINED
            }
        })
}

/// The page's origin, e.g. `http://127.0.0.1:8080`.
pub(crate) fn page_origin() -> Option<String> {
    global_get(&["location", "origin"]).as_string()
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
    let document = global_get(&["document"]);
    if !document.is_object() {
        return;
    }
    let secure = if global_get(&["location", "protocol"]).as_string().as_deref() == Some("https:") {
        "; Secure"
    } else {
        ""
    };
    let cookie = match token {
        Some(jwt) => format!("__session={jwt}; path=/; SameSite=Lax; max-age=60{secure}"),
        None => format!("__session=; path=/; SameSite=Lax; max-age=0{secure}"),
    };
    let _ = Reflect::set(
        &document,
        &JsValue::from_str("cookie"),
        &JsValue::from_str(&cookie),
    );
}
