//! clerk-server over real HTTP: one integration-test binary (linked once), one module per area.
//! `common` has `spawn_app()` and the test client.

mod activity_writes;
mod cli_and_static_files;
mod common;
mod concurrent_sign_ins;
mod database_file_modes;
mod error_codes;
mod jwt_templates;
mod lookalike_identifiers;
mod malformed_input;
mod multi_session_story;
mod read_cache;
mod read_cache_on_postgres;
mod security;
mod session_lifetimes;
mod session_tokens;
mod signing_key_file;
mod two_processes_on_postgres;
