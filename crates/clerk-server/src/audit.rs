//! The audit trail: one structured log line per security event (see [`crate::log`]; JSON with
//! `log_format = "json"`), with `event`, the client and user ids and the client's address.
//!
//! Events: `sign_up`, `sign_in`, `sign_in_failed` (with the normalised identifier), `throttled`
//! (a refused or slowed attempt: which limit), `sign_out` (one session), `sign_out_all`,
//! `revoke` (a session ended from another device), `key_loaded` (the signing key in use, by
//! key id); for the email flows `sign_up_pending` (an unverified sign-up), `code_sent` (a code
//! for an attempt, by purpose), `code_wrong` (a wrong code, with the tries left),
//! `sign_in` with `strategy=email_code`, and `password_reset` (with how many sessions it
//! revoked); for the account itself `user_updated` (which fields, never their values),
//! `primary_email_changed`, `email_address_added` / `_verified` / `_removed` (by address id,
//! never the address), `reverified` / `reverification_failed` (by strategy), `password_changed`
//! (with how many sessions it revoked), `profile_image_set` (with the image's content hash) /
//! `profile_image_removed`, and `user_deleted` (with how many sessions it ended).
//!
//! Security rule: never a secret: no cookie value, password, token or key material; the
//! identifier of a failed sign-in is logged only once it has passed normalisation (so a
//! password typed into the email field is refused before it could be logged).

use crate::http::context::RequestContext;

fn record(event: &str, ctx: Option<&RequestContext>, fields: &[(&str, &str)]) {
    let ip = ctx.and_then(RequestContext::ip);
    let mut all: Vec<(&str, &str)> = Vec::with_capacity(fields.len() + 3);
    all.push(("event", event));
    all.extend_from_slice(fields);
    if ctx.is_some() {
        all.push(("ip", ip.as_deref().unwrap_or("")));
    }
    crate::log::event("audit", &all);
}

/// An account was created and signed in.
pub fn sign_up(ctx: &RequestContext, client_id: &str, user_id: &str, session_id: &str) {
    let fields = [
        ("client_id", client_id),
        ("user_id", user_id),
        ("session_id", session_id),
    ];
    record("sign_up", Some(ctx), &fields);
}

/// A sign-in succeeded.
pub fn sign_in(ctx: &RequestContext, client_id: &str, user_id: &str, session_id: &str) {
    let fields = [
        ("client_id", client_id),
        ("user_id", user_id),
        ("session_id", session_id),
    ];
    record("sign_in", Some(ctx), &fields);
}

/// A sign-in failed on its credentials.
pub fn sign_in_failed(ctx: &RequestContext, identifier: &str) {
    record("sign_in_failed", Some(ctx), &[("identifier", identifier)]);
}

/// An attempt was refused (`refused`) or slowed by a rate limit (`limit` names it).
pub fn throttled(ctx: &RequestContext, limit: &str, refused: bool, identifier: Option<&str>) {
    let action = if refused { "refused" } else { "delayed" };
    let mut fields = vec![("limit", limit), ("action", action)];
    if let Some(identifier) = identifier {
        fields.push(("identifier", identifier));
    }
    record("throttled", Some(ctx), &fields);
}

/// One session was signed out on its own client.
pub fn sign_out(ctx: &RequestContext, client_id: &str, user_id: &str, session_id: &str) {
    let fields = [
        ("client_id", client_id),
        ("user_id", user_id),
        ("session_id", session_id),
    ];
    record("sign_out", Some(ctx), &fields);
}

/// Every session (the caller could see) of a client was signed out.
pub fn sign_out_all(ctx: &RequestContext, client_id: &str, sessions: usize) {
    let n = sessions.to_string();
    record(
        "sign_out_all",
        Some(ctx),
        &[("client_id", client_id), ("sessions", &n)],
    );
}

/// A user revoked one of their sessions (maybe on another device).
pub fn revoke(ctx: &RequestContext, user_id: &str, session_id: &str, target_client: &str) {
    let fields = [
        ("user_id", user_id),
        ("session_id", session_id),
        ("client_id", target_client),
    ];
    record("revoke", Some(ctx), &fields);
}

