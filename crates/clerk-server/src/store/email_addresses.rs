//! A user's email addresses (table `email_addresses`, migration 6; the SQL in
//! [`super::sql_account`]) and the reads that fill them into the users they answer.
//!
//! Rules: every call names the user as well as the address (`WHERE id = $1 AND user_id = $2`),
//! so an address id of another account acts exactly like an unknown one; the primary address is
//! never deleted (guarded in the statement itself); every change also moves the user's
//! `updated_at` in the same transaction, which on PostgreSQL tells every process's client cache
//! (the trigger on `users`), and this process's cache is emptied after it.

use super::args::{args, stmt};
use super::cols::Cols;
use super::conn::Conn;
use super::error::{StoreError, StoreResult};
use super::{sql_account as sql, Db, SessionRow};
use clerk_protocol::{
    EmailAddress, Verification, OBJECT_EMAIL_ADDRESS, STRATEGY_EMAIL_CODE, VERIFICATION_UNVERIFIED,
    VERIFICATION_VERIFIED,
};

/// One stored address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressRow {
    /// `idn_...`
    pub id: String,
    /// Its account.
    pub user_id: String,
    /// Lower-cased.
    pub email_address: String,
    /// Unix ms; `None` while unverified.
    pub verified_at: Option<i64>,
    /// What verified it (`email_code`, `admin`).
    pub verification_strategy: Option<String>,
}

impl AddressRow {
    /// The protocol resource; an unverified address shows `unverified` (the handlers of the
    /// address itself fill in its code's state).
    pub fn to_resource(&self) -> EmailAddress {
        let verified = self.verified_at.is_some();
        EmailAddress {
            object: OBJECT_EMAIL_ADDRESS.to_owned(),
            id: self.id.clone(),
            email_address: self.email_address.clone(),
            verification: Verification {
                status: if verified {
                    VERIFICATION_VERIFIED
                } else {
                    VERIFICATION_UNVERIFIED
                }
                .to_owned(),
                strategy: self
                    .verification_strategy
                    .clone()
                    .unwrap_or_else(|| STRATEGY_EMAIL_CODE.to_owned()),
                attempts: 0,
                expire_at: None,
            },
        }
    }
}

/// Decodes `address_columns!`.
fn address(row: &dyn Cols) -> StoreResult<AddressRow> {
    Ok(AddressRow {
        id: row.text(0)?,
        user_id: row.text(1)?,
        email_address: row.text(2)?,
        verified_at: row.opt_int(3)?,
        verification_strategy: row.opt_text(4)?,
    })
}

/// Stores `a` (created now: `verified_at`, or the caller's time for an unverified one).
pub(super) async fn insert(tx: &mut Conn<'_>, a: &AddressRow, now: i64) -> StoreResult<u64> {
    let args = args![
        &a.id,
        &a.user_id,
        &a.email_address,
        a.verified_at,
        &a.verification_strategy,
        now
    ];
    tx.execute(stmt!(sql::INSERT_EMAIL_ADDRESS), &args).await
}

/// The addresses of the users of client `client_id`'s sessions live at `now`.
pub(super) async fn of_client(
    conn: &mut Conn<'_>,
    client_id: &str,
    now: i64,
) -> StoreResult<Vec<AddressRow>> {
    let query = stmt!(sql::ADDRESSES_OF_CLIENT);
    conn.query_all(query, &args![client_id, now], address).await
}

impl Db {
    /// User `user_id`'s addresses, oldest first.
    pub async fn addresses_of_user(&self, user_id: &str) -> StoreResult<Vec<AddressRow>> {
        let query = stmt!(sql::ADDRESSES_OF_USER);
        self.reader()
            .query_all(query, &args![user_id], address)
            .await
    }

    /// Fills in the addresses of the (one) user of `sessions`.
    pub(super) async fn attach_user_addresses(
        &self,
        sessions: &mut [SessionRow],
    ) -> StoreResult<()> {
        let Some(user_id) = sessions.first().map(|s| s.user.id.clone()) else {
            return Ok(());
        };
        let addresses = self.addresses_of_user(&user_id).await?;
        SessionRow::attach_addresses(sessions, &addresses);
        Ok(())
    }

    /// Address `id` if it is user `user_id`'s.
    pub async fn find_address(&self, id: &str, user_id: &str) -> StoreResult<Option<AddressRow>> {
        let query = stmt!(sql::FIND_ADDRESS);
        self.reader()
            .query_opt(query, &args![id, user_id], address)
            .await
    }

    /// Adds unverified address `a`; `AddressExists` if this user holds it already.
    pub async fn add_address(&self, a: &AddressRow, now: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        match insert(&mut tx, a, now).await {
            Err(e) if e.is_unique_violation() => return Err(StoreError::AddressExists),
            other => other?,
        };
        self.commit_user_change(tx, &a.user_id, now).await
    }

    /// Marks user `user_id`'s address `id` verified by a code at `now`: `false` if it was not
    /// an unverified address of this user; `AddressExists` if another account verified it
    /// first.
    pub async fn verify_address(&self, id: &str, user_id: &str, now: i64) -> StoreResult<bool> {
        let mut tx = self.begin().await?;
        let done = match tx
            .execute(stmt!(sql::VERIFY_ADDRESS), &args![id, user_id, now])
            .await
        {
            Err(e) if e.is_unique_violation() => return Err(StoreError::AddressExists),
            other => other?,
        };
        self.commit_user_change(tx, user_id, now).await?;
        Ok(done > 0)
    }

    /// Deletes user `user_id`'s address `id` and its code; `false` if it is not this user's or
    /// is the primary one.
    pub async fn delete_address(&self, id: &str, user_id: &str, now: i64) -> StoreResult<bool> {
        let mut tx = self.begin().await?;
        let done = tx
            .execute(stmt!(sql::DELETE_ADDRESS), &args![id, user_id])
            .await?;
        if done > 0 {
            let query = stmt!(super::sql_attempts::DELETE_CODE);
            tx.execute(query, &args![id]).await?;
        }
        self.commit_user_change(tx, user_id, now).await?;
        Ok(done > 0)
    }

    /// Moves user `user_id`'s `updated_at` in `tx`, commits, and empties this process's client
    /// cache whatever the outcome (a lost connection may hide a commit): the user is in every
    /// cached client holding one of its sessions.
    pub(super) async fn commit_user_change(
        &self,
        mut tx: Conn<'_>,
        user_id: &str,
        now: i64,
    ) -> StoreResult<()> {
        let result = match tx
            .execute(stmt!(sql::TOUCH_USER), &args![user_id, now])
            .await
        {
            Ok(_) => tx.commit().await,
            Err(e) => Err(e),
        };
        self.cache().clear();
        result
    }
}
