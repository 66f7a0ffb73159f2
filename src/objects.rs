//! The JS objects `Client`, `Session`, `User` and `EmailAddress`, and the cache that hands out the
//! same JS object for as long as its data does not change (so `prev.session === next.session` in
//! listeners when nothing about that session changed).

use crate::inner::Inner;
use clerk_core::ClientState;
use clerk_protocol as proto;
use std::rc::Weak;
use wasm_bindgen::prelude::*;

/// The JS objects handed out, with the data they were built from (lists, not hash maps: a
/// browser has a handful of sessions, and hashing would cost the wasm kilobytes).
#[derive(Default)]
pub(crate) struct ObjectCache {
    client: Option<(proto::Client, JsValue)>,
    sessions: Vec<(proto::Session, JsValue)>,
    users: Vec<(proto::User, JsValue)>,
    active: Option<String>,
}

/// Takes the entry whose data has this id out of `list`.
fn take<T>(list: &mut Vec<(T, JsValue)>, id: impl Fn(&T) -> bool) -> Option<(T, JsValue)> {
    let index = list.iter().position(|(data, _)| id(data))?;
    Some(list.swap_remove(index))
}

impl ObjectCache {
    /// Rebuilds the objects whose data changed; keeps the others.
    pub fn refresh(&mut self, state: &ClientState, inner: &Weak<Inner>) {
        self.active = state.active_id().map(str::to_owned);
        // Without a server client the SDK still offers an empty one, so `client.signIn` works.
        let empty;
        let client = match state.client() {
            Some(client) => client,
            None => {
                empty = proto::Client {
                    object: proto::OBJECT_CLIENT.to_owned(),
                    id: String::new(),
                    sessions: Vec::new(),
                    last_active_session_id: None,
                    created_at: 0,
                    updated_at: 0,
                };
                &empty
            }
        };
        if self.client.as_ref().is_some_and(|(data, _)| data == client) {
            return;
        }
        let mut users = Vec::new();
        let mut sessions = Vec::new();
        let array = js_sys::Array::new();
        for s in &client.sessions {
            let user = match take(&mut self.users, |u| u.id == s.user.id) {
                Some((data, js)) if data == s.user => (data, js),
                _ => (s.user.clone(), JsValue::from(User::new(s.user.clone()))),
            };
            let session = match take(&mut self.sessions, |d| d.id == s.id) {
                Some((data, js)) if data == *s => (data, js),
                _ => (
                    s.clone(),
                    JsValue::from(Session {
                        inner: inner.clone(),
                        data: s.clone(),
                        user: user.1.clone(),
                    }),
                ),
            };
            array.push(&session.1);
            users.push(user);
            sessions.push(session);
        }
        let js = JsValue::from(Client {
            inner: inner.clone(),
            data: client.clone(),
            sessions: array,
        });
        self.client = Some((client.clone(), js));
        self.sessions = sessions;
        self.users = users;
    }

    /// The `Client` object (an empty one until the server has created one), `null` before load.
    pub fn client(&self) -> JsValue {
        self.client
            .as_ref()
            .map(|(_, js)| js.clone())
            .unwrap_or(JsValue::NULL)
    }

    fn find_session(&self, id: &str) -> Option<&(proto::Session, JsValue)> {
        self.sessions.iter().find(|(s, _)| s.id == id)
    }

    /// The tab's active `Session`, or `null`.
    pub fn active_session(&self) -> JsValue {
        self.active
            .as_deref()
            .and_then(|id| self.session(id))
            .unwrap_or(JsValue::NULL)
    }

    /// The active session's `User`, or `null`.
    pub fn active_user(&self) -> JsValue {
        let user_id = self
            .active
            .as_deref()
            .and_then(|id| self.find_session(id))
            .map(|(s, _)| s.user.id.as_str());
        user_id
            .and_then(|id| self.users.iter().find(|(u, _)| u.id == id))
            .map(|(_, js)| js.clone())
            .unwrap_or(JsValue::NULL)
    }

    /// The `Session` object for an id, if the client has it.
    pub fn session(&self, id: &str) -> Option<JsValue> {
        self.find_session(id).map(|(_, js)| js.clone())
    }
}

fn date(ms: i64) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
}

/// The browser's set of sessions (`clerk.client`).
#[wasm_bindgen]
pub struct Client {
    pub(crate) inner: Weak<Inner>,
    data: proto::Client,
    sessions: js_sys::Array,
}

