//! The SQL texts of profile pictures (migration 7): each stored image once, keyed by the
//! SHA-256 of its bytes (so two users with the same picture share one row), and the user's
//! current one in `users.image_hash` (its public URL stays in `users.image_url`, which the user
//! resource already carries). Like [`super::sql`], written once with `$N` placeholders.
//!
//! Rule: an image no user names any more is deleted in the transaction that stopped naming it
//! (a replacement, a removal, an account deletion). On PostgreSQL those transactions first take
//! a transaction-scoped advisory lock per hash ([`LOCK_IMAGE_PG`], in sorted order), so a
//! removal can never delete an image another user is setting at the same moment; SQLite's
//! `BEGIN IMMEDIATE` holds the whole database already.

/// Migration 7 (additive: existing users simply have no image hash).
pub(super) const MIGRATION: super::schema::Migration = super::schema::Migration {
    version: 7,
    name: "profile images",
    common: &[
        // `BYTEA` has no meaning to SQLite, which stores the bytes as a BLOB.
        "CREATE TABLE profile_images (
            hash TEXT PRIMARY KEY,
            content_type TEXT NOT NULL,
            bytes BYTEA NOT NULL,
            created_at BIGINT NOT NULL
        )",
        "ALTER TABLE users ADD COLUMN image_hash TEXT",
        "CREATE INDEX users_by_image_hash ON users (image_hash)",
    ],
    postgres: &[],
};

/// PostgreSQL: serialises this transaction with every other touching image `$1`.
pub const LOCK_IMAGE_PG: &str = "SELECT pg_advisory_xact_lock(hashtext('clerk_image ' || $1))";

/// Stores image `$1` (`$2` its content type, `$3` its bytes) at `$4`, unless stored already.
pub const INSERT_IMAGE: &str = "INSERT INTO profile_images (hash, content_type, bytes, \
     created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING";

/// User `$1`'s current image hash (one row, maybe NULL; no row for an unknown user).
pub const IMAGE_OF_USER: &str = "SELECT image_hash FROM users WHERE id = $1";

/// Sets user `$1`'s image to hash `$2` with public URL `$3` at `$4` (both NULL: none).
pub const SET_USER_IMAGE: &str =
    "UPDATE users SET image_hash = $2, image_url = $3, updated_at = $4 WHERE id = $1";

/// Deletes image `$1` if no user names it.
pub const DELETE_IMAGE_IF_UNUSED: &str = "DELETE FROM profile_images WHERE hash = $1 \
     AND NOT EXISTS (SELECT 1 FROM users u WHERE u.image_hash = $1)";

/// Image `$1`: its content type and bytes.
pub const FIND_IMAGE: &str = "SELECT content_type, bytes FROM profile_images WHERE hash = $1";
