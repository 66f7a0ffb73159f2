//! [`StoreError`], what the store answers when a call does not succeed: a driver's failure
//! (rusqlite, sqlx, a file), or one of the store's own outcomes (the email is taken, the client
//! secret was replaced meanwhile, the schema is newer than this binary, a session rule refused).
//!
//! The rest of the server sees only this type (through `?`); it becomes an
//! [`AppError`](crate::error::AppError) in exactly one place, `impl From<StoreError> for
//! AppError` in [`crate::error`]. Driver errors keep their text for the log; no driver text
//! reaches an HTTP answer (a 5xx body is generic).

use crate::session_rules::Refusal;

/// The store's result type.
pub type StoreResult<T> = Result<T, StoreError>;

/// Everything a store call can answer besides success.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A sign-up's email address has an account already (a unique violation on `users`).
    #[error("identifier exists")]
    IdentifierExists,
    /// An address added to (or verified for) an account is in use: this account has it, or
    /// another account verified it.
    #[error("address exists")]
    AddressExists,
    /// The client secret the caller authenticated with was replaced by another sign-in.
    #[error("client rotated")]
    ClientRotated,
    /// A session rule refused the new session (checked inside its transaction).
    #[error("session rules: {0}")]
    Refused(#[from] Refusal),
    /// The database is recorded at a migration newer than this binary knows.
    #[error(
        "the database schema is at migration {found}, newer than this clerk-server knows \
         ({known}): run a clerk-server at least as new as the one that migrated it"
    )]
    SchemaNewer {
        /// The newest version recorded in the database.
        found: i64,
        /// The newest version this binary has.
        known: i64,
    },
    /// The database cannot be used as configured (bad URL, a locked or planted file).
    #[error("{0}")]
    Config(String),
    /// A row the store cannot read back (a NULL or unknown value where the schema has none).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// A store task is gone, or a failure replicated to the writes of one failed batch.
    #[error("{0}")]
    Internal(String),
    /// PostgreSQL (sqlx).
    #[error("postgres: {0}")]
    Postgres(#[from] sqlx::Error),
    /// SQLite (rusqlite).
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file of the database (SQLite files, their lock).
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// Whether the database is out of reach for now (a full or closed pool, a lost connection,
    /// a SQLite file busy past its timeout): the caller answers `service_unavailable`.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Postgres(e) => matches!(
                e,
                sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
            ),
            Self::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ),
            _ => false,
        }
    }

    /// Whether this is a unique-constraint violation (either driver).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            Self::Postgres(sqlx::Error::Database(d)) => d.is_unique_violation(),
            Self::Sqlite(e) => {
                e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
            }
            _ => false,
        }
    }

    /// The same failure again, for every write of a batch that failed as one: an unreachable
    /// database stays unavailable; anything else becomes an internal error with its text.
    pub fn replicate(&self) -> Self {
        match self {
            Self::Postgres(sqlx::Error::PoolTimedOut) => Self::Postgres(sqlx::Error::PoolTimedOut),
            Self::Postgres(sqlx::Error::PoolClosed) => Self::Postgres(sqlx::Error::PoolClosed),
            Self::Postgres(sqlx::Error::Io(io)) => Self::Postgres(sqlx::Error::Io(
                std::io::Error::new(io.kind(), io.to_string()),
            )),
            other => Self::Internal(format!("activity write: {other}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use axum::response::IntoResponse;
    use clerk_protocol::ErrorCode;
    use http_body_util::BodyExt;

    async fn body_of(e: StoreError) -> (u16, String) {
        let response = AppError::from(e).into_response();
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_driver_failure_answers_a_generic_500_without_the_drivers_text() {
        let sqlite = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some("secret detail from sqlite".into()),
        );
        let (status, body) = body_of(StoreError::Sqlite(sqlite)).await;
        assert_eq!(status, 500);
        assert!(body.contains("internal_error"), "{body}");
        assert!(!body.contains("secret detail"), "{body}");
        let pg = sqlx::Error::Protocol("secret detail from postgres".into());
        let (status, body) = body_of(StoreError::Postgres(pg)).await;
        assert_eq!(status, 500);
        assert!(!body.contains("secret detail"), "{body}");
    }

    #[tokio::test]
    async fn an_unreachable_database_answers_503_and_a_store_outcome_its_own_code() {
        let (status, _) = body_of(StoreError::Postgres(sqlx::Error::PoolTimedOut)).await;
        assert_eq!(status, 503);
        let cases = [
            (StoreError::IdentifierExists, ErrorCode::IdentifierExists),
            (StoreError::ClientRotated, ErrorCode::ClientRotated),
            (
                StoreError::Refused(Refusal::MaxSessionsReached { max: 3 }),
                ErrorCode::MaxSessionsReached,
            ),
        ];
        for (e, code) in cases {
            assert_eq!(AppError::from(e).code(), code);
        }
        let newer = AppError::from(StoreError::SchemaNewer { found: 9, known: 3 });
        assert!(matches!(newer, AppError::Config(m) if m.contains("migration 9")));
    }
}
