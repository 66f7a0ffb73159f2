//! The schema as numbered migrations, in SQL both SQLite and PostgreSQL accept (PostgreSQL adds
//! its notification triggers). Times are Unix milliseconds (BIGINT); `clients.secret_hash` and
//! `clients.prev_secret_hash` are hex SHA-256 of cookie secrets, never the secrets.
//!
//! Rules: a migration, once released, never changes (add a new one instead); each is applied at
//! most once, in order, inside a transaction, and recorded in `clerk_schema_migrations`
//! (see [`super::migrate`]). Migration 1 is the schema of the first release, written with
//! `IF NOT EXISTS` so a database created before migrations were recorded adopts it in place.

/// One migration: the statements of both backends, then PostgreSQL's own.
#[derive(Debug)]
pub struct Migration {
    /// Its number, from 1, increasing (a number may be left for a migration being written
    /// elsewhere: a database that lacks it gets it from the binary that has it).
    pub version: i64,
    /// What it does, recorded beside the number.
    pub name: &'static str,
    /// Statements for both backends, run in order.
    pub common: &'static [&'static str],
    /// PostgreSQL only, after `common`.
    pub postgres: &'static [&'static str],
}

/// Every migration, in order.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "users, clients, sessions",
        common: &[
            "CREATE TABLE IF NOT EXISTS users (
                id TEXT PRIMARY KEY,
                email_address TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                first_name TEXT,
                last_name TEXT,
                image_url TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )",
            "CREATE TABLE IF NOT EXISTS clients (
                id TEXT PRIMARY KEY,
                secret_hash TEXT NOT NULL,
                last_active_session_id TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )",
            "CREATE TABLE IF NOT EXISTS sessions (
                id TEXT PRIMARY KEY,
                client_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                status TEXT NOT NULL,
                last_active_at BIGINT NOT NULL,
                expire_at BIGINT NOT NULL,
                abandon_at BIGINT NOT NULL,
                user_agent TEXT,
                ip_address TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )",
            "CREATE INDEX IF NOT EXISTS sessions_by_client ON sessions (client_id, status)",
            "CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id, status)",
        ],
        postgres: NOTIFY_TRIGGERS,
    },
    Migration {
        version: 2,
        name: "rotating client credentials, client lifetimes",
        common: &[
            // Each sign-in issues a new secret: `generation` counts them, the one it replaced
            // stays valid until `prev_secret_until` (for requests already in flight), and
            // `rotated_at` starts the client's lifetime again.
            "ALTER TABLE clients ADD COLUMN generation BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE clients ADD COLUMN prev_secret_hash TEXT",
            "ALTER TABLE clients ADD COLUMN prev_secret_until BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE clients ADD COLUMN rotated_at BIGINT NOT NULL DEFAULT 0",
            "UPDATE clients SET rotated_at = created_at",
            // The generation a session was created in: the previous secret sees only older ones.
            "ALTER TABLE sessions ADD COLUMN generation BIGINT NOT NULL DEFAULT 0",
            "CREATE INDEX clients_by_rotated_at ON clients (rotated_at)",
            "CREATE INDEX clients_by_updated_at ON clients (updated_at)",
        ],
        postgres: &[],
    },
    Migration {
        version: 3,
        name: "rate-limit counters shared by processes",
        common: &[
            // One row per limited key (a SHA-256), counting attempts in the fixed window
            // `window_id` (since migration 4's release: the window's end in Unix ms, so windows
            // of different lengths share the table); used on PostgreSQL, where several
            // processes must share their counts.
            "CREATE TABLE rate_limits (
                key TEXT PRIMARY KEY,
                window_id BIGINT NOT NULL,
                count BIGINT NOT NULL
            )",
            "CREATE INDEX rate_limits_by_window ON rate_limits (window_id)",
        ],
        postgres: &[],
    },
    Migration {
        version: 4,
        name: "sign-up and sign-in attempts, verification codes",
        common: &[
            // An unverified sign-up (`email_verification = "required"`): what the account will
            // be (the argon2id hash, never the password), the client (browser) it belongs to,
            // and when it is forgotten. No unique address: an unverified sign-up reserves
            // nothing; the first to verify gets the account.
            "CREATE TABLE sign_up_attempts (
                id TEXT PRIMARY KEY,
                client_id TEXT NOT NULL,
                email_address TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                first_name TEXT,
                last_name TEXT,
                status TEXT NOT NULL,
                created_user_id TEXT,
                created_session_id TEXT,
                abandon_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )",
            "CREATE INDEX sign_up_attempts_by_abandon_at ON sign_up_attempts (abandon_at)",
            // A sign-in with a mailed code or a password reset: the identifier as entered,
            // the account (NULL for an unknown address, which gets the same answers and no
            // code), the strategy and the step (`needs_first_factor`, `needs_new_password`
            // once the reset code was right, `complete`).
            "CREATE TABLE sign_in_attempts (
                id TEXT PRIMARY KEY,
                client_id TEXT NOT NULL,
                identifier TEXT NOT NULL,
                user_id TEXT,
                strategy TEXT NOT NULL,
                status TEXT NOT NULL,
                created_session_id TEXT,
                abandon_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )",
            "CREATE INDEX sign_in_attempts_by_abandon_at ON sign_in_attempts (abandon_at)",
            // The current code of an attempt (one per attempt: a new code replaces the old),
            // as hex HMAC-SHA256 keyed by a key derived from the signing key (see
            // `crate::codes`), never the digits; `attempts` counts tries on it.
            "CREATE TABLE verification_codes (
                attempt_id TEXT PRIMARY KEY,
                code_hash TEXT NOT NULL,
                attempts BIGINT NOT NULL,
                expire_at BIGINT NOT NULL,
                sent_at BIGINT NOT NULL
            )",
        ],
        postgres: &[],
    },
    super::outbox::MIGRATION,
    super::sql_account::MIGRATION,
    super::sql_images::MIGRATION,
];

