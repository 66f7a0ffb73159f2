//! The reference Frontend API server of clerk-wasm: multi-session authentication over HTTP,
//! SQLite or PostgreSQL storage, EdDSA session tokens.
//!
//! [`build_router`] builds the whole API for an [`AppState`]; [`serve()`] serves it on a listener
//! with the connection limits of `[http]`; [`run`] does both.
//! `main.rs` only reads the command line, the environment and the config file.
//! Mail (codes for sign-up, sign-in and password reset) leaves through an outbox and a sender
//! task ([`mail`]), over SMTP or, in `--dev` without SMTP, printed on the terminal.
//!
//! Security rules kept throughout: client secrets are stored only as SHA-256 hashes and compared
//! in constant time; passwords are argon2id, hashed off the async executor; state-changing
//! requests need an allowed origin; nothing secret (cookies, passwords, tokens, keys) is logged;
//! bad input always gets a structured 4xx, never a 500.
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod audit;
pub mod clock;
pub mod codes;
pub mod config;
pub mod credential;
pub mod email_features;
pub mod error;
mod error_messages;
mod error_response;
pub mod handlers;
pub mod housekeeping;
pub mod http;
pub mod identifier;
pub mod jwt;
pub mod jwt_templates;
pub mod key_file;
pub mod lifetime;
pub mod log;
pub mod mail;
pub mod new_account;
pub mod password;
pub mod private_file;
pub mod profile_image;
pub mod rate_limit;
pub mod reverification;
pub mod secrets;
pub mod serve;
pub mod session_rules;
pub mod state;
pub mod static_cache;
pub mod static_files;
pub mod static_fingerprint;
pub mod static_html;
pub mod static_locate;
pub mod static_roots;
pub mod store;

pub use clock::{Clock, FakeClock, SystemClock};
pub use config::{Config, FileConfig};
pub use error::AppError;
pub use serve::serve;
pub use state::AppState;

use axum::routing::{delete, get, post};
use axum::Router;
use handlers::{
    account, client, email_addresses, images, me, password_change, reset_password, reverify,
    sessions, sign, sign_in_factors, sign_up_verify,
};
use std::sync::Arc;
use tokio::net::TcpListener;

/// The whole HTTP surface: `/v1` Frontend API, JWKS, static files, JSON 404/405; origin checks
/// and CORS inside the security headers.
pub fn build_router(state: AppState) -> Router {
    Router::new()
        .route("/v1/environment", get(handlers::environment))
        .route(
            "/v1/client",
            get(client::get_client)
                .delete(client::delete_client)
                .post(client::post_client),
        )
        .route("/v1/client/sign_ins", post(sign::sign_in))
        .route("/v1/client/sign_ups", post(sign::sign_up))
        .route(
            "/v1/client/sign_ins/{id}/prepare_first_factor",
            post(sign_in_factors::prepare_first_factor),
        )
        .route(
            "/v1/client/sign_ins/{id}/attempt_first_factor",
            post(sign_in_factors::attempt_first_factor),
        )
        .route(
            "/v1/client/sign_ins/{id}/reset_password",
            post(reset_password::reset_password),
        )
        .route(
            "/v1/client/sign_ups/{id}/prepare_verification",
            post(sign_up_verify::prepare_verification),
        )
        .route(
            "/v1/client/sign_ups/{id}/attempt_verification",
            post(sign_up_verify::attempt_verification),
        )
        .route(
            "/v1/client/sessions",
            axum::routing::delete(client::end_all_sessions).post(client::post_sessions),
        )
        .route("/v1/client/sessions/{id}/touch", post(sessions::touch))
        .route("/v1/client/sessions/{id}/tokens", post(sessions::tokens))
        .route("/v1/client/sessions/{id}/remove", post(sessions::remove))
        .route("/v1/client/sessions/{id}/verify", post(reverify::verify))
        .route(
            "/v1/client/sessions/{id}/verify/prepare_first_factor",
            post(reverify::prepare_first_factor),
        )
        .route(
            "/v1/client/sessions/{id}/verify/attempt_first_factor",
            post(reverify::attempt_first_factor),
        )
        .route(
            "/v1/me",
            get(account::get)
                .patch(account::patch)
                .delete(account::delete),
        )
        .route(
            "/v1/me/change_password",
            post(password_change::change_password),
        )
        .route("/v1/me/email_addresses", post(email_addresses::create))
        .route(
            "/v1/me/email_addresses/{id}",
            delete(email_addresses::delete),
        )
        .route(
            "/v1/me/email_addresses/{id}/prepare_verification",
            post(email_addresses::prepare_verification),
        )
        .route(
            "/v1/me/email_addresses/{id}/attempt_verification",
            post(email_addresses::attempt_verification),
        )
        .route(
            clerk_protocol::routes::ME_PROFILE_IMAGE,
            post(handlers::profile_image::upload)
                .delete(handlers::profile_image::remove)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::profile_image::MAX_UPLOAD_BYTES,
                )),
        )
        .route("/v1/images/{name}", get(images::get))
        .route("/v1/me/sessions", get(me::list))
        .route("/v1/me/sessions/{id}/revoke", post(me::revoke))
        .route(clerk_protocol::routes::JWKS, get(handlers::jwks))
        .fallback(handlers::fallback)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::cors::cors_layer,
        ))
        .with_state(state)
}

/// Builds the state for `config` with the system clock and serves the API on `listener`.
pub async fn run(config: Config, listener: TcpListener) -> Result<(), AppError> {
    let state = AppState::new(config, Arc::new(SystemClock)).await?;
    serve(build_router(state.clone()), listener, &state.config).await
}