#[wasm_bindgen]
impl Client {
    /// `client_...`
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.data.id.clone()
    }

    /// Every signed-in account on this browser, oldest first (the same array until one changes).
    #[wasm_bindgen(getter, unchecked_return_type = "Session[]")]
    pub fn sessions(&self) -> js_sys::Array {
        self.sessions.clone()
    }

    /// The session last signed in to or switched to on this browser (any tab).
    #[wasm_bindgen(getter, js_name = lastActiveSessionId)]
    pub fn last_active_session_id(&self) -> Option<String> {
        self.data.last_active_session_id.clone()
    }

    /// Sign-in: `client.signIn.create({identifier, password})`.
    #[wasm_bindgen(getter, js_name = signIn)]
    pub fn sign_in(&self) -> crate::auth::SignInResource {
        crate::auth::SignInResource {
            inner: self.inner.clone(),
        }
    }

    /// Sign-up: `client.signUp.create({emailAddress, password, firstName?, lastName?})`.
    #[wasm_bindgen(getter, js_name = signUp)]
    pub fn sign_up(&self) -> crate::auth::SignUpResource {
        crate::auth::SignUpResource {
            inner: self.inner.clone(),
        }
    }
}

/// One signed-in account on this browser.
#[wasm_bindgen]
pub struct Session {
    pub(crate) inner: Weak<Inner>,
    pub(crate) data: proto::Session,
    user: JsValue,
}

#[wasm_bindgen]
impl Session {
    /// `sess_...`
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.data.id.clone()
    }

    /// `"active"`, or how it ended.
    #[wasm_bindgen(getter, unchecked_return_type = "SessionStatus")]
    pub fn status(&self) -> String {
        self.data.status.as_str().to_owned()
    }

    /// The account.
    #[wasm_bindgen(getter, unchecked_return_type = "User")]
    pub fn user(&self) -> JsValue {
        self.user.clone()
    }

    /// Last sign-in, switch or token refresh.
    #[wasm_bindgen(getter, js_name = lastActiveAt)]
    pub fn last_active_at(&self) -> js_sys::Date {
        date(self.data.last_active_at)
    }

    /// When the session ends whatever happens.
    #[wasm_bindgen(getter, js_name = expireAt)]
    pub fn expire_at(&self) -> js_sys::Date {
        date(self.data.expire_at)
    }

    /// When the session ends unless used before.
    #[wasm_bindgen(getter, js_name = abandonAt)]
    pub fn abandon_at(&self) -> js_sys::Date {
        date(self.data.abandon_at)
    }
}

/// An account.
#[wasm_bindgen]
pub struct User {
    data: proto::User,
    email: JsValue,
}

impl User {
    fn new(data: proto::User) -> Self {
        let email = JsValue::from(EmailAddress {
            email_address: data.email_address.clone(),
        });
        Self { data, email }
    }
}

#[wasm_bindgen]
impl User {
    /// `user_...`
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.data.id.clone()
    }

    /// Given name.
    #[wasm_bindgen(getter, js_name = firstName)]
    pub fn first_name(&self) -> Option<String> {
        self.data.first_name.clone()
    }

    /// Family name.
    #[wasm_bindgen(getter, js_name = lastName)]
    pub fn last_name(&self) -> Option<String> {
        self.data.last_name.clone()
    }

    /// "First Last", or `null` without a name.
    #[wasm_bindgen(getter, js_name = fullName)]
    pub fn full_name(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.data.first_name, &self.data.last_name]
            .into_iter()
            .filter_map(|p| p.as_deref().map(str::trim).filter(|p| !p.is_empty()))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The primary email address (`user.primaryEmailAddress.emailAddress`).
    #[wasm_bindgen(getter, js_name = primaryEmailAddress, unchecked_return_type = "EmailAddress")]
    pub fn primary_email_address(&self) -> JsValue {
        self.email.clone()
    }

    /// A picture, or `null` (UIs show initials).
    #[wasm_bindgen(getter, js_name = imageUrl)]
    pub fn image_url(&self) -> Option<String> {
        self.data.image_url.clone()
    }
}

/// An email address of a [`User`].
#[wasm_bindgen]
pub struct EmailAddress {
    email_address: String,
}

#[wasm_bindgen]
impl EmailAddress {
    /// The address itself.
    #[wasm_bindgen(getter, js_name = emailAddress)]
    pub fn email_address(&self) -> String {
        self.email_address.clone()
    }

    /// The address, so `` `${user.primaryEmailAddress}` `` reads naturally.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.email_address.clone()
    }
}
