//! `POST /v1/client/sign_ins` and `POST /v1/client/sign_ups`: each adds a session to the caller's
//! client (creating the client and its cookie when there is none) and makes it the last active.
//!
//! Rules, checked in this order: rate limits (per IP, and per identifier for sign-in);
//! parameters; credentials (an unknown account is checked against a dummy hash so it looks and
//! takes like a wrong password); no second live session for one account on one client;
//! single-session mode; the per-client cap. The session rules are checked in the transaction that
//! stores the session, with the client locked, so concurrent sign-ins cannot exceed the cap.

use super::{envelope, fresh_client};
use crate::credential::Credential;
use crate::error::{AppError, AppResult};
use crate::http::body::Params;
use crate::http::context::{Caller, RequestContext};
use crate::rate_limit::sign_in;
use crate::secrets::{new_id, ClientSecret};
use crate::session_rules::{self, LiveSession, SessionRules};
use crate::state::AppState;
use crate::store::{ClientRow, NewSession, Rotation, SessionStart, UserRow};
use axum::extract::State;
use axum::http::HeaderValue;
use axum::response::Response;
use clerk_protocol::{
    SignIn, SignUp, SignUpVerifications, OBJECT_SIGN_IN, OBJECT_SIGN_UP, STATUS_COMPLETE,
};

/// The longest password accepted, in characters.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Counts one attempt on each key in the current window.
async fn count(state: &AppState, keys: &[String], now: i64) -> AppResult<crate::rate_limit::Hits> {
    let window_ms = state.config.file.rate_limits.window_ms();
    state.limiter.hit(&state.db, keys, window_ms, now).await
}

/// The rate limits of a sign-in (or a password re-verification) of `identifier` (see [`crate::rate_limit::sign_in`]): refused
/// for an address past its limits, else slowed past the account's ceiling.
pub(crate) async fn throttle_sign_in(
    state: &AppState,
    ctx: &RequestContext,
    identifier: &str,
    now: i64,
) -> AppResult<()> {
    let limits = &state.config.file.rate_limits;
    let address = ctx.limit_key();
    let keys = [
        format!("sign_in_ip:{address}"),
        format!("sign_in_id_ip:{identifier} {address}"),
    ];
    let hits = count(state, &keys, now).await?;
    if let Some(limit) = sign_in::address_verdict(limits, hits.counts[0], hits.counts[1]) {
        crate::audit::throttled(ctx, limit, true, Some(identifier));
        return Err(AppError::TooManyRequests {
            retry_after_secs: hits.retry_after_secs,
        });
    }
    let account = count(state, &[format!("sign_in_id:{identifier}")], now).await?;
    let delay_ms = sign_in::account_delay_ms(limits, account.counts[0]);
    if delay_ms > 0 {
        crate::audit::throttled(ctx, "sign_in_per_identifier", false, Some(identifier));
        tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
    }
    Ok(())
}

fn rules(state: &AppState) -> SessionRules {
    SessionRules {
        single_session_mode: state.config.file.single_session_mode,
        max_sessions_per_client: state.config.file.max_sessions_per_client,
    }
}

/// An early check of the session rules before the costly password hashing of a sign-up (not
/// authoritative: [`start_session`] checks again inside its transaction).
fn precheck_session_rules(state: &AppState, caller: Option<&Caller>) -> AppResult<()> {
    let live: Vec<LiveSession> = caller
        .map(|c| {
            c.sessions
                .iter()
                .map(|s| (s.id.clone(), s.user.id.clone()))
                .collect()
        })
        .unwrap_or_default();
    // A refusal reads as the store's, mapped where every store answer is.
    session_rules::check(rules(state), &live, None).map_err(crate::store::StoreError::from)?;
    Ok(())
}

/// The caller's client for a sign-in or sign-up: `None` without one, `client_rotated` for a
/// secret another sign-in replaced (it must never be turned into a current one).
pub async fn signing_client(
    state: &AppState,
    ctx: &RequestContext,
    now: i64,
) -> AppResult<Option<Caller>> {
    match ctx.client(state, now).await? {
        Some(c) if c.credential == Credential::Previous => Err(AppError::ClientRotated),
        other => Ok(other),
    }
}

/// Creates a session for `user_id` (or for `new_user`, created in the same transaction) on the
/// caller's client, creating the client if needed, and makes it last active; the session rules
/// are checked in that transaction with the client locked. Every call issues a new client
/// secret (an existing client is rotated, see [`crate::credential`]). Returns the session id,
/// the client id and the cookie to set.
pub async fn start_session(
    state: &AppState,
    ctx: &RequestContext,
    caller: Option<Caller>,
    user_id: &str,
    new_user: Option<&UserRow>,
    now: i64,
) -> AppResult<(String, String, Option<HeaderValue>)> {
    let secret = ClientSecret::generate()?;
    let new_hash = secret.hash();
    let (client_id, new_client, expected_hash) = match caller {
        Some(c) => (c.client.id, None, Some(c.client.secret_hash)),
        None => {
            let row = ClientRow::new(new_hash.clone(), now)?;
            (row.id.clone(), Some(row), None)
        }
    };
    let rotation = expected_hash.as_deref().map(|expected_hash| Rotation {
        expected_hash,
        new_hash: &new_hash,
        grace_until: state.credentials.grace_until(now),
    });
    let expire_at = state.credentials.session_expire_at(&state.policy, now);
    let session = NewSession {
        id: new_id("sess")?,
        client_id: client_id.clone(),
        user_id: user_id.to_owned(),
        now,
        expire_at,
        abandon_at: state.policy.abandon_at(now, expire_at),
        user_agent: ctx.user_agent.clone(),
        ip_address: ctx.ip(),
    };
    state
        .db
        .start_session(SessionStart {
            new_client: new_client.as_ref(),
            rotation,
            new_user,
            session: &session,
            rules: rules(state),
        })
        .await?;
    let cookie = ctx.cookies.set(&client_id, &secret);
    Ok((session.id, client_id, cookie))
}

