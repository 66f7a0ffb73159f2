//! Every SQL text of the server, written once for both backends with PostgreSQL's `$N`
//! placeholders (the SQLite side rewrites them to `?N` once, see `sqlite::numbered`).
//!
//! Column orders are fixed: a client prefix (`client_columns!`, [`CLIENT_COLS`] columns)
//! followed by the session columns of `session_columns!` ([`SESSION_COLS`] columns, user
//! included), decoded by position.

/// Columns of the client prefix (`client_columns!`).
pub const CLIENT_COLS: usize = 8;
/// Columns of a session joined with its user.
pub const SESSION_COLS: usize = 20;

/// The client columns (table alias `c`), in the order `rows::client` reads them.
macro_rules! client_columns {
    () => {
        "c.secret_hash, c.last_active_session_id, c.created_at, c.updated_at, c.generation, \
         c.prev_secret_hash, c.prev_secret_until, c.rotated_at "
    };
}

/// Session columns joined with the user, in the order `rows::session_at` reads them.
macro_rules! session_columns {
    () => {
        "s.id, s.client_id, s.status, s.last_active_at, s.expire_at, s.abandon_at, \
         s.user_agent, s.ip_address, s.created_at, s.updated_at, s.generation, \
         s.factor_verified_at, u.id, u.email_address, \
         u.first_name, u.last_name, u.image_url, u.created_at, u.updated_at, \
         u.primary_email_address_id "
    };
}

/// The condition "stored active and not past expire_at / abandon_at at $2".
macro_rules! live_at_2 {
    () => {
        "s.status = 'active' AND s.expire_at > $2 AND s.abandon_at > $2 "
    };
}

/// The hot path of `GET /v1/client`: client `$1` and its live sessions at `$2` with their users,
/// oldest first, in one indexed query. A client without live sessions gives one row whose session
/// columns are NULL.
pub const CLIENT_WITH_LIVE_SESSIONS: &str = concat!(
    "SELECT ",
    client_columns!(),
    ", ",
    session_columns!(),
    "FROM clients c LEFT JOIN sessions s ON s.client_id = c.id AND ",
    live_at_2!(),
    "LEFT JOIN users u ON u.id = s.user_id WHERE c.id = $1 ORDER BY s.created_at, s.id"
);

/// Client `$1` and its session `$2` (any status; NULL session columns if it is not this
/// client's).
pub const CLIENT_AND_SESSION: &str = concat!(
    "SELECT ",
    client_columns!(),
    ", ",
    session_columns!(),
    "FROM clients c LEFT JOIN sessions s ON s.id = $2 AND s.client_id = c.id ",
    "LEFT JOIN users u ON u.id = s.user_id WHERE c.id = $1"
);

/// One session with its user, whatever its status.
pub const FIND_SESSION: &str = concat!(
    "SELECT ",
    session_columns!(),
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1"
);

/// The user's live sessions on every client at `$2`, most recently active first.
pub const LIVE_SESSIONS_OF_USER: &str = concat!(
    "SELECT ",
    session_columns!(),
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.user_id = $1 AND ",
    live_at_2!(),
    "ORDER BY s.last_active_at DESC, s.id"
);

/// `(session id, user id)` of the live sessions of client `$1` at `$2` (the session rules).
pub const LIVE_SESSION_USERS: &str = concat!(
    "SELECT s.id, s.user_id FROM sessions s WHERE s.client_id = $1 AND ",
    live_at_2!(),
    "ORDER BY s.created_at, s.id"
);

/// PostgreSQL only: locks client `$1`'s row until the transaction ends, so concurrent sign-ins
/// on one client (in any process) check the session rules one after the other.
pub const LOCK_CLIENT_PG: &str = "SELECT id FROM clients WHERE id = $1 FOR UPDATE";

/// Stores a new client (generation 0, no previous secret, its lifetime starting now).
pub const INSERT_CLIENT: &str = "INSERT INTO clients (id, secret_hash, last_active_session_id, \
     created_at, updated_at, generation, prev_secret_hash, prev_secret_until, rotated_at) \
     VALUES ($1, $2, NULL, $3, $3, 0, NULL, 0, $3)";

/// Rotates client `$1`'s secret if it is still `$2` (else no row: another sign-in rotated it
/// first): the old one stays valid until `$3`, `$4` becomes the secret, the generation goes up
/// and the client's lifetime starts again at `$5`. Answers the new generation.
pub const ROTATE_CLIENT: &str = "UPDATE clients SET prev_secret_hash = secret_hash, \
     prev_secret_until = $3, secret_hash = $4, generation = generation + 1, rotated_at = $5, \
     updated_at = $5 WHERE id = $1 AND secret_hash = $2 RETURNING generation";

/// Up to 500 clients to remove at `$3`: past their lifetime (rotated at or before `$1`), or
/// without a live session and unchanged since `$2`.
pub const EXPIRED_CLIENTS: &str = "SELECT c.id FROM clients c WHERE c.rotated_at <= $1 OR \
     (c.updated_at <= $2 AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.client_id = c.id AND \
     s.status = 'active' AND s.expire_at > $3 AND s.abandon_at > $3)) LIMIT 500";

