//! Sign-in attempts that take more than one call (table `sign_in_attempts`, migration 4): a
//! sign-in with a mailed code or a password reset, on the client (browser) that started it.
//! Their codes are in [`super::codes`]; the shared helpers in [`super::attempts`].

use super::attempts::{insert_client_pg, insert_client_sqlite, int, opt};
use super::rows::Cols;
use super::sqlite::q;
use super::{ClientRow, Db};
use crate::error::AppResult;
use rusqlite::params;

/// A sign-in with a mailed code, or a password reset.
#[derive(Debug, Clone)]
pub struct SignInAttemptRow {
    /// `sia_...`
    pub id: String,
    /// The client that started it.
    pub client_id: String,
    /// The identifier as entered (normalised).
    pub identifier: String,
    /// The account, `None` for an unknown address.
    pub user_id: Option<String>,
    /// `email_code` or `reset_password_email_code`.
    pub strategy: String,
    /// `needs_first_factor`, `needs_new_password` or `complete`.
    pub status: String,
    /// Once complete: the session.
    pub created_session_id: Option<String>,
    /// Unix ms when it is forgotten.
    pub abandon_at: i64,
    /// Unix ms.
    pub created_at: i64,
}

/// Stores a sign-in attempt.
pub const INSERT_SIGN_IN_ATTEMPT: &str = "INSERT INTO sign_in_attempts (id, client_id, \
     identifier, user_id, strategy, status, created_session_id, abandon_at, created_at, \
     updated_at) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $8)";

/// Sign-in attempt `$1`.
pub const FIND_SIGN_IN_ATTEMPT: &str = "SELECT id, client_id, identifier, user_id, strategy, \
     status, created_session_id, abandon_at, created_at FROM sign_in_attempts WHERE id = $1";

/// Moves sign-in attempt `$1` from status `$2` to `$3` with strategy `$4` and session `$5` at
/// `$6`; no row when it was not at `$2` any more (another request moved it first).
pub const ADVANCE_SIGN_IN_ATTEMPT: &str = "UPDATE sign_in_attempts SET status = $3, \
     strategy = $4, created_session_id = $5, updated_at = $6 WHERE id = $1 AND status = $2";

fn sign_in_row<R: Cols>(r: &R) -> AppResult<SignInAttemptRow> {
    Ok(SignInAttemptRow {
        id: r.text(0)?,
        client_id: r.text(1)?,
        identifier: r.text(2)?,
        user_id: opt(r, 3)?,
        strategy: r.text(4)?,
        status: r.text(5)?,
        created_session_id: opt(r, 6)?,
        abandon_at: int(r, 7)?,
        created_at: int(r, 8)?,
    })
}

impl Db {
    /// Stores a sign-in attempt, with its client first when the caller had none.
    pub async fn insert_sign_in_attempt(
        &self,
        new_client: Option<&ClientRow>,
        a: &SignInAttemptRow,
    ) -> AppResult<()> {
        match self {
            Db::Sqlite(db) => {
                db.transaction(|tx| {
                    if let Some(c) = new_client {
                        insert_client_sqlite(tx, c)?;
                    }
                    tx.prepare_cached(q!(INSERT_SIGN_IN_ATTEMPT))?
                        .execute(params![
                            a.id,
                            a.client_id,
                            a.identifier,
                            a.user_id,
                            a.strategy,
                            a.status,
                            a.abandon_at,
                            a.created_at
                        ])?;
                    Ok(())
                })
                .await?
            }
            Db::Postgres(pg) => {
                let mut tx = pg.pool.begin().await?;
                if let Some(c) = new_client {
                    insert_client_pg(&mut tx, c).await?;
                }
                sqlx::query(INSERT_SIGN_IN_ATTEMPT)
                    .bind(&a.id)
                    .bind(&a.client_id)
                    .bind(&a.identifier)
                    .bind(&a.user_id)
                    .bind(&a.strategy)
                    .bind(&a.status)
                    .bind(a.abandon_at)
                    .bind(a.created_at)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
            }
        }
        self.changed(&a.client_id);
        Ok(())
    }

    /// Sign-in attempt `id`, whoever it belongs to.
    pub async fn find_sign_in_attempt(&self, id: &str) -> AppResult<Option<SignInAttemptRow>> {
        match self {
            Db::Sqlite(db) => {
                db.read(|c| {
                    let mut stmt = c.prepare_cached(q!(FIND_SIGN_IN_ATTEMPT))?;
                    let mut rows = stmt.query([id])?;
                    rows.next()?.map(sign_in_row).transpose()
                })
                .await
            }
            Db::Postgres(pg) => sqlx::query(FIND_SIGN_IN_ATTEMPT)
                .bind(id)
                .fetch_optional(&pg.pool)
                .await?
                .map(|r| sign_in_row(&r))
                .transpose(),
        }
    }

    /// Moves sign-in attempt `id` from status `from` to `to` (with `strategy` and the created
    /// session); `false` when it was not at `from` any more. Leaving `needs_first_factor`
    /// drops the attempt's code.
    pub async fn advance_sign_in_attempt(
        &self,
        id: &str,
        from: &str,
        to: &str,
        strategy: &str,
        session_id: Option<&str>,
        now: i64,
    ) -> AppResult<bool> {
        let drop_code = from != to;
        match self {
            Db::Sqlite(db) => {
                db.transaction(|tx| {
                    let n = tx
                        .prepare_cached(q!(ADVANCE_SIGN_IN_ATTEMPT))?
                        .execute(params![id, from, to, strategy, session_id, now])?;
                    if n > 0 && drop_code {
                        tx.prepare_cached(q!(super::codes::DELETE_CODE))?
                            .execute([id])?;
                    }
                    Ok(n > 0)
                })
                .await
            }
            Db::Postgres(pg) => {
                let mut tx = pg.pool.begin().await?;
                let n = sqlx::query(ADVANCE_SIGN_IN_ATTEMPT)
                    .bind(id)
                    .bind(from)
                    .bind(to)
                    .bind(strategy)
                    .bind(session_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if n > 0 && drop_code {
                    sqlx::query(super::codes::DELETE_CODE)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(n > 0)
            }
        }
    }
}
