//! The SQL texts of the email flows' tables (migration 4): `sign_up_attempts`,
//! `sign_in_attempts` and `verification_codes`. Like [`super::sql`], written once with
//! PostgreSQL's `$N` placeholders; columns in the order the decoders of [`super::attempts`]
//! and [`super::sign_in_attempts`] read them.

/// Stores a sign-up attempt (`$11` is also `updated_at`, the creation time).
pub const INSERT_SIGN_UP_ATTEMPT: &str = "INSERT INTO sign_up_attempts (id, client_id, \
     email_address, password_hash, first_name, last_name, status, created_user_id, \
     created_session_id, abandon_at, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)";

/// Sign-up attempt `$1`.
pub const FIND_SIGN_UP_ATTEMPT: &str = "SELECT id, client_id, email_address, password_hash, \
     first_name, last_name, status, created_user_id, created_session_id, abandon_at, created_at \
     FROM sign_up_attempts WHERE id = $1";

/// Completes sign-up attempt `$1` (if still unfinished) with user `$2` and session `$3` at `$4`.
pub const COMPLETE_SIGN_UP_ATTEMPT: &str = "UPDATE sign_up_attempts SET status = 'complete', \
     created_user_id = $2, created_session_id = $3, updated_at = $4 \
     WHERE id = $1 AND status = 'missing_requirements'";

/// Stores a sign-in attempt (`$8` is also `updated_at`).
pub const INSERT_SIGN_IN_ATTEMPT: &str = "INSERT INTO sign_in_attempts (id, client_id, \
     identifier, user_id, strategy, status, created_session_id, abandon_at, created_at, \
     updated_at) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $8)";

/// Sign-in attempt `$1`.
pub const FIND_SIGN_IN_ATTEMPT: &str = "SELECT id, client_id, identifier, user_id, strategy, \
     status, created_session_id, abandon_at, created_at FROM sign_in_attempts WHERE id = $1";

/// Moves sign-in attempt `$1` from status `$2` to `$3` with strategy `$4` and session `$5` at
/// `$6`; no row when it was not at `$2` any more (another request moved it first).
pub const ADVANCE_SIGN_IN_ATTEMPT: &str = "UPDATE sign_in_attempts SET status = $3, \
     strategy = $4, created_session_id = $5, updated_at = $6 WHERE id = $1 AND status = $2";

/// Deletes the sign-up attempts forgotten at `$1`.
pub const SWEEP_SIGN_UP_ATTEMPTS: &str = "DELETE FROM sign_up_attempts WHERE abandon_at <= $1";

/// Deletes the sign-in attempts forgotten at `$1`.
pub const SWEEP_SIGN_IN_ATTEMPTS: &str = "DELETE FROM sign_in_attempts WHERE abandon_at <= $1";

/// Deletes the codes expired at `$1` whose attempt is gone.
pub const SWEEP_CODES: &str = "DELETE FROM verification_codes WHERE expire_at <= $1 AND NOT \
     EXISTS (SELECT 1 FROM sign_up_attempts a WHERE a.id = attempt_id) AND NOT EXISTS \
     (SELECT 1 FROM sign_in_attempts a WHERE a.id = attempt_id)";

/// Stores code `$2` for attempt `$1` (expiring at `$3`, sent at `$4`) with no tries, replacing
/// the attempt's code only if that one was sent at or before `$5` (the cooldown), in one
/// statement: two requests at once never both replace it.
pub const UPSERT_CODE: &str = "INSERT INTO verification_codes (attempt_id, code_hash, attempts, \
     expire_at, sent_at) VALUES ($1, $2, 0, $3, $4) ON CONFLICT (attempt_id) DO UPDATE SET \
     code_hash = EXCLUDED.code_hash, attempts = 0, expire_at = EXCLUDED.expire_at, \
     sent_at = EXCLUDED.sent_at WHERE verification_codes.sent_at <= $5";

/// Takes one try on attempt `$1`'s code if it has tries left (fewer than `$2`) and works at
/// `$3`; answers its hash and the tries now made.
pub const TAKE_TRY: &str = "UPDATE verification_codes SET attempts = attempts + 1 \
     WHERE attempt_id = $1 AND attempts < $2 AND expire_at > $3 RETURNING code_hash, attempts";

/// Attempt `$1`'s code's counters.
pub const CODE_STATE: &str =
    "SELECT attempts, expire_at, sent_at FROM verification_codes WHERE attempt_id = $1";

/// Drops attempt `$1`'s code.
pub const DELETE_CODE: &str = "DELETE FROM verification_codes WHERE attempt_id = $1";
