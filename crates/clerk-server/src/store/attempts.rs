//! Sign-up and sign-in attempts that take more than one call (tables `sign_up_attempts` and
//! `sign_in_attempts`, migration 4): an unverified sign-up waiting for its code, a sign-in with
//! a mailed code, a password reset. Each belongs to the client (browser) that started it; the
//! handlers refuse it to any other. Their codes are in [`super::codes`].

use super::rows::Cols;
use super::sqlite::q;
use super::{ClientRow, Db};
use crate::error::AppResult;
use rusqlite::params;

/// An unverified sign-up.
#[derive(Debug, Clone)]
pub struct SignUpAttemptRow {
    /// `sua_...`
    pub id: String,
    /// The client that started it.
    pub client_id: String,
    /// The (normalised) address to verify.
    pub email_address: String,
    /// argon2id PHC string of the chosen password.
    pub password_hash: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// `missing_requirements` or `complete`.
    pub status: String,
    /// Once complete: the account.
    pub created_user_id: Option<String>,
    /// Once complete: the session.
    pub created_session_id: Option<String>,
    /// Unix ms when it is forgotten.
    pub abandon_at: i64,
    /// Unix ms.
    pub created_at: i64,
}

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

/// Stores a sign-up attempt (`$12` = `updated_at`, the creation time).
pub const INSERT_SIGN_UP_ATTEMPT: &str = "INSERT INTO sign_up_attempts (id, client_id, \
     email_address, password_hash, first_name, last_name, status, created_user_id, \
     created_session_id, abandon_at, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)";

/// Sign-up attempt `$1`.
pub const FIND_SIGN_UP_ATTEMPT: &str = "SELECT id, client_id, email_address, password_hash, \
     first_name, last_name, status, created_user_id, created_session_id, abandon_at, created_at \
     FROM sign_up_attempts WHERE id = $1";

/// Completes sign-up attempt `$1` (if still unfinished) with user `$2` and session `$3` at `$4`.
pub const COMPLETE_SIGN_UP_ATTEMPT: &str = "UPDATE sign_up_attempts SET status = 'complete', \
     created_user_id = $2, created_session_id = $3, updated_at = $4 \
     WHERE id = $1 AND status = 'missing_requirements'";

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

/// Deletes the attempts forgotten at `$1`, and the codes of attempts that are gone.
pub const SWEEP_ATTEMPTS: &[&str] = &[
    "DELETE FROM sign_up_attempts WHERE abandon_at <= $1",
    "DELETE FROM sign_in_attempts WHERE abandon_at <= $1",
    "DELETE FROM verification_codes WHERE expire_at <= $1 AND NOT EXISTS \
     (SELECT 1 FROM sign_up_attempts a WHERE a.id = attempt_id) AND NOT EXISTS \
     (SELECT 1 FROM sign_in_attempts a WHERE a.id = attempt_id)",
];

fn opt<R: Cols>(r: &R, i: usize) -> AppResult<Option<String>> {
    r.opt_text(i).map_err(Into::into)
}

fn int<R: Cols>(r: &R, i: usize) -> AppResult<i64> {
    r.int(i).map_err(Into::into)
}

fn sign_up_row<R: Cols>(r: &R) -> AppResult<SignUpAttemptRow> {
    Ok(SignUpAttemptRow {
        id: r.text(0)?,
        client_id: r.text(1)?,
        email_address: r.text(2)?,
        password_hash: r.text(3)?,
        first_name: opt(r, 4)?,
        last_name: opt(r, 5)?,
        status: r.text(6)?,
        created_user_id: opt(r, 7)?,
        created_session_id: opt(r, 8)?,
        abandon_at: int(r, 9)?,
        created_at: int(r, 10)?,
    })
}

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

/// A new client row inserted with an attempt (the caller had no client yet).
fn insert_client_sqlite(tx: &rusqlite::Transaction<'_>, c: &ClientRow) -> AppResult<()> {
    tx.prepare_cached(q!(super::sql::INSERT_CLIENT))?
        .execute(params![c.id, c.secret_hash, c.created_at])?;
    Ok(())
}

