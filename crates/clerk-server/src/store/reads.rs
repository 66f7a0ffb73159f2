//! The queries that only read. The hot path, `GET /v1/client`, is one indexed query
//! ([`Db::client_with_live_sessions`]): the client with its live sessions and their users; it
//! and the client-and-session read of `touch` / `tokens` come from the process's client cache
//! when it holds the client ([`super::cache`]).

use super::cache::Snapshot;
use super::rows::{self, Cols};
use super::sql::{self, CLIENT_COLS};
use super::sqlite::q;
use super::{ClientRow, Db, SessionRow, UserRow};
use crate::error::AppError;
use std::sync::Arc;

/// Decodes the rows of `CLIENT_WITH_LIVE_SESSIONS` / `CLIENT_AND_SESSION` for client `id`.
fn client_and_sessions<R: Cols>(
    id: &str,
    rows: &[R],
) -> Result<Option<(ClientRow, Vec<SessionRow>)>, AppError> {
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let client = rows::client(first, id)?;
    let mut sessions = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(s) = rows::session_at(row, CLIENT_COLS)? {
            sessions.push(s);
        }
    }
    Ok(Some((client, sessions)))
}

/// Runs a SQLite query and decodes every row with `decode`.
fn sqlite_all<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
    mut decode: impl FnMut(&rusqlite::Row<'_>) -> Result<T, AppError>,
) -> Result<Vec<T>, AppError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(decode(row)?);
    }
    Ok(out)
}

/// SQLite: `CLIENT_WITH_LIVE_SESSIONS`, the client `id` with its sessions live at `now`.
fn sqlite_client_with_live_sessions(
    c: &rusqlite::Connection,
    id: &str,
    now: i64,
) -> Result<Option<(ClientRow, Vec<SessionRow>)>, AppError> {
    let mut stmt = c.prepare_cached(q!(sql::CLIENT_WITH_LIVE_SESSIONS))?;
    let mut rows = stmt.query(rusqlite::params![id, now])?;
    let Some(first) = rows.next()? else {
        return Ok(None);
    };
    let client = rows::client(first, id)?;
    let mut sessions = Vec::with_capacity(4);
    sessions.extend(rows::session_at(first, CLIENT_COLS)?);
    while let Some(row) = rows.next()? {
        sessions.extend(rows::session_at(row, CLIENT_COLS)?);
    }
    Ok(Some((client, sessions)))
}

impl Db {
    /// Client `id` with its sessions live at `now`: from the process's client cache, or one
    /// query (stored in the cache when nothing changed the client meanwhile).
    async fn snapshot(&self, id: &str, now: i64) -> Result<Option<Arc<Snapshot>>, AppError> {
        self.cache()
            .read_through(id, now, || async {
                let found = match self {
                    Db::Sqlite(db) => {
                        db.read(|c| sqlite_client_with_live_sessions(c, id, now))
                            .await?
                    }
                    Db::Postgres(pg) => {
                        let rows = sqlx::query(sql::CLIENT_WITH_LIVE_SESSIONS)
                            .bind(id)
                            .bind(now)
                            .fetch_all(&pg.pool)
                            .await?;
                        client_and_sessions(id, &rows)?
                    }
                };
                Ok(found.map(|(client, sessions)| Snapshot {
                    client,
                    sessions,
                    as_of: now,
                }))
            })
            .await
    }

    /// The client with this id and its live sessions at `now` with their users, oldest first:
    /// from the cache, or one query.
    pub async fn client_with_live_sessions(
        &self,
        id: &str,
        now: i64,
    ) -> Result<Option<(ClientRow, Vec<SessionRow>)>, AppError> {
        Ok(self.snapshot(id, now).await?.map(|s| {
            let live = s.sessions.iter().filter(|x| x.is_live(now)).cloned();
            (s.client.clone(), live.collect())
        }))
    }

