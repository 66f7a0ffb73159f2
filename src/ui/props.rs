//! The props of `mountUserButton(el, props)` and friends, read from a plain JS object: the
//! `appearance` and `localization` options every component takes (turned into
//! [`clerk_ui::UiOptions`], with a JS `Error` carrying `code` on an unknown key or unsafe value)
//! and the URLs the actions go to.

use crate::options::{get, get_string, set};
use clerk_ui::{SignInStart, Theme, UiError, UiOptions};
use wasm_bindgen::{JsCast, JsValue};

/// The URLs and start view a mounted component acts with. `None` falls back to the instance's
/// `display_config` (or stays on the page).
#[derive(Debug, Clone, Default)]
pub(crate) struct Props {
    /// Where switching accounts goes.
    pub after_switch_session_url: Option<String>,
    /// Where "Add account" goes.
    pub sign_in_url: Option<String>,
    /// Where "Manage account" goes.
    pub user_profile_url: Option<String>,
    /// Where a successful sign-in goes.
    pub after_sign_in_url: Option<String>,
    /// Where a successful sign-up goes.
    pub after_sign_up_url: Option<String>,
    /// The sign-in component's first view.
    pub start: SignInStart,
}

impl Props {
    /// Reads the action props of `js` (absent ones stay `None`).
    pub fn read(js: &JsValue) -> Result<Props, JsValue> {
        let redirect = get_string(js, "redirectUrl");
        let start = match get_string(js, "initialView").as_deref() {
            None | Some("signIn") => SignInStart::SignIn,
            Some("signUp") => SignInStart::SignUp,
            Some("chooser") => SignInStart::Chooser,
            Some(_) => {
                return Err(error(
                    "invalid_param",
                    "initialView must be \"signIn\", \"signUp\" or \"chooser\"",
                ))
            }
        };
        Ok(Props {
            after_switch_session_url: get_string(js, "afterSwitchSessionUrl"),
            sign_in_url: get_string(js, "signInUrl"),
            user_profile_url: get_string(js, "userProfileUrl"),
            after_sign_in_url: get_string(js, "afterSignInUrl").or_else(|| redirect.clone()),
            after_sign_up_url: get_string(js, "afterSignUpUrl").or(redirect),
            start,
        })
    }
}

/// `appearance` and `localization` as [`UiOptions`].
pub(crate) fn ui_options(js: &JsValue) -> Result<UiOptions, JsValue> {
    let mut options = UiOptions::default();
    let appearance = get(js, "appearance");
    if let Some(theme) = get_string(&appearance, "theme") {
        options.appearance.theme = Theme::parse(&theme).map_err(|e| ui_error(&e))?;
    }
    for (name, value) in entries(&get(&appearance, "variables")) {
        options
            .appearance
            .set_variable(&name, &value)
            .map_err(|e| ui_error(&e))?;
    }
    for (key, value) in entries(&get(js, "localization")) {
        options
            .localization
            .set(&key, value)
            .map_err(|e| ui_error(&e))?;
    }
    Ok(options)
}

/// The string-valued own properties of a plain object (others are skipped).
fn entries(obj: &JsValue) -> Vec<(String, String)> {
    if !obj.is_object() {
        return Vec::new();
    }
    let pairs = js_sys::Object::entries(obj.unchecked_ref());
    let mut out = Vec::new();
    for i in 0..pairs.length() {
        let pair = js_sys::Array::from(&pairs.get(i));
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            out.push((k, v));
        }
    }
    out
}

/// A JS `Error` with `code`, like the SDK's own errors.
pub(crate) fn error(code: &str, message: &str) -> JsValue {
    let err: JsValue = js_sys::Error::new(message).into();
    set(&err, "name", &JsValue::from_str("ClerkError"));
    set(&err, "code", &JsValue::from_str(code));
    err
}

/// A [`UiError`] as a JS `Error` with its stable code. The message is put together by hand:
/// `Display` would pull `core::fmt` into the wasm.
pub(crate) fn ui_error(err: &UiError) -> JsValue {
    let (what, detail) = match err {
        UiError::UnknownLocalizationKey(key) => ("unknown localization key: ", key),
        UiError::InvalidAppearance(detail) => ("invalid appearance option: ", detail),
        UiError::Mount(detail) => ("cannot mount on this element: ", detail),
    };
    let mut message = String::from(what);
    message.push_str(detail);
    error(err.code(), &message)
}
