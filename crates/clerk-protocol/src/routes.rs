//! Paths of the Frontend API, so the SDK and the server cannot drift apart.

/// Prefix of every Frontend API route.
pub const PREFIX: &str = "/v1";
/// `GET`: instance settings.
pub const ENVIRONMENT: &str = "/v1/environment";
/// `GET`: the current client; `DELETE` (or `POST ?_method=DELETE`): forget it.
pub const CLIENT: &str = "/v1/client";
/// `POST`: sign up (creates a user and a session).
pub const SIGN_UPS: &str = "/v1/client/sign_ups";
/// `POST`: sign in (adds a session).
pub const SIGN_INS: &str = "/v1/client/sign_ins";
/// `DELETE` (or `POST ?_method=DELETE`): sign out of every session on this client.
pub const SESSIONS: &str = "/v1/client/sessions";
/// `GET`: the signed-in user's sessions on every device (Bearer session token).
pub const ME_SESSIONS: &str = "/v1/me/sessions";
/// `GET`: the signed-in user; `PATCH`: change names or the primary address; `DELETE`: delete
/// the account (Bearer session token).
pub const ME: &str = "/v1/me";
/// `POST` (`current_password`, `new_password`, `sign_out_of_other_sessions`).
pub const ME_CHANGE_PASSWORD: &str = "/v1/me/change_password";
/// `POST` (`email_address`): add an unverified address.
pub const ME_EMAIL_ADDRESSES: &str = "/v1/me/email_addresses";
/// `POST` (multipart field `file`): set the user's profile picture; `DELETE`: remove it.
pub const ME_PROFILE_IMAGE: &str = "/v1/me/profile_image";
/// `GET /v1/images/{sha256 hex}.png`: a stored profile picture (immutable, content-addressed).
pub const IMAGES: &str = "/v1/images";
/// Public keys that verify session tokens (not under `/v1`).
pub const JWKS: &str = "/.well-known/jwks.json";

/// `GET /v1/images/{hash}.png`: the stored profile picture whose SHA-256 is `hash` (hex).
pub fn image(hash: &str) -> String {
    format!("/v1/images/{hash}.png")
}

/// `POST /v1/client/sessions/{id}/touch`: make the session the client's active one.
pub fn session_touch(id: &str) -> String {
    format!("/v1/client/sessions/{id}/touch")
}

/// `POST /v1/client/sessions/{id}/tokens`: mint a session token.
pub fn session_tokens(id: &str) -> String {
    format!("/v1/client/sessions/{id}/tokens")
}

/// `POST /v1/client/sessions/{id}/remove`: sign out of that one session.
pub fn session_remove(id: &str) -> String {
    format!("/v1/client/sessions/{id}/remove")
}

/// `POST /v1/me/sessions/{id}/revoke`: revoke one of the user's sessions on any device.
pub fn me_session_revoke(id: &str) -> String {
    format!("/v1/me/sessions/{id}/revoke")
}

/// `POST /v1/client/sign_ins/{id}/prepare_first_factor` (`strategy`): mail a (new) code.
pub fn sign_in_prepare_first_factor(id: &str) -> String {
    format!("/v1/client/sign_ins/{id}/prepare_first_factor")
}

/// `POST /v1/client/sign_ins/{id}/attempt_first_factor` (`strategy`, `code` or `password`).
pub fn sign_in_attempt_first_factor(id: &str) -> String {
    format!("/v1/client/sign_ins/{id}/attempt_first_factor")
}

/// `POST /v1/client/sign_ins/{id}/reset_password` (`password`, `sign_out_of_other_sessions`).
pub fn sign_in_reset_password(id: &str) -> String {
    format!("/v1/client/sign_ins/{id}/reset_password")
}

/// `POST /v1/client/sign_ups/{id}/prepare_verification` (`strategy=email_code`): mail a code.
pub fn sign_up_prepare_verification(id: &str) -> String {
    format!("/v1/client/sign_ups/{id}/prepare_verification")
}

/// `POST /v1/client/sign_ups/{id}/attempt_verification` (`strategy=email_code`, `code`).
pub fn sign_up_attempt_verification(id: &str) -> String {
    format!("/v1/client/sign_ups/{id}/attempt_verification")
}

/// `DELETE /v1/me/email_addresses/{id}`: remove an address that is not the primary.
pub fn me_email_address(id: &str) -> String {
    format!("/v1/me/email_addresses/{id}")
}

/// `POST /v1/me/email_addresses/{id}/prepare_verification` (`strategy=email_code`).
pub fn me_email_address_prepare_verification(id: &str) -> String {
    format!("/v1/me/email_addresses/{id}/prepare_verification")
}

/// `POST /v1/me/email_addresses/{id}/attempt_verification` (`strategy=email_code`, `code`).
pub fn me_email_address_attempt_verification(id: &str) -> String {
    format!("/v1/me/email_addresses/{id}/attempt_verification")
}

/// `POST /v1/client/sessions/{id}/verify` (`strategy=password`, `password`): re-verify.
pub fn session_verify(id: &str) -> String {
    format!("/v1/client/sessions/{id}/verify")
}

/// `POST /v1/client/sessions/{id}/verify/prepare_first_factor` (`strategy=email_code`).
pub fn session_verify_prepare_first_factor(id: &str) -> String {
    format!("/v1/client/sessions/{id}/verify/prepare_first_factor")
}

/// `POST /v1/client/sessions/{id}/verify/attempt_first_factor` (`strategy=email_code`, `code`).
pub fn session_verify_attempt_first_factor(id: &str) -> String {
    format!("/v1/client/sessions/{id}/verify/attempt_first_factor")
}
