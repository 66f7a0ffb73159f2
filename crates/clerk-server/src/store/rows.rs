//! Rows as the server uses them, decoded by column position from either backend (through
//! [`Cols`], which both drivers' rows implement), and their conversion into the protocol's
//! resources.

use super::cols::Cols;
use super::error::{StoreError, StoreResult};
use crate::lifetime;
use clerk_protocol::{Session, SessionActivity, SessionStatus, User, OBJECT_SESSION, OBJECT_USER};

/// A client: one browser's cookie and its last active session.
#[derive(Debug, Clone)]
pub struct ClientRow {
    /// `client_...`
    pub id: String,
    /// Hex SHA-256 of the cookie secret.
    pub secret_hash: String,
    /// The session last signed in to or touched here.
    pub last_active_session_id: Option<String>,
    /// Unix ms.
    pub created_at: i64,
    /// Unix ms.
    pub updated_at: i64,
    /// How many times the secret was rotated (each sign-in rotates it).
    pub generation: i64,
    /// Hex SHA-256 of the secret the last rotation replaced, valid until `prev_secret_until`.
    pub prev_secret_hash: Option<String>,
    /// Unix ms: the end of the previous secret's grace window.
    pub prev_secret_until: i64,
    /// Unix ms: the last rotation (or creation); the client's lifetime counts from it.
    pub rotated_at: i64,
}

impl ClientRow {
    /// A client created at `now` with the secret whose hash is `secret_hash`: a fresh id, no
    /// session yet, never rotated.
    pub fn new(secret_hash: String, now: i64) -> Result<Self, crate::error::AppError> {
        Ok(Self {
            id: crate::secrets::new_id("client")?,
            secret_hash,
            last_active_session_id: None,
            created_at: now,
            updated_at: now,
            generation: 0,
            prev_secret_hash: None,
            prev_secret_until: 0,
            rotated_at: now,
        })
    }
}

/// An account with its password hash.
#[derive(Debug, Clone)]
pub struct UserRow {
    /// The public part.
    pub user: User,
    /// argon2id PHC string.
    pub password_hash: String,
    /// A new account's addresses, stored with it (its primary first); empty when read.
    pub addresses: Vec<super::AddressRow>,
}

/// A session joined with its user.
#[derive(Debug, Clone)]
pub struct SessionRow {
    /// `sess_...`
    pub id: String,
    /// The client holding it.
    pub client_id: String,
    /// The status as stored (time is applied by [`SessionRow::to_session`]).
    pub stored_status: SessionStatus,
    /// Unix ms.
    pub last_active_at: i64,
    /// Unix ms.
    pub expire_at: i64,
    /// Unix ms.
    pub abandon_at: i64,
    /// User-Agent at creation.
    pub user_agent: Option<String>,
    /// IP address at creation.
    pub ip_address: Option<String>,
    /// Unix ms.
    pub created_at: i64,
    /// Unix ms.
    pub updated_at: i64,
    /// The client generation it was created in (see [`ClientRow::generation`]).
    pub generation: i64,
    /// Unix ms: the session's last first-factor verification (its sign-in, or a later
    /// re-verification); see [`crate::reverification`].
    pub factor_verified_at: i64,
    /// Its account.
    pub user: User,
}

/// What a new session needs.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// `sess_...`
    pub id: String,
    /// The client.
    pub client_id: String,
    /// The user.
    pub user_id: String,
    /// Unix ms.
    pub now: i64,
    /// Unix ms.
    pub expire_at: i64,
    /// Unix ms.
    pub abandon_at: i64,
    /// User-Agent header.
    pub user_agent: Option<String>,
    /// Peer IP address.
    pub ip_address: Option<String>,
}

impl SessionRow {
    /// The users of `sessions` with `addresses` (of those users, oldest first) filled in.
    pub fn attach_addresses(sessions: &mut [SessionRow], addresses: &[super::AddressRow]) {
        for s in sessions {
            s.user.email_addresses = addresses
                .iter()
                .filter(|a| a.user_id == s.user.id)
                .map(super::AddressRow::to_resource)
                .collect();
        }
    }
}

