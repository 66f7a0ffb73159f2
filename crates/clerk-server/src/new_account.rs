//! A new account as it is stored: the user, its password hash and its primary address (a row of
//! its own, verified by how the sign-up went), built in one place for the sign-up flows.
//!
//! Security rule: only the argon2id hash of the password is ever kept (the caller hashes it).

use crate::error::AppResult;
use crate::secrets::new_id;
use crate::store::{AddressRow, UserRow};
use clerk_protocol::{User, OBJECT_USER};

/// What a sign-up gives the new account.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// The address, lower-cased (it becomes the verified primary one).
    pub email_address: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// argon2id PHC string.
    pub password_hash: String,
    /// What verified the address: `email_code` (a verified sign-up) or `admin` (the instance
    /// does not verify sign-ups).
    pub verified_by: &'static str,
}

/// The account `a` created at `now`: fresh `user_...` and `idn_...` ids.
pub fn build(a: NewAccount, now: i64) -> AppResult<UserRow> {
    let id = new_id("user")?;
    let address = AddressRow {
        id: new_id("idn")?,
        user_id: id.clone(),
        email_address: a.email_address.clone(),
        verified_at: Some(now),
        verification_strategy: Some(a.verified_by.to_owned()),
    };
    let user = User {
        object: OBJECT_USER.to_owned(),
        id,
        first_name: a.first_name,
        last_name: a.last_name,
        email_address: a.email_address,
        email_addresses: vec![address.to_resource()],
        primary_email_address_id: Some(address.id.clone()),
        image_url: None,
        created_at: now,
        updated_at: now,
    };
    Ok(UserRow {
        user,
        password_hash: a.password_hash,
        addresses: vec![address],
    })
}