/// `POST /v1/client/sign_ins` with `identifier` and `password` (`strategy` absent or
/// `password`), or with a mailed-code `strategy` ([`super::sign_in_factors::create`]).
pub async fn sign_in(
    State(state): State<AppState>,
    ctx: RequestContext,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    match params.optional("strategy", 64)? {
        None | Some(clerk_protocol::STRATEGY_PASSWORD) => {}
        Some(s) if super::sign_in_factors::is_code_strategy(s) => {
            return super::sign_in_factors::create(&state, &ctx, &params, s, now).await;
        }
        Some(s) => {
            return Err(AppError::StrategyNotAllowed {
                strategy: s.to_owned(),
            })
        }
    }
    let identifier = crate::identifier::sign_in_identifier(params.required("identifier", 254)?)?;
    let password = params.required("password", MAX_PASSWORD_CHARS)?.to_owned();
    throttle_sign_in(&state, &ctx, &identifier, now).await?;
    let _place = state.hash_queue.admit()?;

    let user = state.db.find_user_by_email(&identifier).await?;
    let ok =
        crate::password::verify(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match (ok, user) {
        (true, Some(user)) => user.user,
        _ => {
            crate::audit::sign_in_failed(&ctx, &identifier);
            return Err(AppError::InvalidCredentials);
        }
    };
    let now = state.now();
    let caller = signing_client(&state, &ctx, now).await?;
    let (session_id, client_id, cookie) =
        start_session(&state, &ctx, caller, &user.id, None, now).await?;
    crate::audit::sign_in(&ctx, &client_id, &user.id, &session_id);
    let sign_in = SignIn {
        object: OBJECT_SIGN_IN.to_owned(),
        id: new_id("sia")?,
        status: STATUS_COMPLETE.to_owned(),
        identifier: None,
        supported_first_factors: Vec::new(),
        first_factor_verification: None,
        created_session_id: Some(session_id),
    };
    Ok(envelope(
        sign_in,
        fresh_client(&state, &client_id, now, Credential::Current).await?,
        cookie,
    ))
}

/// `POST /v1/client/sign_ups` with `email_address`, `password`, `first_name?`, `last_name?`.
pub async fn sign_up(
    State(state): State<AppState>,
    ctx: RequestContext,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let f = &state.config.file;
    let hits = count(&state, &[format!("sign_up_ip:{}", ctx.limit_key())], now).await?;
    if hits.counts[0] > u64::from(f.rate_limits.sign_up_per_ip) {
        crate::audit::throttled(&ctx, "sign_up_per_ip", true, None);
        return Err(AppError::TooManyRequests {
            retry_after_secs: hits.retry_after_secs,
        });
    }
    let email = crate::identifier::sign_up_email(params.required("email_address", 254)?)?;
    let password = params.required("password", MAX_PASSWORD_CHARS)?.to_owned();
    let first_name = params
        .optional("first_name", 100)?
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let last_name = params
        .optional("last_name", 100)?
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    if password.chars().count() < f.password_min_length as usize {
        return Err(AppError::PasswordTooShort {
            min: f.password_min_length,
        });
    }
    let caller = signing_client(&state, &ctx, now).await?;
    precheck_session_rules(&state, caller.as_ref())?;
    if state.db.find_user_by_email(&email).await?.is_some() {
        return Err(AppError::IdentifierExists);
    }
    let password_hash = {
        let _place = state.hash_queue.admit()?;
        crate::password::hash(password).await?
    };
    let now = state.now();
    let new_user = crate::new_account::build(
        crate::new_account::NewAccount {
            email_address: email,
            first_name,
            last_name,
            password_hash,
            verified_by: clerk_protocol::STRATEGY_ADMIN,
        },
        now,
    )?;
    let user = new_user.user.clone();
    if state.email.verification_required {
        return super::sign_up_verify::create_pending(&state, &ctx, new_user, now).await;
    }
    let (session_id, client_id, cookie) =
        start_session(&state, &ctx, caller, &user.id, Some(&new_user), now).await?;
    crate::audit::sign_up(&ctx, &client_id, &user.id, &session_id);
    let sign_up = SignUp {
        object: OBJECT_SIGN_UP.to_owned(),
        id: new_id("sua")?,
        status: STATUS_COMPLETE.to_owned(),
        email_address: Some(user.email_address.clone()),
        missing_fields: Vec::new(),
        unverified_fields: Vec::new(),
        verifications: SignUpVerifications::default(),
        abandon_at: None,
        created_session_id: Some(session_id),
        created_user_id: Some(user.id),
    };
    Ok(envelope(
        sign_up,
        fresh_client(&state, &client_id, now, Credential::Current).await?,
        cookie,
    ))
}
