//! Reading protocol values out of parsed JSON (`JsValue`s from `JSON.parse`) by hand.
//!
//! Hand-written readers instead of serde-wasm-bindgen: the generic serde machinery (and the float
//! formatting its error messages pull in) cost the wasm tens of kilobytes. A value that does not
//! fit is a `network_error` (the server broke the protocol), never a panic.

use crate::error::{ClerkError, Result};
use clerk_protocol::{
    ApiError, AuthConfig, Client, DisplayConfig, Environment, Session, SessionActivity,
    SessionList, SessionStatus, SignIn, SignUp, User,
};
use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

fn bad(field: &str) -> ClerkError {
    ClerkError::Network(super::js::concat(&[
        "unexpected answer: `",
        field,
        "` is missing or malformed",
    ]))
}

pub use super::js::get;

fn string(obj: &JsValue, key: &str) -> Result<String> {
    get(obj, key).as_string().ok_or_else(|| bad(key))
}

fn opt_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

fn int(obj: &JsValue, key: &str) -> Result<i64> {
    get(obj, key)
        .as_f64()
        .filter(|n| n.fract() == 0.0)
        .map(|n| n as i64)
        .ok_or_else(|| bad(key))
}

fn boolean(obj: &JsValue, key: &str) -> Result<bool> {
    get(obj, key).as_bool().ok_or_else(|| bad(key))
}

fn array(obj: &JsValue, key: &str) -> Result<Array> {
    let value = get(obj, key);
    if Array::is_array(&value) {
        // Already an array: a cast, not `Array.from` (a copy, and one more import).
        Ok(value.unchecked_into())
    } else {
        Err(bad(key))
    }
}

/// Reads the fields of one value, remembering the first that is missing or malformed instead of
/// returning early: every early return would drop the fields read so far, and that drop code cost
/// the wasm kilobytes.
#[derive(Default)]
struct Fields {
    bad: Option<&'static str>,
}

impl Fields {
    fn fail(&mut self, key: &'static str) {
        self.bad.get_or_insert(key);
    }

    fn string(&mut self, v: &JsValue, key: &'static str) -> String {
        get(v, key).as_string().unwrap_or_else(|| {
            self.fail(key);
            String::new()
        })
    }

    fn int(&mut self, v: &JsValue, key: &'static str) -> i64 {
        int(v, key).unwrap_or_else(|_| {
            self.fail(key);
            0
        })
    }

    fn boolean(&mut self, v: &JsValue, key: &'static str) -> bool {
        boolean(v, key).unwrap_or_else(|_| {
            self.fail(key);
            false
        })
    }

    fn done<T>(self, value: T) -> Result<T> {
        match self.bad {
            Some(key) => Err(bad(key)),
            None => Ok(value),
        }
    }

    fn user(&mut self, v: &JsValue) -> User {
        User {
            object: self.string(v, "object"),
            id: self.string(v, "id"),
            first_name: opt_string(v, "first_name"),
            last_name: opt_string(v, "last_name"),
            email_address: self.string(v, "email_address"),
            image_url: opt_string(v, "image_url"),
            created_at: self.int(v, "created_at"),
            updated_at: self.int(v, "updated_at"),
        }
    }

    fn session(&mut self, v: &JsValue) -> Session {
        let activity = get(v, "latest_activity");
        let status = SessionStatus::parse(&self.string(v, "status")).unwrap_or_else(|| {
            self.fail("status");
            SessionStatus::Active
        });
        Session {
            object: self.string(v, "object"),
            id: self.string(v, "id"),
            status,
            user: self.user(&get(v, "user")),
            last_active_at: self.int(v, "last_active_at"),
            expire_at: self.int(v, "expire_at"),
            abandon_at: self.int(v, "abandon_at"),
            created_at: self.int(v, "created_at"),
            updated_at: self.int(v, "updated_at"),
            latest_activity: activity.is_object().then(|| SessionActivity {
                user_agent: opt_string(&activity, "user_agent"),
                ip_address: opt_string(&activity, "ip_address"),
                is_current_client: boolean(&activity, "is_current_client").unwrap_or_else(|_| {
                    self.fail("is_current_client");
                    false
                }),
            }),
        }
    }

    fn sessions(&mut self, v: &JsValue, key: &'static str) -> Vec<Session> {
        match array(v, key) {
            Ok(list) => {
                let mut out = Vec::new();
                for i in 0..list.length() {
                    out.push(self.session(&list.get_unchecked(i)));
                }
                out
            }
            Err(_) => {
                self.fail(key);
                Vec::new()
            }
        }
    }
}

