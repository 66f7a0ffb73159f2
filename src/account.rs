//! The account methods of the JS API, with ClerkJS's names: `user.update`, `updatePassword`,
//! `setProfileImage`, `removeProfileImage`, `createEmailAddress`, `delete`; an
//! `EmailAddress`'s `prepareVerification`, `attemptVerification`, `destroy`; a `Session`'s
//! `verifyWithPassword`, `prepareFirstFactorVerification`, `attemptFirstFactorVerification`.
//! Each acts for the session its object belongs to ([`Owner`]) and resolves with the updated
//! resource: the `User` object `clerk.user` now is, a fresh `EmailAddress`, or a
//! `SessionVerification`; or rejects with a `ClerkError` (`reverification_required` with
//! `meta.maxAgeSecs`: verify the session, then call again).
//!
//! Size: one state machine for every call ([`call`]), each naming its [`Account`] step; the
//! Rust SDK sends them all through one flow.

use crate::account_objects::verification_object;
use crate::args::{Args, Str, ACCOUNT_PARAMS};
use crate::objects::{email_object, user_object, EmailAddress, Owner, Session, User};
use crate::params::{decode_fields, required};
use clerk_protocol as proto;
use clerk_sdk::{ClerkError, Flow, PasswordUpdate, UserUpdate};
use futures_util::FutureExt;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

/// Which account call.
pub(crate) enum Account {
    Update,
    Password,
    SetImage,
    RemoveImage,
    CreateEmail,
    PrepareEmail(String),
    AttemptEmail(String),
    DestroyEmail(String),
    Delete,
    VerifyPassword,
    PrepareVerification,
    AttemptVerification,
}

/// What a call answered.
enum Answer {
    User(proto::User),
    Email(proto::EmailAddress),
    // Boxed: the other variants are half its size.
    Verification(Box<proto::SessionVerification>),
    Done,
}

/// The `Blob` in `params.file` (a `File` is one).
fn file(params: &JsValue) -> Result<web_sys::Blob, ClerkError> {
    crate::options::get(params, "file")
        .dyn_into::<web_sys::Blob>()
        .map_err(|_| ClerkError::InvalidArgument {
            param: "file".into(),
            reason: "a Blob or File is required".into(),
        })
}

fn user(r: Result<proto::User, ClerkError>) -> Result<Answer, ClerkError> {
    r.map(Answer::User)
}

fn email(r: Result<proto::EmailAddress, ClerkError>) -> Result<Answer, ClerkError> {
    r.map(Answer::Email)
}

fn verified(r: Result<proto::SessionVerification, ClerkError>) -> Result<Answer, ClerkError> {
    r.map(|v| Answer::Verification(Box::new(v)))
}

fn done(r: Result<(), ClerkError>) -> Result<Answer, ClerkError> {
    r.map(|()| Answer::Done)
}

