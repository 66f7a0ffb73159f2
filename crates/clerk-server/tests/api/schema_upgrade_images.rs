//! A database made by the release before profile pictures (migration 6, with an account and a
//! session) upgrades in place: the account signs in and works as before, with no picture, and
//! can then set one.

use crate::common::images::picture;
use crate::common::me::upload;
use crate::common::*;
use crate::schema_upgrade_addresses::{seed_at_migration, SECRET};

#[tokio::test]
async fn a_database_of_the_release_before_pictures_upgrades_with_its_accounts_working() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let hash = clerk_server::password::hash(PASSWORD.into()).await.unwrap();
    seed_at_migration(&url, 6, &hash).await;
    let app = spawn_app_on(dir, url, |c| c.dev = true).await;
    let versions = app
        .raw_rows("SELECT CAST(version AS TEXT) FROM clerk_schema_migrations ORDER BY version")
        .await;
    assert_eq!(
        versions.len(),
        clerk_server::store::schema::MIGRATIONS.len()
    );
    assert_eq!(versions.last().unwrap()[0].as_deref(), Some("7"));
    // The old browser's session still works, its user without a picture.
    let browser = app.client();
    *browser.cookie.lock().unwrap() = Some(format!("__client=client_old.{SECRET}"));
    let client = browser.get("/v1/client").await.json();
    let user = &client["client"]["sessions"][0]["user"];
    assert_eq!(user["email_address"], "ada@example.com", "{client}");
    assert_eq!(user["primary_email_address_id"], "idn_old", "{client}");
    assert_eq!(user["image_url"], serde_json::Value::Null, "{client}");
    // The account signs in, and can set a picture on the upgraded schema.
    assert_eq!(
        app.sign_in(&app.client(), "ada@example.com").await.status,
        200
    );
    let r = upload(
        &app,
        &browser,
        "sess_old",
        &picture(30, 20, image::ImageFormat::Png),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let image_url = r.json()["response"]["image_url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(image_url.contains("/v1/images/"), "{image_url}");
    let c = browser.get("/v1/client").await.json();
    assert_eq!(
        c["client"]["sessions"][0]["user"]["image_url"],
        image_url.as_str()
    );
}
