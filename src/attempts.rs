//! The methods of `SignInAttempt` (`prepareFirstFactor`, `attemptFirstFactor`,
//! `resetPassword`) and `SignUpAttempt` (`prepareEmailAddressVerification`,
//! `attemptEmailAddressVerification`), each resolving with the updated attempt. The objects and
//! their data are `attempt_objects.rs`; the calls `calls.rs`.

use crate::attempt_objects::{SignInAttempt, SignUpAttempt};
use crate::calls::{call, SignInStep, SignUpStep, Step};
use js_sys::Promise;
use wasm_bindgen::prelude::*;

impl SignInAttempt {
    fn call(&self, step: SignInStep, params: JsValue) -> Promise {
        call(self.sdk.clone(), self.id.clone(), Step::In(step), params)
    }
}

impl SignUpAttempt {
    fn call(&self, step: SignUpStep, params: JsValue) -> Promise {
        call(self.sdk.clone(), self.id.clone(), Step::Up(step), params)
    }
}

#[wasm_bindgen]
impl SignInAttempt {
    /// Mails a (new) code: `{strategy: "email_code" | "reset_password_email_code"}`.
    #[wasm_bindgen(js_name = prepareFirstFactor, unchecked_return_type = "Promise<SignInAttempt>")]
    pub fn prepare_first_factor(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PrepareFirstFactorParams")] params: JsValue,
    ) -> Promise {
        self.call(SignInStep::Prepare, params)
    }

    /// Tries the code (`{strategy, code}`) or password (`{strategy: "password", password}`).
    #[wasm_bindgen(js_name = attemptFirstFactor, unchecked_return_type = "Promise<SignInAttempt>")]
    pub fn attempt_first_factor(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AttemptFirstFactorParams")] params: JsValue,
    ) -> Promise {
        self.call(SignInStep::Attempt, params)
    }

    /// Sets the new password after the reset code: `{password, signOutOfOtherSessions?}`
    /// (default `true`: every other session of the account, on every device, is revoked).
    #[wasm_bindgen(js_name = resetPassword, unchecked_return_type = "Promise<SignInAttempt>")]
    pub fn reset_password(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ResetPasswordParams")] params: JsValue,
    ) -> Promise {
        self.call(SignInStep::Reset, params)
    }
}

#[wasm_bindgen]
impl SignUpAttempt {
    /// Mails a (new) code to the address (`{strategy: "email_code"}`, the only strategy).
    #[wasm_bindgen(
        js_name = prepareEmailAddressVerification,
        unchecked_return_type = "Promise<SignUpAttempt>"
    )]
    pub fn prepare_email_address_verification(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ strategy: \"email_code\" } | undefined")]
        params: JsValue,
    ) -> Promise {
        self.call(SignUpStep::Prepare, params)
    }

    /// Tries the mailed code (`{code}`); the right one completes the sign-up.
    #[wasm_bindgen(
        js_name = attemptEmailAddressVerification,
        unchecked_return_type = "Promise<SignUpAttempt>"
    )]
    pub fn attempt_email_address_verification(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ code: string }")] params: JsValue,
    ) -> Promise {
        self.call(SignUpStep::Attempt, params)
    }
}
