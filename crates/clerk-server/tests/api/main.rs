//! clerk-server over real HTTP: one integration-test binary (linked once), one module per area.
//! `common` has `spawn_app()` and the test client.

mod activity_writes;
mod audit_trail;
mod cli_and_static_files;
mod client_credentials;
mod common;
mod concurrent_sign_ins;
mod config_limits;
mod database_file_modes;
mod error_codes;
mod http_limits;
mod jwt_templates;
mod lookalike_identifiers;
mod mail_delivery;
mod mail_restarts;
mod malformed_input;
mod multi_session_story;
mod origin_fails_closed;
mod read_cache;
mod read_cache_on_postgres;
mod readme_security;
mod schema_upgrade;
mod security;
mod security_headers;
mod session_lifetimes;
mod session_tokens;
mod sign_in_throttling;
mod signing_key_file;
mod static_fingerprints;
mod static_hardening;
mod static_streaming;
mod token_kinds;
mod two_processes_on_postgres;
