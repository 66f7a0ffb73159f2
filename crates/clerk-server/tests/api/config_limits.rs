//! Config values that meet time (security review, weakness 8): a duration too long to add to
//! "now" is refused at start-up with a message naming its key, instead of silently turning rate
//! limiting off; long but representable windows keep limiting.

use crate::common::*;
use std::process::Command;

fn start_with_config(toml: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("clerk.toml");
    std::fs::write(&config, toml).unwrap();
    Command::new(env!("CARGO_BIN_EXE_clerk-server"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            "sqlite::memory:",
            "--config",
            config.to_str().unwrap(),
        ])
        .output()
        .unwrap()
}

#[test]
fn durations_too_long_to_represent_stop_the_server_with_a_message_naming_the_key() {
    for (toml, key) in [
        (
            "[rate_limits]\nwindow_seconds = 9223372036854775\n",
            "rate_limits.window_seconds",
        ),
        (
            "session_max_lifetime_seconds = 18446744073709551615\n",
            "session_max_lifetime_seconds",
        ),
        (
            "session_inactivity_timeout_seconds = 9223372036854775807\n",
            "session_inactivity_timeout_seconds",
        ),
        (
            "client_lifetime_seconds = 9223372036854775807\n",
            "client_lifetime_seconds",
        ),
    ] {
        let out = start_with_config(toml);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{toml}: started");
        assert!(out.stdout.is_empty(), "{toml}: listening");
        assert!(stderr.contains(key), "{toml}: {stderr}");
    }
}

#[tokio::test]
async fn a_ten_year_rate_limit_window_still_limits() {
    let app = spawn_app_with(|c| {
        c.file.rate_limits.window_seconds = 10 * 365 * 86_400;
        c.file.rate_limits.sign_in_per_identifier_per_ip = 2;
    })
    .await;
    let c = app.client();
    for _ in 0..2 {
        let r = c
            .post_form(
                "/v1/client/sign_ins",
                &[("identifier", "ada@example.com"), ("password", "x")],
            )
            .await;
        assert_error(&r, 422, "invalid_credentials");
    }
    let r = c
        .post_form(
            "/v1/client/sign_ins",
            &[("identifier", "ada@example.com"), ("password", "x")],
        )
        .await;
    assert_error(&r, 429, "too_many_requests");
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(retry > 86_400, "{retry}");
}
