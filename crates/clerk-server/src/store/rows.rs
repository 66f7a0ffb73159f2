//! Rows as the server uses them, decoded by column position from either backend, and their
//! conversion into the protocol's resources.

use crate::lifetime;
use clerk_protocol::{Session, SessionActivity, SessionStatus, User, OBJECT_SESSION, OBJECT_USER};
use sqlx::{ColumnIndex, Decode, Row, Type};

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
}

/// An account with its password hash.
#[derive(Debug, Clone)]
pub struct UserRow {
    /// The public part.
    pub user: User,
    /// argon2id PHC string.
    pub password_hash: String,
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

fn user_at<'r, R>(row: &'r R, at: usize) -> Result<User, sqlx::Error>
where
    R: Row,
    usize: ColumnIndex<R>,
    i64: Decode<'r, R::Database> + Type<R::Database>,
    String: Decode<'r, R::Database> + Type<R::Database>,
{
    Ok(User {
        object: OBJECT_USER.to_owned(),
        id: row.try_get(at)?,
        email_address: row.try_get(at + 1)?,
        first_name: row.try_get(at + 2)?,
        last_name: row.try_get(at + 3)?,
        image_url: row.try_get(at + 4)?,
        created_at: row.try_get(at + 5)?,
        updated_at: row.try_get(at + 6)?,
    })
}

/// Decodes a row of `session_columns!`.
pub fn decode_session<'r, R>(row: &'r R) -> Result<SessionRow, sqlx::Error>
where
    R: Row,
    usize: ColumnIndex<R>,
    i64: Decode<'r, R::Database> + Type<R::Database>,
    String: Decode<'r, R::Database> + Type<R::Database>,
{
    let status: String = row.try_get(2)?;
    Ok(SessionRow {
        id: row.try_get(0)?,
        client_id: row.try_get(1)?,
        stored_status: SessionStatus::parse(&status).ok_or_else(|| {
            sqlx::Error::Decode(format!("unknown session status {status:?}").into())
        })?,
        last_active_at: row.try_get(3)?,
        expire_at: row.try_get(4)?,
        abandon_at: row.try_get(5)?,
        user_agent: row.try_get(6)?,
        ip_address: row.try_get(7)?,
        created_at: row.try_get(8)?,
        updated_at: row.try_get(9)?,
        user: user_at(row, 10)?,
    })
}

/// Decodes a row of `user_columns!`.
pub fn decode_user<'r, R>(row: &'r R) -> Result<UserRow, sqlx::Error>
where
    R: Row,
    usize: ColumnIndex<R>,
    i64: Decode<'r, R::Database> + Type<R::Database>,
    String: Decode<'r, R::Database> + Type<R::Database>,
{
    Ok(UserRow {
        user: user_at(row, 0)?,
        password_hash: row.try_get(7)?,
    })
}

/// Decodes a row of `client_columns!`.
pub fn decode_client<'r, R>(row: &'r R) -> Result<ClientRow, sqlx::Error>
where
    R: Row,
    usize: ColumnIndex<R>,
    i64: Decode<'r, R::Database> + Type<R::Database>,
    String: Decode<'r, R::Database> + Type<R::Database>,
{
    Ok(ClientRow {
        id: row.try_get(0)?,
        secret_hash: row.try_get(1)?,
        last_active_session_id: row.try_get(2)?,
        created_at: row.try_get(3)?,
        updated_at: row.try_get(4)?,
    })
}
