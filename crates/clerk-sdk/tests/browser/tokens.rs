//! Session tokens through the typed API: cached, shared between concurrent callers (one request),
//! `skip_cache`, JWT templates, and a 401 for a session revoked elsewhere dropping it.

use crate::util::*;
use clerk_sdk::GetTokenOptions;
use gloo_net::http::Request;
use wasm_bindgen_test::wasm_bindgen_test;

/// How many requests the page has made whose URL contains `part`.
fn requests_to(part: &str) -> usize {
    let performance = web_sys::window()
        .expect("a window")
        .performance()
        .expect("performance");
    performance
        .get_entries_by_type("resource")
        .iter()
        .filter_map(|e| js_sys::Reflect::get(&e, &"name".into()).ok()?.as_string())
        .filter(|n| n.contains(part))
        .count()
}

#[wasm_bindgen_test]
async fn tokens_are_cached_shared_between_concurrent_callers_and_refetched_on_skip_cache() {
    let t = fresh_clerk().await;
    let (_, sess) = sign_up(&t.clerk, "tok").await;
    sleep(50).await;
    let before = requests_to("/tokens");
    let (a, b) = futures_util::future::join(
        t.clerk.get_token(&sess, GetTokenOptions::default()),
        t.clerk.get_token(&sess, GetTokenOptions::default()),
    )
    .await;
    let jwt = a.expect("a token").expect("a session token");
    assert_eq!(b.expect("a token"), Some(jwt.clone()));
    assert!(
        requests_to("/tokens") - before <= 1,
        "concurrent callers share one request"
    );
    assert_eq!(clerk_core::jwt::lifetime_secs(&jwt), Some(60));
    let cached = t
        .clerk
        .get_token(&sess, GetTokenOptions::default())
        .await
        .expect("cached");
    assert_eq!(cached, Some(jwt.clone()), "served from the cache");
    sleep(1_100).await;
    let skip = GetTokenOptions {
        skip_cache: true,
        template: None,
    };
    let fresh = t.clerk.get_token(&sess, skip).await.expect("fresh");
    assert!(
        fresh.is_some() && fresh != Some(jwt),
        "skip_cache mints a new token"
    );

    let template = GetTokenOptions {
        skip_cache: false,
        template: Some("browser-tests".into()),
    };
    let shaped = t
        .clerk
        .get_token(&sess, template)
        .await
        .expect("template")
        .expect("a token");
    assert_eq!(clerk_core::jwt::lifetime_secs(&shaped), Some(120));
    let unknown = GetTokenOptions {
        skip_cache: false,
        template: Some("no-such-template".into()),
    };
    let err = t
        .clerk
        .get_token(&sess, unknown)
        .await
        .expect_err("unknown template");
    assert_eq!(err.code(), "template_not_found");
    assert_eq!(
        t.clerk.session().map(|s| s.id),
        Some(sess),
        "a 404 drops nothing"
    );
}

#[wasm_bindgen_test]
async fn a_401_for_a_session_revoked_elsewhere_drops_it() {
    let t = fresh_clerk().await;
    let (_, sess_a) = sign_up(&t.clerk, "keep").await;
    let (_, sess_b) = sign_up(&t.clerk, "revoked").await;
    let token_b = t.clerk.session_token().await.expect("token").expect("jwt");
    let revoke = Request::post(&format!("{}/v1/me/sessions/{sess_b}/revoke", server_url()))
        .header("Authorization", &format!("Bearer {token_b}"))
        .send()
        .await
        .expect("revoke request");
    assert_eq!(revoke.status(), 200);
    let skip = GetTokenOptions {
        skip_cache: true,
        template: None,
    };
    let err = t
        .clerk
        .get_token(&sess_b, skip)
        .await
        .expect_err("the server refuses");
    assert_eq!(err.code(), "session_expired");
    assert_eq!(session_ids(&t.clerk), vec![sess_a]);
    assert!(t.clerk.session().is_none());
    let gone = t.clerk.get_token(&sess_b, GetTokenOptions::default()).await;
    assert_eq!(
        gone.expect("no error"),
        None,
        "None once the session is gone"
    );
}

#[wasm_bindgen_test]
async fn the_users_sessions_on_every_device_are_listed_and_one_can_be_revoked() {
    let laptop = fresh_clerk().await;
    let (address, mine) = sign_up(&laptop.clerk, "dev").await;
    let phone = clerk_sdk::Clerk::new(server_url(), Default::default());
    phone.load().await;
    let list = laptop.clerk.my_sessions().await.expect("my sessions");
    assert!(list.data.iter().any(|s| s.id == mine
        && s.latest_activity
            .as_ref()
            .is_some_and(|a| a.is_current_client)));
    let _ = (address, phone);
}
