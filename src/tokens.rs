//! `session.getToken()`: served from the core token cache, one shared request per (session,
//! template) at a time, refreshed in the background ahead of expiry; a 401 drops the session.
//! Also keeps the `__session` cookie in step with the focused tab's token.

use crate::browser;
use crate::inner::Inner;
use crate::js_error::to_js;
use crate::load::retry;
use clerk_core::{jwt, web::timer::sleep, Lookup, Status, TokenKey};
use js_sys::Promise;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// A promise of the token (a JWT string), or of `null` for a session the client does not have.
pub(crate) fn get_token(
    inner: &Rc<Inner>,
    session_id: &str,
    template: Option<String>,
    skip_cache: bool,
) -> Promise {
    if inner.state.borrow().session(session_id).is_none() {
        return Promise::resolve(&JsValue::NULL);
    }
    let key = TokenKey::new(session_id, template.as_deref());
    let now = now();
    let lookup = inner.tokens.borrow_mut().lookup(&key, now, skip_cache);
    match lookup {
        Lookup::Cached(jwt) => Promise::resolve(&JsValue::from_str(&jwt)),
        Lookup::Join(promise) => promise,
        Lookup::Fetch => {
            let promise = crate::tasks::promise(fetch(inner.weak(), key.clone()));
            inner
                .tokens
                .borrow_mut()
                .started(&key, promise.clone(), now);
            promise
        }
    }
}

async fn fetch(weak: Weak<Inner>, key: TokenKey) -> Result<JsValue, JsValue> {
    let Some(inner) = weak.upgrade() else {
        return Ok(JsValue::NULL);
    };
    let api = &inner.api;
    let result = retry(inner.backoff, || {
        api.token(&key.session_id, key.template.as_deref())
    })
    .await;
    match result {
        Ok(jwt) => {
            let lifetime_ms = jwt::lifetime_secs(&jwt).unwrap_or(0) * 1000;
            inner
                .tokens
                .borrow_mut()
                .finished(&key, Some((jwt.clone(), lifetime_ms)), now());
            if inner.state.borrow_mut().set_status(Status::Ready) {
                inner.changed(false);
            }
            let active = inner.state.borrow().active_id() == Some(key.session_id.as_str());
            if active && key.template.is_none() && browser::has_focus() {
                browser::set_session_cookie(Some(&jwt));
            }
            schedule_refresh(weak);
            Ok(JsValue::from_str(&jwt))
        }
        Err(err) => {
            inner.tokens.borrow_mut().finished(&key, None, now());
            inner.note_error(&err, Some(&key.session_id));
            Err(to_js(&err))
        }
    }
}

/// Arms one timer for the earliest background refresh due; when it fires, refreshes every due
/// token (sharing requests with callers) and re-arms.
pub(crate) fn schedule_refresh(weak: Weak<Inner>) {
    let Some(inner) = weak.upgrade() else { return };
    let now = now();
    let active = inner.state.borrow().active_id().map(str::to_owned);
    let Some(at) = inner
        .tokens
        .borrow()
        .next_refresh_at(now, active.as_deref())
    else {
        return;
    };
    let at = at.max(now + 1_000);
    if inner.refresh_at.get().is_some_and(|armed| armed <= at) {
        return;
    }
    inner.refresh_at.set(Some(at));
    crate::tasks::spawn(async move {
        sleep((at - now) as u32).await;
        let Some(inner) = weak.upgrade() else { return };
        if inner.refresh_at.get() != Some(at) {
            return;
        }
        inner.refresh_at.set(None);
        let active = inner.state.borrow().active_id().map(str::to_owned);
        let due = inner
            .tokens
            .borrow()
            .due_refreshes(crate::tokens::now(), active.as_deref());
        for key in due {
            ignore_rejection(&get_token(
                &inner,
                &key.session_id,
                key.template.clone(),
                true,
            ));
        }
        schedule_refresh(weak);
    });
}

/// Marks a background promise's rejection as handled (the error already reached the state).
pub(crate) fn ignore_rejection(promise: &Promise) {
    let catch = js_sys::Reflect::get(promise, &JsValue::from_str("catch"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(catch) = catch {
        // Any function that ignores its argument will do: the built-in `Boolean` needs no Rust
        // closure (and no glue for one).
        let noop = clerk_core::web::js::get(&clerk_core::web::js::global(), "Boolean");
        let _ = catch.call1(promise, &noop);
    }
}

/// Sets the `__session` cookie from this tab's active session when the tab has the focus (from
/// the cache when it can, else by fetching a token), or deletes it when the tab is signed out.
pub(crate) fn sync_cookie(inner: &Rc<Inner>) {
    if !browser::has_focus() {
        return;
    }
    let active = inner.state.borrow().active_id().map(str::to_owned);
    let Some(id) = active else {
        browser::set_session_cookie(None);
        return;
    };
    let cached = inner
        .tokens
        .borrow()
        .peek(&TokenKey::new(&id, None), now())
        .map(str::to_owned);
    match cached {
        Some(jwt) => browser::set_session_cookie(Some(&jwt)),
        None => ignore_rejection(&get_token(inner, &id, None, false)),
    }
}
