//! The statements that change state. Starting a session is one transaction that checks the
//! session rules with the client locked (see [`crate::session_rules`]); the others are single
//! statements, guarded so that a session finished by another process is never revived.
//! Activity writes (touch, token minting) are in [`super::activity`].

use super::sql;
use super::sqlite::q;
use super::{ClientRow, Db, NewSession, UserRow};
use crate::error::AppError;
use crate::session_rules::{self, LiveSession, SessionRules};
use clerk_protocol::SessionStatus;
use rusqlite::params;

/// A new secret for an existing client (see [`crate::credential`]).
#[derive(Debug, Clone, Copy)]
pub struct Rotation<'a> {
    /// The hash the caller authenticated with: if the client's secret is not this one any more
    /// (another sign-in rotated it meanwhile), nothing is stored (`client_rotated`).
    pub expected_hash: &'a str,
    /// The hash of the new secret.
    pub new_hash: &'a str,
    /// Until when the replaced secret keeps working (Unix ms).
    pub grace_until: i64,
}

/// What [`Db::start_session`] stores, all or nothing.
#[derive(Debug, Clone, Copy)]
pub struct SessionStart<'a> {
    /// A client to create first (the caller had no valid cookie).
    pub new_client: Option<&'a ClientRow>,
    /// Otherwise, the existing client's new secret.
    pub rotation: Option<Rotation<'a>>,
    /// An account to create first (sign-up).
    pub new_user: Option<&'a UserRow>,
    /// The session, which becomes the client's last active one.
    pub session: &'a NewSession,
    /// The rules checked against the client's live sessions, inside the transaction.
    pub rules: SessionRules,
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

fn sqlite_unique_violation(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
}

/// `db.exec(SQL, its SQLite spelling, client it changes, args)`.
macro_rules! exec {
    ($db:expr, $sql:expr, $client:expr, $args:expr) => {
        $db.exec($sql, q!($sql), $client, $args)
    };
}

impl Db {
    /// In one transaction: creates the client (or rotates its secret) and the user when given,
    /// checks the session rules against the client's live sessions with the client locked,
    /// stores the session in the client's new generation and makes it the client's last active
    /// one. `IdentifierExists` if the new user's email is taken; `ClientRotated` if the secret
    /// the caller holds was replaced meanwhile.
    pub async fn start_session(&self, start: SessionStart<'_>) -> Result<(), AppError> {
        let s = start.session;
        let result = self.store_session(start).await;
        // Whatever the outcome (a lost connection may hide a commit): the cache forgets.
        self.changed(&s.client_id);
        result
    }

