//! The SQL texts of the user's own account (migration 6): its email addresses as rows of their
//! own, the primary one named by `users.primary_email_address_id` (and copied into
//! `users.email_address`, which the session reads already carry), the sessions' last
//! first-factor verification, and the statements that delete an account's data. Like
//! [`super::sql`], written once with PostgreSQL's `$N` placeholders.
//!
//! Uniqueness: a *verified* address belongs to one account at most (a partial unique index); an
//! unverified one reserves nothing (as an unverified sign-up, migration 4): the first account to
//! verify it gets it, and a second verification fails on the index. One account never holds one
//! address twice.

/// Migration 6. Today's single address of each user becomes its verified primary address
/// (strategy `admin`: the instance vouched for it), with an id derived from the user's; each
/// session counts as first-factor verified when it was created (its sign-in).
pub(super) const MIGRATION: super::schema::Migration = super::schema::Migration {
    version: 6,
    name: "email addresses, session verification times",
    common: &[
        "CREATE TABLE email_addresses (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            email_address TEXT NOT NULL,
            verified_at BIGINT,
            verification_strategy TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )",
        "CREATE UNIQUE INDEX email_addresses_verified ON email_addresses (email_address)
            WHERE verified_at IS NOT NULL",
        "CREATE UNIQUE INDEX email_addresses_by_user ON email_addresses (user_id, email_address)",
        "INSERT INTO email_addresses (id, user_id, email_address, verified_at,
            verification_strategy, created_at, updated_at)
            SELECT 'idn_' || substr(id, 6), id, email_address, created_at, 'admin', created_at,
            created_at FROM users",
        "ALTER TABLE users ADD COLUMN primary_email_address_id TEXT",
        "UPDATE users SET primary_email_address_id = 'idn_' || substr(id, 6)",
        "ALTER TABLE sessions ADD COLUMN factor_verified_at BIGINT NOT NULL DEFAULT 0",
        "UPDATE sessions SET factor_verified_at = created_at",
        // Whose mail a row is, so deleting an account deletes its mail (NULL: a sign-up's).
        "ALTER TABLE mail_outbox ADD COLUMN user_id TEXT",
        "CREATE INDEX mail_outbox_by_user ON mail_outbox (user_id)",
        "CREATE INDEX sign_in_attempts_by_user ON sign_in_attempts (user_id)",
    ],
    postgres: &[],
};

/// The columns of an address, in the order `super::email_addresses` decodes them.
macro_rules! address_columns {
    () => {
        "e.id, e.user_id, e.email_address, e.verified_at, e.verification_strategy "
    };
}

/// Stores address `$1` of user `$2`: `$3` the address, `$4` verified at (NULL: unverified),
/// `$5` the strategy that verified it, `$6` now.
pub const INSERT_EMAIL_ADDRESS: &str = "INSERT INTO email_addresses (id, user_id, email_address, \
     verified_at, verification_strategy, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $6)";

/// The addresses of user `$1`, oldest first.
pub const ADDRESSES_OF_USER: &str = concat!(
    "SELECT ",
    address_columns!(),
    "FROM email_addresses e WHERE e.user_id = $1 ORDER BY e.created_at, e.id"
);

/// The addresses of the users with a session live at `$2` on client `$1`, oldest first.
pub const ADDRESSES_OF_CLIENT: &str = concat!(
    "SELECT ",
    address_columns!(),
    "FROM email_addresses e WHERE e.user_id IN (SELECT s.user_id FROM sessions s WHERE ",
    "s.client_id = $1 AND s.status = 'active' AND s.expire_at > $2 AND s.abandon_at > $2) ",
    "ORDER BY e.created_at, e.id"
);

/// Address `$1` if it is user `$2`'s.
pub const FIND_ADDRESS: &str = concat!(
    "SELECT ",
    address_columns!(),
    "FROM email_addresses e WHERE e.id = $1 AND e.user_id = $2"
);