/// PostgreSQL: triggers that tell every server process which client changed, at commit
/// (`NOTIFY clerk_client '<origin> <client id>'`; see `super::postgres`). Each is idempotent
/// (`CREATE OR REPLACE`, PostgreSQL 14 or later).
const NOTIFY_TRIGGERS: &[&str] = &[
    "CREATE OR REPLACE FUNCTION clerk_notify_client() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        changed TEXT;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            IF TG_TABLE_NAME = 'clients' THEN changed := OLD.id; ELSE changed := OLD.client_id; END IF;
        ELSE
            IF TG_TABLE_NAME = 'clients' THEN changed := NEW.id; ELSE changed := NEW.client_id; END IF;
        END IF;
        PERFORM pg_notify('clerk_client',
            coalesce(current_setting('clerk.instance', true), '') || ' ' || changed);
        RETURN NULL;
    END $$",
    "CREATE OR REPLACE FUNCTION clerk_notify_all_clients() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('clerk_client', ' *');
        RETURN NULL;
    END $$",
    "CREATE OR REPLACE TRIGGER clerk_clients_changed AFTER INSERT OR UPDATE OR DELETE ON clients
        FOR EACH ROW EXECUTE FUNCTION clerk_notify_client()",
    "CREATE OR REPLACE TRIGGER clerk_sessions_changed AFTER INSERT OR UPDATE OR DELETE ON sessions
        FOR EACH ROW EXECUTE FUNCTION clerk_notify_client()",
    "CREATE OR REPLACE TRIGGER clerk_users_changed AFTER UPDATE OR DELETE ON users
        FOR EACH STATEMENT EXECUTE FUNCTION clerk_notify_all_clients()",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_from_one_in_increasing_order() {
        let mut previous = 0;
        for m in MIGRATIONS {
            assert!(m.version > previous, "{} after {previous}", m.version);
            assert!(!m.common.is_empty() || !m.postgres.is_empty());
            previous = m.version;
        }
        assert_eq!(MIGRATIONS[0].version, 1);
    }
}