/// A [`User`].
pub fn user(v: &JsValue) -> Result<User> {
    let mut f = Fields::default();
    let user = f.user(v);
    f.done(user)
}

/// A [`Session`].
pub fn session(v: &JsValue) -> Result<Session> {
    let mut f = Fields::default();
    let session = f.session(v);
    f.done(session)
}

/// A [`Client`].
pub fn client(v: &JsValue) -> Result<Client> {
    let mut f = Fields::default();
    let client = Client {
        object: f.string(v, "object"),
        id: f.string(v, "id"),
        sessions: f.sessions(v, "sessions"),
        last_active_session_id: opt_string(v, "last_active_session_id"),
        created_at: f.int(v, "created_at"),
        updated_at: f.int(v, "updated_at"),
    };
    f.done(client)
}

/// A client or `null`.
pub fn opt_client(v: &JsValue) -> Result<Option<Client>> {
    if v.is_null() || v.is_undefined() {
        Ok(None)
    } else {
        client(v).map(Some)
    }
}

/// An [`Environment`].
pub fn environment(v: &JsValue) -> Result<Environment> {
    let auth = get(v, "auth_config");
    let display = get(v, "display_config");
    let mut f = Fields::default();
    let env = Environment {
        auth_config: AuthConfig {
            single_session_mode: f.boolean(&auth, "single_session_mode"),
            max_sessions_per_client: f.int(&auth, "max_sessions_per_client") as u32,
            password_min_length: f.int(&auth, "password_min_length") as u32,
        },
        display_config: DisplayConfig {
            application_name: f.string(&display, "application_name"),
            sign_in_url: f.string(&display, "sign_in_url"),
            after_sign_out_one_url: f.string(&display, "after_sign_out_one_url"),
            after_sign_out_all_url: f.string(&display, "after_sign_out_all_url"),
            after_switch_session_url: f.string(&display, "after_switch_session_url"),
        },
    };
    f.done(env)
}

/// The `errors` of an error body; `None` if it is not one (plain loops: the `collect` into an
/// `Option` this was cost the wasm 2.7 KB of iterator adapters).
pub fn errors(v: &JsValue) -> Option<Vec<ApiError>> {
    let list = array(v, "errors").ok()?;
    let mut out = Vec::new();
    for i in 0..list.length() {
        out.push(api_error(&list.get_unchecked(i))?);
    }
    if out.is_empty() {
        None
    } else {
        Some(out)
    }
}

/// One entry of `errors`; `None` without a `code` or `message`.
#[inline(never)]
fn api_error(e: &JsValue) -> Option<ApiError> {
    let mut error = ApiError {
        code: string(e, "code").ok()?,
        message: string(e, "message").ok()?,
        long_message: opt_string(e, "long_message").unwrap_or_default(),
        meta: Default::default(),
    };
    let meta = get(e, "meta");
    if meta.is_object() {
        let keys = Object::keys(meta.unchecked_ref::<Object>());
        for i in 0..keys.length() {
            if let Some(key) = keys.get_unchecked(i).as_string() {
                if let Some(value) = opt_string(&meta, &key) {
                    error.meta.insert(key, value);
                }
            }
        }
    }
    Some(error)
}

/// A [`SignIn`].
pub fn sign_in(v: &JsValue) -> Result<SignIn> {
    let mut f = Fields::default();
    let sign_in = SignIn {
        object: f.string(v, "object"),
        id: f.string(v, "id"),
        status: f.string(v, "status"),
        created_session_id: opt_string(v, "created_session_id"),
    };
    f.done(sign_in)
}

/// A [`SignUp`].
pub fn sign_up(v: &JsValue) -> Result<SignUp> {
    let mut f = Fields::default();
    let sign_up = SignUp {
        object: f.string(v, "object"),
        id: f.string(v, "id"),
        status: f.string(v, "status"),
        created_session_id: opt_string(v, "created_session_id"),
        created_user_id: opt_string(v, "created_user_id"),
    };
    f.done(sign_up)
}

/// The `jwt` of a token (bare, or as the `response` of an envelope).
pub fn jwt(v: &JsValue) -> Result<String> {
    let response = get(v, "response");
    string(if response.is_object() { &response } else { v }, "jwt")
}

/// A [`SessionList`].
pub fn session_list(v: &JsValue) -> Result<SessionList> {
    let mut f = Fields::default();
    let list = SessionList {
        data: f.sessions(v, "data"),
        total_count: f.int(v, "total_count") as u64,
    };
    f.done(list)
}
