//! Resources of the Frontend API: client, session, user, tokens and the environment (sign-in and
//! sign-up attempts are in [`crate::attempts`]).

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// The value of the `object` field of a [`Client`].
pub const OBJECT_CLIENT: &str = "client";
/// The value of the `object` field of a [`Session`].
pub const OBJECT_SESSION: &str = "session";
/// The value of the `object` field of a [`User`].
pub const OBJECT_USER: &str = "user";
/// The value of the `object` field of a [`SignIn`].
pub const OBJECT_SIGN_IN: &str = "sign_in_attempt";
/// The value of the `object` field of a [`SignUp`].
pub const OBJECT_SIGN_UP: &str = "sign_up_attempt";
/// The value of the `object` field of a [`Token`].
pub const OBJECT_TOKEN: &str = "token";

/// One browser's set of sessions: the accounts signed in on it, and which one was last active.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Client {
    /// Always `"client"`.
    pub object: String,
    /// `client_...`
    pub id: String,
    /// Every live session on this client, oldest first.
    pub sessions: Vec<Session>,
    /// The session most recently signed in to or touched on this client, if it is still live.
    pub last_active_session_id: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds.
    pub updated_at: i64,
}

crate::wire::decoder!(Client {
    object, id, sessions, last_active_session_id [optional], created_at, updated_at,
});

/// The lifecycle state of a [`Session`].
///
/// On the wire a plain string. It is decoded as one (see its `Deserialize`), not as a serde enum:
/// the server only ever writes the string, and the enum visitor cost the SDK's wasm more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// Signed in and usable.
    Active,
    /// Signed out by the user (sign out of all).
    Ended,
    /// Signed out of this one account on this client.
    Removed,
    /// Revoked from another device or by an administrator.
    Revoked,
    /// Past its maximum lifetime.
    Expired,
    /// Past its inactivity timeout.
    Abandoned,
}

impl SessionStatus {
    /// The wire name, e.g. `"active"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Ended => "ended",
            Self::Removed => "removed",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
            Self::Abandoned => "abandoned",
        }
    }

    /// Parses a wire name; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "active" => Self::Active,
            "ended" => Self::Ended,
            "removed" => Self::Removed,
            "revoked" => Self::Revoked,
            "expired" => Self::Expired,
            "abandoned" => Self::Abandoned,
            _ => return None,
        })
    }

    /// The wire names, in declaration order (as serde's `unknown_variant` error lists them).
    const NAMES: &'static [&'static str] = &[
        "active",
        "ended",
        "removed",
        "revoked",
        "expired",
        "abandoned",
    ];

    /// Whether a session in this state may still be used (only `active`).
    pub fn is_live(self) -> bool {
        self == Self::Active
    }
}

/// A wire name to a [`SessionStatus`], with the messages of the derived decoder (`invalid type:
/// ..., expected enum SessionStatus`, ``unknown variant `x`, expected one of ...``).
impl<'de> Deserialize<'de> for SessionStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl Visitor<'_> for NameVisitor {
            type Value = SessionStatus;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("enum SessionStatus")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<SessionStatus, E> {
                SessionStatus::parse(name)
                    .ok_or_else(|| E::unknown_variant(name, SessionStatus::NAMES))
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}

/// A placeholder for decoding (see [`crate::wire::Blank`]), never handed out.
impl crate::wire::Blank for SessionStatus {
    fn blank() -> Self {
        Self::Active
    }
}

/// One signed-in account on one client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    /// Always `"session"`.
    pub object: String,
    /// `sess_...`
    pub id: String,
    /// Lifecycle state.
    pub status: SessionStatus,
    /// The account this session belongs to.
    pub user: User,
    /// Unix milliseconds of the last sign-in, touch or token refresh.
    pub last_active_at: i64,
    /// Unix milliseconds when the session ends whatever happens (maximum lifetime).
    pub expire_at: i64,
    /// Unix milliseconds when the session ends unless it is used before then (inactivity timeout);
    /// equal to `expire_at` when the inactivity timeout is off.
    pub abandon_at: i64,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds.
    pub updated_at: i64,
    /// Where the session was last used; only filled in by `GET /v1/me/sessions`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_activity: Option<SessionActivity>,
}

crate::wire::decoder!(Session {
    object, id, status, user, last_active_at, expire_at, abandon_at, created_at, updated_at,
    latest_activity [optional],
});

/// Where a session was last used, as shown in "your sessions on other devices".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionActivity {
    /// The `User-Agent` header of the request that created the session.
    pub user_agent: Option<String>,
    /// The client IP address that created the session.
    pub ip_address: Option<String>,
    /// Whether this session lives on the client making the request.
    pub is_current_client: bool,
}

crate::wire::decoder!(SessionActivity {
    user_agent [optional], ip_address [optional], is_current_client,
});

/// An account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Always `"user"`.
    pub object: String,
    /// `user_...`
    pub id: String,
    /// Given name, if the user gave one.
    pub first_name: Option<String>,
    /// Family name, if the user gave one.
    pub last_name: Option<String>,
    /// The primary email address, lower-cased (also in `email_addresses`).
    pub email_address: String,
    /// Every address of the account, oldest first, in Clerk's shape (`[]` from a server that
    /// predates them).
    pub email_addresses: Vec<crate::EmailAddress>,
    /// The id of the primary address in `email_addresses`.
    pub primary_email_address_id: Option<String>,
    /// A picture of the user, if any; UIs show initials otherwise.
    pub image_url: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds.
    pub updated_at: i64,
}

