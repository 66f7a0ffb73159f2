//! The queries that only read. The hot path, `GET /v1/client`, is two indexed queries
//! ([`Db::client_with_live_sessions`]): the client with its live sessions and their users, then
//! those users' email addresses; it
//! and the client-and-session read of `touch` / `tokens` come from the process's client cache
//! when it holds the client ([`super::cache`]).

use super::args::{args, stmt};
use super::cache::Snapshot;
use super::error::StoreResult;
use super::rows;
use super::sql::{self, CLIENT_COLS};
use super::{ClientRow, Db, SessionRow, UserRow};
use std::sync::Arc;

impl Db {
    /// Client `id` with its sessions live at `now`: from the process's client cache, or one
    /// query (stored in the cache when nothing changed the client meanwhile).
    async fn snapshot(&self, id: &str, now: i64) -> StoreResult<Option<Arc<Snapshot>>> {
        self.cache()
            .read_through(id, now, || async {
                let mut found: Option<(ClientRow, Vec<SessionRow>)> = None;
                let args = args![id, now];
                let query = stmt!(sql::CLIENT_WITH_LIVE_SESSIONS);
                self.reader()
                    .for_each(query, &args, |row| {
                        let (_, sessions) = match &mut found {
                            Some(found) => found,
                            None => found.insert((rows::client(row, id)?, Vec::with_capacity(4))),
                        };
                        sessions.extend(rows::session_at(row, CLIENT_COLS)?);
                        Ok(())
                    })
                    .await?;
                if let Some((_, sessions)) = found.as_mut().filter(|(_, s)| !s.is_empty()) {
                    let mut reader = self.reader();
                    let addresses = super::email_addresses::of_client(&mut reader, id, now).await?;
                    SessionRow::attach_addresses(sessions, &addresses);
                }
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
    ) -> StoreResult<Option<(ClientRow, Vec<SessionRow>)>> {
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
    ) -> StoreResult<Option<(ClientRow, Option<SessionRow>, bool)>> {
        let Some(snapshot) = self.snapshot(id, now).await? else {
            return Ok(None);
        };
        let has_live = snapshot.sessions.iter().any(|s| s.is_live(now));
        if let Some(s) = snapshot.sessions.iter().find(|s| s.id == session_id) {
            return Ok(Some((snapshot.client.clone(), Some(s.clone()), has_live)));
        }
        // Not live any more, or not this client's: the database tells which.
        let args = args![id, session_id];
        let found = self
            .reader()
            .query_opt(stmt!(sql::CLIENT_AND_SESSION), &args, |row| {
                Ok((rows::client(row, id)?, rows::session_at(row, CLIENT_COLS)?))
            })
            .await?;
        let Some((client, mut session)) = found else {
            return Ok(None);
        };
        self.attach_user_addresses(session.as_mut_slice()).await?;
        Ok(Some((client, session, has_live)))
    }

    /// One session with its user, whatever its status.
    pub async fn find_session(&self, id: &str) -> StoreResult<Option<SessionRow>> {
        let query = stmt!(sql::FIND_SESSION);
        let mut found = self
            .reader()
            .query_opt(query, &args![id], rows::session)
            .await?;
        self.attach_user_addresses(found.as_mut_slice()).await?;
        Ok(found)
    }

    /// The user's live sessions on every client at `now`, most recently active first.
    pub async fn live_sessions_of_user(
        &self,
        user_id: &str,
        now: i64,
    ) -> StoreResult<Vec<SessionRow>> {
        let query = stmt!(sql::LIVE_SESSIONS_OF_USER);
        let args = args![user_id, now];
        let mut sessions = self.reader().query_all(query, &args, rows::session).await?;
        self.attach_user_addresses(&mut sessions).await?;
        Ok(sessions)
    }

    /// The user with this (lower-cased) email address.
    pub async fn find_user_by_email(&self, email: &str) -> StoreResult<Option<UserRow>> {
        let query = stmt!(sql::FIND_USER_BY_EMAIL);
        self.reader()
            .query_opt(query, &args![email], rows::user)
            .await
    }
}