/// Deletes every session of client `$1`.
pub const DELETE_CLIENT_SESSIONS: &str = "DELETE FROM sessions WHERE client_id = $1";

/// Deletes a client.
pub const DELETE_CLIENT: &str = "DELETE FROM clients WHERE id = $1";

/// Sets (or clears, with NULL) the client's last active session.
pub const SET_LAST_ACTIVE: &str =
    "UPDATE clients SET last_active_session_id = $2, updated_at = $3 WHERE id = $1";

/// Clears the client's last active session if it is `$2`.
pub const CLEAR_LAST_ACTIVE_IF: &str = "UPDATE clients SET last_active_session_id = NULL, \
     updated_at = $3 WHERE id = $1 AND last_active_session_id = $2";

/// Stores a new active session of client generation `$9`, its first factor verified now (`$4`).
pub const INSERT_SESSION: &str = "INSERT INTO sessions (id, client_id, user_id, status, \
     last_active_at, expire_at, abandon_at, user_agent, ip_address, created_at, updated_at, \
     generation, factor_verified_at) VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8, $4, $4, \
     $9, $4)";

/// Records activity at `$2` (new abandon_at `$3`) on session `$1` if it is still live at `$2`:
/// guarded, so a session revoked or expired meanwhile (by any process) is not revived.
pub const TOUCH_SESSION: &str = "UPDATE sessions SET last_active_at = $2, abandon_at = $3, \
     updated_at = $2 WHERE id = $1 AND status = 'active' AND expire_at > $2 AND abandon_at > $2";

/// Makes live session `$2` (live at `$3`) client `$1`'s last active one; no row changes if the
/// session is not live (any more) or not this client's.
pub const SET_LAST_ACTIVE_IF_LIVE: &str = concat!(
    "UPDATE clients SET last_active_session_id = $2, updated_at = $3 WHERE id = $1 AND EXISTS ",
    "(SELECT 1 FROM sessions s WHERE s.id = $2 AND s.client_id = $1 AND ",
    "s.status = 'active' AND s.expire_at > $3 AND s.abandon_at > $3)"
);

/// PostgreSQL only: a batch of activity writes in one statement (see `super::activity_batch`).
/// Job `k` (1-based) is the `k`-th element of the arrays `$1` client ids, `$2` session ids, `$3`
/// times, `$4` new `abandon_at` (NULL: no activity to record), `$5` "make it the client's last
/// active session". Answers the numbers of the jobs whose session is the client's and live at
/// the job's time. For those only: each session gets the activity of its latest job, each
/// client the session of its last switching job. The updates repeat the liveness guards, so a
/// session finished meanwhile (by any process) is never revived.
pub const ACTIVITY_BATCH_PG: &str = concat!(
    "WITH q AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::bool[]) ",
    "WITH ORDINALITY AS q(client_id, session_id, now, abandon_at, make_last, ord)), ",
    "live AS (SELECT q.* FROM q JOIN sessions s ON s.id = q.session_id AND ",
    "s.client_id = q.client_id AND s.status = 'active' AND s.expire_at > q.now AND ",
    "s.abandon_at > q.now), ",
    "touched AS (UPDATE sessions s SET last_active_at = t.now, abandon_at = t.abandon_at, ",
    "updated_at = t.now FROM (SELECT DISTINCT ON (session_id) session_id, now, abandon_at ",
    "FROM live WHERE abandon_at IS NOT NULL ORDER BY session_id, now DESC, ord DESC) t ",
    "WHERE s.id = t.session_id AND s.status = 'active' AND s.expire_at > t.now AND ",
    "s.abandon_at > t.now RETURNING s.id), ",
    "switched AS (UPDATE clients c SET last_active_session_id = t.session_id, updated_at = t.now ",
    "FROM (SELECT DISTINCT ON (client_id) client_id, session_id, now FROM live WHERE make_last ",
    "ORDER BY client_id, ord DESC) t WHERE c.id = t.client_id RETURNING c.id) ",
    "SELECT ord FROM live"
);

/// Moves active session `$1` to status `$2`.
pub const FINISH_SESSION: &str =
    "UPDATE sessions SET status = $2, updated_at = $3 WHERE id = $1 AND status = 'active'";

/// Ends every active session of client `$1`.
pub const END_CLIENT_SESSIONS: &str = "UPDATE sessions SET status = 'ended', updated_at = $2 \
     WHERE client_id = $1 AND status = 'active'";

/// The user with this (lower-cased) verified email address (primary or not), password hash
/// last. An unverified address finds no one.
pub const FIND_USER_BY_EMAIL: &str = "SELECT u.id, u.email_address, u.first_name, u.last_name, \
     u.image_url, u.created_at, u.updated_at, u.primary_email_address_id, u.password_hash \
     FROM email_addresses e JOIN users u ON u.id = e.user_id \
     WHERE e.email_address = $1 AND e.verified_at IS NOT NULL";