/// The flow of one call: the request built at once, its answer mapped by a plain function
/// (one small combinator per answer type, no state machine per call).
fn flow<'a>(
    owner: &'a Owner,
    step: Account,
    params: &JsValue,
) -> Result<Flow<'a, Result<Answer, ClerkError>>, ClerkError> {
    let sdk = &owner.sdk;
    let id = owner.session_id.as_str();
    let mut p: Args = decode_fields(params, ACCOUNT_PARAMS)?;
    Ok(match step {
        Account::Update => {
            let update = UserUpdate {
                first_name: p.take(Str::FirstName),
                last_name: p.take(Str::LastName),
                primary_email_address_id: p.take(Str::PrimaryEmailAddressId),
            };
            Box::pin(sdk.update_user(id, &update).map(user))
        }
        Account::Password => {
            let update = PasswordUpdate {
                current_password: p.take(Str::CurrentPassword).unwrap_or_default(),
                new_password: required("newPassword", p.take(Str::NewPassword))?,
                sign_out_of_other_sessions: p.sign_out_of_other_sessions != Some(false),
            };
            Box::pin(sdk.update_password(id, &update).map(user))
        }
        Account::SetImage => Box::pin(sdk.set_profile_image(id, &file(params)?).map(user)),
        Account::RemoveImage => Box::pin(sdk.remove_profile_image(id).map(user)),
        Account::CreateEmail => {
            let address = required("email", p.take(Str::Email))?;
            Box::pin(sdk.create_email_address(id, &address).map(email))
        }
        Account::PrepareEmail(address) => {
            Box::pin(sdk.prepare_user_email_verification(id, &address).map(email))
        }
        Account::AttemptEmail(address) => {
            let code = required("code", p.take(Str::Code))?;
            Box::pin(
                sdk.attempt_user_email_verification(id, &address, &code)
                    .map(email),
            )
        }
        Account::DestroyEmail(address) => {
            Box::pin(sdk.destroy_email_address(id, &address).map(done))
        }
        Account::Delete => Box::pin(sdk.delete_user(id).map(done)),
        Account::PrepareVerification => {
            Box::pin(sdk.prepare_session_verification_code(id).map(verified))
        }
        Account::VerifyPassword | Account::AttemptVerification => {
            let password = matches!(step, Account::VerifyPassword)
                || p.take(Str::Strategy).as_deref() == Some(proto::STRATEGY_PASSWORD);
            let flow = if password {
                let password = required("password", p.take(Str::Password))?;
                sdk.verify_session_with_password(id, &password)
            } else {
                let code = required("code", p.take(Str::Code))?;
                sdk.attempt_session_verification_code(id, &code)
            };
            Box::pin(flow.map(verified))
        }
    })
}

/// The JS value of an answer: the `User` object as of now (the one `clerk.user` is, when it is
/// this tab's), a fresh `EmailAddress`, a `SessionVerification`, or `undefined`.
fn to_js(owner: &Owner, answer: Answer) -> JsValue {
    match answer {
        Answer::User(user) => {
            let cached = owner.cache.upgrade().and_then(|cache| {
                let snapshot = owner.sdk.snapshot();
                cache
                    .borrow_mut()
                    .refresh(&snapshot, &owner.sdk, &owner.cache);
                let js = cache.borrow().session_user(&owner.session_id);
                js
            });
            cached.unwrap_or_else(|| user_object(owner, &user))
        }
        Answer::Email(address) => email_object(owner, &address),
        Answer::Verification(v) => verification_object(owner, &v),
        Answer::Done => JsValue::UNDEFINED,
    }
}

/// The promise of one account call for `owner`'s session.
pub(crate) fn call(owner: Owner, step: Account, params: JsValue) -> Promise {
    crate::tasks::promise(async move {
        let answer = match flow(&owner, step, &params) {
            Ok(flow) => flow.await,
            Err(err) => Err(err),
        };
        match answer {
            Ok(answer) => Ok(to_js(&owner, answer)),
            Err(err) => Err(crate::js_error::to_js(&err)),
        }
    })
}

#[wasm_bindgen]
impl User {
    /// Changes `firstName`, `lastName` (an empty one clears it) and `primaryEmailAddressId`
    /// (a verified address; a sensitive change); resolves with the updated `User`.
    #[wasm_bindgen(unchecked_return_type = "Promise<User>")]
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UpdateUserParams")] params: JsValue,
    ) -> Promise {
        call(self.owner.clone(), Account::Update, params)
    }

    /// Changes the password (`signOutOfOtherSessions` defaults to `true`; a sensitive change).
    #[wasm_bindgen(js_name = updatePassword, unchecked_return_type = "Promise<User>")]
    pub fn update_password(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UpdatePasswordParams")] params: JsValue,
    ) -> Promise {
        call(self.owner.clone(), Account::Password, params)
    }

    /// Sets the profile picture from `{file}` (a `Blob` or `File`, at most 5 MB).
    #[wasm_bindgen(js_name = setProfileImage, unchecked_return_type = "Promise<User>")]
    pub fn set_profile_image(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ file: Blob }")] params: JsValue,
    ) -> Promise {
        call(self.owner.clone(), Account::SetImage, params)
    }

    /// Removes the profile picture (`imageUrl` becomes `undefined`).
    #[wasm_bindgen(js_name = removeProfileImage, unchecked_return_type = "Promise<User>")]
    pub fn remove_profile_image(&self) -> Promise {
        call(self.owner.clone(), Account::RemoveImage, JsValue::UNDEFINED)
    }

    /// Adds an unverified address `{email}` (a sensitive change); resolves with it.
    #[wasm_bindgen(js_name = createEmailAddress, unchecked_return_type = "Promise<EmailAddress>")]
    pub fn create_email_address(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ email: string }")] params: JsValue,
    ) -> Promise {
        call(self.owner.clone(), Account::CreateEmail, params)
    }

    /// Deletes the account (a sensitive change): its sessions end on every device; this tab
    /// goes where signing out of it goes.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(&self) -> Promise {
        call(self.owner.clone(), Account::Delete, JsValue::UNDEFINED)
    }
}

