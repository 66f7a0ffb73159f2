//! Every sign-in and sign-up call of the JS API: the flow built in a plain function (params
//! decoded once, the request built at once), then one await, resolving with the updated attempt
//! (`attempt_objects.rs`) or rejecting with a `ClerkError`.

use crate::args::{Args, Str};
use crate::attempt_objects::{sign_in_attempt, sign_up_attempt};
use crate::js_error::to_js;
use crate::params::{decode, required, strategy};
use clerk_protocol::{SignIn, SignUp};
use clerk_sdk::{
    ClerkError, Flow, ResetPasswordParams, SignInCreateParams, SignUpParams, Strategy,
};
use js_sys::Promise;
use wasm_bindgen::JsValue;

/// Which sign-in call.
pub(crate) enum SignInStep {
    Create,
    Prepare,
    Attempt,
    Reset,
}

/// Which sign-up call.
pub(crate) enum SignUpStep {
    Create,
    Prepare,
    Attempt,
}

/// The flow of one sign-in call on the attempt `id` with the params `p`: the request built at
/// once (no state machine of its own).
fn sign_in_flow<'a>(
    sdk: &'a clerk_sdk::Clerk,
    id: &str,
    step: SignInStep,
    p: &mut Args,
) -> Result<Flow<'a, Result<SignIn, ClerkError>>, ClerkError> {
    Ok(match step {
        SignInStep::Create => sdk.create_sign_in(&SignInCreateParams {
            strategy: strategy(p.take(Str::Strategy).as_deref())?,
            identifier: required("identifier", p.take(Str::Identifier))?,
            password: p.take(Str::Password),
        }),
        SignInStep::Prepare => {
            let st = strategy(Some(&required("strategy", p.take(Str::Strategy))?))?;
            sdk.prepare_first_factor(id, st)
        }
        SignInStep::Attempt => {
            let st = strategy(Some(&required("strategy", p.take(Str::Strategy))?))?;
            let secret = match st {
                Strategy::Password => required("password", p.take(Str::Password))?,
                _ => required("code", p.take(Str::Code))?,
            };
            sdk.attempt_first_factor(id, st, &secret)
        }
        SignInStep::Reset => sdk.reset_password(
            id,
            &ResetPasswordParams {
                password: required("password", p.take(Str::Password))?,
                sign_out_of_other_sessions: p.sign_out_of_other_sessions != Some(false),
            },
        ),
    })
}

/// The flow of one sign-up call on the attempt `id` with the params `p`.
fn sign_up_flow<'a>(
    sdk: &'a clerk_sdk::Clerk,
    id: &str,
    step: SignUpStep,
    p: &mut Args,
) -> Result<Flow<'a, Result<SignUp, ClerkError>>, ClerkError> {
    Ok(match step {
        SignUpStep::Create => sdk.create_sign_up(&SignUpParams {
            email_address: required("emailAddress", p.take(Str::EmailAddress))?,
            password: required("password", p.take(Str::Password))?,
            first_name: p.take(Str::FirstName),
            last_name: p.take(Str::LastName),
        }),
        SignUpStep::Prepare => sdk.prepare_email_address_verification(id),
        SignUpStep::Attempt => {
            sdk.attempt_email_address_verification(id, &required("code", p.take(Str::Code))?)
        }
    })
}

/// Which call: a sign-in's or a sign-up's.
pub(crate) enum Step {
    In(SignInStep),
    Up(SignUpStep),
}

/// A sign-in's or a sign-up's flow.
enum AnyFlow<'a> {
    In(Flow<'a, Result<SignIn, ClerkError>>),
    Up(Flow<'a, Result<SignUp, ClerkError>>),
}

/// One sign-in or sign-up call on the attempt `id`, resolving with the updated attempt: one
/// state machine for every call.
pub(crate) fn call(sdk: clerk_sdk::Clerk, id: String, step: Step, params: JsValue) -> Promise {
    crate::tasks::promise(async move {
        // The params decoded once, for either kind of call.
        let flow = decode(&params).and_then(|mut p| match step {
            Step::In(step) => sign_in_flow(&sdk, &id, step, &mut p).map(AnyFlow::In),
            Step::Up(step) => sign_up_flow(&sdk, &id, step, &mut p).map(AnyFlow::Up),
        });
        match flow {
            Ok(AnyFlow::In(flow)) => flow.await.map(|s| sign_in_attempt(&sdk, s)),
            Ok(AnyFlow::Up(flow)) => flow.await.map(|s| sign_up_attempt(&sdk, s)),
            Err(e) => Err(e),
        }
        .map_err(|e| to_js(&e))
    })
}
