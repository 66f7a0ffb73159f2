//! The whole multi-session story of the seeds, over real HTTP: two accounts in one client, switch,
//! sign out of one (the other stays), sign out of all, forget the client.

use crate::common::*;

fn session_ids(client: &serde_json::Value) -> Vec<String> {
    client["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_visitor_without_a_cookie_has_no_client() {
    let app = spawn_app().await;
    let r = app.client().get("/v1/client").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        serde_json::json!({"response": null, "client": null})
    );
}

#[tokio::test]
async fn two_accounts_share_one_client_and_the_user_switches_between_them() {
    let app = spawn_app().await;
    let browser = app.client();
    let a = app.sign_up(&browser, "ada@example.com").await;
    let b = app.sign_up(&browser, "bob@example.com").await;

    let client = browser.get("/v1/client").await.json();
    assert_eq!(client["response"], client["client"]);
    let client = &client["client"];
    assert_eq!(session_ids(client), vec![a.clone(), b.clone()]);
    assert_eq!(client["last_active_session_id"], b.as_str());
    assert_eq!(
        client["sessions"][0]["user"]["email_address"],
        "ada@example.com"
    );
    assert_eq!(client["sessions"][0]["status"], "active");

    let r = browser
        .post_form(&format!("/v1/client/sessions/{a}/touch"), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["id"], a.as_str());
    assert_eq!(r.json()["client"]["last_active_session_id"], a.as_str());
    assert_eq!(
        browser.get("/v1/client").await.json()["client"]["last_active_session_id"],
        a.as_str()
    );
}

#[tokio::test]
async fn signing_in_to_an_existing_account_adds_a_session_and_makes_it_active() {
    let app = spawn_app().await;
    let first = app.client();
    app.sign_up(&first, "ada@example.com").await;
    let browser = app.client();
    let r = app.sign_in(&browser, "ADA@example.com").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    assert_eq!(body["response"]["object"], "sign_in_attempt");
    assert_eq!(body["response"]["status"], "complete");
    let sid = body["response"]["created_session_id"].as_str().unwrap();
    assert!(body["response"]["id"].as_str().unwrap().starts_with("sia_"));
    assert_eq!(body["client"]["last_active_session_id"], sid);
    assert_eq!(session_ids(&body["client"]), vec![sid.to_owned()]);
}

#[tokio::test]
async fn signing_out_of_one_account_leaves_the_others_signed_in() {
    let app = spawn_app().await;
    let browser = app.client();
    let a = app.sign_up(&browser, "ada@example.com").await;
    let b = app.sign_up(&browser, "bob@example.com").await;
    let c = app.sign_up(&browser, "cy@example.com").await;

    // Remove a session that is not the active one: the active one stays active.
    let r = browser
        .post_form(&format!("/v1/client/sessions/{a}/remove"), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["status"], "removed");
    assert_eq!(session_ids(&r.json()["client"]), vec![b.clone(), c.clone()]);
    assert_eq!(r.json()["client"]["last_active_session_id"], c.as_str());

    // Remove the active one: the other remains, and no account is picked silently.
    let r = browser
        .post_form(&format!("/v1/client/sessions/{c}/remove"), &[])
        .await;
    assert_eq!(r.status, 200);
    let client = browser.get("/v1/client").await.json()["client"].clone();
    assert_eq!(session_ids(&client), vec![b.clone()]);
    assert!(client["last_active_session_id"].is_null());
    assert_error(
        &browser
            .post_form(&format!("/v1/client/sessions/{c}/tokens"), &[])
            .await,
        401,
        "session_expired",
    );
    app.token(&browser, &b).await;
}

#[tokio::test]
async fn signing_out_of_all_accounts_ends_every_session() {
    let app = spawn_app().await;
    let browser = app.client();
    let a = app.sign_up(&browser, "ada@example.com").await;
    app.sign_up(&browser, "bob@example.com").await;
    let r = browser.delete("/v1/client/sessions").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["client"]["sessions"], serde_json::json!([]));
    assert!(r.json()["client"]["last_active_session_id"].is_null());
    assert_error(
        &browser
            .post_form(&format!("/v1/client/sessions/{a}/touch"), &[])
            .await,
        401,
        "session_expired",
    );
    // The same client can sign in again.
    assert_eq!(app.sign_in(&browser, "ada@example.com").await.status, 200);
}

#[tokio::test]
async fn post_with_method_delete_works_wherever_delete_does() {
    let app = spawn_app().await;
    let browser = app.client();
    app.sign_up(&browser, "ada@example.com").await;
    let r = browser
        .post_form("/v1/client/sessions?_method=DELETE", &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["client"]["sessions"], serde_json::json!([]));
    assert_error(
        &browser.post_form("/v1/client/sessions", &[]).await,
        405,
        "method_not_allowed",
    );

    let r = browser.post_form("/v1/client?_method=delete", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(browser.cookie.lock().unwrap().is_none());
}

#[tokio::test]
async fn forgetting_the_client_expires_the_cookie_and_the_client() {
    let app = spawn_app().await;
    let browser = app.client();
    app.sign_up(&browser, "ada@example.com").await;
    let old_cookie = browser.cookie.lock().unwrap().clone().unwrap();
    let r = browser.delete("/v1/client").await;
    assert_eq!(r.status, 200);
    assert!(r
        .set_cookies()
        .iter()
        .any(|c| c.starts_with("__Host-client=;") && c.contains("Max-Age=0")));
    assert_eq!(
        r.json(),
        serde_json::json!({"response": null, "client": null})
    );
    // Replaying the old cookie finds nothing.
    *browser.cookie.lock().unwrap() = Some(old_cookie);
    assert!(browser.get("/v1/client").await.json()["client"].is_null());
}

#[tokio::test]
async fn the_environment_reports_the_configured_rules() {
    let app = spawn_app_with(|c| {
        c.file.application_name = "Acme".into();
        c.file.max_sessions_per_client = 3;
    })
    .await;
    let r = app.client().get("/v1/environment").await;
    assert_eq!(r.status, 200);
    let env = r.json();
    assert_eq!(env["auth_config"]["max_sessions_per_client"], 3);
    assert_eq!(env["auth_config"]["single_session_mode"], false);
    assert_eq!(env["auth_config"]["password_min_length"], 8);
    assert_eq!(env["display_config"]["application_name"], "Acme");
    assert_eq!(
        env["display_config"]["after_sign_out_one_url"],
        "/sign-in/choose"
    );
}
