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

/// PostgreSQL only, after [`STATEMENTS`]: triggers that tell every server process which client
/// changed, at commit (`NOTIFY clerk_client '<origin> <client id>'`; see `super::postgres`).
/// Each is idempotent (`CREATE OR REPLACE`, PostgreSQL 14 or later).
pub const PG_STATEMENTS: &[&str] = &[
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
