//! [`AppState`]: everything a request handler needs, shared behind one `Arc`.

use crate::clock::Clock;
use crate::config::Config;
use crate::credential::CredentialPolicy;
use crate::email_features::EmailFeatures;
use crate::error::AppError;
use crate::http::address::TrustedProxies;
use crate::http::security_headers::SecurityHeaders;
use crate::jwt::Keys;
use crate::jwt_templates::JwtTemplates;
use crate::lifetime::LifetimePolicy;
use crate::mail::Mailer;
use crate::rate_limit::{HashQueue, RateLimiter};
use crate::static_fingerprint::Fingerprints;
use crate::static_roots::StaticRoots;
use crate::store::{Db, DbOptions};
use clerk_protocol::{AuthConfig, DisplayConfig, Environment};
use serde_json::{Map, Value};
use std::sync::Arc;

/// Shared state of the server (cheap to clone).
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// The contents of [`AppState`].
pub struct Inner {
    /// Settings.
    pub config: Config,
    /// Storage.
    pub db: Db,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Token signing key.
    pub keys: Keys,
    /// Sign-in and sign-up limits.
    pub limiter: RateLimiter,
    /// The hourly limits on sending codes (its own counters: their windows are hours).
    pub code_limiter: RateLimiter,
    /// The email flows that are on.
    pub email: EmailFeatures,
    /// The key verification codes are hashed with ([`crate::codes`]).
    pub code_key: [u8; 32],
    /// The bound on attempts waiting for a password hash.
    pub hash_queue: HashQueue,
    /// Session lifetimes.
    pub policy: LifetimePolicy,
    /// The security headers of every answer.
    pub security_headers: SecurityHeaders,
    /// Client credential rotation and lifetimes.
    pub credentials: CredentialPolicy,
    /// Proxies whose forwarding headers give the client's address.
    pub proxies: TrustedProxies,
    /// Custom token claims, as JSON.
    pub custom_claims: Map<String, Value>,
    /// Named JWT templates, their claims merged over the custom claims.
    pub templates: JwtTemplates,
    /// `GET /v1/environment`, serialized once.
    pub environment_json: Vec<u8>,
    /// The static folders, canonicalized, checked not to hold the database or the key.
    pub static_roots: StaticRoots,
    /// Fingerprints of the static files served so far.
    pub fingerprints: Fingerprints,
    /// Mail delivery: `Some` with `[email] smtp_url`, or in `--dev` (printed on the terminal);
    /// `None` otherwise (no flow may then mail a code).
    pub mail: Option<Arc<Mailer>>,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Checks the static folders (none may hold the database or the signing key), connects to
    /// the database (migrating it), loads or creates the signing key and warms up the password
    /// hasher.
    pub async fn new(config: Config, clock: Arc<dyn Clock>) -> Result<Self, AppError> {
        config.file.validate()?;
        crate::log::set_format(config.file.log_format);
        let static_roots = StaticRoots::new(&config)?;
        let options = DbOptions {
            pg_connections: config.file.database_max_connections,
            cache_entries: config.file.database_read_cache_entries,
        };
        let db = Db::connect(&config.database_url, options).await?;
        let keys = match config.signing_key_path() {
            Some(path) => Keys::load_or_create(&path)?,
            None => {
                crate::log::warn(
                    "no signing_key_path: using an in-memory key (tokens die with the process)",
                );
                Keys::ephemeral()?
            }
        };
        crate::audit::key_loaded(keys.kid());
        let mail = Mailer::new(&config.file.email, config.dev, &keys)?.map(Arc::new);
        crate::password::warm_up().await?;
        let custom_claims = match serde_json::to_value(&config.file.custom_claims) {
            Ok(Value::Object(map)) => map,
            _ => return Err(AppError::Config("custom_claims must be a table".into())),
        };
        let templates = JwtTemplates::build(&custom_claims, &config.file.jwt_templates)?;
        let f = &config.file;
        let email = EmailFeatures::new(f, mail.is_some())?;
        let code_key = crate::handlers::code_mail::code_key(&keys);
        let environment = Environment {
            auth_config: AuthConfig {
                single_session_mode: f.single_session_mode,
                max_sessions_per_client: f.max_sessions_per_client,
                password_min_length: f.password_min_length,
                first_factors: email.first_factors(),
                email_verification_required: email.verification_required,
            },
            display_config: DisplayConfig {
                application_name: f.application_name.clone(),
                sign_in_url: f.display_config.sign_in_url.clone(),
                after_sign_out_one_url: f.after_sign_out_one_url(),
                after_sign_out_all_url: f.display_config.after_sign_out_all_url.clone(),
                after_switch_session_url: f.display_config.after_switch_session_url.clone(),
            },
        };
        let environment_json =
            serde_json::to_vec(&environment).map_err(|e| AppError::Internal(e.to_string()))?;
        let policy = f.lifetime_policy();
        let credentials = f.credential_policy();
        let security_headers = SecurityHeaders::new(&config);
        let hash_queue = HashQueue::new(f.rate_limits.password_hash_queue);
        let proxies = crate::http::address::parse_proxies(&f.trusted_proxies)?;
        let state = Self(Arc::new(Inner {
            config,
            db,
            clock,
            keys,
            limiter: RateLimiter::new(),
            code_limiter: RateLimiter::new(),
            email,
            code_key,
            hash_queue,
            policy,
            security_headers,
            credentials,
            proxies,
            custom_claims,
            templates,
            environment_json,
            static_roots,
            fingerprints: Fingerprints::default(),
            mail,
        }));
        crate::housekeeping::spawn(&state);
        crate::mail::sender::spawn(&state);
        Ok(state)
    }

    /// A handle that does not keep the state alive (for background tasks).
    pub fn downgrade(&self) -> std::sync::Weak<Inner> {
        Arc::downgrade(&self.0)
    }

    /// The state behind a handle from [`Self::downgrade`], if it is still alive.
    pub fn upgrade(weak: &std::sync::Weak<Inner>) -> Option<Self> {
        weak.upgrade().map(Self)
    }

    /// Now, in Unix milliseconds.
    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }
}
