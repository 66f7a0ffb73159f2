//! Sign-ins racing on one client: the session cap and the one-session-per-account rule hold
//! because they are checked in the transaction that stores the session, with the client locked.
//! Each sign-in also rotates the client's secret, so of sign-ins sent at once with one cookie the
//! first to commit wins and the others, now holding a replaced secret, get `client_rotated`
//! (or the rule they broke, if they were checked before it).

use crate::common::*;
use std::sync::Arc;
use tokio::task::JoinSet;

/// Fires one sign-in per email on `browser` at once; returns the answers.
async fn sign_in_all_at_once(browser: &Arc<TestClient>, emails: &[String]) -> Vec<Resp> {
    let mut tasks = JoinSet::new();
    for email in emails {
        let (browser, email) = (Arc::clone(browser), email.clone());
        tasks.spawn(async move {
            browser
                .post_form(
                    "/v1/client/sign_ins",
                    &[("identifier", email.as_str()), ("password", PASSWORD)],
                )
                .await
        });
    }
    let mut answers = Vec::new();
    while let Some(r) = tasks.join_next().await {
        answers.push(r.unwrap());
    }
    answers
}

fn live_sessions(client: &serde_json::Value) -> usize {
    client["client"]["sessions"].as_array().unwrap().len()
}

/// Races are timing-dependent: each test repeats its race on a few fresh clients.
const ROUNDS: usize = 3;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_sign_ins_on_one_client_never_exceed_the_session_cap() {
    const CAP: usize = 2;
    let app = spawn_app_with(|c| c.file.max_sessions_per_client = CAP as u32).await;
    let emails: Vec<String> = (0..8).map(|i| format!("user{i}@example.com")).collect();
    for email in &emails {
        app.sign_up(&app.client(), email).await;
    }
    for _ in 0..ROUNDS {
        let browser = Arc::new(app.client());
        let r = app.sign_in(&browser, &emails[0]).await;
        assert_eq!(r.status, 200, "{}", r.text());

        let answers = sign_in_all_at_once(&browser, &emails[1..]).await;
        let ok = answers.iter().filter(|r| r.status == 200).count();
        for r in answers.iter().filter(|r| r.status != 200) {
            let code = r.json()["errors"][0]["code"].clone();
            assert!(
                code == "max_sessions_reached" || code == "client_rotated",
                "{}",
                r.text()
            );
        }
        assert_eq!(ok, CAP - 1, "exactly the free places are taken");
        assert_eq!(live_sessions(&browser.get("/v1/client").await.json()), CAP);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_sign_ins_to_one_account_on_one_client_create_one_session() {
    // One address signs in to one account 18 times: above the default per-address limit.
    let app = spawn_app_with(|c| c.file.rate_limits.sign_in_per_identifier_per_ip = 100).await;
    app.sign_up(&app.client(), "ada@example.com").await;
    app.sign_up(&app.client(), "bob@example.com").await;
    for _ in 0..ROUNDS {
        let browser = Arc::new(app.client());
        let r = app.sign_in(&browser, "bob@example.com").await;
        assert_eq!(r.status, 200, "{}", r.text());

        let same = vec!["ada@example.com".to_owned(); 5];
        let answers = sign_in_all_at_once(&browser, &same).await;
        let ok = answers.iter().filter(|r| r.status == 200).count();
        for r in answers.iter().filter(|r| r.status != 200) {
            let code = r.json()["errors"][0]["code"].clone();
            assert!(
                code == "identifier_already_signed_in" || code == "client_rotated",
                "{}",
                r.text()
            );
        }
        assert_eq!(ok, 1, "one sign-in wins, the others name its session");
        assert_eq!(live_sessions(&browser.get("/v1/client").await.json()), 2);
    }
}
