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

use super::sql;
use super::sqlite::q;
use super::Db;
use crate::error::AppError;
use crate::mail::SealedMail;
use rusqlite::params;

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

/// `db.exec(SQL, its SQLite spelling, args)` on the writer, answering the rows changed.
macro_rules! change {
    ($self:expr, $sql:expr, $($arg:expr),+) => {
        match $self {
            Db::Sqlite(db) => {
                db.write(|conn| Ok(conn.prepare_cached(q!($sql))?.execute(params![$($arg),+])?))
                    .await
            }
            Db::Postgres(pg) => Ok(sqlx::query($sql)
                $(.bind($arg))+
                .execute(&pg.pool)
                .await?
                .rows_affected() as usize),
        }
    };
}

impl Db {
    /// Stores `mail` in a transaction of its own (flows store it in theirs, beside the code).
    pub async fn enqueue_mail(&self, mail: &SealedMail) -> Result<(), AppError> {
        let m = mail;
        change!(
            self,
            sql::INSERT_OUTBOX,
            &m.id,
            &m.payload,
            m.not_after,
            m.next_attempt_at,
            m.created_at
        )
        .map(|_| ())
    }

    /// Claims up to `limit` rows due at `now` for `token` until `lease_until`.
    pub async fn claim_mail(
        &self,
        token: &str,
        lease_until: i64,
        now: i64,
        limit: i64,
    ) -> Result<Vec<OutboxRow>, AppError> {
        match self {
            Db::Sqlite(db) => {
                db.write(|conn| {
                    let rows = conn
                        .prepare_cached(q!(sql::CLAIM_OUTBOX))?
                        .query_map(params![token, lease_until, now, limit], |r| {
                            Ok(OutboxRow {
                                id: r.get(0)?,
                                payload: r.get(1)?,
                                not_after: r.get(2)?,
                                attempts: r.get(3)?,
                            })
                        })?
                        .collect::<Result<_, _>>()?;
                    Ok(rows)
                })
                .await
            }
            Db::Postgres(pg) => {
                let rows: Vec<(String, Vec<u8>, i64, i64)> = sqlx::query_as(sql::CLAIM_OUTBOX)
                    .bind(token)
                    .bind(lease_until)
                    .bind(now)
                    .bind(limit)
                    .fetch_all(&pg.pool)
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, payload, not_after, attempts)| OutboxRow {
                        id,
                        payload,
                        not_after,
                        attempts,
                    })
                    .collect())
            }
        }
    }

    /// Deletes row `id` (sent or dropped) if `token` still holds it; whether it did.
    pub async fn delete_mail(&self, id: &str, token: &str) -> Result<bool, AppError> {
        Ok(change!(self, sql::DELETE_OUTBOX, id, token)? > 0)
    }

    /// Counts a failed attempt on row `id` held by `token`; due again at `next_attempt_at`.
    pub async fn retry_mail(
        &self,
        id: &str,
        token: &str,
        next_attempt_at: i64,
    ) -> Result<bool, AppError> {
        Ok(change!(self, sql::RETRY_OUTBOX, id, token, next_attempt_at)? > 0)
    }
}
