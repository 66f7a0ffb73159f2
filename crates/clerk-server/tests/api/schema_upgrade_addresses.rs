//! A database made by the release before migration 6 (today's schema up to migration 5, with an
//! account and a session) upgrades in place: each account's address becomes its verified
//! primary address, each session counts as first-factor verified at its sign-in.

use crate::common::*;
use sha2::{Digest, Sha256};

pub(crate) const SECRET: &str = "oldreleasesecret0123456789abcdefghijklmnopq";

/// Builds a database with this binary's migrations up to `version` (today's release before
/// migration 6, say), recorded as the migrator records them, with Ada's account and session (and
/// from migration 6 on, her address as that migration would have made it).
pub(crate) async fn seed_at_migration(url: &str, version: i64, password_hash: &str) {
    let mut statements: Vec<String> = vec![
        "CREATE TABLE clerk_schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL,
            applied_at BIGINT NOT NULL)"
            .into(),
    ];
    for m in clerk_server::store::schema::MIGRATIONS {
        if m.version > version {
            break;
        }
        statements.extend(m.common.iter().map(|s| s.to_string()));
        if url.starts_with("postgres") {
            statements.extend(m.postgres.iter().map(|s| s.to_string()));
        }
        statements.push(format!(
            "INSERT INTO clerk_schema_migrations VALUES ({}, '{}', 0)",
            m.version, m.name
        ));
    }
    let secret_hash: String = Sha256::digest(SECRET.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let now = START_MS - 60_000;
    let end = now + 86_400_000;
    statements.extend([
        format!(
            "INSERT INTO users (id, email_address, password_hash, first_name, last_name, \
             image_url, created_at, updated_at) VALUES ('user_old', 'ada@example.com', \
             '{password_hash}', 'Ada', NULL, NULL, {now}, {now})"
        ),
        format!(
            "INSERT INTO clients (id, secret_hash, last_active_session_id, created_at, \
             updated_at, rotated_at) VALUES ('client_old', '{secret_hash}', 'sess_old', {now}, \
             {now}, {now})"
        ),
        format!(
            "INSERT INTO sessions (id, client_id, user_id, status, last_active_at, expire_at, \
             abandon_at, user_agent, ip_address, created_at, updated_at) VALUES ('sess_old', \
             'client_old', 'user_old', 'active', {now}, {end}, {end}, 'test', '127.0.0.1', \
             {now}, {now})"
        ),
    ]);
    if version >= 6 {
        statements.extend([
            format!(
                "INSERT INTO email_addresses (id, user_id, email_address, verified_at, \
                 verification_strategy, created_at, updated_at) VALUES ('idn_old', 'user_old', \
                 'ada@example.com', {now}, 'admin', {now}, {now})"
            ),
            "UPDATE users SET primary_email_address_id = 'idn_old'".to_owned(),
            format!("UPDATE sessions SET factor_verified_at = {now}"),
        ]);
    }
    super::schema_upgrade::execute_all(url, statements).await;
}

#[tokio::test]
async fn a_database_of_the_release_before_email_addresses_gets_each_address_as_a_verified_primary()
{
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let hash = clerk_server::password::hash(PASSWORD.into()).await.unwrap();
    seed_at_migration(&url, 5, &hash).await;
    let app = spawn_app_on(dir, url, |c| c.dev = true).await;
    let versions = app
        .raw_rows("SELECT name FROM clerk_schema_migrations ORDER BY version")
        .await;
    assert_eq!(
        versions.len(),
        clerk_server::store::schema::MIGRATIONS.len()
    );
    let browser = app.client();
    *browser.cookie.lock().unwrap() = Some(format!("__client=client_old.{SECRET}"));
    let client = browser.get("/v1/client").await.json();
    let user = &client["client"]["sessions"][0]["user"];
    assert_eq!(user["email_address"], "ada@example.com", "{client}");
    assert_eq!(user["primary_email_address_id"], "idn_old", "{client}");
    assert_eq!(
        user["email_addresses"],
        serde_json::json!([{
            "object": "email_address",
            "id": "idn_old",
            "email_address": "ada@example.com",
            "verification": {"status": "verified", "strategy": "admin", "attempts": 0,
                "expire_at": null},
        }]),
        "{client}"
    );
    // The old session counts as verified at its sign-in: a fresh token says how long ago.
    let token = app.token(&browser, "sess_old").await;
    let claims = crate::common::jwks::verify_with_jwks(&app, &token).await;
    assert_eq!(claims["fva"], serde_json::json!([1, -1]), "{claims}");
    // The address still signs in, and a new account cannot take it.
    assert_eq!(
        app.sign_in(&app.client(), "ada@example.com").await.status,
        200
    );
    let r = app
        .client()
        .post_form(
            "/v1/client/sign_ups",
            &[("email_address", "ADA@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_error(&r, 422, "identifier_exists");
}
