//! What the components' [`UiAction`]s do: SDK calls through the same JS-facing methods a page
//! would use (so the SDK's navigation rules apply), then the configured URL. A failure is shown in
//! the component by its error `code` (next to the field `meta.paramName` names, if any).

use super::mounts::{Ctx, Kind};
use crate::options::{get, get_function, get_string, set};
use clerk_ui::{Field, Reply, UiAction};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Performs `action` in the background; errors go to `reply`.
pub(crate) fn dispatch(ctx: &Rc<Ctx>, action: UiAction, reply: Reply) {
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let is_form = matches!(action, UiAction::SignIn { .. } | UiAction::SignUp { .. });
        match perform(&ctx, action).await {
            Ok(next) => {
                if is_form {
                    reply.reset();
                }
                if let Some(url) = next.filter(|u| !u.is_empty()) {
                    crate::browser::navigate(&url);
                }
            }
            Err(err) => {
                let code = get_string(&err, "code").unwrap_or_else(|| "unknown_error".into());
                let message = get_string(&err, "message").unwrap_or_default();
                let field =
                    get_string(&get(&err, "meta"), "paramName").map(|p| Field::from_param_name(&p));
                reply.show_error(field, &code, &message);
            }
        }
    });
}

/// Runs one action; `Ok(Some(url))` is where to go next.
async fn perform(ctx: &Rc<Ctx>, action: UiAction) -> Result<Option<String>, JsValue> {
    let clerk = &ctx.clerk;
    let env = clerk.environment().map(|e| e.display_config);
    let props = &ctx.props;
    match action {
        UiAction::Switch(id) => {
            let params = js_sys::Object::new();
            set(&params, "session", &JsValue::from_str(&id));
            JsFuture::from(clerk.set_active(params)).await?;
            let chooser = if ctx.kind == Kind::SignIn {
                props.after_sign_in_url.clone()
            } else {
                None
            };
            Ok(props
                .after_switch_session_url
                .clone()
                .or(chooser)
                .or_else(|| env.map(|e| e.after_switch_session_url)))
        }
        UiAction::SignOutOne(id) => {
            let first = JsValue::from_str(&id).unchecked_into();
            JsFuture::from(clerk.sign_out(Some(first), None)).await?;
            Ok(None)
        }
        UiAction::SignOutAll => {
            JsFuture::from(clerk.sign_out(None, None)).await?;
            Ok(None)
        }
        UiAction::AddAccount => Ok(Some(
            props
                .sign_in_url
                .clone()
                .or_else(|| env.map(|e| e.sign_in_url))
                .unwrap_or_else(|| "/sign-in".into()),
        )),
        UiAction::ManageAccount => Ok(Some(
            props
                .user_profile_url
                .clone()
                .unwrap_or_else(|| "/account/".into()),
        )),
        UiAction::SignIn {
            identifier,
            password,
        } => {
            let params = js_sys::Object::new();
            set(&params, "identifier", &identifier.into());
            set(&params, "password", &password.into());
            create(clerk, "signIn", &params).await?;
            Ok(props.after_sign_in_url.clone())
        }
        UiAction::SignUp {
            email_address,
            password,
            first_name,
            last_name,
        } => {
            let params = js_sys::Object::new();
            set(&params, "emailAddress", &email_address.into());
            set(&params, "password", &password.into());
            for (key, value) in [("firstName", first_name), ("lastName", last_name)] {
                if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
                    set(&params, key, &value.into());
                }
            }
            create(clerk, "signUp", &params).await?;
            Ok(props.after_sign_up_url.clone())
        }
        UiAction::Revoke(id) => {
            ctx.revoke(&id)
                .await
                .map_err(|e| crate::js_error::to_js(&e))?;
            Ok(None)
        }
    }
}

/// `clerk.client.signIn.create(params)` (or `signUp`), awaited.
async fn create(
    clerk: &crate::clerk::Clerk,
    resource: &str,
    params: &JsValue,
) -> Result<(), JsValue> {
    let resource = get(&clerk.client(), resource);
    let create = get_function(&resource, "create")
        .ok_or_else(|| super::props::error("not_loaded", "the SDK has no client yet"))?;
    let promise = create.call1(&resource, params)?;
    JsFuture::from(js_sys::Promise::from(promise)).await?;
    Ok(())
}
