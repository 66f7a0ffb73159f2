//! The props of `mountUserButton(el, props)` and friends, decoded by serde-wasm-bindgen: the
//! `appearance` and `localization` options every component takes (turned into
//! [`clerk_ui::UiOptions`], with a JS `Error` carrying `code` on an unknown key or unsafe value)
//! and the URLs the actions go to ([`clerk_ui::host::Props`]).

use crate::args::{decode, Args, Str};
use crate::js_error::coded;
use clerk_ui::host::Props;
use clerk_ui::{SignInStart, Theme, UiError, UiOptions};
use wasm_bindgen::JsValue;

/// The props as the `.d.ts` names them (any component's; each reads what it uses), in the order
/// they are read; `appearance` is `{theme?, variables?}`.
const PROPS: &[&str] = &[
    "appearance",
    "localization",
    "afterSwitchSessionUrl",
    "signInUrl",
    "userProfileUrl",
    "afterSignInUrl",
    "afterSignUpUrl",
    "redirectUrl",
    "initialView",
];

/// Decodes the props of any component (anything but an object reads as `{}`).
pub(crate) fn read(js: &JsValue) -> Result<Args, JsValue> {
    decode(js, PROPS).map_err(|e| coded("invalid_param", &e.to_string()))
}

/// The action props of `p` (absent ones stay `None`).
pub(crate) fn read_props(p: &mut Args) -> Result<Props, JsValue> {
    let start = match p.take(Str::InitialView).as_deref() {
        None | Some("signIn") => SignInStart::SignIn,
        Some("signUp") => SignInStart::SignUp,
        Some("chooser") => SignInStart::Chooser,
        Some(_) => {
            return Err(coded(
                "invalid_param",
                "initialView must be \"signIn\", \"signUp\" or \"chooser\"",
            ))
        }
    };
    let redirect = p.take(Str::RedirectUrl);
    Ok(Props {
        after_switch_session_url: p.take(Str::AfterSwitchSessionUrl),
        sign_in_url: p.take(Str::SignInUrl),
        user_profile_url: p.take(Str::UserProfileUrl),
        after_sign_in_url: p.take(Str::AfterSignInUrl).or_else(|| redirect.clone()),
        after_sign_up_url: p.take(Str::AfterSignUpUrl).or(redirect),
        start,
    })
}

/// `appearance` and `localization` of `p` as [`UiOptions`].
pub(crate) fn ui_options(p: &mut Args) -> Result<UiOptions, JsValue> {
    let mut options = UiOptions::default();
    if let Some(theme) = p.take(Str::Theme) {
        options.appearance.theme = Theme::parse(&theme).map_err(|e| ui_error(&e))?;
    }
    for (name, value) in p.variables.take().unwrap_or_default().0 {
        options
            .appearance
            .set_variable(&name, &value)
            .map_err(|e| ui_error(&e))?;
    }
    for (key, value) in p.localization.take().unwrap_or_default().0 {
        options
            .localization
            .set(&key, value)
            .map_err(|e| ui_error(&e))?;
    }
    Ok(options)
}

/// A [`UiError`] as a JS `Error` with its stable code.
pub(crate) fn ui_error(err: &UiError) -> JsValue {
    coded(err.code(), &err.to_string())
}
