//! Writing a [`Client`] as a plain JSON-compatible JS object (snake_case, the wire shape), for
//! localStorage and the cross-tab channel; [`super::decode::client`] reads it back.

use clerk_protocol::{Client, Session, User};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

fn set(obj: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value);
}

fn opt(value: &Option<String>) -> JsValue {
    value
        .as_deref()
        .map(JsValue::from_str)
        .unwrap_or(JsValue::NULL)
}

fn time(ms: i64) -> JsValue {
    JsValue::from_f64(ms as f64)
}

fn user(u: &User) -> JsValue {
    let o = Object::new();
    set(&o, "object", u.object.as_str().into());
    set(&o, "id", u.id.as_str().into());
    set(&o, "first_name", opt(&u.first_name));
    set(&o, "last_name", opt(&u.last_name));
    set(&o, "email_address", u.email_address.as_str().into());
    set(&o, "image_url", opt(&u.image_url));
    set(&o, "created_at", time(u.created_at));
    set(&o, "updated_at", time(u.updated_at));
    o.into()
}

fn session(s: &Session) -> JsValue {
    let o = Object::new();
    set(&o, "object", s.object.as_str().into());
    set(&o, "id", s.id.as_str().into());
    set(&o, "status", s.status.as_str().into());
    set(&o, "user", user(&s.user));
    set(&o, "last_active_at", time(s.last_active_at));
    set(&o, "expire_at", time(s.expire_at));
    set(&o, "abandon_at", time(s.abandon_at));
    set(&o, "created_at", time(s.created_at));
    set(&o, "updated_at", time(s.updated_at));
    o.into()
}

/// The client as a plain object.
pub fn client(c: &Client) -> JsValue {
    let o = Object::new();
    set(&o, "object", c.object.as_str().into());
    set(&o, "id", c.id.as_str().into());
    let sessions = Array::new();
    for s in &c.sessions {
        sessions.push(&session(s));
    }
    set(&o, "sessions", sessions.into());
    set(&o, "last_active_session_id", opt(&c.last_active_session_id));
    set(&o, "created_at", time(c.created_at));
    set(&o, "updated_at", time(c.updated_at));
    o.into()
}
