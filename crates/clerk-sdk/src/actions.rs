//! Switching and signing out: `set_active` (optimistic, rolled back if the server refuses the
//! switch), `touch`, and signing out of every account, of one, or of the active one, with the
//! navigation the seeds describe: signing out of the active account while others remain goes to
//! the account chooser (`after_multi_session_single_sign_out_url`) instead of silently picking
//! another account ([`clerk_core::after_sign_out_one`] decides).

use crate::error::Result;
use crate::inner::Inner;
use crate::recovery::note_error;
use crate::store::Origin;
use crate::tasks::Flow;
use clerk_core::{after_sign_out_one, AfterSignOut, Rollback};
use clerk_protocol::Client;
use futures_util::FutureExt;
use std::rc::Rc;

/// What [`session_call`] does with the server's answer.
pub(crate) enum After {
    /// `touch`, then apply the fresh client.
    Apply,
    /// `touch`, then apply the client and make the session this tab's active one (one commit).
    Activate,
    /// `touch`; on refusal undo an optimistic switch first.
    Rollback(Rollback),
    /// `remove`, drop its tokens, then apply the fresh client.
    Remove,
}

/// `POST /v1/client/sessions/{id}/touch|remove` and applying the answer; a failure is noted.
///
/// Size: the request's flow with a plain function applying its answer (a combinator, no state
/// machine of its own).
pub(crate) fn session_call<'a>(
    inner: &'a Rc<Inner>,
    id: &'a str,
    after: After,
) -> Flow<'a, Result<()>> {
    let action = if matches!(after, After::Remove) {
        "remove"
    } else {
        "touch"
    };
    let request = inner.conn.api().session_action(id, action);
    Box::pin(request.map(move |answer| settle(inner, id, after, answer)))
}

/// Applies the answer of a [`session_call`].
fn settle(inner: &Rc<Inner>, id: &str, after: After, answer: Result<Option<Client>>) -> Result<()> {
    match answer {
        Ok(client) => {
            match after {
                After::Activate => inner.apply_and_activate(client, Some(id)),
                After::Remove => {
                    inner.tokens.drop_session(id);
                    inner.apply_server_client(client);
                }
                After::Apply | After::Rollback(_) => inner.apply_server_client(client),
            }
            Ok(())
        }
        Err(err) => {
            if let After::Rollback(rollback) = after {
                inner
                    .store
                    .commit(Origin::TabOnly, |s| s.rollback(rollback));
            }
            note_error(inner, &err, Some(id));
            Err(err)
        }
    }
}

/// Switches this tab to `id` (or signs the tab out locally with `None`) at once, then touches
/// the server; a refusal rolls the switch back. Navigates to `redirect_url` afterwards if given.
pub(crate) async fn set_active(
    inner: &Rc<Inner>,
    id: Option<&str>,
    redirect_url: Option<&str>,
) -> Result<()> {
    let mut outcome = None;
    inner.store.commit(Origin::TabOnly, |s| {
        let result = s.set_active(id);
        let changed = result.is_ok();
        outcome = Some(result);
        changed
    });
    let rollback = match outcome {
        Some(result) => result?,
        None => return Ok(()),
    };
    if let Some(id) = id {
        session_call(inner, id, After::Rollback(rollback)).await?;
    }
    if let Some(url) = redirect_url {
        inner.navigate(url).await;
    }
    Ok(())
}

/// Signs out of `session_id`, or of every account with `None`, then navigates as the seeds
/// describe (or to `redirect_url`).
pub(crate) async fn sign_out(
    inner: &Rc<Inner>,
    session_id: Option<String>,
    redirect_url: Option<String>,
) -> Result<()> {
    let url = match session_id.as_deref() {
        None => {
            let client = match inner.conn.api().sign_out_all().await {
                Ok(client) => client,
                Err(err) => {
                    note_error(inner, &err, None);
                    return Err(err);
                }
            };
            inner.tokens.clear();
            inner.apply_server_client(client);
            redirect_url.or_else(|| inner.options.borrow().after_sign_out_url.clone())
        }
        Some(id) => {
            let was_active = inner.store.read(|s| s.active_id() == Some(id));
            session_call(inner, id, After::Remove).await?;
            return after_one_gone(inner, was_active, redirect_url)
                .map(Ok)
                .await;
        }
    };
    if let Some(url) = url {
        inner.navigate(&url).await;
    }
    Ok(())
}

/// After one session is gone from the client (signed out of, or its account deleted): goes
/// where [`after_sign_out_one`] says (`was_active`: it was this tab's session).
pub(crate) fn after_one_gone(
    inner: &Rc<Inner>,
    was_active: bool,
    redirect_url: Option<String>,
) -> Flow<'_, ()> {
    Box::pin(async move {
        let others_remain = inner.store.read(|s| !s.sessions().is_empty());
        let url = match after_sign_out_one(was_active, others_remain, redirect_url) {
            AfterSignOut::Stay => None,
            AfterSignOut::Url(url) => Some(url),
            AfterSignOut::Chooser => Some(chooser_url(inner).await),
            AfterSignOut::AfterSignOutUrl => inner.options.borrow().after_sign_out_url.clone(),
        };
        if let Some(url) = url {
            inner.navigate(&url).await;
        }
    })
}

/// Where signing out of the active account goes while others remain: the option, else the
/// chooser route of the sign-in URL option, else the instance's `after_sign_out_one_url`.
async fn chooser_url(inner: &Inner) -> String {
    let (option, sign_in) = {
        let options = inner.options.borrow();
        (
            options.after_multi_session_single_sign_out_url.clone(),
            options.sign_in_url.clone(),
        )
    };
    if let Some(url) = option {
        return url;
    }
    let choose = |sign_in: &str| [sign_in.trim_end_matches('/'), "/choose"].concat();
    if let Some(sign_in) = sign_in {
        return choose(&sign_in);
    }
    inner.conn.load_environment().await;
    // Read in place: a copy of the whole environment for one URL cost the sign-out's state
    // machine its drop code.
    inner.conn.read_environment(|env| match env {
        Some(env) if !env.display_config.after_sign_out_one_url.is_empty() => {
            env.display_config.after_sign_out_one_url.clone()
        }
        Some(env) => choose(&env.display_config.sign_in_url),
        None => "/sign-in/choose".to_owned(),
    })
}
