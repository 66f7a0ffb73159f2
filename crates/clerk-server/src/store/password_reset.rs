//! A password reset's write: the new password hash and, when asked, every live session of the
//! account revoked on every client, in one transaction. Revocation is the same status change
//! as `POST /v1/me/sessions/{id}/revoke` (status `revoked`, the client's last active session
//! cleared), so token requests and `/v1/me` calls of those sessions are refused at once; on
//! PostgreSQL the session triggers tell every other process's cache.

use super::sqlite::q;
use super::Db;
use crate::error::AppResult;
use rusqlite::params;

/// Sets user `$1`'s password hash `$2` at `$3`.
pub const SET_PASSWORD: &str = "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1";

/// Revokes every active session of user `$1` at `$2`; answers their ids and clients.
pub const REVOKE_USER_SESSIONS: &str = "UPDATE sessions SET status = 'revoked', updated_at = $2 \
     WHERE user_id = $1 AND status = 'active' RETURNING id, client_id";

impl Db {
    /// Stores `password_hash` for `user_id` and, with `revoke`, revokes all its active sessions;
    /// the `(session id, client id)` revoked.
    pub async fn reset_password(
        &self,
        user_id: &str,
        password_hash: &str,
        revoke: bool,
        now: i64,
    ) -> AppResult<Vec<(String, String)>> {
        let clear = super::sql::CLEAR_LAST_ACTIVE_IF;
        let revoked: Vec<(String, String)> = match self {
            Db::Sqlite(db) => {
                db.transaction(|tx| {
                    tx.prepare_cached(q!(SET_PASSWORD))?.execute(params![
                        user_id,
                        password_hash,
                        now
                    ])?;
                    if !revoke {
                        return Ok(Vec::new());
                    }
                    let revoked: Vec<(String, String)> = tx
                        .prepare_cached(q!(REVOKE_USER_SESSIONS))?
                        .query_map(params![user_id, now], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect::<Result<_, _>>()?;
                    let mut stmt = tx.prepare_cached(q!(super::sql::CLEAR_LAST_ACTIVE_IF))?;
                    for (session, client) in &revoked {
                        stmt.execute(params![client, session, now])?;
                    }
                    Ok(revoked)
                })
                .await?
            }
            Db::Postgres(pg) => {
                let mut tx = pg.pool.begin().await?;
                sqlx::query(SET_PASSWORD)
                    .bind(user_id)
                    .bind(password_hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                let revoked: Vec<(String, String)> = if revoke {
                    sqlx::query_as(REVOKE_USER_SESSIONS)
                        .bind(user_id)
                        .bind(now)
                        .fetch_all(&mut *tx)
                        .await?
                } else {
                    Vec::new()
                };
                for (session, client) in &revoked {
                    sqlx::query(clear)
                        .bind(client)
                        .bind(session)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                revoked
            }
        };
        // The account's `updated_at` is in every cached client holding one of its sessions.
        self.cache().clear();
        Ok(revoked)
    }
}