impl SessionRow {
    /// Whether the session is usable at `now`.
    pub fn is_live(&self, now: i64) -> bool {
        lifetime::is_live(self.stored_status, self.expire_at, self.abandon_at, now)
    }

    /// The status at `now`.
    pub fn status(&self, now: i64) -> SessionStatus {
        lifetime::effective_status(self.stored_status, self.expire_at, self.abandon_at, now)
    }

    /// The protocol resource at `now`.
    pub fn to_session(&self, now: i64) -> Session {
        Session {
            object: OBJECT_SESSION.to_owned(),
            id: self.id.clone(),
            status: self.status(now),
            user: self.user.clone(),
            last_active_at: self.last_active_at,
            expire_at: self.expire_at,
            abandon_at: self.abandon_at,
            created_at: self.created_at,
            updated_at: self.updated_at,
            latest_activity: None,
        }
    }

    /// The protocol resource with `latest_activity` filled in.
    pub fn to_session_with_activity(&self, now: i64, current_client_id: Option<&str>) -> Session {
        let mut session = self.to_session(now);
        session.latest_activity = Some(SessionActivity {
            user_agent: self.user_agent.clone(),
            ip_address: self.ip_address.clone(),
            is_current_client: current_client_id == Some(self.client_id.as_str()),
        });
        session
    }
}

fn user_at(row: &dyn Cols, at: usize) -> StoreResult<User> {
    Ok(User {
        object: OBJECT_USER.to_owned(),
        id: row.text(at)?,
        email_address: row.text(at + 1)?,
        first_name: row.opt_text(at + 2)?,
        last_name: row.opt_text(at + 3)?,
        image_url: row.opt_text(at + 4)?,
        created_at: row.int(at + 5)?,
        updated_at: row.int(at + 6)?,
        primary_email_address_id: row.opt_text(at + 7)?,
        // Filled in by the reads that answer users (`super::email_addresses`).
        email_addresses: Vec::new(),
    })
}

/// Decodes the session columns starting at `at`; `None` when the session id there is NULL (a
/// LEFT JOIN that found no session).
pub fn session_at(row: &dyn Cols, at: usize) -> StoreResult<Option<SessionRow>> {
    let Some(id) = row.opt_text(at)? else {
        return Ok(None);
    };
    let status = row.text(at + 2)?;
    let int = |i: usize| row.int(at + i);
    let opt = |i: usize| row.opt_text(at + i);
    Ok(Some(SessionRow {
        id,
        client_id: row.text(at + 1)?,
        stored_status: SessionStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown session status {status:?}")))?,
        last_active_at: int(3)?,
        expire_at: int(4)?,
        abandon_at: int(5)?,
        user_agent: opt(6)?,
        ip_address: opt(7)?,
        created_at: int(8)?,
        updated_at: int(9)?,
        generation: int(10)?,
        factor_verified_at: int(11)?,
        user: user_at(row, at + 12)?,
    }))
}

/// Decodes a session that must be there.
pub fn session(row: &dyn Cols) -> StoreResult<SessionRow> {
    session_at(row, 0)?.ok_or_else(|| StoreError::Corrupt("session id is NULL".into()))
}

/// Decodes a row of `FIND_USER_BY_EMAIL` / `FIND_USER` (the user columns, then the hash).
pub fn user(row: &dyn Cols) -> StoreResult<UserRow> {
    Ok(UserRow {
        user: user_at(row, 0)?,
        password_hash: row.text(8)?,
        addresses: Vec::new(),
    })
}

/// Decodes the client prefix (`client_columns!` in [`super::sql`]) of client `id`.
pub fn client(row: &dyn Cols, id: &str) -> StoreResult<ClientRow> {
    let int = |i: usize| row.int(i);
    Ok(ClientRow {
        id: id.to_owned(),
        secret_hash: row.text(0)?,
        last_active_session_id: row.opt_text(1)?,
        created_at: int(2)?,
        updated_at: int(3)?,
        generation: int(4)?,
        prev_secret_hash: row.opt_text(5)?,
        prev_secret_until: int(6)?,
        rotated_at: int(7)?,
    })
}
