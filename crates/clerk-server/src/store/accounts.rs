//! Writes on a user's own account: names, primary address, password, the session's
//! re-verification time, deletion (the SQL in [`super::sql_account`]).
//!
//! Rules: a password change that signs out the other sessions revokes them in the same
//! transaction as the new hash (status `revoked`, each client's last active session cleared), so
//! their tokens and `/v1/me` calls are refused at once, on every process (the session triggers
//! on PostgreSQL). Deleting an account deletes, in one transaction, its codes, its unsent mail,
//! its attempts, its addresses, its sessions on every client, the account and its picture (unless
//! another user has the same one), so nothing of it
//! answers afterwards: its address then signs in like an unknown one.

use super::args::{args, stmt};
use super::conn::Conn;
use super::error::StoreResult;
use super::{rows, sql, sql_account, Db, UserRow};

/// `(session id, client id)` of sessions a write ended.
pub type Ended = Vec<(String, String)>;

/// Clears, in `tx`, the last active session of the clients of `ended` where it was that one.
async fn clear_last_active(tx: &mut Conn<'_>, ended: &Ended, now: i64) -> StoreResult<()> {
    for (session, client) in ended {
        let args = args![client, session, now];
        tx.execute(stmt!(sql::CLEAR_LAST_ACTIVE_IF), &args).await?;
    }
    Ok(())
}

impl Db {
    /// User `id` with its password hash.
    pub async fn find_user(&self, id: &str) -> StoreResult<Option<UserRow>> {
        let query = stmt!(sql::FIND_USER);
        self.reader().query_opt(query, &args![id], rows::user).await
    }

    /// Sets user `user_id`'s names.
    pub async fn set_names(
        &self,
        user_id: &str,
        first_name: Option<&str>,
        last_name: Option<&str>,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let args = args![user_id, first_name, last_name, now];
        tx.execute(stmt!(sql_account::SET_NAMES), &args).await?;
        self.commit_user_change(tx, user_id, now).await
    }

    /// Makes `address_id` user `user_id`'s primary address; `false` if it is not a verified
    /// address of this user.
    pub async fn set_primary(
        &self,
        user_id: &str,
        address_id: &str,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.begin().await?;
        let args = args![user_id, address_id, now];
        let done = tx.execute(stmt!(sql_account::SET_PRIMARY), &args).await?;
        self.commit_user_change(tx, user_id, now).await?;
        Ok(done > 0)
    }

    /// Session `session_id` (of client `client_id`) verified its first factor again at `now`;
    /// `false` if it is not active any more.
    pub async fn set_factor_verified(
        &self,
        client_id: &str,
        session_id: &str,
        now: i64,
    ) -> StoreResult<bool> {
        let query = stmt!(sql_account::SET_FACTOR_VERIFIED);
        let result = self
            .writer()
            .await
            .execute(query, &args![session_id, now])
            .await;
        self.changed(client_id);
        Ok(result? > 0)
    }

    /// Stores user `user_id`'s new `password_hash` and, with `sign_out_others`, revokes every
    /// active session of the user but `keep`, in one transaction; the sessions revoked.
    pub async fn change_password(
        &self,
        user_id: &str,
        password_hash: &str,
        sign_out_others: Option<&str>,
        now: i64,
    ) -> StoreResult<Ended> {
        let mut tx = self.begin().await?;
        let args = args![user_id, password_hash, now];
        tx.execute(stmt!(sql::SET_PASSWORD), &args).await?;
        let mut revoked = Vec::new();
        if let Some(keep) = sign_out_others {
            let args = args![user_id, now, keep];
            let query = stmt!(sql_account::REVOKE_OTHER_SESSIONS);
            revoked = tx
                .query_all(query, &args, |r| Ok((r.text(0)?, r.text(1)?)))
                .await?;
            clear_last_active(&mut tx, &revoked, now).await?;
        }
        self.commit_user_change(tx, user_id, now).await?;
        Ok(revoked)
    }

    /// Deletes account `user_id` and everything of it (see the module docs); the sessions it
    /// had.
    pub async fn delete_account(&self, user_id: &str, now: i64) -> StoreResult<Ended> {
        let mut tx = self.begin().await?;
        let id = args![user_id];
        tx.execute(stmt!(sql_account::DELETE_ACCOUNT_CODES), &id)
            .await?;
        tx.execute(stmt!(sql_account::DELETE_ACCOUNT_MAIL), &id)
            .await?;
        tx.execute(stmt!(sql_account::DELETE_ACCOUNT_SIGN_INS), &id)
            .await?;
        tx.execute(stmt!(sql_account::DELETE_ACCOUNT_SIGN_UPS), &id)
            .await?;
        tx.execute(stmt!(sql_account::DELETE_ACCOUNT_ADDRESSES), &id)
            .await?;
        let query = stmt!(sql_account::DELETE_USER_SESSIONS);
        let ended = tx
            .query_all(query, &id, |r| Ok((r.text(0)?, r.text(1)?)))
            .await?;
        clear_last_active(&mut tx, &ended, now).await?;
        let image = super::images::image_of_user(&mut tx, user_id).await?;
        tx.execute(stmt!(sql_account::DELETE_USER), &id).await?;
        super::images::forget_if_unused(&mut tx, image.as_deref()).await?;
        let result = tx.commit().await;
        self.cache().clear();
        result.map(|()| ended)
    }
}