/// A sign-up waits for its address to be verified.
pub fn sign_up_pending(ctx: &RequestContext, client_id: &str, attempt_id: &str) {
    let fields = [("client_id", client_id), ("attempt_id", attempt_id)];
    record("sign_up_pending", Some(ctx), &fields);
}

/// A code was issued for an attempt (`kind`: its purpose). The code itself is never logged, nor
/// whether the address has an account.
pub fn code_sent(ctx: &RequestContext, attempt_id: &str, kind: &str) {
    let fields = [("attempt_id", attempt_id), ("kind", kind)];
    record("code_sent", Some(ctx), &fields);
}

/// A wrong code was entered for an attempt.
pub fn code_wrong(ctx: &RequestContext, attempt_id: &str, attempts_left: u32) {
    let left = attempts_left.to_string();
    let fields = [("attempt_id", attempt_id), ("attempts_left", left.as_str())];
    record("code_wrong", Some(ctx), &fields);
}

/// A sign-in with a mailed code succeeded.
pub fn sign_in_with_code(ctx: &RequestContext, client_id: &str, user_id: &str, session_id: &str) {
    let fields = [
        ("client_id", client_id),
        ("user_id", user_id),
        ("session_id", session_id),
        ("strategy", "email_code"),
    ];
    record("sign_in", Some(ctx), &fields);
}

/// A password was reset with a mailed code; `revoked` sessions of the account were ended.
pub fn password_reset(ctx: &RequestContext, user_id: &str, session_id: &str, revoked: usize) {
    let n = revoked.to_string();
    let fields = [
        ("user_id", user_id),
        ("session_id", session_id),
        ("revoked_sessions", n.as_str()),
    ];
    record("password_reset", Some(ctx), &fields);
}

/// The user changed `fields` of their account (names only: never the values).
pub fn user_updated(ctx: &RequestContext, user_id: &str, fields: &str) {
    record(
        "user_updated",
        Some(ctx),
        &[("user_id", user_id), ("fields", fields)],
    );
}

/// An address event (`email_address_added`, `_verified`, `_removed`, `primary_email_changed`)
/// on address `address_id` of user `user_id`.
pub fn address(ctx: &RequestContext, event: &str, user_id: &str, address_id: &str) {
    let fields = [("user_id", user_id), ("email_address_id", address_id)];
    record(event, Some(ctx), &fields);
}

/// User `user_id` set their picture to image `hash` (`profile_image_set`), or removed it
/// (`profile_image_removed`, no hash).
pub fn profile_image(ctx: &RequestContext, user_id: &str, hash: Option<&str>) {
    match hash {
        Some(hash) => record(
            "profile_image_set",
            Some(ctx),
            &[("user_id", user_id), ("image_hash", hash)],
        ),
        None => record("profile_image_removed", Some(ctx), &[("user_id", user_id)]),
    }
}

/// Session `session_id` re-verified its first factor with `strategy` (`ok`), or failed to.
pub fn reverification(
    ctx: &RequestContext,
    user_id: &str,
    session_id: &str,
    strategy: &str,
    ok: bool,
) {
    let event = if ok {
        "reverified"
    } else {
        "reverification_failed"
    };
    let fields = [
        ("user_id", user_id),
        ("session_id", session_id),
        ("strategy", strategy),
    ];
    record(event, Some(ctx), &fields);
}

/// User `user_id` changed their password from session `session_id`; `revoked` other sessions
/// were ended.
pub fn password_changed(ctx: &RequestContext, user_id: &str, session_id: &str, revoked: usize) {
    let n = revoked.to_string();
    let fields = [
        ("user_id", user_id),
        ("session_id", session_id),
        ("revoked_sessions", n.as_str()),
    ];
    record("password_changed", Some(ctx), &fields);
}

/// User `user_id` deleted their account; `sessions` sessions on every client were ended.
pub fn user_deleted(ctx: &RequestContext, user_id: &str, sessions: usize) {
    let n = sessions.to_string();
    let fields = [("user_id", user_id), ("ended_sessions", n.as_str())];
    record("user_deleted", Some(ctx), &fields);
}

/// The signing key in use, by key id (at start-up).
pub fn key_loaded(kid: &str) {
    record("key_loaded", None, &[("kid", kid)]);
}
