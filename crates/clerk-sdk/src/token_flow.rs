//! `get_token`: served from the token cache, one shared request per (session, template) at a
//! time, refreshed in the background ahead of expiry; a 401 drops the session. Every fresh
//! default token is announced to the token part's subscriber (the `__session` cookie).

use crate::error::Result;
use crate::inner::Inner;
use crate::recovery::note_error;
use crate::tasks::Flow;
use crate::tokens::SharedToken;
use clerk_core::{jwt, Lookup, Status, TokenKey};
use futures_util::FutureExt;
use std::rc::{Rc, Weak};

fn now() -> i64 {
    crate::browser::now_ms()
}

/// A session token for `session_id` (`template`: a JWT template), or `None` for a session the
/// client does not have.
///
/// Size: a plain function answering from the cache at once and otherwise awaiting the shared
/// request through a combinator; as an `async fn` it was a state machine of its own (1.9 KB).
pub(crate) fn get_token(
    inner: &Rc<Inner>,
    session_id: &str,
    template: Option<String>,
    skip_cache: bool,
) -> Flow<'static, Result<Option<String>>> {
    if inner.store.read(|s| s.session(session_id).is_none()) {
        return Box::pin(std::future::ready(Ok(None)));
    }
    let key = TokenKey::new(session_id, template.as_deref());
    let now = now();
    let request = match inner.tokens.lookup(&key, now, skip_cache) {
        Lookup::Cached(jwt) => return Box::pin(std::future::ready(Ok(Some(jwt)))),
        Lookup::Join(request) => request,
        Lookup::Fetch => {
            let request = SharedToken::start(fetch(inner.weak(), key.clone()));
            inner.tokens.started(&key, request.clone(), now);
            request
        }
    };
    Box::pin(request.outcome().map(|r| r.map(Some)))
}

async fn fetch(weak: Weak<Inner>, key: TokenKey) -> Result<String> {
    let Some(inner) = weak.upgrade() else {
        return Err(crate::error::network("the Clerk instance is gone"));
    };
    let conn = &inner.conn;
    let (path, body) = crate::api::token_request(&key.session_id, key.template.as_deref());
    let result = conn
        .retry_send(true, &path, body.as_deref())
        .await
        .and_then(crate::api::decode_jwt);
    match result {
        Ok(jwt) => {
            let lifetime_ms = jwt::lifetime_secs(&jwt).unwrap_or(0) * 1000;
            inner
                .tokens
                .finished(&key, Some((jwt.clone(), lifetime_ms)), now());
            inner
                .store
                .commit(crate::store::Origin::Here, |s| s.set_status(Status::Ready));
            inner.tokens.announce(&key, &jwt);
            schedule_refresh(&inner);
            Ok(jwt)
        }
        Err(err) => {
            inner.tokens.finished(&key, None, now());
            note_error(&inner, &err, Some(&key.session_id));
            Err(err)
        }
    }
}

/// Asks for a token in the background (the outcome reaches the state either way).
pub(crate) fn prefetch(inner: &Rc<Inner>, session_id: &str) {
    let (inner, id) = (Rc::clone(inner), session_id.to_owned());
    crate::tasks::spawn(async move {
        let _ = get_token(&inner, &id, None, false).await;
    });
}

/// Arms one timer for the earliest background refresh due; when it fires, refreshes every due
/// token (sharing requests with callers) and arms the next.
pub(crate) fn schedule_refresh(inner: &Rc<Inner>) {
    let now = now();
    let active = inner.store.read(|s| s.active_id().map(str::to_owned));
    let Some(at) = inner.tokens.next_refresh_at(now, active.as_deref()) else {
        return;
    };
    let weak = inner.weak();
    inner.tokens.arm(at.max(now + 1_000), now, move |at| {
        let Some(inner) = weak.upgrade() else { return };
        if !inner.tokens.fired(at) {
            return;
        }
        let active = inner.store.read(|s| s.active_id().map(str::to_owned));
        for key in inner
            .tokens
            .due(crate::token_flow::now(), active.as_deref())
        {
            let (inner, key) = (Rc::clone(&inner), key);
            crate::tasks::spawn(async move {
                let _ = get_token(&inner, &key.session_id, key.template.clone(), true).await;
            });
        }
        schedule_refresh(&inner);
    });
}