#[wasm_bindgen]
impl EmailAddress {
    /// The address, so `` `${user.primaryEmailAddress}` `` reads naturally.
    #[wasm_bindgen(js_name = toString, unchecked_return_type = "string")]
    pub fn to_string_js(&self) -> JsValue {
        JsValue::from_str(&self.email_address)
    }

    /// Mails a (new) code to this address (`{strategy: "email_code"}`).
    #[wasm_bindgen(js_name = prepareVerification, unchecked_return_type = "Promise<EmailAddress>")]
    pub fn prepare_verification(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "{ strategy: \"email_code\" }")]
        params: JsValue,
    ) -> Promise {
        let step = Account::PrepareEmail(self.id.clone());
        call(self.owner.clone(), step, params)
    }

    /// Tries the mailed `{code}`; resolves with the address, now verified.
    #[wasm_bindgen(js_name = attemptVerification, unchecked_return_type = "Promise<EmailAddress>")]
    pub fn attempt_verification(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ code: string }")] params: JsValue,
    ) -> Promise {
        let step = Account::AttemptEmail(self.id.clone());
        call(self.owner.clone(), step, params)
    }

    /// Removes this address (not the primary one; a sensitive change).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn destroy(&self) -> Promise {
        let step = Account::DestroyEmail(self.id.clone());
        call(self.owner.clone(), step, JsValue::UNDEFINED)
    }
}

#[wasm_bindgen]
impl Session {
    fn owner(&self) -> Owner {
        Owner {
            sdk: self.sdk.clone(),
            cache: self.cache.clone(),
            session_id: self.id.clone(),
        }
    }

    /// Re-verifies this session with the account's `{password}`, so sensitive changes pass
    /// for the next minutes (`reverification_required` names how many in `meta.maxAgeSecs`).
    #[wasm_bindgen(js_name = verifyWithPassword, unchecked_return_type = "Promise<SessionVerification>")]
    pub fn verify_with_password(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ password: string }")] params: JsValue,
    ) -> Promise {
        call(self.owner(), Account::VerifyPassword, params)
    }

    /// Mails a re-verification code to the account's primary address
    /// (`{strategy: "email_code"}`).
    #[wasm_bindgen(js_name = prepareFirstFactorVerification, unchecked_return_type = "Promise<SessionVerification>")]
    pub fn prepare_first_factor_verification(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "{ strategy: \"email_code\" }")]
        params: JsValue,
    ) -> Promise {
        call(self.owner(), Account::PrepareVerification, params)
    }

    /// Tries the mailed code (`{strategy: "email_code", code}`) or the password
    /// (`{strategy: "password", password}`).
    #[wasm_bindgen(js_name = attemptFirstFactorVerification, unchecked_return_type = "Promise<SessionVerification>")]
    pub fn attempt_first_factor_verification(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AttemptFirstFactorParams")] params: JsValue,
    ) -> Promise {
        call(self.owner(), Account::AttemptVerification, params)
    }
}
