//! Sign-in attempts that take more than one call (table `sign_in_attempts`, migration 4): a
//! sign-in with a mailed code or a password reset, on the client (browser) that started it.
//! Their codes are in [`super::codes`]; the SQL in [`super::sql_attempts`].

use super::args::{args, stmt};
use super::attempts::insert_client;
use super::cols::Cols;
use super::error::StoreResult;
use super::sql_attempts as sql;
use super::{ClientRow, Db};

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

/// A row of [`sql::FIND_SIGN_IN_ATTEMPT`].
fn sign_in_row(r: &dyn Cols) -> StoreResult<SignInAttemptRow> {
    Ok(SignInAttemptRow {
        id: r.text(0)?,
        client_id: r.text(1)?,
        identifier: r.text(2)?,
        user_id: r.opt_text(3)?,
        strategy: r.text(4)?,
        status: r.text(5)?,
        created_session_id: r.opt_text(6)?,
        abandon_at: r.int(7)?,
        created_at: r.int(8)?,
    })
}

impl Db {
    /// Stores a sign-in attempt, with its client first when the caller had none.
    pub async fn insert_sign_in_attempt(
        &self,
        new_client: Option<&ClientRow>,
        a: &SignInAttemptRow,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        insert_client(&mut tx, new_client).await?;
        let args = args![
            &a.id,
            &a.client_id,
            &a.identifier,
            &a.user_id,
            &a.strategy,
            &a.status,
            a.abandon_at,
            a.created_at,
        ];
        tx.execute(stmt!(sql::INSERT_SIGN_IN_ATTEMPT), &args)
            .await?;
        tx.commit().await?;
        self.changed(&a.client_id);
        Ok(())
    }

    /// Sign-in attempt `id`, whoever it belongs to.
    pub async fn find_sign_in_attempt(&self, id: &str) -> StoreResult<Option<SignInAttemptRow>> {
        let query = stmt!(sql::FIND_SIGN_IN_ATTEMPT);
        self.reader()
            .query_opt(query, &args![id], sign_in_row)
            .await
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
    ) -> StoreResult<bool> {
        let drop_code = from != to;
        let mut tx = self.begin().await?;
        let args = args![id, from, to, strategy, session_id, now];
        let moved = tx
            .execute(stmt!(sql::ADVANCE_SIGN_IN_ATTEMPT), &args)
            .await?
            > 0;
        if moved && drop_code {
            tx.execute(stmt!(sql::DELETE_CODE), &args![id]).await?;
        }
        tx.commit().await?;
        Ok(moved)
    }
}
