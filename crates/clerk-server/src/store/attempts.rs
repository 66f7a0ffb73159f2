//! Sign-up and sign-in attempts that take more than one call (tables `sign_up_attempts` and
//! `sign_in_attempts`, migration 4): an unverified sign-up waiting for its code (here), a
//! sign-in with a mailed code or a password reset ([`super::sign_in_attempts`]). Each belongs to
//! the client (browser) that started it; the handlers refuse it to any other. Their codes are in
//! [`super::codes`]; the SQL in [`super::sql_attempts`].

use super::args::{args, stmt};
use super::cols::Cols;
use super::conn::Conn;
use super::error::StoreResult;
use super::sql_attempts as sql;
use super::{ClientRow, Db};

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

/// A row of [`sql::FIND_SIGN_UP_ATTEMPT`].
fn sign_up_row(r: &dyn Cols) -> StoreResult<SignUpAttemptRow> {
    Ok(SignUpAttemptRow {
        id: r.text(0)?,
        client_id: r.text(1)?,
        email_address: r.text(2)?,
        password_hash: r.text(3)?,
        first_name: r.opt_text(4)?,
        last_name: r.opt_text(5)?,
        status: r.text(6)?,
        created_user_id: r.opt_text(7)?,
        created_session_id: r.opt_text(8)?,
        abandon_at: r.int(9)?,
        created_at: r.int(10)?,
    })
}

/// In an attempt's transaction: the new client the attempt belongs to (the caller had none).
pub(super) async fn insert_client(tx: &mut Conn<'_>, c: Option<&ClientRow>) -> StoreResult<()> {
    if let Some(c) = c {
        let args = args![&c.id, &c.secret_hash, c.created_at];
        tx.execute(stmt!(super::sql::INSERT_CLIENT), &args).await?;
    }
    Ok(())
}

impl Db {
    /// Stores a sign-up attempt, with its client first when the caller had none.
    pub async fn insert_sign_up_attempt(
        &self,
        new_client: Option<&ClientRow>,
        a: &SignUpAttemptRow,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        insert_client(&mut tx, new_client).await?;
        let args = args![
            &a.id,
            &a.client_id,
            &a.email_address,
            &a.password_hash,
            &a.first_name,
            &a.last_name,
            &a.status,
            &a.created_user_id,
            &a.created_session_id,
            a.abandon_at,
            a.created_at,
        ];
        tx.execute(stmt!(sql::INSERT_SIGN_UP_ATTEMPT), &args)
            .await?;
        tx.commit().await?;
        self.changed(&a.client_id);
        Ok(())
    }

    /// Sign-up attempt `id`, whoever it belongs to.
    pub async fn find_sign_up_attempt(&self, id: &str) -> StoreResult<Option<SignUpAttemptRow>> {
        let query = stmt!(sql::FIND_SIGN_UP_ATTEMPT);
        self.reader()
            .query_opt(query, &args![id], sign_up_row)
            .await
    }

    /// Marks sign-up attempt `id` complete with its user and session, and drops its code.
    pub async fn complete_sign_up_attempt(
        &self,
        id: &str,
        user_id: &str,
        session_id: &str,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let args = args![id, user_id, session_id, now];
        tx.execute(stmt!(sql::COMPLETE_SIGN_UP_ATTEMPT), &args)
            .await?;
        tx.execute(stmt!(sql::DELETE_CODE), &args![id]).await?;
        tx.commit().await
    }

    /// Deletes the attempts forgotten at `now` and the codes left without an attempt.
    pub async fn sweep_attempts(&self, now: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let args = args![now];
        tx.execute(stmt!(sql::SWEEP_SIGN_UP_ATTEMPTS), &args)
            .await?;
        tx.execute(stmt!(sql::SWEEP_SIGN_IN_ATTEMPTS), &args)
            .await?;
        tx.execute(stmt!(sql::SWEEP_CODES), &args).await?;
        tx.commit().await
    }
}
