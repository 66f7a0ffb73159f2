//! `POST /v1/client/sign_ins` and `POST /v1/client/sign_ups`: each adds a session to the caller's
//! client (creating the client and its cookie when there is none) and makes it the last active.
//!
//! Rules, checked in this order: rate limits (per IP, and per identifier for sign-in);
//! parameters; credentials (an unknown account is checked against a dummy hash so it looks and
//! takes like a wrong password); no second live session for one account on one client;
//! single-session mode; the per-client cap. The session rules are checked in the transaction that
//! stores the session, with the client locked, so concurrent sign-ins cannot exceed the cap.

use super::{envelope, fresh_client};
use crate::error::{AppError, AppResult};
use crate::http::body::Params;
use crate::http::context::RequestContext;
use crate::http::cookie::set_client_cookie;
use crate::secrets::{new_id, ClientSecret};
use crate::session_rules::{self, LiveSession, SessionRules};
use crate::state::AppState;
use crate::store::{ClientRow, NewSession, SessionStart, UserRow};
use axum::extract::State;
use axum::http::HeaderValue;
use axum::response::Response;
use clerk_protocol::{SignIn, SignUp, User, OBJECT_SIGN_IN, OBJECT_SIGN_UP, OBJECT_USER};

const MAX_PASSWORD_CHARS: usize = 1024;

fn limit(state: &AppState, key: &str, max: u32, now: i64) -> AppResult<()> {
    let window_ms = i64::try_from(
        state
            .config
            .file
            .rate_limits
            .window_seconds
            .saturating_mul(1000),
    )
    .unwrap_or(i64::MAX);
    state
        .limiter
        .hit(key, max, window_ms, now)
        .map_err(|retry_after_secs| AppError::TooManyRequests { retry_after_secs })
}

fn rules(state: &AppState) -> SessionRules {
    SessionRules {
        single_session_mode: state.config.file.single_session_mode,
        max_sessions_per_client: state.config.file.max_sessions_per_client,
    }
}

/// An early check of the session rules before the costly password hashing of a sign-up (not
/// authoritative: [`start_session`] checks again inside its transaction).
async fn precheck_session_rules(
    state: &AppState,
    client: Option<&ClientRow>,
    now: i64,
) -> AppResult<()> {
    let live: Vec<LiveSession> = match client {
        Some(c) => match state.db.client_with_live_sessions(&c.id, now).await? {
            Some((_, sessions)) => sessions.into_iter().map(|s| (s.id, s.user.id)).collect(),
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    session_rules::check(rules(state), &live, None)
}

/// Creates a session for `user_id` (or for `new_user`, created in the same transaction) on the
/// caller's client, creating the client if needed, and makes it last active; the session rules
/// are checked in that transaction with the client locked. Returns the session id, the client id
/// and the cookie to set.
async fn start_session(
    state: &AppState,
    ctx: &RequestContext,
    client: Option<ClientRow>,
    user_id: &str,
    new_user: Option<&UserRow>,
    now: i64,
) -> AppResult<(String, String, Option<HeaderValue>)> {
    let (client_id, new_client, cookie) = match client {
        Some(c) => (c.id, None, None),
        None => {
            let secret = ClientSecret::generate()?;
            let row = ClientRow {
                id: new_id("client")?,
                secret_hash: secret.hash(),
                last_active_session_id: None,
                created_at: now,
                updated_at: now,
            };
            let cookie = set_client_cookie(&row.id, &secret, ctx.secure_cookies);
            (row.id.clone(), Some(row), cookie)
        }
    };
    let expire_at = state.policy.expire_at(now);
    let session = NewSession {
        id: new_id("sess")?,
        client_id: client_id.clone(),
        user_id: user_id.to_owned(),
        now,
        expire_at,
        abandon_at: state.policy.abandon_at(now, expire_at),
        user_agent: ctx.user_agent.clone(),
        ip_address: ctx.ip.clone(),
    };
    state
        .db
        .start_session(SessionStart {
            new_client: new_client.as_ref(),
            new_user,
            session: &session,
            rules: rules(state),
        })
        .await?;
    Ok((session.id, client_id, cookie))
}

/// `POST /v1/client/sign_ins` with `identifier` and `password`.
pub async fn sign_in(
    State(state): State<AppState>,
    ctx: RequestContext,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let limits = &state.config.file.rate_limits;
    limit(
        &state,
        &format!("sign_in_ip:{}", ctx.ip.as_deref().unwrap_or("?")),
        limits.sign_in_per_ip,
        now,
    )?;
    let identifier = crate::identifier::sign_in_identifier(params.required("identifier", 254)?)?;
    let password = params.required("password", MAX_PASSWORD_CHARS)?.to_owned();
    limit(
        &state,
        &format!("sign_in_id:{identifier}"),
        limits.sign_in_per_identifier,
        now,
    )?;

    let user = state.db.find_user_by_email(&identifier).await?;
    let ok =
        crate::password::verify(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match (ok, user) {
        (true, Some(user)) => user.user,
        _ => return Err(AppError::InvalidCredentials),
    };
    let now = state.now();
    let client = ctx.client(&state).await?;
    let (session_id, client_id, cookie) =
        start_session(&state, &ctx, client, &user.id, None, now).await?;
    let sign_in = SignIn {
        object: OBJECT_SIGN_IN.to_owned(),
        id: new_id("sia")?,
        status: "complete".to_owned(),
        created_session_id: Some(session_id),
    };
    Ok(envelope(
        sign_in,
        fresh_client(&state, &client_id, now).await?,
        cookie,
    ))
}

fn check_email(email: &str) -> AppResult<()> {
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if valid {
        Ok(())
    } else {
        Err(AppError::param(
            "email_address",
            "email_address must be an email address",
        ))
    }
}

/// `POST /v1/client/sign_ups` with `email_address`, `password`, `first_name?`, `last_name?`.
pub async fn sign_up(
    State(state): State<AppState>,
    ctx: RequestContext,
    params: Params,
) -> AppResult<Response> {
    let now = state.now();
    let f = &state.config.file;
    limit(
        &state,
        &format!("sign_up_ip:{}", ctx.ip.as_deref().unwrap_or("?")),
        f.rate_limits.sign_up_per_ip,
        now,
    )?;
    let email = crate::identifier::sign_up_email(params.required("email_address", 254)?)?;
    check_email(&email)?;
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
    let client = ctx.client(&state).await?;
    precheck_session_rules(&state, client.as_ref(), now).await?;
    if state.db.find_user_by_email(&email).await?.is_some() {
        return Err(AppError::IdentifierExists);
    }
    let password_hash = crate::password::hash(password).await?;
    let now = state.now();
    let user = User {
        object: OBJECT_USER.to_owned(),
        id: new_id("user")?,
        first_name,
        last_name,
        email_address: email,
        image_url: None,
        created_at: now,
        updated_at: now,
    };
    let new_user = UserRow {
        user: user.clone(),
        password_hash,
    };
    let (session_id, client_id, cookie) =
        start_session(&state, &ctx, client, &user.id, Some(&new_user), now).await?;
    let sign_up = SignUp {
        object: OBJECT_SIGN_UP.to_owned(),
        id: new_id("sua")?,
        status: "complete".to_owned(),
        created_session_id: Some(session_id),
        created_user_id: Some(user.id),
    };
    Ok(envelope(
        sign_up,
        fresh_client(&state, &client_id, now).await?,
        cookie,
    ))
}
