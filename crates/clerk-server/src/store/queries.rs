//! Every query of the server. Each is one SQL text shared by both backends; [`dispatch!`]
//! expands the call once per pool type. `GET /v1/client` costs two indexed lookups: the client by
//! id, then one join of its live sessions with their users.

use super::rows::{decode_client, decode_session, decode_user};
use super::{dispatch, ClientRow, Db, NewSession, SessionRow, UserRow};
use crate::error::AppError;
use clerk_protocol::SessionStatus;

/// Session columns joined with the user, in the order `decode_session` reads them.
macro_rules! session_columns {
    () => {
        "SELECT s.id, s.client_id, s.status, s.last_active_at, s.expire_at, s.abandon_at, \
         s.user_agent, s.ip_address, s.created_at, s.updated_at, u.id, u.email_address, \
         u.first_name, u.last_name, u.image_url, u.created_at, u.updated_at \
         FROM sessions s JOIN users u ON u.id = s.user_id "
    };
}

/// The condition "stored active and not past expire_at / abandon_at at $2".
macro_rules! live_at_2 {
    () => {
        "s.status = 'active' AND s.expire_at > $2 AND s.abandon_at > $2 "
    };
}

impl Db {
    /// The client with this id.
    pub async fn find_client(&self, id: &str) -> Result<Option<ClientRow>, AppError> {
        const SQL: &str = "SELECT id, secret_hash, last_active_session_id, created_at, updated_at \
                           FROM clients WHERE id = $1";
        Ok(
            dispatch!(self, pool => match sqlx::query(SQL).bind(id).fetch_optional(pool).await? {
                Some(row) => Some(decode_client(&row)?),
                None => None,
            }),
        )
    }

    /// Stores a new client.
    pub async fn insert_client(&self, c: &ClientRow) -> Result<(), AppError> {
        const SQL: &str = "INSERT INTO clients (id, secret_hash, last_active_session_id, created_at, updated_at) \
                           VALUES ($1, $2, $3, $4, $5)";
        dispatch!(self, pool => sqlx::query(SQL)
            .bind(&c.id).bind(&c.secret_hash).bind(&c.last_active_session_id)
            .bind(c.created_at).bind(c.updated_at)
            .execute(pool).await?.rows_affected());
        Ok(())
    }

