//! What the components' [`UiAction`]s do: SDK calls through the same API a page uses (so the
//! SDK's navigation rules apply), then the configured URL. A failure is shown in the component
//! by its error `code` (next to the field `meta.param_name` names, if any); a refusal with
//! `Retry-After` also holds "Resend code" back that long. The emailed-code flows are `email.rs`.

use super::email::Next;
use super::mounts::{Ctx, Kind};
use crate::core::Reply;
use crate::model::{Field, UiAction};
use clerk_sdk::{ClerkError, SignOutOptions};
use std::rc::Rc;

/// Performs `action` in the background; errors go to `reply`.
pub(crate) fn dispatch(ctx: &Rc<Ctx>, action: UiAction, reply: Reply) {
    let ctx = Rc::clone(ctx);
    wasm_bindgen_futures::spawn_local(async move {
        let url = match perform(&ctx, action).await {
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

/// Performs one action; what the component does next.
async fn perform(ctx: &Rc<Ctx>, action: UiAction) -> Result<Next, ClerkError> {
    let clerk = &ctx.clerk;
    // Read after any await, so the settings are not kept in this future's state.
    let env = || clerk.environment().map(|e| e.display_config);
    let props = &ctx.props;
    Ok(Next::Go(match action {
        UiAction::Switch(id) => {
            let chooser = if ctx.kind == Kind::SignIn {
                props.after_sign_in_url.clone()
            } else {
                None
            };
            clerk.set_active(Some(&id), None).await?;
            props
                .after_switch_session_url
                .clone()
                .or(chooser)
                .or_else(|| env().map(|e| e.after_switch_session_url))
        }
        UiAction::SignOutOne(id) => {
            let options = SignOutOptions {
                session_id: Some(id),
                redirect_url: None,
            };
            clerk.sign_out(options).await?;
            None
        }
        UiAction::SignOutAll => {
            clerk.sign_out(SignOutOptions::default()).await?;
            None
        }
        UiAction::AddAccount => Some(
            props
                .sign_in_url
                .clone()
                .or_else(|| env().map(|e| e.sign_in_url))
                .unwrap_or_else(|| "/sign-in".into()),
        ),
        UiAction::ManageAccount => Some(
            props
                .user_profile_url
                .clone()
                .unwrap_or_else(|| "/account/".into()),
        ),
        UiAction::Revoke(id) => {
            ctx.revoke(&id).await?;
            None
        }
        email => match ctx.email(email) {
            Some(flow) => return flow.await,
            None => None,
        },
    }))
}
