//! Verification codes (table `verification_codes`, migration 4): one per attempt, as an HMAC
//! (see [`crate::codes`]), with its tries, expiry and sending time; the SQL in
//! [`super::sql_attempts`].
//!
//! A new code and the mail that carries it are committed in one transaction (the outbox row,
//! [`super::sql::INSERT_OUTBOX`]), so a code is never stored without its mail nor mailed
//! without being stored. Replacing a code is guarded by the cooldown in the same statement, and
//! a try takes one of the code's attempts in one guarded statement before the digits are
//! compared, so concurrent requests can never get more tries than `max_attempts`.

use super::args::{args, stmt};
use super::error::StoreResult;
use super::{sql, sql_attempts, Db};
use crate::codes::CodeState;
use crate::mail::SealedMail;

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
    /// The account the mail is for (`None` before it exists: a sign-up), so deleting the
    /// account deletes its mail.
    pub user_id: Option<&'a str>,
}

/// A count of tries as the callers use it.
fn tries(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Db {
    /// Stores `code` and, in the same transaction, its `mail` in the outbox; `false` (nothing
    /// stored) while the attempt's previous code is within its cooldown.
    pub async fn store_code(
        &self,
        code: NewCode<'_>,
        mail: Option<&SealedMail>,
    ) -> StoreResult<bool> {
        let c = code;
        let mut tx = self.begin().await?;
        let args = args![
            c.attempt_id,
            c.code_hash,
            c.expire_at,
            c.sent_at,
            c.replace_sent_before
        ];
        if tx.execute(stmt!(sql_attempts::UPSERT_CODE), &args).await? == 0 {
            // Within the cooldown: nothing to commit (dropping `tx` rolls it back).
            return Ok(false);
        }
        if let Some(m) = mail {
            let args = args![
                m.id.as_str(),
                m.payload.as_slice(),
                m.not_after,
                m.next_attempt_at,
                m.created_at,
                c.user_id
            ];
            tx.execute(stmt!(sql::INSERT_OUTBOX), &args).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Takes one try on `attempt_id`'s code if it still works at `now` with fewer than
    /// `max_attempts` tries: its hash and the tries now made; `None` otherwise (see
    /// [`Self::code_state`] for why). One statement, so two requests at once take two tries.
    pub async fn take_code_try(
        &self,
        attempt_id: &str,
        max_attempts: u32,
        now: i64,
    ) -> StoreResult<Option<(String, u32)>> {
        let args = args![attempt_id, i64::from(max_attempts), now];
        self.writer()
            .await
            .query_opt(stmt!(sql_attempts::TAKE_TRY), &args, |r| {
                Ok((r.text(0)?, tries(r.int(1)?)))
            })
            .await
    }

    /// Drops `attempt_id`'s code (it was used).
    pub async fn delete_code(&self, attempt_id: &str) -> StoreResult<()> {
        let query = stmt!(sql_attempts::DELETE_CODE);
        self.writer()
            .await
            .execute(query, &args![attempt_id])
            .await?;
        Ok(())
    }

    /// `attempt_id`'s code's counters, `None` before a code was sent.
    pub async fn code_state(&self, attempt_id: &str) -> StoreResult<Option<CodeState>> {
        let query = stmt!(sql_attempts::CODE_STATE);
        self.reader()
            .query_opt(query, &args![attempt_id], |r| {
                Ok(CodeState {
                    attempts: tries(r.int(0)?),
                    expire_at: r.int(1)?,
                    sent_at: r.int(2)?,
                })
            })
            .await
    }
}