/// Marks user `$2`'s unverified address `$1` verified by an emailed code at `$3` (a unique
/// violation when another account verified it first).
pub const VERIFY_ADDRESS: &str = "UPDATE email_addresses SET verified_at = $3, \
     verification_strategy = 'email_code', updated_at = $3 \
     WHERE id = $1 AND user_id = $2 AND verified_at IS NULL";

/// Deletes user `$2`'s address `$1` unless it is the primary one.
pub const DELETE_ADDRESS: &str = "DELETE FROM email_addresses WHERE id = $1 AND user_id = $2 \
     AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = $2 AND u.primary_email_address_id = $1)";

/// User `$1` changed at `$2` (its addresses, say): `updated_at` moves, and on PostgreSQL the
/// trigger on `users` tells every process's cache.
pub const TOUCH_USER: &str = "UPDATE users SET updated_at = $2 WHERE id = $1";

/// Sets user `$1`'s names to `$2`, `$3` at `$4`.
pub const SET_NAMES: &str =
    "UPDATE users SET first_name = $2, last_name = $3, updated_at = $4 WHERE id = $1";

/// Makes user `$1`'s verified address `$2` the primary one at `$3`; no row if it is not a
/// verified address of this user.
pub const SET_PRIMARY: &str = "UPDATE users SET primary_email_address_id = $2, \
     email_address = (SELECT e.email_address FROM email_addresses e WHERE e.id = $2), \
     updated_at = $3 WHERE id = $1 AND EXISTS (SELECT 1 FROM email_addresses e \
     WHERE e.id = $2 AND e.user_id = $1 AND e.verified_at IS NOT NULL)";

/// Session `$1`'s first factor was verified again at `$2` (if it is still active).
pub const SET_FACTOR_VERIFIED: &str = "UPDATE sessions SET factor_verified_at = $2, \
     updated_at = $2 WHERE id = $1 AND status = 'active'";

/// Revokes every active session of user `$1` but `$3` at `$2`; answers their ids and clients.
pub const REVOKE_OTHER_SESSIONS: &str = "UPDATE sessions SET status = 'revoked', \
     updated_at = $2 WHERE user_id = $1 AND status = 'active' AND id <> $3 \
     RETURNING id, client_id";

// Deleting account `$1` runs these in one transaction, in this order: its codes, its mail, its
// attempts, its addresses, its sessions, the account (see `super::accounts`).

/// Deletes account `$1`'s codes: of its addresses, its sessions' re-verifications and its
/// sign-in attempts.
pub const DELETE_ACCOUNT_CODES: &str = "DELETE FROM verification_codes WHERE attempt_id IN \
     (SELECT id FROM email_addresses WHERE user_id = $1) OR attempt_id IN (SELECT id FROM \
     sessions WHERE user_id = $1) OR attempt_id IN (SELECT id FROM sign_in_attempts WHERE \
     user_id = $1)";

/// Deletes account `$1`'s mail not yet sent.
pub const DELETE_ACCOUNT_MAIL: &str = "DELETE FROM mail_outbox WHERE user_id = $1";

/// Deletes account `$1`'s sign-in attempts.
pub const DELETE_ACCOUNT_SIGN_INS: &str = "DELETE FROM sign_in_attempts WHERE user_id = $1";

/// Deletes the sign-up attempt that created account `$1`.
pub const DELETE_ACCOUNT_SIGN_UPS: &str = "DELETE FROM sign_up_attempts WHERE created_user_id = $1";

/// Deletes account `$1`'s addresses.
pub const DELETE_ACCOUNT_ADDRESSES: &str = "DELETE FROM email_addresses WHERE user_id = $1";

/// Deletes user `$1`'s sessions; answers their ids and clients.
pub const DELETE_USER_SESSIONS: &str =
    "DELETE FROM sessions WHERE user_id = $1 RETURNING id, client_id";

/// Deletes user `$1`.
pub const DELETE_USER: &str = "DELETE FROM users WHERE id = $1";
