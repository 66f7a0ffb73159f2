//! `setActive`/`setSession` (optimistic, rolled back if the server refuses the switch) and
//! `signOut` of every account, of one, or of the active one, with the navigation the seeds
//! describe: signing out of the active account while others remain goes to the account chooser
//! (`afterMultiSessionSingleSignOutUrl`) instead of silently picking another account.

use crate::inner::Inner;
use crate::js_error::to_js;
use crate::options::{get, get_string, set};
use crate::tokens;
use clerk_core::{ClerkError, Rollback};
use js_sys::{Function, Promise};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The session id a `setActive({session})` argument names: a `Session`, an id, or `null`.
fn session_id_of(session: &JsValue) -> Result<Option<String>, ClerkError> {
    if session.is_null() || session.is_undefined() {
        return Ok(None);
    }
    session
        .as_string()
        .or_else(|| get_string(session, "id"))
        .map(Some)
        .ok_or_else(|| ClerkError::InvalidArgument {
            param: "session".into(),
            reason: "expected a Session, a session id or null".into(),
        })
}

/// What [`session_call`] does with the server's answer.
pub(crate) enum After {
    /// `touch`, then apply the fresh client.
    Apply,
    /// `touch`, then apply the client and make the session this tab's active one (one emit).
    Activate,
    /// `touch`; on refusal undo an optimistic switch first.
    Rollback(Rollback),
    /// `remove`, drop its tokens, then apply the fresh client.
    Remove,
}

/// `POST /v1/client/sessions/{id}/touch|remove` and applying the answer; a failure is noted and
/// becomes the JS error. One boxed, non-generic future shared by every caller.
pub(crate) fn session_call<'a>(
    inner: &'a Rc<Inner>,
    id: &'a str,
    after: After,
) -> Pin<Box<dyn Future<Output = Result<(), JsValue>> + 'a>> {
    Box::pin(async move {
        let action = if matches!(after, After::Remove) {
            "remove"
        } else {
            "touch"
        };
        match inner.api.session_action(id, action).await {
            Ok(client) => {
                match after {
                    After::Activate => inner.apply_and_activate(client, Some(id)),
                    After::Remove => {
                        inner.tokens.borrow_mut().drop_session(id);
                        inner.apply_server_client(client);
                    }
                    _ => inner.apply_server_client(client),
                }
                Ok(())
            }
            Err(err) => {
                if let After::Rollback(rollback) = after {
                    if inner.state.borrow_mut().rollback(rollback) {
                        inner.changed(false);
                        tokens::sync_cookie(inner);
                    }
                }
                inner.note_error(&err, Some(id));
                Err(to_js(&err))
            }
        }
    })
}

/// Switches this tab to `session` at once (state and emit in this task), then touches the server;
/// a refusal rolls the switch back and rejects. Navigates afterwards if asked.
pub(crate) fn set_active(
    inner: &Rc<Inner>,
    session: &JsValue,
    redirect_url: Option<String>,
    navigate: Option<Function>,
) -> Promise {
    let id = match session_id_of(session) {
        Ok(id) => id,
        Err(err) => return Promise::reject(&to_js(&err)),
    };
    let rollback = match inner.state.borrow_mut().set_active(id.as_deref()) {
        Ok(rollback) => rollback,
        Err(err) => return Promise::reject(&to_js(&err)),
    };
    inner.changed(false);
    tokens::sync_cookie(inner);
    let weak = inner.weak();
    crate::tasks::promise(async move {
        let Some(inner) = weak.upgrade() else {
            return Ok(JsValue::UNDEFINED);
        };
        if let Some(id) = &id {
            session_call(&inner, id, After::Rollback(rollback)).await?;
        }
        if let Some(navigate) = navigate {
            let params: JsValue = js_sys::Object::new().into();
            set(&params, "session", &inner.objects.borrow().active_session());
            // `decorateUrl(url)` returns the URL unchanged: the built-in `String` function does
            // exactly that for a string, with no Rust closure (and its glue) behind it.
            set(
                &params,
                "decorateUrl",
                &get(&clerk_core::web::js::global(), "String"),
            );
            let result = navigate.call1(&JsValue::NULL, &params)?;
            if let Some(promise) = clerk_core::web::js::thenable(result) {
                JsFuture::from(promise).await?;
            }
        } else if let Some(url) = redirect_url {
            inner.navigate(&url).await;
        }
        Ok(JsValue::UNDEFINED)
    })
}

