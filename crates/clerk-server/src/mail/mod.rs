//! Mail delivery through an outbox. A flow that mails a code seals the message
//! ([`Mailer::seal`]) and stores it with `store::sql::INSERT_OUTBOX` in the same transaction as
//! the code, then calls [`Mailer::wake`]; a sender task in each process ([`sender`]) delivers
//! due rows with retries and backoff. So the API never waits for SMTP, and a message is lost
//! neither when the SMTP server is down or refuses, nor when the server restarts.
//!
//! - [`templates`]: subjects and bodies (plain text and HTML) per [`MailKind`].
//! - [`seal`]: the payload, encrypted under a key derived from the signing key.
//! - [`transport`]: SMTP through lettre, or the terminal in `--dev` without SMTP.
//! - [`sender`]: the task that claims due rows and delivers them.
//!
//! Security rules: the code is in clear only in memory ([`OutgoingMail`], and the sealed
//! payload once opened by the sender); logs name a message by its row id and kind, never its
//! code, payload or bodies (the development transport prints the code on purpose: it is the
//! way to read it without SMTP); an expired code is never delivered.

pub mod seal;
pub mod sender;
pub mod templates;
pub mod transport;

use crate::config::email::EmailSettings;
use crate::error::AppError;
use crate::jwt::Keys;
use seal::{Rendered, Sealer};
use templates::{Templates, Values};
use tokio::sync::Notify;
use transport::Transport;

/// What a message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// The code that verifies a sign-up's email address.
    SignUpVerification,
    /// The code of a passwordless sign-in.
    SignInCode,
    /// The code of a password reset.
    PasswordReset,
}

impl MailKind {
    /// The snake_case name (config tables, logs).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignUpVerification => "sign_up_verification",
            Self::SignInCode => "sign_in_code",
            Self::PasswordReset => "password_reset",
        }
    }
}

/// A message to send, before it is sealed (in memory only: it holds the code in clear).
pub struct OutgoingMail {
    /// The recipient's address.
    pub to: String,
    /// What it is for.
    pub kind: MailKind,
    /// The code (6 digits).
    pub code: String,
    /// When the code expires (Unix ms): the message is never delivered after it.
    pub expire_at: i64,
}

impl std::fmt::Debug for OutgoingMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutgoingMail")
            .field("to", &self.to)
            .field("kind", &self.kind)
            .field("expire_at", &self.expire_at)
            .finish_non_exhaustive()
    }
}

/// An outbox row, ready for `INSERT_OUTBOX` (`$1..$5` are these fields in this order).
#[derive(Debug, Clone)]
pub struct SealedMail {
    /// The row id (`mail_...`).
    pub id: String,
    /// The sealed message ([`seal`]).
    pub payload: Vec<u8>,
    /// The code's expiry (Unix ms): dropped, not sent, after it.
    pub not_after: i64,
    /// When to try first (Unix ms): now.
    pub next_attempt_at: i64,
    /// When it was sealed (Unix ms).
    pub created_at: i64,
}

/// Seals messages for the outbox and wakes the sender; one per process, in the state.
pub struct Mailer {
    sealer: Sealer,
    templates: Templates,
    transport: Transport,
    wake: Notify,
}

impl Mailer {
    /// The mailer of `[email]` (validated) under `keys`: `None` when there is no `smtp_url`
    /// and not `dev` (no mail at all); printing to the terminal in `dev` without `smtp_url`.
    pub fn new(settings: &EmailSettings, dev: bool, keys: &Keys) -> Result<Option<Self>, AppError> {
        if settings.smtp_url.is_none() && !dev {
            return Ok(None);
        }
        Ok(Some(Self {
            sealer: Sealer::new(&keys.derive(seal::KEY_LABEL)),
            templates: Templates::new(&settings.templates),
            transport: Transport::new(settings)?,
            wake: Notify::new(),
        }))
    }

    /// Renders `mail` with the application's name and seals it into an outbox row, first due
    /// at `now`.
    pub fn seal(
        &self,
        mail: &OutgoingMail,
        application_name: &str,
        now: i64,
    ) -> Result<SealedMail, AppError> {
        let id = crate::secrets::new_id("mail")?;
        let left_ms = mail.expire_at.saturating_sub(now).max(0);
        let minutes = left_ms.saturating_add(59_999) / 60_000;
        let values = Values {
            application_name,
            code: &mail.code,
            minutes,
        };
        let (subject, text, html) = self.templates.render(mail.kind, values);
        let rendered = Rendered {
            kind: mail.kind.as_str().into(),
            to: mail.to.clone(),
            subject,
            text,
            html,
            code: mail.code.clone(),
        };
        Ok(SealedMail {
            payload: self.sealer.seal(&id, &rendered)?,
            id,
            not_after: mail.expire_at,
            next_attempt_at: now,
            created_at: now,
        })
    }

    /// Tells the sender a row was committed (call it after the commit).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Whether messages go to the terminal rather than an SMTP server.
    pub fn prints(&self) -> bool {
        matches!(self.transport, Transport::Print)
    }

    /// The sealer (the sender opens payloads with it).
    pub fn sealer(&self) -> &Sealer {
        &self.sealer
    }

    /// The transport the sender delivers through.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Waits for [`Self::wake`] (a wake with nobody waiting is kept for the next wait).
    pub async fn woken(&self) {
        self.wake.notified().await;
    }
}
