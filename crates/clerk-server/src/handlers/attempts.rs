//! What the multi-step sign-up and sign-in calls share: which browser an attempt belongs to,
//! attempt ids from the path, and the `SignIn` resource of a stored attempt.
//!
//! An attempt belongs to the client (browser) that started it. A caller without a client gets
//! one at the first call, exactly as a sign-in creates one: the client row is stored with the
//! attempt and its cookie set on that answer, so the next calls (and the session the attempt
//! ends in) are on that browser. Every continuing call must come with that client's cookie:
//! another client, no client, an unknown id or an attempt past its `abandon_at` are all the
//! same 404 `resource_not_found`, so attempt ids of other browsers reveal nothing.

use super::sign::signing_client;
use crate::error::{AppError, AppResult};
use crate::http::context::{Caller, RequestContext};
use crate::secrets::ClientSecret;
use crate::state::AppState;
use crate::store::{ClientRow, SignInAttemptRow};
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::HeaderValue;
use clerk_protocol::{
    SignIn, SignInFactor, OBJECT_SIGN_IN, SIGN_IN_NEEDS_NEW_PASSWORD, STATUS_COMPLETE,
    STRATEGY_PASSWORD,
};

/// An attempt id from the path (`sua_...` or `sia_...`, checked by the handler); anything
/// malformed is `resource_not_found`.
#[derive(Debug)]
pub struct AttemptIdPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for AttemptIdPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::ResourceNotFound)?;
        if crate::secrets::is_valid_id(&id, "sua") || crate::secrets::is_valid_id(&id, "sia") {
            Ok(Self(id))
        } else {
            Err(AppError::ResourceNotFound)
        }
    }
}

/// The client a new attempt belongs to.
pub struct Binding {
    /// Its id.
    pub client_id: String,
    /// The client to store with the attempt (the caller had none).
    pub new_client: Option<ClientRow>,
    /// Its cookie, for the answer.
    pub cookie: Option<HeaderValue>,
}

/// The caller's client, or a new one (see the module docs).
pub async fn bind_client(state: &AppState, ctx: &RequestContext, now: i64) -> AppResult<Binding> {
    if let Some(c) = signing_client(state, ctx, now).await? {
        return Ok(Binding {
            client_id: c.client.id,
            new_client: None,
            cookie: None,
        });
    }
    let secret = ClientSecret::generate()?;
    let row = ClientRow::new(secret.hash(), now)?;
    let cookie = ctx.cookies.set(&row.id, &secret);
    Ok(Binding {
        client_id: row.id.clone(),
        new_client: Some(row),
        cookie,
    })
}

/// The caller, if it is the client `owner` and the attempt is not abandoned at `now`; else
/// `resource_not_found`.
pub async fn owner(
    state: &AppState,
    ctx: &RequestContext,
    owner: &str,
    abandon_at: i64,
    now: i64,
) -> AppResult<Caller> {
    match signing_client(state, ctx, now).await? {
        Some(c) if c.client.id == owner && abandon_at > now => Ok(c),
        _ => Err(AppError::ResourceNotFound),
    }
}

/// The caller's sign-in attempt `id` (see [`owner`]).
pub async fn own_sign_in(
    state: &AppState,
    ctx: &RequestContext,
    id: &str,
    now: i64,
) -> AppResult<(SignInAttemptRow, Caller)> {
    if !crate::secrets::is_valid_id(id, "sia") {
        return Err(AppError::ResourceNotFound);
    }
    let row = state
        .db
        .find_sign_in_attempt(id)
        .await?
        .ok_or(AppError::ResourceNotFound)?;
    let caller = owner(state, ctx, &row.client_id, row.abandon_at, now).await?;
    Ok((row, caller))
}

/// `j***@example.com`: the first character of the local part, then the domain.
pub fn masked(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

/// The first factors a sign-in of `identifier` may use: the same list whether or not an
/// account has that address.
pub fn factors(state: &AppState, identifier: &str) -> Vec<SignInFactor> {
    state
        .email
        .first_factors()
        .into_iter()
        .map(|strategy| SignInFactor {
            safe_identifier: (strategy != STRATEGY_PASSWORD).then(|| masked(identifier)),
            strategy,
        })
        .collect()
}

/// The `SignIn` resource of a stored attempt at `now`.
pub async fn sign_in_resource(
    state: &AppState,
    row: &SignInAttemptRow,
    now: i64,
) -> AppResult<SignIn> {
    let verified = row.status == SIGN_IN_NEEDS_NEW_PASSWORD || row.status == STATUS_COMPLETE;
    let verification =
        super::code_mail::verification(state, &row.id, &row.strategy, verified, now).await?;
    Ok(SignIn {
        object: OBJECT_SIGN_IN.to_owned(),
        id: row.id.clone(),
        status: row.status.clone(),
        identifier: Some(row.identifier.clone()),
        supported_first_factors: factors(state, &row.identifier),
        first_factor_verification: Some(verification),
        created_session_id: row.created_session_id.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_masked_after_their_first_character() {
        assert_eq!(masked("jane@example.com"), "j***@example.com");
        assert_eq!(masked("é@x.org"), "é***@x.org");
        assert_eq!(masked("nope"), "***");
    }
}
