//! Options of `new Clerk(url, options)` and `clerk.load(options)`, read from plain JS objects.

pub(crate) use clerk_core::web::js::{get, set};
use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};

/// Reads a string property.
pub(crate) fn get_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

/// Reads a boolean property (false when absent).
pub(crate) fn get_bool(obj: &JsValue, key: &str) -> bool {
    get(obj, key).as_bool().unwrap_or(false)
}

/// Reads a function property.
pub(crate) fn get_function(obj: &JsValue, key: &str) -> Option<Function> {
    get(obj, key).dyn_into::<Function>().ok()
}

/// SDK options; later calls override what they name and keep the rest.
#[derive(Debug, Clone, Default)]
pub(crate) struct Options {
    /// Where `signOut()` of every account goes (no navigation when unset).
    pub after_sign_out_url: Option<String>,
    /// Where signing out of the active account goes while others remain.
    pub after_multi_session_single_sign_out_url: Option<String>,
    /// The sign-in page (its `/choose` route is the account chooser).
    pub sign_in_url: Option<String>,
    /// Called with a URL instead of `location.assign` (for routers and tests).
    pub navigate: Option<Function>,
}

impl Options {
    /// Merges the properties `js` names (out of line: the constructor and `load` share it).
    #[inline(never)]
    pub fn merge(&mut self, js: &JsValue) {
        let pick = |key: &str, slot: &mut Option<String>| {
            if let Some(v) = get_string(js, key) {
                *slot = Some(v);
            }
        };
        pick("afterSignOutUrl", &mut self.after_sign_out_url);
        pick(
            "afterMultiSessionSingleSignOutUrl",
            &mut self.after_multi_session_single_sign_out_url,
        );
        pick("signInUrl", &mut self.sign_in_url);
        if let Some(f) = get_function(js, "navigate").or_else(|| get_function(js, "routerPush")) {
            self.navigate = Some(f);
        }
    }
}
