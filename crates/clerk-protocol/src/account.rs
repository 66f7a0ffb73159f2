//! The user's own account: its email addresses (Clerk's `email_address` resource), the answer of
//! a session re-verification, and the answer of a deletion.
//!
//! Clerk-shaped clients (ClerkJS reads `user.primaryEmailAddress` from `email_addresses` and
//! `primary_email_address_id`) work against this server too; every field here is additive.

use crate::{Session, Verification};
use serde::{Deserialize, Serialize};

/// The value of the `object` field of an [`EmailAddress`].
pub const OBJECT_EMAIL_ADDRESS: &str = "email_address";
/// The value of the `object` field of a [`SessionVerification`].
pub const OBJECT_SESSION_VERIFICATION: &str = "session_verification";
/// `Verification.strategy` of an address the instance marked verified without a code (the
/// address of an account created while `email_verification` was off, or before addresses had
/// their own rows).
pub const STRATEGY_ADMIN: &str = "admin";
/// `SessionVerification.status`: a first factor must be attempted.
pub const SESSION_VERIFICATION_NEEDS_FIRST_FACTOR: &str = "needs_first_factor";

/// One email address of a user, in Clerk's shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailAddress {
    /// Always `"email_address"`.
    pub object: String,
    /// `idn_...`
    pub id: String,
    /// The address, lower-cased.
    pub email_address: String,
    /// `verified` (with `strategy` `email_code` or `admin`), or the state of its current code
    /// (`unverified`, `failed`, `expired`, strategy `email_code`).
    pub verification: Verification,
}

crate::wire::decoder!(EmailAddress {
    object,
    id,
    email_address,
    verification
});

/// `POST /v1/client/sessions/{id}/verify` and its `prepare_first_factor` /
/// `attempt_first_factor`: `complete` once the first factor was right (the session counts as
/// freshly verified), else `needs_first_factor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionVerification {
    /// Always `"session_verification"`.
    pub object: String,
    /// `complete` or `needs_first_factor`.
    pub status: String,
    /// The factors this account can verify with: `password` (when it has one) and
    /// `email_code` (when mail is configured).
    #[serde(default)]
    pub supported_first_factors: Vec<String>,
    /// The session being verified.
    pub session: Session,
}

/// The answer of a deletion (`DELETE /v1/me`, `DELETE /v1/me/email_addresses/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletedObject {
    /// The kind of what was deleted: `user` or `email_address`.
    pub object: String,
    /// Its id.
    pub id: String,
    /// Always `true`.
    pub deleted: bool,
}
