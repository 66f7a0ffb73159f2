//! Settings: the command line and environment give the essentials (`--listen`, `--database-url`,
//! `--dev`, `--static-dir`, `--config`); the TOML config file gives the rest. Every key is
//! documented in `CONFIG.md`; unknown keys are refused so typos do not pass silently.

mod durations;
mod limits;
mod sessions;
mod verification;

pub use durations::{seconds_to_ms, MAX_SECONDS};
pub use limits::RateLimits;
pub use sessions::SessionSettings;
pub use verification::{EmailVerification, VerificationCodes, HOUR_MS};

use crate::credential::CredentialPolicy;
pub mod email;
pub mod http;

use crate::error::AppError;
use crate::jwt_templates::JwtTemplateConfig;
use crate::lifetime::LifetimePolicy;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Everything the server needs to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://PATH`, `sqlite::memory:` or `postgres://...`.
    pub database_url: String,
    /// Development mode: allows http://localhost:* and http://127.0.0.1:* origins.
    pub dev: bool,
    /// Folders served beside the API: (URL prefix without slashes, "" for the root; folder).
    pub static_dirs: Vec<(String, PathBuf)>,
    /// The settings of the config file (or their defaults).
    pub file: FileConfig,
}

/// The keys of the TOML config file.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FileConfig {
    /// Shown in the prebuilt UI's headings.
    pub application_name: String,
    /// The `iss` claim of session tokens.
    pub issuer: String,
    /// Where the Ed25519 signing key lives (created with mode 0600 when missing).
    pub signing_key_path: Option<PathBuf>,
    /// Origins allowed to make state-changing and credentialed cross-origin requests.
    pub allowed_origins: Vec<String>,
    /// At most one session per client.
    pub single_session_mode: bool,
    /// The most live sessions one client may hold.
    pub max_sessions_per_client: u32,
    /// The shortest password sign-up accepts, in characters.
    pub password_min_length: u32,
    /// Maximum session lifetime in seconds (default 7 days).
    pub session_max_lifetime_seconds: u64,
    /// Inactivity timeout in seconds; 0 turns it off (the default).
    pub session_inactivity_timeout_seconds: u64,
    /// Extra claims added to every session token.
    pub custom_claims: toml::Table,
    /// How long a client (a browser's cookie) lives after its last sign-in, in seconds (default
    /// 400 days, the cookie's Max-Age).
    pub client_lifetime_seconds: u64,
    /// A client without a live session is removed after this many seconds without a change;
    /// 0 keeps it until its lifetime ends.
    pub client_idle_timeout_seconds: u64,
    /// How long the client secret a sign-in replaced keeps working, in seconds.
    pub client_rotation_grace_seconds: u64,
    /// Proxies (IP addresses or CIDR ranges) whose `X-Forwarded-For` / `Forwarded` headers
    /// are believed.
    pub trusted_proxies: Vec<String>,
    /// `"text"` or `"json"`: the format of log lines (the audit trail included).
    pub log_format: LogFormat,
    /// Sign-in and sign-up rate limits.
    pub rate_limits: RateLimits,
    /// URLs for the prebuilt UI.
    pub display_config: DisplayUrls,
    /// PostgreSQL: the most connections this process opens (SQLite ignores it).
    pub database_max_connections: u32,
    /// Clients (with their live sessions) cached in this process; 0 turns the cache off. On
    /// PostgreSQL kept in step with other processes by `NOTIFY`; on SQLite a caching process must
    /// be alone on its file (see `store::lite`).
    pub database_read_cache_entries: usize,
    /// Named JWT templates (`[jwt_templates.NAME]`).
    pub jwt_templates: BTreeMap<String, JwtTemplateConfig>,
    /// `[http]`: connection limits and security headers.
    pub http: http::HttpSettings,
    /// `[email]`: SMTP, sender address and message templates.
    pub email: email::EmailSettings,
    /// `"required"`: a sign-up verifies its address with a mailed code before its account
    /// exists; `"off"` (the default): accounts are created at once. `"required"` needs mail.
    pub email_verification: EmailVerification,
    /// Sign-in with a mailed code instead of a password (when mail is available).
    pub email_code_sign_in: bool,
    /// `[verification_codes]`: lifetimes, tries, cooldown and sending limits of mailed codes.
    pub verification_codes: VerificationCodes,
    /// `[sessions]`: the re-verification that sensitive changes need.
    pub sessions: SessionSettings,
}

/// The format of log lines on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// `clerk-server LEVEL message key=value ...`
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// URLs of the `display_config` of `GET /v1/environment`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DisplayUrls {
    /// Where "Add account" and signed-out visitors go.
    pub sign_in_url: String,
    /// After signing out of the active account while others remain; empty means
    /// `{sign_in_url}/choose`.
    pub after_sign_out_one_url: String,
    /// After signing out of every account.
    pub after_sign_out_all_url: String,
    /// After switching accounts; empty means stay.
    pub after_switch_session_url: String,
}

