//! TEMPORARY stand-in for the `mail` module of branch email-mail (its interface only), removed
//! when that branch is merged.
#![allow(missing_docs, dead_code)]

use crate::error::AppError;

pub const INSERT_OUTBOX: &str = "INSERT INTO mail_outbox (id, payload, not_after, \
     next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5)";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    SignUpVerification,
    SignInCode,
    PasswordReset,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignUpVerification => "sign_up_verification",
            Self::SignInCode => "sign_in_code",
            Self::PasswordReset => "password_reset",
        }
    }
}

pub struct OutgoingMail {
    pub to: String,
    pub kind: MailKind,
    pub code: String,
    pub expire_at: i64,
}

#[derive(Debug, Clone)]
pub struct SealedMail {
    pub id: String,
    pub payload: Vec<u8>,
    pub not_after: i64,
    pub next_attempt_at: i64,
    pub created_at: i64,
}

pub struct Mailer;

impl Mailer {
    pub fn seal(&self, _m: &OutgoingMail, _app: &str, _now: i64) -> Result<SealedMail, AppError> {
        Err(AppError::Internal("no mail yet".into()))
    }
    pub fn wake(&self) {}
}

pub fn available(_c: &crate::config::Config) -> bool {
    false
}

pub fn derive(_k: &crate::jwt::Keys, _label: &[u8]) -> [u8; 32] {
    [0; 32]
}
