//! Sending and checking the mailed codes of attempts (sign-up verification, code sign-in,
//! password reset), of added email addresses and of session re-verification, for the handlers
//! of [`super::sign_up_verify`], [`super::sign_in_factors`], [`super::reset_password`],
//! [`super::email_addresses`] and [`super::reverify`]. A code is bound to what it is for (the
//! attempt, address or session id keys its HMAC).
//!
//! Sending, in order: the resend cooldown (429 with the seconds left), the hourly limits per
//! address and per client address (429 until the hour ends), then a fresh code, stored as its
//! HMAC together with its sealed mail in one transaction ([`crate::store::Db::store_code`]),
//! and the mail sender woken. For an unknown address the same steps run and the same answer
//! comes back, but what is stored is a hash no code matches and no mail is written.
//!
//! Checking: the entered code must be 6 digits (`invalid_param`, no try spent); one try is
//! taken in a guarded statement, then the digits are compared in constant time:
//! `form_code_incorrect` with `meta.attempts_left`, `verification_failed` once the tries are
//! spent (even for the right digits), `verification_expired` past the code's time.

use crate::codes::{self, Code, CodeState};
use crate::config::HOUR_MS;
use crate::error::{AppError, AppResult};
use crate::http::context::RequestContext;
use crate::jwt::Keys;
use crate::mail::{MailKind, OutgoingMail};
use crate::state::AppState;
use crate::store::NewCode;
use clerk_protocol::{Verification, VERIFICATION_UNVERIFIED, VERIFICATION_VERIFIED};

/// The key codes are hashed with, derived from the signing key.
pub fn code_key(keys: &Keys) -> [u8; 32] {
    keys.derive(codes::HMAC_LABEL)
}

/// What a code is sent for and to whom.
#[derive(Debug, Clone, Copy)]
pub struct CodeFor<'a> {
    /// The attempt (or address, or session) the code is bound to.
    pub attempt_id: &'a str,
    /// What the per-address limit counts (the identifier as normalised).
    pub address: &'a str,
    /// The recipient; `None` for an unknown address, which gets a code that no digits match
    /// and no mail.
    pub to: Option<&'a str>,
    /// The account the mail is for (`None` before it exists), so deleting the account deletes
    /// its mail.
    pub user_id: Option<&'a str>,
    /// Which mail.
    pub kind: MailKind,
}

/// Mails a new code as `c` says (see the module docs). Returns the code's expiry.
pub async fn send_code(
    state: &AppState,
    ctx: &RequestContext,
    c: CodeFor<'_>,
    now: i64,
) -> AppResult<i64> {
    let CodeFor {
        attempt_id,
        address,
        to,
        user_id,
        kind,
    } = c;
    let policy = state.config.file.verification_codes.policy();
    if let Some(s) = state.db.code_state(attempt_id).await? {
        if let Some(retry_after_secs) = policy.cooldown_left_secs(s.sent_at, now) {
            crate::audit::throttled(ctx, "resend_cooldown", true, Some(address));
            return Err(AppError::TooManyRequests { retry_after_secs });
        }
    }
    let limits = &state.config.file.verification_codes;
    let keys = [
        format!("code_address:{address}"),
        format!("code_ip:{}", ctx.limit_key()),
    ];
    let hits = state
        .code_limiter
        .hit(&state.db, &keys, HOUR_MS, now)
        .await?;
    let limit = if hits.counts[0] > u64::from(limits.per_address_per_hour) {
        Some("codes_per_address_per_hour")
    } else if hits.counts[1] > u64::from(limits.per_ip_per_hour) {
        Some("codes_per_ip_per_hour")
    } else {
        None
    };
    if let Some(limit) = limit {
        crate::audit::throttled(ctx, limit, true, Some(address));
        return Err(AppError::TooManyRequests {
            retry_after_secs: hits.retry_after_secs,
        });
    }
    let code = Code::generate()?;
    let expire_at = policy.expire_at(now);
    let mail = OutgoingMail {
        to: to.unwrap_or(address).to_owned(),
        kind,
        code: code.expose().to_owned(),
        expire_at,
    };
    let (code_hash, sealed) = match (to, &state.mail) {
        (Some(_), Some(mailer)) => {
            let sealed = mailer.seal(&mail, &state.config.file.application_name, now)?;
            (
                codes::hash(&state.code_key, attempt_id, code.expose())?,
                Some(sealed),
            )
        }
        (None, Some(mailer)) => {
            // The same work as for a known address (timing), then nothing is kept.
            let _ = mailer.seal(&mail, &state.config.file.application_name, now)?;
            (codes::unmatchable_hash()?, None)
        }
        (_, None) => {
            return Err(AppError::StrategyNotAllowed {
                strategy: clerk_protocol::STRATEGY_EMAIL_CODE.to_owned(),
            })
        }
    };
    drop(mail);
    let stored = state
        .db
        .store_code(
            NewCode {
                attempt_id,
                code_hash: &code_hash,
                expire_at,
                sent_at: now,
                replace_sent_before: now.saturating_sub(policy.cooldown_ms),
                user_id,
            },
            sealed.as_ref(),
        )
        .await?;
    if !stored {
        // Another request sent a code a moment ago.
        return Err(AppError::TooManyRequests {
            retry_after_secs: policy.cooldown_left_secs(now, now).unwrap_or(1),
        });
    }
    if let (Some(_), Some(mailer)) = (&sealed, &state.mail) {
        mailer.wake();
    }
    crate::audit::code_sent(ctx, attempt_id, kind.as_str());
    Ok(expire_at)
}

/// Checks the entered `code` against `attempt_id`'s (see the module docs).
pub async fn check_code(
    state: &AppState,
    ctx: &RequestContext,
    attempt_id: &str,
    entered: &str,
    now: i64,
) -> AppResult<()> {
    let entered = codes::parse_entered(entered)?;
    let policy = state.config.file.verification_codes.policy();
    let Some((stored, tries)) = state
        .db
        .take_code_try(attempt_id, policy.max_attempts, now)
        .await?
    else {
        let Some(s) = state.db.code_state(attempt_id).await? else {
            return Err(AppError::VerificationNotReady(
                "No code was sent for this attempt yet: prepare one first.",
            ));
        };
        return Err(policy.dead(&s, now).unwrap_or(codes::Dead::Failed).into());
    };
    if codes::matches(&state.code_key, attempt_id, &entered, &stored)? {
        return Ok(());
    }
    let attempts_left = policy.attempts_left(tries);
    crate::audit::code_wrong(ctx, attempt_id, attempts_left);
    Err(AppError::FormCodeIncorrect { attempts_left })
}

/// The `Verification` of an attempt's code: `verified` once it was entered right, else the
/// state of the current code (`unverified` with no expiry before one was sent).
pub async fn verification(
    state: &AppState,
    attempt_id: &str,
    strategy: &str,
    verified: bool,
    now: i64,
) -> AppResult<Verification> {
    if verified {
        return Ok(Verification {
            status: VERIFICATION_VERIFIED.to_owned(),
            strategy: strategy.to_owned(),
            attempts: 0,
            expire_at: None,
        });
    }
    let policy = state.config.file.verification_codes.policy();
    let s: Option<CodeState> = state.db.code_state(attempt_id).await?;
    Ok(Verification {
        status: s
            .as_ref()
            .map_or(VERIFICATION_UNVERIFIED, |s| policy.status(s, now))
            .to_owned(),
        strategy: strategy.to_owned(),
        attempts: s.as_ref().map_or(0, |s| s.attempts),
        expire_at: s.map(|s| s.expire_at),
    })
}
