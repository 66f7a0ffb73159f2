//! The account's JS objects: each `EmailAddress` of a `User` (`id`, `emailAddress`,
//! `verification: {status, strategy, attempts, expireAt}`; `user.primaryEmailAddress` is the
//! entry of `user.emailAddresses` whose id is `user.primaryEmailAddressId`), and the
//! `SessionVerification` the re-verification calls resolve with (`status`,
//! `supportedFirstFactors`, `session`). As for the other objects (`objects.rs`), their data are
//! plain own properties set once.

use crate::attempt_objects::{strings, verification};
use crate::objects::{EmailAddress, ObjectCache, Owner};
use crate::options::set;
use clerk_protocol as proto;
use wasm_bindgen::JsValue;

/// The JS `EmailAddress` of `data`, acting for `owner`'s session.
pub(crate) fn email_object(owner: &Owner, data: &proto::EmailAddress) -> JsValue {
    let js = JsValue::from(EmailAddress {
        owner: owner.clone(),
        id: data.id.clone(),
        email_address: data.email_address.clone(),
    });
    set(&js, "id", JsValue::from_str(&data.id));
    set(&js, "emailAddress", JsValue::from_str(&data.email_address));
    set(&js, "verification", verification(Some(&data.verification)));
    js
}

/// `user.emailAddresses` and `user.primaryEmailAddress` (one of them; a server that lists no
/// addresses gets one built from `email_address`).
pub(crate) fn email_objects(owner: &Owner, data: &proto::User) -> (js_sys::Array, JsValue) {
    let array = js_sys::Array::new();
    let mut primary = None;
    for address in &data.email_addresses {
        let js = email_object(owner, address);
        if data.primary_email_address_id.as_deref() == Some(address.id.as_str()) {
            primary = Some(js.clone());
        }
        array.push(&js);
    }
    let primary = primary.unwrap_or_else(|| {
        let only = proto::EmailAddress {
            object: proto::OBJECT_EMAIL_ADDRESS.to_owned(),
            id: data.primary_email_address_id.clone().unwrap_or_default(),
            email_address: data.email_address.clone(),
            verification: proto::Verification {
                status: proto::VERIFICATION_VERIFIED.to_owned(),
                strategy: proto::STRATEGY_ADMIN.to_owned(),
                attempts: 0,
                expire_at: None,
            },
        };
        email_object(owner, &only)
    });
    (array, primary)
}

/// The JS `SessionVerification` of `data`: `session` is the `Session` object as of now.
pub(crate) fn verification_object(owner: &Owner, data: &proto::SessionVerification) -> JsValue {
    let js: JsValue = js_sys::Object::new().into();
    set(&js, "object", JsValue::from_str(&data.object));
    set(&js, "status", JsValue::from_str(&data.status));
    let factors = strings(&data.supported_first_factors);
    set(&js, "supportedFirstFactors", factors);
    let session = ObjectCache::current_session(&owner.cache, &owner.sdk, &owner.session_id);
    set(&js, "session", session);
    js
}
