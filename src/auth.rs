//! `client.signIn.create({strategy?, identifier, password?})` and `client.signUp.create({emailAddress,
//! password, firstName?, lastName?})`, with ClerkJS's names: each resolves with the attempt
//! (`attempts.rs`), whose methods continue it (`prepareFirstFactor`, `attemptFirstFactor`,
//! `resetPassword`; `prepareEmailAddressVerification`, `attemptEmailAddressVerification`). The
//! params of every call are decoded by serde-wasm-bindgen into one struct, then into the Rust
//! SDK's types (`params.rs`, `calls.rs`). A completed attempt adds its session to `client.sessions` and makes it this tab's
//! active one; signing in to an account already signed in here switches to its session instead.

use crate::calls::{call, SignInStep, SignUpStep, Step};
use js_sys::Promise;
use wasm_bindgen::prelude::*;

/// The sign-in resource of a client.
#[wasm_bindgen]
pub struct SignInResource {
    pub(crate) sdk: clerk_sdk::Clerk,
}

#[wasm_bindgen]
impl SignInResource {
    /// Creates a sign-in: with `strategy: "password"` (the default) and the password it
    /// completes at once; with `"email_code"` or `"reset_password_email_code"` a code is mailed
    /// and the attempt needs its first factor.
    #[wasm_bindgen(unchecked_return_type = "Promise<SignInAttempt>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignInParams")] params: JsValue,
    ) -> Promise {
        call(
            self.sdk.clone(),
            String::new(),
            Step::In(SignInStep::Create),
            params,
        )
    }
}

/// The sign-up resource of a client.
#[wasm_bindgen]
pub struct SignUpResource {
    pub(crate) sdk: clerk_sdk::Clerk,
}

#[wasm_bindgen]
impl SignUpResource {
    /// Creates an account: `complete` with its session (active in this tab), or
    /// `missing_requirements` when the email address must be verified with a mailed code first.
    #[wasm_bindgen(unchecked_return_type = "Promise<SignUpAttempt>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignUpParams")] params: JsValue,
    ) -> Promise {
        call(
            self.sdk.clone(),
            String::new(),
            Step::Up(SignUpStep::Create),
            params,
        )
    }
}