    /// The client with this id, its session `session_id` (any status) if the session is this
    /// client's, and whether the client holds any session live at `now`: from the cache when the
    /// session is live there, else one query more. `now` is the time of the request (the
    /// cache's snapshots hold sessions live then).
    pub async fn client_and_session(
        &self,
        id: &str,
        session_id: &str,
        now: i64,
    ) -> Result<Option<(ClientRow, Option<SessionRow>, bool)>, AppError> {
        let Some(snapshot) = self.snapshot(id, now).await? else {
            return Ok(None);
        };
        let has_live = snapshot.sessions.iter().any(|s| s.is_live(now));
        if let Some(s) = snapshot.sessions.iter().find(|s| s.id == session_id) {
            return Ok(Some((snapshot.client.clone(), Some(s.clone()), has_live)));
        }
        // Not live any more, or not this client's: the database tells which.
        let found = match self {
            Db::Sqlite(db) => {
                db.read(|c| {
                    let mut stmt = c.prepare_cached(q!(sql::CLIENT_AND_SESSION))?;
                    let mut rows = stmt.query([id, session_id])?;
                    match rows.next()? {
                        Some(row) => Ok(Some((
                            rows::client(row, id)?,
                            rows::session_at(row, CLIENT_COLS)?,
                        ))),
                        None => Ok(None),
                    }
                })
                .await?
            }
            Db::Postgres(pg) => {
                let rows = sqlx::query(sql::CLIENT_AND_SESSION)
                    .bind(id)
                    .bind(session_id)
                    .fetch_all(&pg.pool)
                    .await?;
                client_and_sessions(id, &rows)?.map(|(c, mut s)| (c, s.pop()))
            }
        };
        Ok(found.map(|(c, s)| (c, s, has_live)))
    }

    /// One session with its user, whatever its status.
    pub async fn find_session(&self, id: &str) -> Result<Option<SessionRow>, AppError> {
        match self {
            Db::Sqlite(db) => {
                db.read(|c| {
                    Ok(sqlite_all(c, q!(sql::FIND_SESSION), [id], |r| rows::session(r))?.pop())
                })
                .await
            }
            Db::Postgres(pg) => match sqlx::query(sql::FIND_SESSION)
                .bind(id)
                .fetch_optional(&pg.pool)
                .await?
            {
                Some(row) => Ok(Some(rows::session(&row)?)),
                None => Ok(None),
            },
        }
    }

    /// The user's live sessions on every client at `now`, most recently active first.
    pub async fn live_sessions_of_user(
        &self,
        user_id: &str,
        now: i64,
    ) -> Result<Vec<SessionRow>, AppError> {
        match self {
            Db::Sqlite(db) => {
                db.read(|c| {
                    let params = rusqlite::params![user_id, now];
                    sqlite_all(c, q!(sql::LIVE_SESSIONS_OF_USER), params, |r| {
                        rows::session(r)
                    })
                })
                .await
            }
            Db::Postgres(pg) => sqlx::query(sql::LIVE_SESSIONS_OF_USER)
                .bind(user_id)
                .bind(now)
                .fetch_all(&pg.pool)
                .await?
                .iter()
                .map(rows::session)
                .collect(),
        }
    }

    /// The user with this (lower-cased) email address.
    pub async fn find_user_by_email(&self, email: &str) -> Result<Option<UserRow>, AppError> {
        match self {
            Db::Sqlite(db) => {
                db.read(|c| {
                    Ok(
                        sqlite_all(c, q!(sql::FIND_USER_BY_EMAIL), [email], |r| rows::user(r))?
                            .pop(),
                    )
                })
                .await
            }
            Db::Postgres(pg) => match sqlx::query(sql::FIND_USER_BY_EMAIL)
                .bind(email)
                .fetch_optional(&pg.pool)
                .await?
            {
                Some(row) => Ok(Some(rows::user(&row)?)),
                None => Ok(None),
            },
        }
    }
}
