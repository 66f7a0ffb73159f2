//! What the components' [`UiAction`]s do: SDK calls through the same JS-facing methods a page
//! would use (so the SDK's navigation rules apply), then the configured URL. A failure is shown in
//! the component by its error `code` (next to the field `meta.paramName` names, if any).
//!
//! Size: every action is started synchronously as one JS promise, and one small task awaits it;
//! an `async fn` with an await per action compiled to a 5 KB state machine.

use super::mounts::{Ctx, Kind};
use crate::options::{get, get_function, get_string, set};
use clerk_ui::{Field, Reply, UiAction};
use js_sys::{Object, Promise};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Performs `action` in the background; errors go to `reply`.
pub(crate) fn dispatch(ctx: &Rc<Ctx>, action: UiAction, reply: Reply) {
    let is_form = matches!(action, UiAction::SignIn { .. } | UiAction::SignUp { .. });
    let (promise, next) = match start(ctx, action) {
        Ok(started) => started,
        Err(err) => return fail(&reply, &err),
    };
    let clerk = ctx.clerk.clone();
    crate::tasks::spawn(async move {
        match JsFuture::from(promise).await {
            Ok(_) => {
                if is_form {
                    reply.reset();
                }
                if let Some(url) = next.filter(|u| !u.is_empty()) {
                    clerk.navigate(&url).await;
                }
            }
            Err(err) => fail(&reply, &err),
        }
    });
}

/// Shows a JS error (`code`, `message`, `meta.paramName`) in the component.
fn fail(reply: &Reply, err: &JsValue) {
    let code = get_string(err, "code").unwrap_or_else(|| "unknown_error".into());
    let message = get_string(err, "message").unwrap_or_default();
    let field = get_string(&get(err, "meta"), "paramName").map(|p| Field::from_param_name(&p));
    reply.show_error(field, &code, &message);
}

/// Starts one action: the promise to await, and where to go once it resolves.
fn start(ctx: &Rc<Ctx>, action: UiAction) -> Result<(Promise, Option<String>), JsValue> {
    let clerk = &ctx.clerk;
    let env = clerk.environment().map(|e| e.display_config);
    let props = &ctx.props;
    let done = || Promise::resolve(&JsValue::UNDEFINED);
    Ok(match action {
        UiAction::Switch(id) => {
            let params = Object::new();
            set(&params, "session", &JsValue::from_str(&id));
            let chooser = if ctx.kind == Kind::SignIn {
                props.after_sign_in_url.clone()
            } else {
                None
            };
            let next = props
                .after_switch_session_url
                .clone()
                .or(chooser)
                .or_else(|| env.map(|e| e.after_switch_session_url));
            (clerk.set_active(params), next)
        }
        UiAction::SignOutOne(id) => {
            let first = JsValue::from_str(&id).unchecked_into();
            (clerk.sign_out(Some(first), None), None)
        }
        UiAction::SignOutAll => (clerk.sign_out(None, None), None),
        UiAction::AddAccount => {
            let url = props
                .sign_in_url
                .clone()
                .or_else(|| env.map(|e| e.sign_in_url))
                .unwrap_or_else(|| "/sign-in".into());
            (done(), Some(url))
        }
        UiAction::ManageAccount => {
            let url = props
                .user_profile_url
                .clone()
                .unwrap_or_else(|| "/account/".into());
            (done(), Some(url))
        }
        UiAction::SignIn {
            identifier,
            password,
        } => {
            let params = Object::new();
            set(&params, "identifier", &identifier.into());
            set(&params, "password", &password.into());
            (
                create(clerk, "signIn", &params)?,
                props.after_sign_in_url.clone(),
            )
        }
        UiAction::SignUp {
            email_address,
            password,
            first_name,
            last_name,
        } => {
            let params = Object::new();
            set(&params, "emailAddress", &email_address.into());
            set(&params, "password", &password.into());
            for (key, value) in [("firstName", first_name), ("lastName", last_name)] {
                if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
                    set(&params, key, &value.into());
                }
            }
            (
                create(clerk, "signUp", &params)?,
                props.after_sign_up_url.clone(),
            )
        }
        UiAction::Revoke(id) => {
            let ctx = ctx.clone();
            let promise = crate::tasks::promise(async move {
                ctx.revoke(&id)
                    .await
                    .map(|()| JsValue::UNDEFINED)
                    .map_err(|e| crate::js_error::to_js(&e))
            });
            (promise, None)
        }
    })
}

/// `clerk.client.signIn.create(params)` (or `signUp`): its promise.
fn create(
    clerk: &crate::clerk::Clerk,
    resource: &str,
    params: &JsValue,
) -> Result<Promise, JsValue> {
    let resource = get(&clerk.client(), resource);
    let create = get_function(&resource, "create")
        .ok_or_else(|| super::props::error("not_loaded", "the SDK has no client yet"))?;
    Ok(Promise::from(create.call1(&resource, params)?))
}
