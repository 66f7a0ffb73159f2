//! The mail outbox (table `mail_outbox`, migration 5): rows a flow stored with
//! [`sql::INSERT_OUTBOX`] in its own transaction, claimed and finished by the sender
//! ([`crate::mail::sender`]).
//!
//! A claim gives rows a claim token and moves their `next_attempt_at` to the end of a lease, in
//! one statement, so two processes never claim one row at once; a claimer that dies leaves its
//! rows due again when the lease ends (nothing is lost; a message may then go out twice, if the
//! process died between the SMTP server's acceptance and the delete). Finishing a row (delete,
//! or retry later) checks the token, so a claimer whose lease ran out cannot undo the work of
//! the next one.

use super::args::{args, stmt};
use super::error::StoreResult;
use super::sql;
use super::Db;
use crate::mail::SealedMail;

/// The migration that creates the outbox (both backends; `BYTEA` has no meaning to SQLite,
/// which stores the payload as the blob it is given).
pub(super) const MIGRATION: super::schema::Migration = super::schema::Migration {
    version: 5,
    name: "mail outbox",
    common: &[
        "CREATE TABLE mail_outbox (
            id TEXT PRIMARY KEY,
            payload BYTEA NOT NULL,
            not_after BIGINT NOT NULL,
            next_attempt_at BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            attempts BIGINT NOT NULL DEFAULT 0,
            claim_token TEXT
        )",
        "CREATE INDEX mail_outbox_by_next_attempt ON mail_outbox (next_attempt_at)",
    ],
    postgres: &[],
};

/// A claimed outbox row.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    /// The row id.
    pub id: String,
    /// The sealed message.
    pub payload: Vec<u8>,
    /// The code's expiry (Unix ms).
    pub not_after: i64,
    /// Failed attempts so far.
    pub attempts: i64,
}

impl Db {
    /// Stores `mail` in a transaction of its own (flows store it in theirs, beside the code).
    pub async fn enqueue_mail(&self, mail: &SealedMail) -> StoreResult<()> {
        let m = mail;
        let args = args![
            m.id.as_str(),
            m.payload.as_slice(),
            m.not_after,
            m.next_attempt_at,
            m.created_at,
            None::<&str>
        ];
        self.writer()
            .await
            .execute(stmt!(sql::INSERT_OUTBOX), &args)
            .await
            .map(|_| ())
    }

    /// Claims up to `limit` rows due at `now` for `token` until `lease_until`.
    pub async fn claim_mail(
        &self,
        token: &str,
        lease_until: i64,
        now: i64,
        limit: i64,
    ) -> StoreResult<Vec<OutboxRow>> {
        let args = args![token, lease_until, now, limit];
        self.writer()
            .await
            .query_all(stmt!(sql::CLAIM_OUTBOX), &args, |r| {
                Ok(OutboxRow {
                    id: r.text(0)?,
                    payload: r.bytes(1)?,
                    not_after: r.int(2)?,
                    attempts: r.int(3)?,
                })
            })
            .await
    }

    /// Deletes row `id` (sent or dropped) if `token` still holds it; whether it did.
    pub async fn delete_mail(&self, id: &str, token: &str) -> StoreResult<bool> {
        let args = args![id, token];
        let n = self
            .writer()
            .await
            .execute(stmt!(sql::DELETE_OUTBOX), &args)
            .await?;
        Ok(n > 0)
    }

    /// Counts a failed attempt on row `id` held by `token`; due again at `next_attempt_at`.
    pub async fn retry_mail(
        &self,
        id: &str,
        token: &str,
        next_attempt_at: i64,
    ) -> StoreResult<bool> {
        let args = args![id, token, next_attempt_at];
        let n = self
            .writer()
            .await
            .execute(stmt!(sql::RETRY_OUTBOX), &args)
            .await?;
        Ok(n > 0)
    }
}
