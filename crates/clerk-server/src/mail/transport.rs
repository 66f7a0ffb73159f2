//! Where a message goes: an SMTP server through `lettre` (tokio, rustls with the webpki roots),
//! or, in `--dev` without `smtp_url`, the server's terminal.
//!
//! `smtp_url`: `smtp://host[:port]` (default port 587) uses STARTTLS when the server offers it
//! and plain SMTP otherwise (a local relay, the test sink); `?tls=required` refuses to go on
//! without STARTTLS; `?tls=none` never starts TLS; `smtps://host[:port]` (default port 465) is
//! TLS from the first byte. Credentials come from the URL (`user:pass@`, percent-encoded) or
//! `smtp_username` / `smtp_password`.
//!
//! Security rule: an error message never carries the URL (it may hold the password), and what
//! [`Transport::send`] reports is lettre's error, which names the SMTP reply, never the message.

use super::seal::Rendered;
use crate::config::email::EmailSettings;
use crate::error::AppError;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain SMTP, never TLS (`?tls=none`).
    None,
    /// STARTTLS when offered (`smtp://`, the default).
    Opportunistic,
    /// STARTTLS or fail (`?tls=required`).
    Required,
    /// TLS from the start (`smtps://`).
    Implicit,
}

/// A parsed `smtp_url`.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpTarget {
    /// The server's host name or address.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// TLS or not.
    pub security: Security,
    /// User name and password, from the URL.
    pub credentials: Option<(String, String)>,
}

impl std::fmt::Debug for SmtpTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpTarget")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field(
                "credentials",
                &self.credentials.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

impl SmtpTarget {
    /// Parses `smtp_url` (see the module docs); the error names the key, never the URL.
    pub fn parse(url: &str) -> Result<Self, AppError> {
        let bad = |why: &str| AppError::Config(format!("email.smtp_url: {why}"));
        let parsed = url::Url::parse(url).map_err(|e| bad(&e.to_string()))?;
        let (mut security, default_port) = match parsed.scheme() {
            "smtp" => (Security::Opportunistic, 587),
            "smtps" => (Security::Implicit, 465),
            _ => return Err(bad("the scheme must be smtp:// or smtps://")),
        };
        for (key, value) in parsed.query_pairs() {
            match (key.as_ref(), value.as_ref(), security) {
                ("tls", "required", Security::Opportunistic) => security = Security::Required,
                ("tls", "opportunistic", Security::Opportunistic) => {}
                ("tls", "none", Security::Opportunistic) => security = Security::None,
                _ => {
                    return Err(bad(
                        "the only query is tls=required|opportunistic|none on smtp://",
                    ))
                }
            }
        }
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("a host is required"))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        if !matches!(parsed.path(), "" | "/") {
            return Err(bad("no path is allowed"));
        }
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| bad("the credentials are not UTF-8"))
        };
        let credentials = match (parsed.username(), parsed.password()) {
            ("", None) => None,
            (user, password) => Some((decode(user)?, decode(password.unwrap_or(""))?)),
        };
        Ok(Self {
            host,
            port: parsed.port().unwrap_or(default_port),
            security,
            credentials,
        })
    }
}

/// Where the sender delivers.
pub enum Transport {
    /// An SMTP server.
    Smtp {
        /// lettre's pooled transport.
        smtp: AsyncSmtpTransport<Tokio1Executor>,
        /// `From:`.
        from: Mailbox,
        /// `Reply-To:`, if configured.
        reply_to: Option<Mailbox>,
    },
    /// `--dev` without SMTP: each message is printed on stderr (recipient, subject, code).
    Print,
}

impl Transport {
    /// The transport for `[email]` (validated): SMTP with `smtp_url`, else printing.
    pub fn new(settings: &EmailSettings) -> Result<Self, AppError> {
        let Some(url) = &settings.smtp_url else {
            return Ok(Self::Print);
        };
        let target = SmtpTarget::parse(url)?;
        let tls = |host: &str| {
            TlsParameters::new(host.to_owned())
                .map_err(|e| AppError::Config(format!("email.smtp_url: TLS: {e}")))
        };
        let tls = match target.security {
            Security::None => Tls::None,
            Security::Opportunistic => Tls::Opportunistic(tls(&target.host)?),
            Security::Required => Tls::Required(tls(&target.host)?),
            Security::Implicit => Tls::Wrapper(tls(&target.host)?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&target.host)
            .port(target.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(settings.smtp_timeout_seconds)));
        let credentials = target.credentials.clone().or_else(|| {
            settings
                .smtp_username
                .clone()
                .map(|u| (u, settings.smtp_password.clone().unwrap_or_default()))
        });
        if let Some((user, password)) = credentials {
            builder = builder.credentials(Credentials::new(user, password));
        }
        let mailbox = |key: &str, value: &str| {
            value
                .parse::<Mailbox>()
                .map_err(|e| AppError::Config(format!("email.{key}: {e}")))
        };
        let from = mailbox("from", settings.from.as_deref().unwrap_or_default())?;
        let reply_to = match &settings.reply_to {
            Some(r) => Some(mailbox("reply_to", r)?),
            None => None,
        };
        Ok(Self::Smtp {
            smtp: builder.build(),
            from,
            reply_to,
        })
    }

    /// Delivers one rendered message. The error says what failed (for the log: no message
    /// content in it).
    pub async fn send(&self, mail: &Rendered) -> Result<(), String> {
        match self {
            Self::Print => {
                crate::log::event(
                    "dev mail (printed, not sent: no email.smtp_url)",
                    &[
                        ("to", &mail.to),
                        ("subject", &mail.subject),
                        ("code", &mail.code),
                    ],
                );
                Ok(())
            }
            Self::Smtp {
                smtp,
                from,
                reply_to,
            } => {
                let message = build_message(mail, from, reply_to.as_ref())?;
                smtp.send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// The MIME message: `multipart/alternative` with the text and the HTML body.
fn build_message(
    mail: &Rendered,
    from: &Mailbox,
    reply_to: Option<&Mailbox>,
) -> Result<Message, String> {
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| format!("the recipient is not a mailbox: {e}"))?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone());
    if let Some(reply_to) = reply_to {
        builder = builder.reply_to(reply_to.clone());
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(mail.text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(mail.html.clone()),
                ),
        )
        .map_err(|e| format!("building the message: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_give_their_security_port_and_credentials() {
        let t = SmtpTarget::parse("smtp://127.0.0.1:2525").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.security, t.credentials),
            ("127.0.0.1", 2525, Security::Opportunistic, None)
        );
        let t = SmtpTarget::parse("smtp://mail.example.com?tls=required").unwrap();
        assert_eq!((t.port, t.security), (587, Security::Required));
        let t = SmtpTarget::parse("smtp://h?tls=none").unwrap();
        assert_eq!(t.security, Security::None);
        let t = SmtpTarget::parse("smtps://me%40x.org:p%3Ass@mail.example.com").unwrap();
        assert_eq!((t.port, t.security), (465, Security::Implicit));
        assert_eq!(t.credentials, Some(("me@x.org".into(), "p:ss".into())));
        assert!(!format!("{t:?}").contains("p:ss"));
        for bad in [
            "http://h",
            "smtp://",
            "smtps://h?tls=none",
            "smtp://h?x=1",
            "smtp://h/path",
        ] {
            assert!(SmtpTarget::parse(bad).is_err(), "{bad}");
        }
        let e = SmtpTarget::parse("smtp://u:secret@h?x=1").unwrap_err();
        assert!(!e.to_string().contains("secret"), "{e}");
    }
}
