//! Sign-in and sign-up attempts, as Clerk's Frontend API shapes them: an attempt is created,
//! then continued (a code mailed, a code or password tried, a new password set) until its status
//! is `complete` and it names the session it created.

use serde::Serialize;

/// `SignIn.status`: the attempt needs an identifier first (not used by this server's answers,
/// kept for Clerk's shape).
pub const SIGN_IN_NEEDS_IDENTIFIER: &str = "needs_identifier";
/// `SignIn.status`: a first factor (password or emailed code) must be attempted.
pub const SIGN_IN_NEEDS_FIRST_FACTOR: &str = "needs_first_factor";
/// `SignIn.status`: the reset code was right; `reset_password` sets the new password.
pub const SIGN_IN_NEEDS_NEW_PASSWORD: &str = "needs_new_password";
/// `SignIn.status` / `SignUp.status`: done, a session was created.
pub const STATUS_COMPLETE: &str = "complete";
/// `SignUp.status`: a field is missing or unverified (see `missing_fields`, `unverified_fields`).
pub const SIGN_UP_MISSING_REQUIREMENTS: &str = "missing_requirements";

/// Strategy: sign in with the account's password.
pub const STRATEGY_PASSWORD: &str = "password";
/// Strategy: a 6-digit code mailed to the address (sign-in without a password, or sign-up
/// verification).
pub const STRATEGY_EMAIL_CODE: &str = "email_code";
/// Strategy: a 6-digit code mailed to the address, then a new password.
pub const STRATEGY_RESET_PASSWORD_EMAIL_CODE: &str = "reset_password_email_code";

/// `Verification.status`: a code was (or can be) sent and not yet entered correctly.
pub const VERIFICATION_UNVERIFIED: &str = "unverified";
/// `Verification.status`: the right code was entered.
pub const VERIFICATION_VERIFIED: &str = "verified";
/// `Verification.status`: too many wrong attempts; the code is dead.
pub const VERIFICATION_FAILED: &str = "failed";
/// `Verification.status`: the code's time ran out.
pub const VERIFICATION_EXPIRED: &str = "expired";

/// The state of one verification (an emailed code), as Clerk's Frontend API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// `unverified`, `verified`, `failed` or `expired` (the `VERIFICATION_*` constants).
    pub status: String,
    /// The strategy being verified, e.g. `email_code`.
    pub strategy: String,
    /// Wrong attempts made on the current code.
    pub attempts: u32,
    /// Unix milliseconds when the current code stops working; `None` before a code was sent.
    pub expire_at: Option<i64>,
}

crate::wire::decoder!(Verification { status, strategy, attempts [optional], expire_at [optional] });

/// One way to complete a sign-in's first factor, listed in `SignIn.supported_first_factors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignInFactor {
    /// `password`, `email_code` or `reset_password_email_code`.
    pub strategy: String,
    /// The address a code goes to, partly masked (`j***@example.com`); `None` for `password`.
    pub safe_identifier: Option<String>,
}

crate::wire::decoder!(SignInFactor { strategy, safe_identifier [optional] });

/// The outcome of `POST /v1/client/sign_ins` and the calls that continue it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignIn {
    /// Always `"sign_in_attempt"`.
    pub object: String,
    /// `sia_...`
    pub id: String,
    /// `needs_first_factor`, `needs_new_password` or `complete` (the `SIGN_IN_*` constants and
    /// [`STATUS_COMPLETE`]).
    pub status: String,
    /// The identifier (email address) the attempt is for, as entered.
    pub identifier: Option<String>,
    /// The first factors this attempt may use (strategy names), the same for a known and an
    /// unknown address.
    pub supported_first_factors: Vec<SignInFactor>,
    /// The code being verified, once one was prepared.
    pub first_factor_verification: Option<Verification>,
    /// The new session, now the client's last active one.
    pub created_session_id: Option<String>,
}

crate::wire::decoder!(SignIn {
    object, id, status, identifier [optional], supported_first_factors [optional],
    first_factor_verification [optional], created_session_id [optional],
});

/// The verifications of a [`SignUp`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SignUpVerifications {
    /// The email address's verification, when the instance requires one.
    pub email_address: Option<Verification>,
}

crate::wire::decoder!(SignUpVerifications { email_address [optional] });

/// The outcome of `POST /v1/client/sign_ups` and the calls that continue it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignUp {
    /// Always `"sign_up_attempt"`.
    pub object: String,
    /// `sua_...`
    pub id: String,
    /// `missing_requirements` until every required field is given and verified, then
    /// `complete` when the user and a session were created.
    pub status: String,
    /// The address signed up with.
    pub email_address: Option<String>,
    /// Required fields not given yet (none today: a sign-up gives them all at once).
    pub missing_fields: Vec<String>,
    /// Fields given but not yet verified, e.g. `["email_address"]`.
    pub unverified_fields: Vec<String>,
    /// Per-field verification state.
    pub verifications: SignUpVerifications,
    /// Unix milliseconds when an unfinished sign-up is forgotten (its address free again).
    pub abandon_at: Option<i64>,
    /// The new session, now the client's last active one.
    pub created_session_id: Option<String>,
    /// The new user.
    pub created_user_id: Option<String>,
}

crate::wire::decoder!(SignUp {
    object, id, status, email_address [optional], missing_fields [optional],
    unverified_fields [optional], verifications [optional], abandon_at [optional],
    created_session_id [optional], created_user_id [optional],
});
