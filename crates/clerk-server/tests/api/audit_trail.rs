//! The audit trail (security review, "also"): one JSON line per sign-up, sign-in, failed
//! sign-in, throttled attempt, sign-out, revocation and signing key in use, with the client and
//! user ids and the address, and never a secret.

use crate::common::binary::{start_binary, RunningBinary};
use crate::common::*;
use serde_json::Value;

/// Starts the binary with `config` in `dir`.
fn start(dir: &std::path::Path, config: &str) -> RunningBinary {
    let config_path = dir.join("clerk.toml");
    std::fs::write(&config_path, config).unwrap();
    let db = format!("sqlite://{}", dir.join("audit.db").display());
    let config_path = config_path.to_str().unwrap();
    let args = [
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        &db,
        "--config",
        config_path,
    ];
    start_binary(&args).listening()
}

fn events(log: &str) -> Vec<Value> {
    log.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[tokio::test]
async fn every_security_event_is_one_json_line_with_ids_and_address_and_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let config = "log_format = \"json\"\n[rate_limits]\nsign_in_per_identifier_per_ip = 2\n";
    let server = start(dir.path(), config);
    let url = server.url.clone();
    let browser = TestClient::new(&url, Some(url.clone()));
    let r = browser
        .post_form(
            "/v1/client/sign_ups",
            &[("email_address", "ada@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let sid = r.json()["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrong = [
        ("identifier", "ada@example.com"),
        ("password", "a wrong password"),
    ];
    assert_eq!(
        browser
            .post_form("/v1/client/sign_ins", &wrong)
            .await
            .status,
        422
    );
    let phone = TestClient::new(&url, Some(url.clone()));
    let r = phone
        .post_form(
            "/v1/client/sign_ins",
            &[("identifier", "ada@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let phone_sid = r.json()["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        browser
            .post_form("/v1/client/sign_ins", &wrong)
            .await
            .status,
        429
    );
    let token = browser
        .post_form(&format!("/v1/client/sessions/{sid}/tokens"), &[])
        .await
        .json()["jwt"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = browser
        .post_bearer(&format!("/v1/me/sessions/{phone_sid}/revoke"), &token)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = browser
        .post_form(&format!("/v1/client/sessions/{sid}/remove"), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(browser.delete("/v1/client/sessions").await.status, 200);
    let cookie = browser.cookie.lock().unwrap().clone().unwrap();
    let log = server.stop();

    let all = events(&log);
    let audit: Vec<&Value> = all.iter().filter(|e| e["message"] == "audit").collect();
    let names: Vec<&str> = audit.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "key_loaded",
            "sign_up",
            "sign_in_failed",
            "sign_in",
            "throttled",
            "revoke",
            "sign_out",
            "sign_out_all"
        ],
        "{audit:#?}"
    );
    let find = |name: &str| *audit.iter().find(|e| e["event"] == name).unwrap();
    assert_eq!(find("sign_up")["session_id"], sid.as_str());
    assert!(find("sign_up")["user_id"]
        .as_str()
        .unwrap()
        .starts_with("user_"));
    assert!(find("sign_up")["client_id"]
        .as_str()
        .unwrap()
        .starts_with("client_"));
    assert_eq!(find("sign_in_failed")["identifier"], "ada@example.com");
    assert_eq!(find("throttled")["limit"], "sign_in_per_identifier_per_ip");
    assert_eq!(find("revoke")["session_id"], phone_sid.as_str());
    for e in &audit[1..] {
        assert_eq!(e["ip"], "127.0.0.1", "{e}");
        assert!(e["ts"].as_i64().unwrap() > 1_700_000_000_000, "{e}");
    }
    let text = log;
    let secret = cookie.split_once('.').unwrap().1;
    for secret in [secret, PASSWORD, "a wrong password", token.as_str()] {
        assert!(!text.contains(secret), "a secret in the log: {secret}");
    }
}
