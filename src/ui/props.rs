//! The props of `mountUserButton(el, props)` and friends, decoded by serde-wasm-bindgen: the
//! `appearance` and `localization` options every component takes (turned into
//! [`clerk_ui::UiOptions`], with a JS `Error` carrying `code` on an unknown key or unsafe value)
//! and the URLs the actions go to ([`clerk_ui::host::Props`]).

use crate::options::set;
use clerk_ui::host::Props;
use clerk_ui::{SignInStart, Theme, UiError, UiOptions};
use serde::Deserialize;
use wasm_bindgen::JsValue;

/// The props as the `.d.ts` names them (any component's; each reads what it uses).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsProps {
    appearance: Option<JsAppearance>,
    localization: Option<Pairs>,
    after_switch_session_url: Option<String>,
    sign_in_url: Option<String>,
    user_profile_url: Option<String>,
    after_sign_in_url: Option<String>,
    after_sign_up_url: Option<String>,
    redirect_url: Option<String>,
    initial_view: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct JsAppearance {
    theme: Option<String>,
    variables: Option<Pairs>,
}

/// The string-valued entries of a plain object, in order (other values are skipped). A list,
/// not a `BTreeMap`: a handful of entries, and the map's code cost the wasm ~4 KB.
#[derive(Debug, Default)]
struct Pairs(Vec<(String, String)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Pairs, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if let StringOrNot(Some(value)) = map.next_value()? {
                        out.push((key, value));
                    }
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(Entries)
    }
}

/// A string, or `None` for any other value.
struct StringOrNot(Option<String>);

impl<'de> Deserialize<'de> for StringOrNot {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Any;
        impl<'de> serde::de::Visitor<'de> for Any {
            type Value = StringOrNot;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E>(self, v: &str) -> Result<StringOrNot, E> {
                Ok(StringOrNot(Some(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<StringOrNot, E> {
                Ok(StringOrNot(Some(v)))
            }
            fn visit_bool<E>(self, _: bool) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_unit<E>(self) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_none<E>(self) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<StringOrNot, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(StringOrNot(None))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<StringOrNot, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(StringOrNot(None))
            }
        }
        d.deserialize_any(Any)
    }
}

fn decode(js: &JsValue) -> Result<JsProps, JsValue> {
    if !js.is_object() {
        return Ok(JsProps::default());
    }
    serde_wasm_bindgen::from_value(js.clone()).map_err(|e| error("invalid_param", &e.to_string()))
}

/// The action props of `js` (absent ones stay `None`).
pub(crate) fn read_props(js: &JsValue) -> Result<Props, JsValue> {
    let p = decode(js)?;
    let start = match p.initial_view.as_deref() {
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
        after_switch_session_url: p.after_switch_session_url,
        sign_in_url: p.sign_in_url,
        user_profile_url: p.user_profile_url,
        after_sign_in_url: p.after_sign_in_url.or_else(|| p.redirect_url.clone()),
        after_sign_up_url: p.after_sign_up_url.or(p.redirect_url),
        start,
    })
}

/// `appearance` and `localization` as [`UiOptions`].
pub(crate) fn ui_options(js: &JsValue) -> Result<UiOptions, JsValue> {
    let p = decode(js)?;
    let mut options = UiOptions::default();
    let appearance = p.appearance.unwrap_or_default();
    if let Some(theme) = appearance.theme {
        options.appearance.theme = Theme::parse(&theme).map_err(|e| ui_error(&e))?;
    }
    for (name, value) in appearance.variables.unwrap_or_default().0 {
        options
            .appearance
            .set_variable(&name, &value)
            .map_err(|e| ui_error(&e))?;
    }
    for (key, value) in p.localization.unwrap_or_default().0 {
        options
            .localization
            .set(&key, value)
            .map_err(|e| ui_error(&e))?;
    }
    Ok(options)
}

/// A JS `Error` with `code`, like the SDK's own errors.
pub(crate) fn error(code: &str, message: &str) -> JsValue {
    let err: JsValue = js_sys::Error::new(message).into();
    set(&err, "name", &JsValue::from_str("ClerkError"));
    set(&err, "code", &JsValue::from_str(code));
    err
}

/// A [`UiError`] as a JS `Error` with its stable code.
pub(crate) fn ui_error(err: &UiError) -> JsValue {
    error(err.code(), &err.to_string())
}
