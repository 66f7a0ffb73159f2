//! The schema, in SQL both SQLite and PostgreSQL accept. Times are Unix milliseconds (BIGINT);
//! `clients.secret_hash` is the hex SHA-256 of the cookie secret, never the secret.

/// Statements run in order at start-up; each is idempotent.
pub const STATEMENTS: &[&str] = &[
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
];