    async fn store_session(&self, start: SessionStart<'_>) -> Result<(), AppError> {
        let s = start.session;
        let user_id = start.new_user.map_or(s.user_id.as_str(), |u| &u.user.id);
        match self {
            Db::Sqlite(db) => {
                db.transaction(|tx| {
                    if let Some(c) = start.new_client {
                        tx.prepare_cached(q!(sql::INSERT_CLIENT))?.execute(params![
                            c.id,
                            c.secret_hash,
                            c.created_at
                        ])?;
                    }
                    let live: Vec<LiveSession> = tx
                        .prepare_cached(q!(sql::LIVE_SESSION_USERS))?
                        .query_map(params![s.client_id, s.now], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect::<Result<_, _>>()?;
                    let new_account = start.new_user.is_some();
                    session_rules::check(start.rules, &live, (!new_account).then_some(user_id))?;
                    if let Some(u) = start.new_user {
                        let inserted = tx.prepare_cached(q!(sql::INSERT_USER))?.execute(params![
                            u.user.id,
                            u.user.email_address,
                            u.user.first_name,
                            u.user.last_name,
                            u.user.image_url,
                            u.user.created_at,
                            u.user.updated_at,
                            u.password_hash
                        ]);
                        match inserted {
                            Err(e) if sqlite_unique_violation(&e) => {
                                return Err(AppError::IdentifierExists)
                            }
                            other => other?,
                        };
                    }
                    let generation = match start.rotation {
                        Some(r) => tx
                            .prepare_cached(q!(sql::ROTATE_CLIENT))?
                            .query_row(
                                params![
                                    s.client_id,
                                    r.expected_hash,
                                    r.grace_until,
                                    r.new_hash,
                                    s.now
                                ],
                                |row| row.get::<_, i64>(0),
                            )
                            .map_err(|e| match e {
                                rusqlite::Error::QueryReturnedNoRows => AppError::ClientRotated,
                                e => e.into(),
                            })?,
                        None => 0,
                    };
                    tx.prepare_cached(q!(sql::INSERT_SESSION))?
                        .execute(params![
                            s.id,
                            s.client_id,
                            user_id,
                            s.now,
                            s.expire_at,
                            s.abandon_at,
                            s.user_agent,
                            s.ip_address,
                            generation
                        ])?;
                    tx.prepare_cached(q!(sql::SET_LAST_ACTIVE))?
                        .execute(params![s.client_id, s.id, s.now])?;
                    Ok(())
                })
                .await
            }
            Db::Postgres(pg) => {
                let mut tx = pg.pool.begin().await?;
                if let Some(c) = start.new_client {
                    sqlx::query(sql::INSERT_CLIENT)
                        .bind(&c.id)
                        .bind(&c.secret_hash)
                        .bind(c.created_at)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query(sql::LOCK_CLIENT_PG)
                    .bind(&s.client_id)
                    .execute(&mut *tx)
                    .await?;
                let live: Vec<LiveSession> = sqlx::query_as(sql::LIVE_SESSION_USERS)
                    .bind(&s.client_id)
                    .bind(s.now)
                    .fetch_all(&mut *tx)
                    .await?;
                let new_account = start.new_user.is_some();
                session_rules::check(start.rules, &live, (!new_account).then_some(user_id))?;
                if let Some(u) = start.new_user {
                    let inserted = sqlx::query(sql::INSERT_USER)
                        .bind(&u.user.id)
                        .bind(&u.user.email_address)
                        .bind(&u.user.first_name)
                        .bind(&u.user.last_name)
                        .bind(&u.user.image_url)
                        .bind(u.user.created_at)
                        .bind(u.user.updated_at)
                        .bind(&u.password_hash)
                        .execute(&mut *tx)
                        .await;
                    match inserted {
                        Err(e) if is_unique_violation(&e) => {
                            return Err(AppError::IdentifierExists)
                        }
                        other => other?,
                    };
                }
                let generation = match start.rotation {
                    Some(r) => {
                        let rotated: Option<(i64,)> = sqlx::query_as(sql::ROTATE_CLIENT)
                            .bind(&s.client_id)
                            .bind(r.expected_hash)
                            .bind(r.grace_until)
                            .bind(r.new_hash)
                            .bind(s.now)
                            .fetch_optional(&mut *tx)
                            .await?;
                        rotated.ok_or(AppError::ClientRotated)?.0
                    }
                    None => 0,
                };
                sqlx::query(sql::INSERT_SESSION)
                    .bind(&s.id)
                    .bind(&s.client_id)
                    .bind(user_id)
                    .bind(s.now)
                    .bind(s.expire_at)
                    .bind(s.abandon_at)
                    .bind(&s.user_agent)
                    .bind(&s.ip_address)
                    .bind(generation)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(sql::SET_LAST_ACTIVE)
                    .bind(&s.client_id)
                    .bind(&s.id)
                    .bind(s.now)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }
        }
    }

    /// Runs one statement (`pg`, or its SQLite spelling `lite`) that changes client `client`
    /// (or its sessions) with `$1..` bound to `args`; the number of rows it changed. Called
    /// through `exec!`.
    async fn exec(
        &self,
        pg: &'static str,
        lite: &'static str,
        client: &str,
        args: &[Arg<'_>],
    ) -> Result<u64, AppError> {
        let result = match self {
            Db::Sqlite(db) => {
                db.write(|c| {
                    let mut stmt = c.prepare_cached(lite)?;
                    for (i, a) in args.iter().enumerate() {
                        match a {
                            Arg::Text(v) => stmt.raw_bind_parameter(i + 1, v)?,
                            Arg::Int(v) => stmt.raw_bind_parameter(i + 1, v)?,
                        }
                    }
                    Ok(stmt.raw_execute()? as u64)
                })
                .await
            }
            Db::Postgres(db) => {
                let mut query = sqlx::query(pg);
                for a in args {
                    query = match *a {
                        Arg::Text(v) => query.bind(v),
                        Arg::Int(v) => query.bind(v),
                    };
                }
                query
                    .execute(&db.pool)
                    .await
                    .map(|done| done.rows_affected())
                    .map_err(AppError::from)
            }
        };
        self.changed(client);
        result
    }

    /// Deletes a client (its sessions must be ended first).
    pub async fn delete_client(&self, id: &str) -> Result<(), AppError> {
        exec!(self, sql::DELETE_CLIENT, id, &[Arg::Text(Some(id))]).await?;
        Ok(())
    }

    /// Sets (or clears) the client's last active session.
    pub async fn set_last_active(
        &self,
        client_id: &str,
        session_id: Option<&str>,
        now: i64,
    ) -> Result<(), AppError> {
        let args = [
            Arg::Text(Some(client_id)),
            Arg::Text(session_id),
            Arg::Int(now),
        ];
        exec!(self, sql::SET_LAST_ACTIVE, client_id, &args).await?;
        Ok(())
    }

    /// Clears the client's last active session if it is `session_id`.
    pub async fn clear_last_active_if(
        &self,
        client_id: &str,
        session_id: &str,
        now: i64,
    ) -> Result<(), AppError> {
        let args = [
            Arg::Text(Some(client_id)),
            Arg::Text(Some(session_id)),
            Arg::Int(now),
        ];
        exec!(self, sql::CLEAR_LAST_ACTIVE_IF, client_id, &args).await?;
        Ok(())
    }

    /// Moves active session `id` of client `client_id` to a final status; `false` if it was
    /// not active any more.
    pub async fn finish_session(
        &self,
        client_id: &str,
        id: &str,
        status: SessionStatus,
        now: i64,
    ) -> Result<bool, AppError> {
        let args = [
            Arg::Text(Some(id)),
            Arg::Text(Some(status.as_str())),
            Arg::Int(now),
        ];
        Ok(exec!(self, sql::FINISH_SESSION, client_id, &args).await? > 0)
    }

    /// Ends every active session of a client.
    pub async fn end_client_sessions(&self, client_id: &str, now: i64) -> Result<(), AppError> {
        let args = [Arg::Text(Some(client_id)), Arg::Int(now)];
        exec!(self, sql::END_CLIENT_SESSIONS, client_id, &args).await?;
        Ok(())
    }
}

/// A statement parameter.
#[derive(Debug, Clone, Copy)]
enum Arg<'a> {
    Text(Option<&'a str>),
    Int(i64),
}
