//! The JS objects `Client`, `Session`, `User` and `EmailAddress`, and the cache that hands out the
//! same JS object for as long as its data does not change (so `prev.session === next.session` in
//! listeners when nothing about that session changed).
//!
//! Their data are plain own properties set once when an object is built (a JS object is rebuilt
//! whenever its data change), not one exported getter each: every getter cost a wasm export, a
//! wrapper and its glue. The `.d.ts` declares them through interfaces merged with the classes
//! (see `types.rs`), so the TypeScript types are the same.

use crate::attempt_objects::verification;
use crate::options::set;
use clerk_protocol as proto;
use clerk_sdk::Snapshot;
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;

/// The JS objects handed out, with the data they were built from (lists, not hash maps: a
/// browser has a handful of sessions, and hashing would cost the wasm kilobytes).
#[derive(Default)]
pub(crate) struct ObjectCache {
    client: Option<(proto::Client, JsValue)>,
    sessions: Vec<(proto::Session, JsValue)>,
    /// Each user with the id of the session it is signed in with (its objects' methods act
    /// for that session).
    users: Vec<((String, proto::User), JsValue)>,
    active: Option<String>,
}

/// Takes the entry whose data has this id out of `list`.
fn take<T>(list: &mut Vec<(T, JsValue)>, id: impl Fn(&T) -> bool) -> Option<(T, JsValue)> {
    for index in 0..list.len() {
        if list.get(index).is_some_and(|(data, _)| id(data)) {
            return Some(list.swap_remove(index));
        }
    }
    None
}

impl ObjectCache {
    /// Rebuilds the objects whose data changed; keeps the others. `me` is this cache, for the
    /// `Session` objects (their `touch()` answers with the cached object).
    pub fn refresh(
        &mut self,
        state: &Snapshot,
        sdk: &clerk_sdk::Clerk,
        me: &Weak<RefCell<ObjectCache>>,
    ) {
        self.active = state.session.as_ref().map(|s| s.id.clone());
        // Without a server client the SDK still offers an empty one, so `client.signIn` works.
        let empty;
        let client = match &state.client {
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
            let user = match take(&mut self.users, |(_, u)| u.id == s.user.id) {
                Some((data, js)) if data.0 == s.id && data.1 == s.user => (data, js),
                _ => {
                    let owner = Owner {
                        sdk: sdk.clone(),
                        cache: me.clone(),
                        session_id: s.id.clone(),
                    };
                    let js = user_object(&owner, &s.user);
                    ((s.id.clone(), s.user.clone()), js)
                }
            };
            let session = match take(&mut self.sessions, |d| d.id == s.id) {
                Some((data, js)) if data == *s => (data, js),
                _ => (s.clone(), session_object(sdk, me, s, &user.1)),
            };
            array.push(&session.1);
            users.push(user);
            sessions.push(session);
        }
        let js = client_object(sdk, client, array);
        self.client = Some((client.clone(), js));
        self.sessions = sessions;
        self.users = users;
    }

    /// The `Client` object (an empty one until the server has created one), `null` before load.
    pub fn client(&self) -> JsValue {
        match &self.client {
            Some((_, js)) => js.clone(),
            None => JsValue::NULL,
        }
    }

    fn find_session(&self, id: &str) -> Option<&(proto::Session, JsValue)> {
        self.sessions.iter().find(|entry| entry.0.id == id)
    }

    /// The tab's active `Session`, or `null`.
    pub fn active_session(&self) -> JsValue {
        match self.active_entry() {
            Some((_, js)) => js.clone(),
            None => JsValue::NULL,
        }
    }

    fn active_entry(&self) -> Option<&(proto::Session, JsValue)> {
        self.find_session(self.active.as_deref()?)
    }

    /// The active session's `User`, or `null`.
    pub fn active_user(&self) -> JsValue {
        if let Some((session, _)) = self.active_entry() {
            for ((id, _), js) in &self.users {
                if *id == session.id {
                    return js.clone();
                }
            }
        }
        JsValue::NULL
    }

    /// The `User` object of the session `id`, if the client has it.
    pub fn session_user(&self, id: &str) -> Option<JsValue> {
        let entry = self.users.iter().find(|((session, _), _)| session == id)?;
        Some(entry.1.clone())
    }

    /// The `Session` object for an id, if the client has it.
    pub fn session(&self, id: &str) -> Option<JsValue> {
        Some(self.find_session(id)?.1.clone())
    }

