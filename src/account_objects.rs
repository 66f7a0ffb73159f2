//! The `SessionVerification` JS object the re-verification calls resolve with (`status`,
//! `supportedFirstFactors`, `session`). As for the other objects (`objects.rs`), their data are
//! plain own properties set once.

use crate::attempt_objects::strings;
use crate::objects::{ObjectCache, Owner};
use crate::options::set;
use clerk_protocol as proto;
use wasm_bindgen::JsValue;

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
