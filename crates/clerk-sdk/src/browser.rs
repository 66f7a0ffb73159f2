//! The page around the SDK, through web-sys: its origin, navigation, whether the tab has the
//! focus (and a listener for when it gets it), and the `__session` cookie.

use gloo_events::EventListener;

/// The page's origin, e.g. `http://127.0.0.1:8080` (`None` outside a page).
pub fn page_origin() -> Option<String> {
    web_sys::window()?.location().origin().ok()
}

/// Goes to `url` with `location.assign`.
pub fn navigate(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(url);
    }
}

/// Whether this tab has the focus (false outside documents).
pub fn has_focus() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.has_focus().ok())
        .unwrap_or(false)
}

/// Calls `listener` on every `focus` of the window while the returned guard lives.
#[must_use = "the listener is removed when the guard is dropped"]
pub fn on_focus(listener: impl FnMut(&web_sys::Event) + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "focus", listener))
}

/// Sets (with `Some`) or deletes the `__session` cookie on the page's own domain, for
/// server-side rendering. Not HttpOnly by nature (JS writes it); it holds only a short-lived
/// token, and only the focused tab's.
pub fn set_session_cookie(token: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let https = window.location().protocol().ok().as_deref() == Some("https:");
    let Some(document) = window.document() else {
        return;
    };
    let cookie = [
        "__session=",
        token.unwrap_or(""),
        "; path=/; SameSite=Lax; max-age=",
        if token.is_some() { "60" } else { "0" },
        if https { "; Secure" } else { "" },
    ]
    .concat();
    use wasm_bindgen::JsCast;
    if let Ok(html) = document.dyn_into::<web_sys::HtmlDocument>() {
        let _ = html.set_cookie(&cookie);
    }
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
