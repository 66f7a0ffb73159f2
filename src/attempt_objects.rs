//! The attempts `signIn.create` and `signUp.create` resolve with: `SignInAttempt` (`status`,
//! `id`, `identifier`, `supportedFirstFactors`, `firstFactorVerification`, `createdSessionId`)
//! and `SignUpAttempt` (`status`, `id`, `emailAddress`, `missingFields`, `unverifiedFields`,
//! `verifications.emailAddress`, `createdSessionId`, `createdUserId`, `abandonAt`), with the
//! methods that continue them (`attempts.rs`), each resolving with the updated attempt (a new
//! object). This module builds them.
//!
//! As for `Client` and `Session` (`objects.rs`), their data are plain own properties set once,
//! declared through interfaces merged with the classes (`types.rs`): one exported getter per
//! field would cost a wasm export and its glue each.

use crate::options::set;
use clerk_protocol::{SignIn, SignUp, Verification};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

/// A string, or `null`.
fn nullable(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// A `Date` of Unix milliseconds, or `null`.
fn date(ms: Option<i64>) -> JsValue {
    ms.map_or(JsValue::NULL, |ms| {
        js_sys::Date::new(&JsValue::from_f64(ms as f64)).into()
    })
}

pub(crate) fn strings(list: &[String]) -> JsValue {
    let array = Array::new();
    for s in list {
        array.push(&JsValue::from_str(s));
    }
    array.into()
}

/// `{status, strategy, attempts, expireAt}`, or `null`.
pub(crate) fn verification(v: Option<&Verification>) -> JsValue {
    let Some(v) = v else { return JsValue::NULL };
    let js: JsValue = Object::new().into();
    set(&js, "status", JsValue::from_str(&v.status));
    set(&js, "strategy", JsValue::from_str(&v.strategy));
    set(&js, "attempts", JsValue::from(v.attempts));
    set(&js, "expireAt", date(v.expire_at));
    js
}

/// Sets the properties both attempts have.
fn common(js: &JsValue, object: &str, id: &str, status: &str, session: Option<&str>) {
    set(js, "object", JsValue::from_str(object));
    set(js, "id", nullable(Some(id).filter(|id| !id.is_empty())));
    set(js, "status", JsValue::from_str(status));
    set(js, "createdSessionId", nullable(session));
}

/// The JS `SignInAttempt` of `s`.
pub(crate) fn sign_in_attempt(sdk: &clerk_sdk::Clerk, s: SignIn) -> JsValue {
    let js = JsValue::from(SignInAttempt {
        sdk: sdk.clone(),
        id: s.id.clone(),
    });
    common(
        &js,
        &s.object,
        &s.id,
        &s.status,
        s.created_session_id.as_deref(),
    );
    set(&js, "identifier", nullable(s.identifier.as_deref()));
    let factors = Array::new();
    for f in &s.supported_first_factors {
        let factor: JsValue = Object::new().into();
        set(&factor, "strategy", JsValue::from_str(&f.strategy));
        set(
            &factor,
            "safeIdentifier",
            nullable(f.safe_identifier.as_deref()),
        );
        factors.push(&factor);
    }
    set(&js, "supportedFirstFactors", factors.into());
    set(
        &js,
        "firstFactorVerification",
        verification(s.first_factor_verification.as_ref()),
    );
    js
}

/// The JS `SignUpAttempt` of `s`.
pub(crate) fn sign_up_attempt(sdk: &clerk_sdk::Clerk, s: SignUp) -> JsValue {
    let js = JsValue::from(SignUpAttempt {
        sdk: sdk.clone(),
        id: s.id.clone(),
    });
    common(
        &js,
        &s.object,
        &s.id,
        &s.status,
        s.created_session_id.as_deref(),
    );
    set(&js, "createdUserId", nullable(s.created_user_id.as_deref()));
    set(&js, "emailAddress", nullable(s.email_address.as_deref()));
    set(&js, "missingFields", strings(&s.missing_fields));
    set(&js, "unverifiedFields", strings(&s.unverified_fields));
    let verifications: JsValue = Object::new().into();
    set(
        &verifications,
        "emailAddress",
        verification(s.verifications.email_address.as_ref()),
    );
    set(&js, "verifications", verifications);
    set(&js, "abandonAt", date(s.abandon_at));
    js
}

/// A sign-in attempt: the outcome of `signIn.create` and of the methods that continue it.
#[wasm_bindgen]
pub struct SignInAttempt {
    pub(crate) sdk: clerk_sdk::Clerk,
    pub(crate) id: String,
}

/// A sign-up attempt: the outcome of `signUp.create` and of the methods that continue it.
#[wasm_bindgen]
pub struct SignUpAttempt {
    pub(crate) sdk: clerk_sdk::Clerk,
    pub(crate) id: String,
}
