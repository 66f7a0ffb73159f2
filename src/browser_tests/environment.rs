//! `GET /v1/environment` from a page in headless Chromium: proves the browser pipeline end to
//! end (wasm test runner page → cross-origin fetch → real clerk-server) and checks the JSON shape.

use clerk_protocol::routes;
use clerk_protocol::Environment;
use gloo_net::http::{Request, Response};
use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::RequestCredentials;

use super::server_url;

async fn get_environment(credentials: RequestCredentials) -> Response {
    let url = format!("{}{}", server_url(), routes::ENVIRONMENT);
    Request::get(&url)
        .credentials(credentials)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {url} failed in the browser: {e}"))
}

#[wasm_bindgen_test]
async fn the_environment_has_the_auth_and_display_config_the_sdk_needs() {
    let response = get_environment(RequestCredentials::Omit).await;
    assert_eq!(response.status(), 200);
    let content_type = response.headers().get("content-type").unwrap_or_default();
    assert!(
        content_type.starts_with("application/json"),
        "content-type was {content_type:?}"
    );
    let text = response.text().await.expect("the body is text");
    let json: Value = serde_json::from_str(&text).expect("the body is JSON");

    let auth = &json["auth_config"];
    assert!(
        auth["single_session_mode"].is_boolean(),
        "auth_config: {auth}"
    );
    assert!(
        auth["max_sessions_per_client"].is_u64(),
        "auth_config: {auth}"
    );
    assert!(auth["password_min_length"].is_u64(), "auth_config: {auth}");
    let display = &json["display_config"];
    for key in [
        "application_name",
        "sign_in_url",
        "after_sign_out_one_url",
        "after_sign_out_all_url",
        "after_switch_session_url",
    ] {
        assert!(
            display[key].is_string(),
            "display_config.{key} missing: {display}"
        );
    }

    let environment: Environment =
        serde_json::from_value(json).expect("the body is an Environment");
    assert!(environment.auth_config.max_sessions_per_client >= 1);
    assert!(environment.auth_config.password_min_length >= 1);
    assert!(!environment.display_config.sign_in_url.is_empty());
}

#[wasm_bindgen_test]
async fn a_credentialed_cross_origin_request_from_a_dev_origin_is_allowed() {
    // The test page is served by the runner on another 127.0.0.1 port: with credentials the
    // browser only hands over the answer if the server echoes this origin and allows credentials.
    let response = get_environment(RequestCredentials::Include).await;
    assert_eq!(response.status(), 200);
    let cache_control = response.headers().get("cache-control").unwrap_or_default();
    assert!(
        cache_control.contains("no-store"),
        "everything under /v1 is no-store, got {cache_control:?}"
    );
}