crate::wire::decoder!(User {
    object, id, first_name [optional], last_name [optional], email_address,
    email_addresses [optional], primary_email_address_id [optional], image_url [optional],
    created_at, updated_at,
});

/// A session token: `POST /v1/client/sessions/{id}/tokens`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Always `"token"`.
    pub object: String,
    /// A compact EdDSA JWT (claims `sub`, `sid`, `iss`, `iat`, `nbf`, `exp`, plus custom ones).
    pub jwt: String,
}

crate::wire::decoder!(Token { object, jwt });

/// The envelope every resource call answers with: the resource and the fresh client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientEnvelope<T> {
    /// The resource the call was about (`null` where there is none, e.g. `GET /v1/client` with no
    /// client cookie).
    pub response: T,
    /// The client after the call, or `null` when the browser has none.
    pub client: Option<Client>,
}

/// `GET /v1/environment`: the instance settings the SDK and UI need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Environment {
    /// Sign-in and session rules.
    pub auth_config: AuthConfig,
    /// Names and URLs for the UI.
    pub display_config: DisplayConfig,
}

crate::wire::decoder!(Environment {
    auth_config,
    display_config
});

/// Sign-in and session rules of an instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthConfig {
    /// When true, a client holds at most one session and signing in while signed in fails with
    /// `session_exists`.
    pub single_session_mode: bool,
    /// The most live sessions one client may hold.
    pub max_sessions_per_client: u32,
    /// The shortest password sign-up accepts.
    pub password_min_length: u32,
    /// The first factors a sign-in may use: `password`, and `email_code` /
    /// `reset_password_email_code` when mail is configured and they are on.
    pub first_factors: Vec<String>,
    /// Whether a sign-up must verify its email address with a mailed code before its account
    /// and session exist (`email_verification = "required"`).
    pub email_verification_required: bool,
}

crate::wire::decoder!(AuthConfig {
    single_session_mode, max_sessions_per_client, password_min_length, first_factors [optional],
    email_verification_required [optional],
});

/// Names and URLs of an instance, for the prebuilt UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisplayConfig {
    /// Shown in headings.
    pub application_name: String,
    /// Where "Add account" and signed-out visitors go.
    pub sign_in_url: String,
    /// Where signing out of the active account (others remaining) goes; by default the account
    /// chooser, `{sign_in_url}/choose`.
    pub after_sign_out_one_url: String,
    /// Where signing out of every account goes.
    pub after_sign_out_all_url: String,
    /// Where switching accounts goes; empty means stay on the page.
    pub after_switch_session_url: String,
}

crate::wire::decoder!(DisplayConfig {
    application_name,
    sign_in_url,
    after_sign_out_one_url,
    after_sign_out_all_url,
    after_switch_session_url,
});

/// A minimal resource list answer, e.g. `GET /v1/me/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionList {
    /// The sessions, most recently active first.
    pub data: Vec<Session>,
    /// How many there are.
    pub total_count: u64,
}

crate::wire::decoder!(SessionList { data, total_count });

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_status_decodes_from_its_wire_name_with_the_derived_errors() {
        for status in [
            SessionStatus::Active,
            SessionStatus::Ended,
            SessionStatus::Removed,
            SessionStatus::Revoked,
            SessionStatus::Expired,
            SessionStatus::Abandoned,
        ] {
            let json = serde_json::to_value(status).unwrap();
            assert_eq!(json, status.as_str());
            assert_eq!(
                serde_json::from_value::<SessionStatus>(json).unwrap(),
                status
            );
        }
        let unknown = serde_json::from_value::<SessionStatus>(json!("paused")).unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "unknown variant `paused`, expected one of `active`, `ended`, `removed`, `revoked`, \
             `expired`, `abandoned`"
        );
        let number = serde_json::from_value::<SessionStatus>(json!(5)).unwrap_err();
        assert_eq!(
            number.to_string(),
            "invalid type: integer `5`, expected enum SessionStatus"
        );
    }

    fn user() -> serde_json::Value {
        json!({
            "object": "user", "id": "user_1", "first_name": "Ada", "last_name": null,
            "email_address": "ada@example.com", "created_at": 1, "updated_at": 2,
        })
    }

    #[test]
    fn a_missing_or_null_optional_string_is_none_and_a_missing_required_field_fails() {
        // The table decoder (`wire::decoder!`) keeps the derived rules: `image_url` is absent and
        // `last_name` null, both `None`; a missing `String` or `i64` is an error naming it.
        let decoded: User = serde_json::from_value(user()).unwrap();
        assert_eq!(decoded.first_name.as_deref(), Some("Ada"));
        assert_eq!(decoded.last_name, None);
        assert_eq!(decoded.image_url, None);
        assert_eq!(decoded.created_at, 1);
        for field in ["id", "created_at"] {
            let mut json = user();
            json.as_object_mut().unwrap().remove(field);
            let err = serde_json::from_value::<User>(json).unwrap_err();
            assert_eq!(err.to_string(), format!("missing field `{field}`"));
        }
    }
}