/// User `$1`, password hash last.
pub const FIND_USER: &str = "SELECT id, email_address, first_name, last_name, image_url, \
     created_at, updated_at, primary_email_address_id, password_hash FROM users WHERE id = $1";

/// Stores a new user (its primary address goes into `email_addresses` in the same transaction).
pub const INSERT_USER: &str = "INSERT INTO users (id, email_address, first_name, last_name, \
     image_url, created_at, updated_at, password_hash, primary_email_address_id) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

/// "Client `$t` has expired": rotated at or before `$1`, or without a session live at `$3` and
/// unchanged since `$2`.
macro_rules! client_expired {
    ($t:literal) => {
        concat!(
            "(",
            $t,
            ".rotated_at <= $1 OR (",
            $t,
            ".updated_at <= $2 AND NOT EXISTS (SELECT 1 ",
            "FROM sessions s WHERE s.client_id = ",
            $t,
            ".id AND s.status = 'active' AND ",
            "s.expire_at > $3 AND s.abandon_at > $3)))"
        )
    };
}

/// Deletes up to 500 expired clients (see `client_expired!`), answering their ids. The
/// condition is checked again on each row deleted, so a client a sign-in changed meanwhile
/// (every sign-in rotates it, moving `updated_at` and `rotated_at`) stays.
pub const SWEEP_CLIENTS: &str = concat!(
    "DELETE FROM clients WHERE id IN (SELECT c.id FROM clients c WHERE ",
    client_expired!("c"),
    " LIMIT 500) AND ",
    client_expired!("clients"),
    " RETURNING id"
);

/// Deletes the rate-limit counters of windows before `$1`.
pub const SWEEP_RATE_LIMITS: &str = "DELETE FROM rate_limits WHERE window_id < $1";

/// PostgreSQL: one attempt on each key of `$1` (distinct) in window `$2`; answers each key with
/// its count in that window. A row of an older window starts again at 1 (a newer one, from a
/// process whose clock runs ahead, keeps counting).
pub const COUNT_ATTEMPTS_PG: &str = concat!(
    "INSERT INTO rate_limits (key, window_id, count) SELECT k, $2, 1 FROM unnest($1::text[]) ",
    "AS k ON CONFLICT (key) DO UPDATE SET count = CASE WHEN rate_limits.window_id >= ",
    "EXCLUDED.window_id THEN rate_limits.count + 1 ELSE 1 END, window_id = ",
    "GREATEST(rate_limits.window_id, EXCLUDED.window_id) RETURNING key, count"
);

/// Stores an outbox row ([`crate::mail::SealedMail`]): `$1` id, `$2` sealed payload, `$3`
/// not_after, `$4` next_attempt_at, `$5` created_at. Run it in the transaction that stores the
/// code the message carries.
/// `$6` the account the message is for (NULL for none yet: a sign-up), so deleting the account
/// deletes its mail.
pub const INSERT_OUTBOX: &str = "INSERT INTO mail_outbox (id, payload, not_after, \
     next_attempt_at, created_at, attempts, claim_token, user_id) \
     VALUES ($1, $2, $3, $4, $5, 0, NULL, $6)";

/// Claims up to `$4` outbox rows due at `$3` for claim token `$1` until `$2` (the lease: the
/// row is due again then, should this claimer die), answering them. Several processes claiming
/// at once never share a row: on PostgreSQL a row another claim updated first is re-checked
/// against `next_attempt_at <= $3` (its lease is in the future, so it is skipped); SQLite
/// serializes writers.
pub const CLAIM_OUTBOX: &str = "UPDATE mail_outbox SET claim_token = $1, next_attempt_at = $2 \
     WHERE next_attempt_at <= $3 AND id IN (SELECT id FROM mail_outbox WHERE \
     next_attempt_at <= $3 ORDER BY next_attempt_at LIMIT $4) \
     RETURNING id, payload, not_after, attempts";

/// Deletes outbox row `$1` if claim `$2` still holds it (sent, or dropped).
pub const DELETE_OUTBOX: &str = "DELETE FROM mail_outbox WHERE id = $1 AND claim_token = $2";

/// A failed attempt on row `$1` under claim `$2`: one more attempt counted, due again at `$3`.
pub const RETRY_OUTBOX: &str = "UPDATE mail_outbox SET attempts = attempts + 1, \
     next_attempt_at = $3, claim_token = NULL WHERE id = $1 AND claim_token = $2";

/// Sets user `$1`'s password hash `$2` at `$3` (a password reset).
pub const SET_PASSWORD: &str = "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1";

/// Revokes every active session of user `$1` at `$2`; answers their ids and clients.
pub const REVOKE_USER_SESSIONS: &str = "UPDATE sessions SET status = 'revoked', updated_at = $2 \
     WHERE user_id = $1 AND status = 'active' RETURNING id, client_id";