    /// Deletes a client (its sessions must be ended first).
    pub async fn delete_client(&self, id: &str) -> Result<(), AppError> {
        dispatch!(self, pool => sqlx::query("DELETE FROM clients WHERE id = $1").bind(id).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// Sets (or clears) the client's last active session.
    pub async fn set_last_active(
        &self,
        client_id: &str,
        session_id: Option<&str>,
        now: i64,
    ) -> Result<(), AppError> {
        const SQL: &str =
            "UPDATE clients SET last_active_session_id = $2, updated_at = $3 WHERE id = $1";
        dispatch!(self, pool => sqlx::query(SQL).bind(client_id).bind(session_id).bind(now).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// Clears the client's last active session if it is `session_id`.
    pub async fn clear_last_active_if(
        &self,
        client_id: &str,
        session_id: &str,
        now: i64,
    ) -> Result<(), AppError> {
        const SQL: &str = "UPDATE clients SET last_active_session_id = NULL, updated_at = $3 \
                           WHERE id = $1 AND last_active_session_id = $2";
        dispatch!(self, pool => sqlx::query(SQL).bind(client_id).bind(session_id).bind(now).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// The client's live sessions at `now`, oldest first, with their users (the hot path).
    pub async fn live_sessions_of_client(
        &self,
        client_id: &str,
        now: i64,
    ) -> Result<Vec<SessionRow>, AppError> {
        const SQL: &str = concat!(
            session_columns!(),
            "WHERE s.client_id = $1 AND ",
            live_at_2!(),
            "ORDER BY s.created_at, s.id"
        );
        Ok(dispatch!(self, pool => {
            let rows = sqlx::query(SQL).bind(client_id).bind(now).fetch_all(pool).await?;
            rows.iter().map(decode_session).collect::<Result<Vec<_>, _>>()?
        }))
    }

    /// The user's live sessions on every client at `now`, most recently active first.
    pub async fn live_sessions_of_user(
        &self,
        user_id: &str,
        now: i64,
    ) -> Result<Vec<SessionRow>, AppError> {
        const SQL: &str = concat!(
            session_columns!(),
            "WHERE s.user_id = $1 AND ",
            live_at_2!(),
            "ORDER BY s.last_active_at DESC, s.id"
        );
        Ok(dispatch!(self, pool => {
            let rows = sqlx::query(SQL).bind(user_id).bind(now).fetch_all(pool).await?;
            rows.iter().map(decode_session).collect::<Result<Vec<_>, _>>()?
        }))
    }

    /// One session with its user, whatever its status.
    pub async fn find_session(&self, id: &str) -> Result<Option<SessionRow>, AppError> {
        const SQL: &str = concat!(session_columns!(), "WHERE s.id = $1");
        Ok(
            dispatch!(self, pool => match sqlx::query(SQL).bind(id).fetch_optional(pool).await? {
                Some(row) => Some(decode_session(&row)?),
                None => None,
            }),
        )
    }

    /// Stores a new active session.
    pub async fn insert_session(&self, s: &NewSession) -> Result<(), AppError> {
        const SQL: &str =
            "INSERT INTO sessions (id, client_id, user_id, status, last_active_at, expire_at, \
                           abandon_at, user_agent, ip_address, created_at, updated_at) \
                           VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8, $4, $4)";
        dispatch!(self, pool => sqlx::query(SQL)
            .bind(&s.id).bind(&s.client_id).bind(&s.user_id).bind(s.now).bind(s.expire_at)
            .bind(s.abandon_at).bind(&s.user_agent).bind(&s.ip_address)
            .execute(pool).await?.rows_affected());
        Ok(())
    }

    /// Records activity on a still-active session.
    pub async fn touch_session(&self, id: &str, now: i64, abandon_at: i64) -> Result<(), AppError> {
        const SQL: &str =
            "UPDATE sessions SET last_active_at = $2, abandon_at = $3, updated_at = $2 \
                           WHERE id = $1 AND status = 'active'";
        dispatch!(self, pool => sqlx::query(SQL).bind(id).bind(now).bind(abandon_at).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// Moves an active session to a final status; `false` if it was not active any more.
    pub async fn finish_session(
        &self,
        id: &str,
        status: SessionStatus,
        now: i64,
    ) -> Result<bool, AppError> {
        const SQL: &str =
            "UPDATE sessions SET status = $2, updated_at = $3 WHERE id = $1 AND status = 'active'";
        let done = dispatch!(self, pool => sqlx::query(SQL).bind(id).bind(status.as_str()).bind(now)
            .execute(pool).await?.rows_affected());
        Ok(done > 0)
    }

    /// Ends every active session of a client.
    pub async fn end_client_sessions(&self, client_id: &str, now: i64) -> Result<(), AppError> {
        const SQL: &str = "UPDATE sessions SET status = 'ended', updated_at = $2 WHERE client_id = $1 AND status = 'active'";
        dispatch!(self, pool => sqlx::query(SQL).bind(client_id).bind(now).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// The user with this (lower-cased) email address.
    pub async fn find_user_by_email(&self, email: &str) -> Result<Option<UserRow>, AppError> {
        const SQL: &str =
            "SELECT id, email_address, first_name, last_name, image_url, created_at, updated_at, \
                           password_hash FROM users WHERE email_address = $1";
        Ok(
            dispatch!(self, pool => match sqlx::query(SQL).bind(email).fetch_optional(pool).await? {
                Some(row) => Some(decode_user(&row)?),
                None => None,
            }),
        )
    }

    /// Stores a new user; `IdentifierExists` if the email is taken.
    pub async fn insert_user(&self, u: &UserRow) -> Result<(), AppError> {
        const SQL: &str =
            "INSERT INTO users (id, email_address, first_name, last_name, image_url, created_at, \
                           updated_at, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        let result = dispatch!(self, pool => sqlx::query(SQL)
            .bind(&u.user.id).bind(&u.user.email_address).bind(&u.user.first_name).bind(&u.user.last_name)
            .bind(&u.user.image_url).bind(u.user.created_at).bind(u.user.updated_at).bind(&u.password_hash)
            .execute(pool).await.map(|r| r.rows_affected()));
        match result {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(AppError::IdentifierExists)
            }
            Err(e) => Err(e.into()),
        }
    }
}
