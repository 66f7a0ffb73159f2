//! The plain objects the JS API takes as arguments (the params of the sign-in and sign-up calls,
//! `getToken`'s options, the data of `ClerkOptions`, the UI components' props), decoded by
//! serde-wasm-bindgen through one `Deserialize` visitor for all of them.
//!
//! Each caller names the properties it reads, in order ([`PARAMS`], [`TOKEN_OPTIONS`],
//! [`CLERK_OPTIONS`], the UI's lists). serde-wasm-bindgen reads a struct as exactly its list of
//! fields (`obj[field]` for each, in order), so decoding a list here reads the same properties
//! in the same order as the `#[derive(Deserialize)]` struct with those fields did, and fails
//! with the same message on the same value.
//!
//! Why not one derived struct per call: each derive is its own field matcher, `visit_map` and
//! serde-wasm-bindgen `MapAccess` copy (1 to 4 KB of wasm each before wasm-opt, for five
//! structs); this visitor is the one copy, and the fields of every call land in one [`Args`].

#[cfg(feature = "ui")]
use serde::de::DeserializeSeed;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;
use wasm_bindgen::JsValue;

/// A string-valued property of an argument object, as [`Args::take`] names it.
#[derive(Clone, Copy)]
pub(crate) enum Str {
    Strategy,
    Identifier,
    Password,
    Code,
    EmailAddress,
    FirstName,
    LastName,
    Template,
    AfterSignOutUrl,
    AfterMultiSessionSingleSignOutUrl,
    SignInUrl,
    PrimaryEmailAddressId,
    CurrentPassword,
    NewPassword,
    Email,
    #[cfg(feature = "ui")]
    AfterSwitchSessionUrl,
    #[cfg(feature = "ui")]
    UserProfileUrl,
    #[cfg(feature = "ui")]
    AfterSignInUrl,
    #[cfg(feature = "ui")]
    AfterSignUpUrl,
    #[cfg(feature = "ui")]
    RedirectUrl,
    #[cfg(feature = "ui")]
    InitialView,
    #[cfg(feature = "ui")]
    Theme,
}

/// The JS name of each [`Str`], in its order.
const STR_NAMES: &[&str] = &[
    "strategy",
    "identifier",
    "password",
    "code",
    "emailAddress",
    "firstName",
    "lastName",
    "template",
    "afterSignOutUrl",
    "afterMultiSessionSingleSignOutUrl",
    "signInUrl",
    "primaryEmailAddressId",
    "currentPassword",
    "newPassword",
    "email",
    #[cfg(feature = "ui")]
    "afterSwitchSessionUrl",
    #[cfg(feature = "ui")]
    "userProfileUrl",
    #[cfg(feature = "ui")]
    "afterSignInUrl",
    #[cfg(feature = "ui")]
    "afterSignUpUrl",
    #[cfg(feature = "ui")]
    "redirectUrl",
    #[cfg(feature = "ui")]
    "initialView",
    #[cfg(feature = "ui")]
    "theme",
];

/// How many [`Str`] there are.
const STRS: usize = STR_NAMES.len();

/// The params of every sign-in and sign-up call, as the `.d.ts` names them (one list for all of
/// them; each call takes what it needs).
pub(crate) const PARAMS: &[&str] = &[
    "strategy",
    "identifier",
    "password",
    "code",
    "signOutOfOtherSessions",
    "emailAddress",
    "firstName",
    "lastName",
];

/// The params of the account calls (`user.update`, `user.updatePassword`,
/// `user.createEmailAddress`, `emailAddress.attemptVerification`, `session.verifyWithPassword`).
pub(crate) const ACCOUNT_PARAMS: &[&str] = &[
    "firstName",
    "lastName",
    "primaryEmailAddressId",
    "currentPassword",
    "newPassword",
    "signOutOfOtherSessions",
    "email",
    "strategy",
    "code",
    "password",
];

/// `getToken`'s options.
pub(crate) const TOKEN_OPTIONS: &[&str] = &["skipCache", "template"];

/// The data options of `new Clerk(url, options)` and `clerk.load(options)`.
pub(crate) const CLERK_OPTIONS: &[&str] = &[
    "afterSignOutUrl",
    "afterMultiSessionSingleSignOutUrl",
    "signInUrl",
];

/// The decoded properties of one argument object (absent ones `None`).
#[derive(Default)]
pub(crate) struct Args {
    strings: [Option<String>; STRS],
    /// `signOutOfOtherSessions`.
    pub sign_out_of_other_sessions: Option<bool>,
    /// `skipCache` (a boolean when present; absent is `false`).
    pub skip_cache: bool,
    /// `localization`.
    #[cfg(feature = "ui")]
    pub localization: Option<crate::pairs::Pairs>,
    /// `appearance.variables`.
    #[cfg(feature = "ui")]
    pub variables: Option<crate::pairs::Pairs>,
}

impl Args {
    /// Takes the string property `key` out.
    pub fn take(&mut self, key: Str) -> Option<String> {
        self.strings.get_mut(key as usize).and_then(Option::take)
    }
}

/// Decodes the properties `fields` of `value` (anything but an object reads as `{}`).
pub(crate) fn decode(
    value: &JsValue,
    fields: &'static [&'static str],
) -> Result<Args, serde_wasm_bindgen::Error> {
    let mut args = Args::default();
    if value.is_object() {
        let visitor = Fields {
            expecting: "an object",
            args: &mut args,
        };
        serde_wasm_bindgen::Deserializer::from(value.clone())
            .deserialize_struct("Args", fields, visitor)?;
    }
    Ok(args)
}

/// The visitor: stores each property serde-wasm-bindgen reads into `args`.
struct Fields<'a> {
    /// What a value that is not an object is reported as expected to be.
    expecting: &'static str,
    args: &'a mut Args,
}

impl<'de> Visitor<'de> for Fields<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let args = self.args;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "signOutOfOtherSessions" => args.sign_out_of_other_sessions = map.next_value()?,
                "skipCache" => args.skip_cache = map.next_value()?,
                #[cfg(feature = "ui")]
                "localization" => args.localization = map.next_value()?,
                #[cfg(feature = "ui")]
                "variables" => args.variables = map.next_value()?,
                // `appearance: {theme?, variables?}` lands in the same `Args`; the message for a
                // value that is not an object names the struct that decoded it before.
                #[cfg(feature = "ui")]
                "appearance" => map.next_value_seed(Optional {
                    fields: &["theme", "variables"],
                    inner: Fields {
                        expecting: "struct JsAppearance",
                        args: &mut *args,
                    },
                })?,
                name => match STR_NAMES.iter().position(|n| *n == name) {
                    Some(index) => {
                        if let Some(slot) = args.strings.get_mut(index) {
                            *slot = map.next_value()?;
                        }
                    }
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        Ok(())
    }
}

/// A nested object of the properties `fields` that may be `null` or `undefined` (as an
/// `Option<Struct>` field reads).
#[cfg(feature = "ui")]
struct Optional<'a> {
    fields: &'static [&'static str],
    inner: Fields<'a>,
}

#[cfg(feature = "ui")]
impl<'de> DeserializeSeed<'de> for Optional<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_option(self)
    }
}

#[cfg(feature = "ui")]
impl<'de> Visitor<'de> for Optional<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_struct("JsAppearance", self.fields, self.inner)
    }
}