    /// The `Session` object for `id` as of `sdk`'s state now, from the cache `me` (`null` if the
    /// client does not have it, or the cache is gone).
    pub fn current_session(
        me: &Weak<RefCell<ObjectCache>>,
        sdk: &clerk_sdk::Clerk,
        id: &str,
    ) -> JsValue {
        let Some(cache) = me.upgrade() else {
            return JsValue::NULL;
        };
        cache.borrow_mut().refresh(&sdk.snapshot(), sdk, me);
        let session = cache.borrow().session(id);
        session.unwrap_or(JsValue::NULL)
    }
}

/// A string, or `undefined` (what the getters returned for a missing value).
pub(crate) fn opt(value: &Option<String>) -> JsValue {
    value
        .as_deref()
        .map(JsValue::from_str)
        .unwrap_or(JsValue::UNDEFINED)
}

fn date(ms: i64) -> JsValue {
    js_sys::Date::new(&JsValue::from_f64(ms as f64)).into()
}

/// A `Client` with its own properties `id`, `sessions`, `lastActiveSessionId`, `signIn`, `signUp`.
fn client_object(sdk: &clerk_sdk::Clerk, data: &proto::Client, sessions: js_sys::Array) -> JsValue {
    let js = JsValue::from(Client {});
    let sign_in = crate::auth::SignInResource { sdk: sdk.clone() };
    let sign_up = crate::auth::SignUpResource { sdk: sdk.clone() };
    set(&js, "id", JsValue::from_str(&data.id));
    set(&js, "sessions", sessions.into());
    set(
        &js,
        "lastActiveSessionId",
        opt(&data.last_active_session_id),
    );
    set(&js, "signIn", sign_in.into());
    set(&js, "signUp", sign_up.into());
    js
}

/// A `Session` with its own properties `id`, `status`, `user`, `lastActiveAt`, `expireAt`,
/// `abandonAt`.
fn session_object(
    sdk: &clerk_sdk::Clerk,
    cache: &Weak<RefCell<ObjectCache>>,
    data: &proto::Session,
    user: &JsValue,
) -> JsValue {
    let js = JsValue::from(Session {
        sdk: sdk.clone(),
        cache: cache.clone(),
        id: data.id.clone(),
    });
    set(&js, "id", JsValue::from_str(&data.id));
    set(&js, "status", JsValue::from_str(data.status.as_str()));
    set(&js, "user", user.clone());
    set(&js, "lastActiveAt", date(data.last_active_at));
    set(&js, "expireAt", date(data.expire_at));
    set(&js, "abandonAt", date(data.abandon_at));
    js
}

/// A `User` with its own properties `id`, `firstName`, `lastName`, `fullName` ("First Last", or
/// `undefined` without a name), `emailAddresses`, `primaryEmailAddressId`,
/// `primaryEmailAddress` and `imageUrl`.
pub(crate) fn user_object(owner: &Owner, data: &proto::User) -> JsValue {
    let (addresses, primary) = email_objects(owner, data);
    let mut full = String::new();
    for part in [&data.first_name, &data.last_name] {
        let part = part.as_deref().map(str::trim).unwrap_or("");
        if !part.is_empty() {
            if !full.is_empty() {
                full.push(' ');
            }
            full.push_str(part);
        }
    }
    let js = JsValue::from(User {
        owner: owner.clone(),
    });
    set(&js, "id", JsValue::from_str(&data.id));
    set(&js, "firstName", opt(&data.first_name));
    set(&js, "lastName", opt(&data.last_name));
    set(&js, "fullName", opt(&(!full.is_empty()).then_some(full)));
    set(&js, "emailAddresses", addresses.into());
    set(
        &js,
        "primaryEmailAddressId",
        opt(&data.primary_email_address_id),
    );
    set(&js, "primaryEmailAddress", primary);
    set(&js, "imageUrl", opt(&data.image_url));
    js
}

/// The browser's set of sessions (`clerk.client`).
#[wasm_bindgen]
pub struct Client {}

/// One signed-in account on this browser.
#[wasm_bindgen]
pub struct Session {
    pub(crate) sdk: clerk_sdk::Clerk,
    /// The cache that made it (the `Clerk`'s).
    pub(crate) cache: Weak<RefCell<ObjectCache>>,
    pub(crate) id: String,
}

/// What an account object acts for: its SDK, the cache that made it, and the session its user
/// is signed in with (one user is signed in at most once per client).
#[derive(Clone)]
pub(crate) struct Owner {
    pub sdk: clerk_sdk::Clerk,
    pub cache: Weak<RefCell<ObjectCache>>,
    pub session_id: String,
}

/// An account (its methods: `account.rs`).
#[wasm_bindgen]
pub struct User {
    pub(crate) owner: Owner,
}

/// An email address of a [`User`] (its methods: `account.rs`).
#[wasm_bindgen]
pub struct EmailAddress {
    pub(crate) owner: Owner,
    pub(crate) id: String,
    pub(crate) email_address: String,
}

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