async fn insert_client_pg(tx: &mut sqlx::PgConnection, c: &ClientRow) -> Result<(), sqlx::Error> {
    sqlx::query(super::sql::INSERT_CLIENT)
        .bind(&c.id)
        .bind(&c.secret_hash)
        .bind(c.created_at)
        .execute(tx)
        .await?;
    Ok(())
}

impl Db {
    /// Stores a sign-up attempt, with its client first when the caller had none.
    pub async fn insert_sign_up_attempt(
        &self,
        new_client: Option<&ClientRow>,
        a: &SignUpAttemptRow,
    ) -> AppResult<()> {
        match self {
            Db::Sqlite(db) => {
                db.transaction(|tx| {
                    if let Some(c) = new_client {
                        insert_client_sqlite(tx, c)?;
                    }
                    tx.prepare_cached(q!(INSERT_SIGN_UP_ATTEMPT))?
                        .execute(params![
                            a.id,
                            a.client_id,
                            a.email_address,
                            a.password_hash,
                            a.first_name,
                            a.last_name,
                            a.status,
                            a.created_user_id,
                            a.created_session_id,
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
                sqlx::query(INSERT_SIGN_UP_ATTEMPT)
                    .bind(&a.id)
                    .bind(&a.client_id)
                    .bind(&a.email_address)
                    .bind(&a.password_hash)
                    .bind(&a.first_name)
                    .bind(&a.last_name)
                    .bind(&a.status)
                    .bind(&a.created_user_id)
                    .bind(&a.created_session_id)
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

    /// Sign-up attempt `id`, whoever it belongs to.
    pub async fn find_sign_up_attempt(&self, id: &str) -> AppResult<Option<SignUpAttemptRow>> {
        match self {
            Db::Sqlite(db) => {
                db.read(|c| {
                    let mut stmt = c.prepare_cached(q!(FIND_SIGN_UP_ATTEMPT))?;
                    let mut rows = stmt.query([id])?;
                    rows.next()?.map(|r| sign_up_row(r)).transpose()
                })
                .await
            }
            Db::Postgres(pg) => sqlx::query(FIND_SIGN_UP_ATTEMPT)
                .bind(id)
                .fetch_optional(&pg.pool)
                .await?
                .map(|r| sign_up_row(&r))
                .transpose(),
        }
    }

    /// Marks sign-up attempt `id` complete with its user and session, and drops its code.
    pub async fn complete_sign_up_attempt(
        &self,
        id: &str,
        user_id: &str,
        session_id: &str,
        now: i64,
    ) -> AppResult<()> {
        match self {
            Db::Sqlite(db) => {
                db.transaction(|tx| {
                    tx.prepare_cached(q!(COMPLETE_SIGN_UP_ATTEMPT))?
                        .execute(params![id, user_id, session_id, now])?;
                    tx.prepare_cached(q!(super::codes::DELETE_CODE))?
                        .execute([id])?;
                    Ok(())
                })
                .await
            }
            Db::Postgres(pg) => {
                let mut tx = pg.pool.begin().await?;
                sqlx::query(COMPLETE_SIGN_UP_ATTEMPT)
                    .bind(id)
                    .bind(user_id)
                    .bind(session_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(super::codes::DELETE_CODE)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }
        }
    }

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
                    rows.next()?.map(|r| sign_in_row(r)).transpose()
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

    /// Deletes the attempts forgotten at `now` and the codes left without an attempt.
    pub async fn sweep_attempts(&self, now: i64) -> AppResult<()> {
        match self {
            Db::Sqlite(db) => {
                db.transaction(|tx| {
                    for s in SWEEP_ATTEMPTS {
                        tx.execute(&super::sqlite::numbered(s), [now])?;
                    }
                    Ok(())
                })
                .await
            }
            Db::Postgres(pg) => {
                for s in SWEEP_ATTEMPTS {
                    sqlx::query(*s).bind(now).execute(&pg.pool).await?;
                }
                Ok(())
            }
        }
    }
}