/// `setActive(params)`: `{session, redirectUrl?, navigate?}`.
pub(crate) fn set_active_params(inner: &Rc<Inner>, params: &JsValue) -> Promise {
    let navigate = get(params, "navigate").dyn_into::<Function>().ok();
    set_active(
        inner,
        &get(params, "session"),
        get_string(params, "redirectUrl"),
        navigate,
    )
}

/// Signs out of `session_id`, or of every account when `None`.
pub(crate) fn sign_out(
    inner: &Rc<Inner>,
    session_id: Option<String>,
    redirect_url: Option<String>,
) -> Promise {
    let weak = inner.weak();
    crate::tasks::promise(async move {
        let Some(inner) = weak.upgrade() else {
            return Ok(JsValue::UNDEFINED);
        };
        let url = match session_id {
            None => {
                let client = inner.api.sign_out_all().await.map_err(|err| {
                    inner.note_error(&err, None);
                    to_js(&err)
                })?;
                inner.tokens.borrow_mut().clear();
                inner.apply_server_client(client);
                redirect_url.or_else(|| inner.options.borrow().after_sign_out_url.clone())
            }
            Some(id) => {
                let was_active = inner.state.borrow().active_id() == Some(id.as_str());
                session_call(&inner, &id, After::Remove).await?;
                let others_remain = !inner.state.borrow().sessions().is_empty();
                match (was_active, others_remain) {
                    (true, true) => Some(match redirect_url {
                        Some(url) => url,
                        None => chooser_url(&inner).await,
                    }),
                    (true, false) => {
                        redirect_url.or_else(|| inner.options.borrow().after_sign_out_url.clone())
                    }
                    (false, _) => redirect_url,
                }
            }
        };
        tokens::sync_cookie(&inner);
        if let Some(url) = url {
            inner.navigate(&url).await;
        }
        Ok(JsValue::UNDEFINED)
    })
}

/// Where signing out of the active account goes while others remain: the option, else the
/// instance's `after_sign_out_one_url`, else the chooser route of the sign-in URL.
async fn chooser_url(inner: &Inner) -> String {
    let option = inner
        .options
        .borrow()
        .after_multi_session_single_sign_out_url
        .clone();
    if let Some(url) = option {
        return url;
    }
    let sign_in = inner.options.borrow().sign_in_url.clone();
    inner.load_environment().await;
    let choose = |sign_in: &str| {
        // Byte-wise rather than `trim_end_matches`, whose pattern searcher costs the wasm bytes.
        let mut url = sign_in.to_owned();
        while url.as_bytes().last() == Some(&b'/') {
            url.pop();
        }
        url.push_str("/choose");
        url
    };
    if let Some(sign_in) = sign_in {
        return choose(&sign_in);
    }
    match inner.environment.borrow().as_ref() {
        Some(env) if !env.display_config.after_sign_out_one_url.is_empty() => {
            env.display_config.after_sign_out_one_url.clone()
        }
        Some(env) => choose(&env.display_config.sign_in_url),
        None => "/sign-in/choose".to_owned(),
    }
}

/// Reads `signOut`'s arguments: `()`, `(sessionId)`, `({sessionId?, redirectUrl?})`, or the
/// older `(callback, {sessionId?, redirectUrl?})`.
pub(crate) fn sign_out_args(
    first: &JsValue,
    second: &JsValue,
) -> (Option<String>, Option<String>, Option<Function>) {
    if let Some(id) = first.as_string() {
        return (Some(id), get_string(second, "redirectUrl"), None);
    }
    if let Ok(callback) = first.clone().dyn_into::<Function>() {
        return (
            get_string(second, "sessionId"),
            get_string(second, "redirectUrl"),
            Some(callback),
        );
    }
    (
        get_string(first, "sessionId"),
        get_string(first, "redirectUrl"),
        None,
    )
}

/// Signs out of one session without navigating (`session.remove()`/`end()`).
pub(crate) fn sign_out_quietly(inner: &Rc<Inner>, session_id: String) -> Promise {
    let weak = inner.weak();
    crate::tasks::promise(async move {
        let Some(inner) = weak.upgrade() else {
            return Ok(JsValue::UNDEFINED);
        };
        session_call(&inner, &session_id, After::Remove).await?;
        tokens::sync_cookie(&inner);
        Ok(JsValue::UNDEFINED)
    })
}
