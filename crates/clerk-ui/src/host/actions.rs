//! What the components' [`UiAction`]s do: SDK calls through the same API a page uses (so the
//! SDK's navigation rules apply), then the configured URL; each action is one call and a
//! decision about its answer (`calls.rs`). A failure is shown in the component by its error
//! `code` (next to the field `meta.param_name` names, if any); a refusal with `Retry-After` also
//! holds "Resend code" back that long.

use super::calls::Next;
use super::mounts::Ctx;
use crate::core::Reply;
use crate::model::{Field, UiAction};
use clerk_sdk::ClerkError;
use std::rc::Rc;

/// Performs `action` in the background; errors go to `reply`.
pub(crate) fn dispatch(ctx: &Rc<Ctx>, action: UiAction, reply: Reply) {
    let ctx = Rc::clone(ctx);
    wasm_bindgen_futures::spawn_local(async move {
        let url = match ctx.run(action).await {
            Ok(Next::Go(url)) => url,
            Ok(Next::Signed(url)) => {
                reply.reset();
                url
            }
            Ok(Next::Step(step)) => {
                reply.step(step);
                None
            }
            Ok(Next::Stay) => None,
            Err(err) => {
                fail(&reply, &err);
                None
            }
        };
        if let Some(url) = url.filter(|u| !u.is_empty()) {
            ctx.clerk.navigate(&url).await;
        }
    });
}

/// Shows an SDK error (`code`, `message`, the field of `meta.param_name`) in the component.
fn fail(reply: &Reply, err: &ClerkError) {
    if let Some(secs) = err.retry_after_secs() {
        reply.cooldown(secs);
    }
    let field = err
        .meta()
        .into_iter()
        .find(|(k, _)| *k == "param_name")
        .map(|(_, p)| Field::from_param_name(p));
    reply.show_error(field, err.code(), &err.message());
}
