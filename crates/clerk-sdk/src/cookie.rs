//! The `__session` cookie: the focused tab's session token on the page's own domain, for
//! server-side rendering. A concern that subscribes (as clerk-js's `AuthCookieService` does)
//! instead of being called: to every state change, to every fresh token and to the window's
//! focus. It is set only by the tab that has the focus, so a background tab never overwrites the
//! cookie with another account's token, and deleted when that tab has no active session.

use crate::browser::{has_focus, now_ms, on_focus, set_session_cookie};
use crate::inner::Inner;
use clerk_core::TokenKey;
use std::rc::Rc;

/// Subscribes the cookie to `inner`'s state, tokens and the window's focus.
pub(crate) fn subscribe(inner: &Rc<Inner>) {
    let weak = inner.weak();
    inner.store.subscribe(Rc::new(move |_| {
        if let Some(inner) = weak.upgrade() {
            sync(&inner);
        }
    }));
    let weak = inner.weak();
    inner.tokens.on_fresh(move |key, jwt| {
        if let Some(inner) = weak.upgrade() {
            fresh_token(&inner, key, jwt);
        }
    });
    let weak = inner.weak();
    let focus = on_focus(move |_| {
        if let Some(inner) = weak.upgrade() {
            sync(&inner);
        }
    });
    if let Some(focus) = focus {
        inner.guards.borrow_mut().push(Box::new(focus));
    }
}

/// Sets the cookie from this tab's active session when the tab has the focus (from the cache
/// when it can, else by asking for a token, whose arrival sets it), or deletes it when the tab
/// is signed out.
fn sync(inner: &Rc<Inner>) {
    if !has_focus() {
        return;
    }
    let active = inner.store.read(|s| s.active_id().map(str::to_owned));
    let Some(id) = active else {
        set_session_cookie(None);
        return;
    };
    match inner.tokens.peek(&TokenKey::new(&id, None), now_ms()) {
        Some(jwt) => set_session_cookie(Some(&jwt)),
        None => crate::token_flow::prefetch(inner, &id),
    }
}

/// A fresh token: the focused tab's own default token becomes the cookie.
fn fresh_token(inner: &Inner, key: &TokenKey, jwt: &str) {
    let active = inner
        .store
        .read(|s| s.active_id() == Some(key.session_id.as_str()));
    if active && key.template.is_none() && has_focus() {
        set_session_cookie(Some(jwt));
    }
}
