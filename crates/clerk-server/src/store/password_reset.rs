//! A password reset's write: the new password hash and, when asked, every live session of the
//! account revoked on every client, in one transaction. Revocation is the same status change
//! as `POST /v1/me/sessions/{id}/revoke` (status `revoked`, the client's last active session
//! cleared), so token requests and `/v1/me` calls of those sessions are refused at once; on
//! PostgreSQL the session triggers tell every other process's cache.

use super::args::{args, stmt};
use super::error::StoreResult;
use super::sql;
use super::Db;

impl Db {
    /// Stores `password_hash` for `user_id` and, with `revoke`, revokes all its active sessions;
    /// the `(session id, client id)` revoked.
    pub async fn reset_password(
        &self,
        user_id: &str,
        password_hash: &str,
        revoke: bool,
        now: i64,
    ) -> StoreResult<Vec<(String, String)>> {
        let mut tx = self.begin().await?;
        let args = args![user_id, password_hash, now];
        tx.execute(stmt!(sql::SET_PASSWORD), &args).await?;
        let mut revoked = Vec::new();
        if revoke {
            let args = args![user_id, now];
            revoked = tx
                .query_all(stmt!(sql::REVOKE_USER_SESSIONS), &args, |r| {
                    Ok((r.text(0)?, r.text(1)?))
                })
                .await?;
            for (session, client) in &revoked {
                let args = args![client, session, now];
                tx.execute(stmt!(sql::CLEAR_LAST_ACTIVE_IF), &args).await?;
            }
        }
        let result = tx.commit().await;
        // The account's `updated_at` is in every cached client holding one of its sessions
        // (whatever the outcome: a lost connection may hide a commit).
        self.cache().clear();
        result.map(|()| revoked)
    }
}