impl Default for FileConfig {
    fn default() -> Self {
        Self {
            application_name: "clerk-wasm".into(),
            issuer: "clerk-server".into(),
            signing_key_path: None,
            allowed_origins: Vec::new(),
            single_session_mode: false,
            max_sessions_per_client: 5,
            password_min_length: 8,
            session_max_lifetime_seconds: 7 * 24 * 3600,
            session_inactivity_timeout_seconds: 0,
            custom_claims: toml::Table::new(),
            client_lifetime_seconds: 400 * 24 * 3600,
            client_idle_timeout_seconds: 30 * 24 * 3600,
            client_rotation_grace_seconds: 5,
            trusted_proxies: Vec::new(),
            log_format: LogFormat::Text,
            rate_limits: RateLimits::default(),
            display_config: DisplayUrls::default(),
            database_max_connections: crate::store::DEFAULT_PG_CONNECTIONS,
            database_read_cache_entries: crate::store::cache::DEFAULT_ENTRIES,
            jwt_templates: BTreeMap::new(),
            http: http::HttpSettings::default(),
            email: email::EmailSettings::default(),
            email_verification: EmailVerification::Off,
            email_code_sign_in: true,
            verification_codes: VerificationCodes::default(),
            sessions: SessionSettings::default(),
        }
    }
}

impl Default for DisplayUrls {
    fn default() -> Self {
        Self {
            sign_in_url: "/sign-in/".into(),
            after_sign_out_one_url: String::new(),
            after_sign_out_all_url: "/".into(),
            after_switch_session_url: String::new(),
        }
    }
}

impl FileConfig {
    /// Parses a config file's text.
    pub fn from_toml(text: &str) -> Result<Self, AppError> {
        let config: Self = toml::from_str(text).map_err(|e| AppError::Config(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    /// Refuses settings that cannot work.
    pub fn validate(&self) -> Result<(), AppError> {
        if self.max_sessions_per_client == 0 {
            return Err(AppError::Config(
                "max_sessions_per_client must be at least 1".into(),
            ));
        }
        if self.session_max_lifetime_seconds == 0 {
            return Err(AppError::Config(
                "session_max_lifetime_seconds must be at least 1".into(),
            ));
        }
        if self.client_lifetime_seconds < 60 {
            return Err(AppError::Config(
                "client_lifetime_seconds must be at least 60".into(),
            ));
        }
        if self.client_rotation_grace_seconds > 300 {
            return Err(AppError::Config(
                "client_rotation_grace_seconds must be at most 300".into(),
            ));
        }
        for (key, secs) in [
            (
                "session_max_lifetime_seconds",
                self.session_max_lifetime_seconds,
            ),
            (
                "session_inactivity_timeout_seconds",
                self.session_inactivity_timeout_seconds,
            ),
            ("client_lifetime_seconds", self.client_lifetime_seconds),
            (
                "client_idle_timeout_seconds",
                self.client_idle_timeout_seconds,
            ),
        ] {
            seconds_to_ms(key, secs)?;
        }
        crate::http::address::parse_proxies(&self.trusted_proxies)?;
        if self.database_max_connections == 0 {
            return Err(AppError::Config(
                "database_max_connections must be at least 1".into(),
            ));
        }
        self.rate_limits.validate()?;
        self.http.validate()?;
        self.email.validate()?;
        self.verification_codes.validate()?;
        self.sessions.validate()?;
        crate::jwt_templates::validate(&self.jwt_templates)
    }

    /// The lifetime policy in milliseconds (the values are in range once [`Self::validate`]
    /// passed; beyond it they saturate).
    pub fn lifetime_policy(&self) -> LifetimePolicy {
        let ms = durations::saturating_ms;
        LifetimePolicy {
            max_lifetime_ms: ms(self.session_max_lifetime_seconds),
            inactivity_timeout_ms: match self.session_inactivity_timeout_seconds {
                0 => None,
                s => Some(ms(s)),
            },
        }
    }

    /// The client credential policy in milliseconds (see [`Self::lifetime_policy`]).
    pub fn credential_policy(&self) -> CredentialPolicy {
        let ms = durations::saturating_ms;
        CredentialPolicy {
            lifetime_ms: ms(self.client_lifetime_seconds),
            idle_timeout_ms: match self.client_idle_timeout_seconds {
                0 => None,
                s => Some(ms(s)),
            },
            grace_ms: ms(self.client_rotation_grace_seconds),
        }
    }

    /// `after_sign_out_one_url`, defaulting to the account chooser.
    pub fn after_sign_out_one_url(&self) -> String {
        let d = &self.display_config;
        if d.after_sign_out_one_url.is_empty() {
            format!("{}/choose", d.sign_in_url.trim_end_matches('/'))
        } else {
            d.after_sign_out_one_url.clone()
        }
    }
}

impl Config {
    /// A configuration with default file settings.
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            dev: false,
            static_dirs: Vec::new(),
            file: FileConfig::default(),
        }
    }

    /// Parses a `--static-dir` value: `DIR` (served at `/`) or `PREFIX=DIR` (served at `/PREFIX/`).
    pub fn parse_static_dir(value: &str) -> (String, PathBuf) {
        match value.split_once('=') {
            Some((prefix, dir)) if !prefix.trim_matches('/').is_empty() => {
                (prefix.trim_matches('/').to_owned(), PathBuf::from(dir))
            }
            _ => (String::new(), PathBuf::from(value)),
        }
    }

    /// The signing key file: the configured one, else beside a SQLite database file, else none
    /// (an ephemeral key).
    pub fn signing_key_path(&self) -> Option<PathBuf> {
        if let Some(path) = &self.file.signing_key_path {
            return Some(path.clone());
        }
        let path = self.database_url.strip_prefix("sqlite://")?;
        let path = path.split('?').next().unwrap_or(path);
        (!path.is_empty() && !path.contains(":memory:"))
            .then(|| PathBuf::from(format!("{path}.signing-key")))
    }
}

#[cfg(test)]
mod tests;
