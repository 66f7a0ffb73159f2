//! Builders of protocol values for unit tests.

use clerk_protocol::{Client, Session, SessionStatus, User};

pub fn user(n: &str) -> User {
    User {
        object: "user".into(),
        id: format!("user_{n}"),
        first_name: Some(n.to_uppercase()),
        last_name: None,
        email_address: format!("{n}@example.com"),
        email_addresses: Vec::new(),
        primary_email_address_id: None,
        image_url: None,
        created_at: 1,
        updated_at: 1,
    }
}

pub fn session(n: &str) -> Session {
    Session {
        object: "session".into(),
        id: format!("sess_{n}"),
        status: SessionStatus::Active,
        user: user(n),
        last_active_at: 1,
        expire_at: 10,
        abandon_at: 10,
        created_at: 1,
        updated_at: 1,
        latest_activity: None,
    }
}

/// A client holding sessions `sess_{n}` for each name, the last active one being `last`.
pub fn client(names: &[&str], last: Option<&str>) -> Client {
    Client {
        object: "client".into(),
        id: "client_1".into(),
        sessions: names.iter().map(|n| session(n)).collect(),
        last_active_session_id: last.map(|n| format!("sess_{n}")),
        created_at: 1,
        updated_at: 1,
    }
}
