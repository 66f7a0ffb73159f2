//! The statements that change state. Starting a session is one transaction that checks the
//! session rules with the client locked (see [`crate::session_rules`]); the others are single
//! statements, guarded so that a session finished by another process is never revived.
//! Activity writes (touch, token minting) are in [`super::activity`].

use super::args::{args, pg_only, stmt, Arg, Sql};
use super::conn::Conn;
use super::error::{StoreError, StoreResult};
use super::sql;
use super::{ClientRow, Db, NewSession, UserRow};
use crate::session_rules::{self, LiveSession, SessionRules};
use clerk_protocol::SessionStatus;

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

impl Db {
    /// In one transaction: creates the client (or rotates its secret) and the user when given,
    /// checks the session rules against the client's live sessions with the client locked,
    /// stores the session in the client's new generation and makes it the client's last active
    /// one. `IdentifierExists` if the new user's email is taken; `ClientRotated` if the secret
    /// the caller holds was replaced meanwhile.
    pub async fn start_session(&self, start: SessionStart<'_>) -> StoreResult<()> {
        let s = start.session;
        let result = self.store_session(start).await;
        // Whatever the outcome (a lost connection may hide a commit): the cache forgets.
        self.changed(&s.client_id);
        result
    }

    async fn store_session(&self, start: SessionStart<'_>) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        store_session(&mut tx, start).await?;
        tx.commit().await
    }

    /// Runs one statement that changes client `client` (or its sessions); the number of rows
    /// it changed. The cache forgets the client whatever the outcome.
    async fn exec(&self, sql: Sql, client: &str, args: &[Arg<'_>]) -> StoreResult<u64> {
        let result = self.writer().await.execute(sql, args).await;
        self.changed(client);
        result
    }

    /// Deletes a client (its sessions must be ended first).
    pub async fn delete_client(&self, id: &str) -> StoreResult<()> {
        self.exec(stmt!(sql::DELETE_CLIENT), id, &args![id]).await?;
        Ok(())
    }

    /// Sets (or clears) the client's last active session.
    pub async fn set_last_active(
        &self,
        client_id: &str,
        session_id: Option<&str>,
        now: i64,
    ) -> StoreResult<()> {
        let args = args![client_id, session_id, now];
        self.exec(stmt!(sql::SET_LAST_ACTIVE), client_id, &args)
            .await?;
        Ok(())
    }

    /// Clears the client's last active session if it is `session_id`.
    pub async fn clear_last_active_if(
        &self,
        client_id: &str,
        session_id: &str,
        now: i64,
    ) -> StoreResult<()> {
        let args = args![client_id, session_id, now];
        let query = stmt!(sql::CLEAR_LAST_ACTIVE_IF);
        self.exec(query, client_id, &args).await?;
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
    ) -> StoreResult<bool> {
        let args = args![id, status.as_str(), now];
        Ok(self
            .exec(stmt!(sql::FINISH_SESSION), client_id, &args)
            .await?
            > 0)
    }

    /// Ends every active session of a client.
    pub async fn end_client_sessions(&self, client_id: &str, now: i64) -> StoreResult<()> {
        let args = args![client_id, now];
        let query = stmt!(sql::END_CLIENT_SESSIONS);
        self.exec(query, client_id, &args).await?;
        Ok(())
    }
}

/// [`Db::start_session`]'s transaction, written once for both backends.
async fn store_session(tx: &mut Conn<'_>, start: SessionStart<'_>) -> StoreResult<()> {
    let s = start.session;
    let user_id = start.new_user.map_or(s.user_id.as_str(), |u| &u.user.id);
    if let Some(c) = start.new_client {
        let args = args![&c.id, &c.secret_hash, c.created_at];
        tx.execute(stmt!(sql::INSERT_CLIENT), &args).await?;
    }
    // SQLite needs no row lock: BEGIN IMMEDIATE already holds the database.
    let lock = pg_only!(sql::LOCK_CLIENT_PG);
    tx.execute(lock, &args![&s.client_id]).await?;
    let args = args![&s.client_id, s.now];
    let live: Vec<LiveSession> = tx
        .query_all(stmt!(sql::LIVE_SESSION_USERS), &args, |r| {
            Ok((r.text(0)?, r.text(1)?))
        })
        .await?;
    let new_account = start.new_user.is_some();
    session_rules::check(start.rules, &live, (!new_account).then_some(user_id))?;
    if let Some(u) = start.new_user {
        let v = &u.user;
        let args = args![
            &v.id,
            &v.email_address,
            &v.first_name,
            &v.last_name,
            &v.image_url,
            v.created_at,
            v.updated_at,
            &u.password_hash,
            &v.primary_email_address_id,
        ];
        match tx.execute(stmt!(sql::INSERT_USER), &args).await {
            Err(e) if e.is_unique_violation() => return Err(StoreError::IdentifierExists),
            other => other?,
        };
        for a in &u.addresses {
            match super::email_addresses::insert(tx, a, s.now).await {
                Err(e) if e.is_unique_violation() => return Err(StoreError::IdentifierExists),
                other => other?,
            };
        }
    }
    let generation = match start.rotation {
        Some(r) => {
            let args = args![
                &s.client_id,
                r.expected_hash,
                r.grace_until,
                r.new_hash,
                s.now
            ];
            tx.query_opt(stmt!(sql::ROTATE_CLIENT), &args, |row| row.int(0))
                .await?
                .ok_or(StoreError::ClientRotated)?
        }
        None => 0,
    };
    let args = args![
        &s.id,
        &s.client_id,
        user_id,
        s.now,
        s.expire_at,
        s.abandon_at,
        &s.user_agent,
        &s.ip_address,
        generation,
    ];
    tx.execute(stmt!(sql::INSERT_SESSION), &args).await?;
    let args = args![&s.client_id, &s.id, s.now];
    tx.execute(stmt!(sql::SET_LAST_ACTIVE), &args).await?;
    Ok(())
}
