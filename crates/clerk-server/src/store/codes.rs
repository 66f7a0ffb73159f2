//! Verification codes (table `verification_codes`, migration 4): one per attempt, as an HMAC
//! (see [`crate::codes`]), with its tries, expiry and sending time.
//!
//! A new code and the mail that carries it are committed in one transaction (the outbox row,
//! `INSERT_OUTBOX` of [`crate::mail`]), so a code is never stored without its mail nor mailed
//! without being stored. Replacing a code is guarded by the cooldown in the same statement, and
//! a try takes one of the code's attempts in one guarded statement before the digits are
//! compared, so concurrent requests can never get more tries than `max_attempts`.

use super::sqlite::q;
use super::Db;
use crate::codes::CodeState;
use crate::error::AppResult;
use crate::mail::SealedMail;
use rusqlite::{params, OptionalExtension};

const INSERT_OUTBOX: &str = super::sql::INSERT_OUTBOX;

/// Stores code `$2` for attempt `$1` (expiring at `$3`, sent at `$4`) with no tries, replacing
/// the attempt's code only if that one was sent at or before `$5` (the cooldown).
pub const UPSERT_CODE: &str = "INSERT INTO verification_codes (attempt_id, code_hash, attempts, \
     expire_at, sent_at) VALUES ($1, $2, 0, $3, $4) ON CONFLICT (attempt_id) DO UPDATE SET \
     code_hash = EXCLUDED.code_hash, attempts = 0, expire_at = EXCLUDED.expire_at, \
     sent_at = EXCLUDED.sent_at WHERE verification_codes.sent_at <= $5";

/// Takes one try on attempt `$1`'s code if it has tries left (fewer than `$2`) and works at
/// `$3`; answers its hash and the tries now made.
pub const TAKE_TRY: &str = "UPDATE verification_codes SET attempts = attempts + 1 \
     WHERE attempt_id = $1 AND attempts < $2 AND expire_at > $3 RETURNING code_hash, attempts";

/// Attempt `$1`'s code's counters.
pub const CODE_STATE: &str =
    "SELECT attempts, expire_at, sent_at FROM verification_codes WHERE attempt_id = $1";

/// Drops attempt `$1`'s code.
pub const DELETE_CODE: &str = "DELETE FROM verification_codes WHERE attempt_id = $1";

/// A code to store.
#[derive(Debug, Clone, Copy)]
pub struct NewCode<'a> {
    /// The attempt.
    pub attempt_id: &'a str,
    /// Its hash ([`crate::codes::hash`]).
    pub code_hash: &'a str,
    /// Unix ms.
    pub expire_at: i64,
    /// Unix ms (now).
    pub sent_at: i64,
    /// A code sent after this (Unix ms) is not replaced: the cooldown.
    pub replace_sent_before: i64,
}

fn state(attempts: i64, expire_at: i64, sent_at: i64) -> CodeState {
    CodeState {
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        expire_at,
        sent_at,
    }
}

impl Db {
    /// Stores `code` and, in the same transaction, its `mail` in the outbox; `false` (nothing
    /// stored) while the attempt's previous code is within its cooldown.
    pub async fn store_code(
        &self,
        code: NewCode<'_>,
        mail: Option<&SealedMail>,
    ) -> AppResult<bool> {
        let c = code;
        match self {
            Db::Sqlite(db) => {
                db.transaction(|tx| {
                    let n = tx.prepare_cached(q!(UPSERT_CODE))?.execute(params![
                        c.attempt_id,
                        c.code_hash,
                        c.expire_at,
                        c.sent_at,
                        c.replace_sent_before
                    ])?;
                    if n == 0 {
                        return Ok(false);
                    }
                    if let Some(m) = mail {
                        tx.prepare_cached(q!(INSERT_OUTBOX))?.execute(params![
                            m.id,
                            m.payload,
                            m.not_after,
                            m.next_attempt_at,
                            m.created_at
                        ])?;
                    }
                    Ok(true)
                })
                .await
            }
            Db::Postgres(pg) => {
                let mut tx = pg.pool.begin().await?;
                let n = sqlx::query(UPSERT_CODE)
                    .bind(c.attempt_id)
                    .bind(c.code_hash)
                    .bind(c.expire_at)
                    .bind(c.sent_at)
                    .bind(c.replace_sent_before)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if n == 0 {
                    return Ok(false);
                }
                if let Some(m) = mail {
                    sqlx::query(INSERT_OUTBOX)
                        .bind(&m.id)
                        .bind(&m.payload)
                        .bind(m.not_after)
                        .bind(m.next_attempt_at)
                        .bind(m.created_at)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(true)
            }
        }
    }

    /// Takes one try on `attempt_id`'s code if it still works at `now` with fewer than
    /// `max_attempts` tries: its hash and the tries now made; `None` otherwise (see
    /// [`Self::code_state`] for why).
    pub async fn take_code_try(
        &self,
        attempt_id: &str,
        max_attempts: u32,
        now: i64,
    ) -> AppResult<Option<(String, u32)>> {
        let max = i64::from(max_attempts);
        let row: Option<(String, i64)> = match self {
            Db::Sqlite(db) => {
                db.write(|c| {
                    Ok(c.prepare_cached(q!(TAKE_TRY))?
                        .query_row(params![attempt_id, max, now], |r| {
                            Ok((r.get(0)?, r.get(1)?))
                        })
                        .optional()?)
                })
                .await?
            }
            Db::Postgres(pg) => {
                sqlx::query_as(TAKE_TRY)
                    .bind(attempt_id)
                    .bind(max)
                    .bind(now)
                    .fetch_optional(&pg.pool)
                    .await?
            }
        };
        Ok(row.map(|(h, n)| (h, u32::try_from(n).unwrap_or(u32::MAX))))
    }

    /// `attempt_id`'s code's counters, `None` before a code was sent.
    pub async fn code_state(&self, attempt_id: &str) -> AppResult<Option<CodeState>> {
        let row: Option<(i64, i64, i64)> = match self {
            Db::Sqlite(db) => {
                db.read(|c| {
                    Ok(c.prepare_cached(q!(CODE_STATE))?
                        .query_row([attempt_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                        .optional()?)
                })
                .await?
            }
            Db::Postgres(pg) => {
                sqlx::query_as(CODE_STATE)
                    .bind(attempt_id)
                    .fetch_optional(&pg.pool)
                    .await?
            }
        };
        Ok(row.map(|(a, e, s)| state(a, e, s)))
    }
}
