//! Session tokens through the SDK: caching, shared requests, `skipCache`, `clerk.fetch` with the
//! tab's own token, and a 401 (session revoked elsewhere) dropping the session.

use super::sdk_util::*;
use super::server_url;
async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}
use gloo_net::http::Request;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn get_token(session: &JsValue, options: &[(&str, JsValue)]) -> js_sys::Promise {
    let f: js_sys::Function =
        wasm_bindgen::JsCast::dyn_into(prop(session, "getToken")).expect("getToken");
    f.call1(session, &object(options))
        .expect("getToken returns a promise")
        .into()
}

#[wasm_bindgen_test]
async fn tokens_are_cached_shared_between_concurrent_callers_and_refetched_on_skip_cache() {
    let t = fresh_clerk().await;
    let (_, sess) = sign_up(&t.clerk, "tok").await;
    let session = t.clerk.session();
    // The sign-up's own background token request (the `__session` cookie's), and those of the
    // earlier tests' Clerk instances on this page (other "tabs" of one origin, told of the new
    // session), end first; then two callers at once, neither taking the cache.
    sleep(500).await;
    let path = format!("{sess}/tokens");
    let before = requests_to(&path);
    let first = get_token(&session, &[("skipCache", true.into())]);
    let second = get_token(&session, &[("skipCache", true.into())]);
    let jwt = wait(first)
        .await
        .expect("a token")
        .as_string()
        .expect("a string");
    assert_eq!(
        wait(second).await.expect("a token").as_string(),
        Some(jwt.clone())
    );
    assert_eq!(
        requests_to(&path) - before,
        1,
        "concurrent callers share one request"
    );
    assert_eq!(jwt.split('.').count(), 3, "a compact JWT");
    assert_eq!(clerk_core::jwt::lifetime_secs(&jwt), Some(60));

    let cached = get_token(&session, &[]);
    assert_eq!(
        wait(cached).await.expect("cached").as_string(),
        Some(jwt.clone()),
        "served from the cache"
    );

    sleep(1_100).await;
    let fresh = wait(get_token(&session, &[("skipCache", true.into())]))
        .await
        .expect("fresh")
        .as_string();
    assert!(
        fresh.is_some() && fresh != Some(jwt.clone()),
        "skipCache mints a new token"
    );
    let _ = sess;
}

#[wasm_bindgen_test]
async fn clerk_fetch_sends_the_tabs_own_token() {
    let t = fresh_clerk().await;
    let (_, sess_a) = sign_up(&t.clerk, "fa").await;
    let (_, _sess_b) = sign_up(&t.clerk, "fb").await;
    wait(
        t.clerk
            .set_active(object(&[("session", sess_a.as_str().into())])),
    )
    .await
    .expect("switch to A");
    let url = format!("{}/v1/me/sessions", server_url());
    let response = wait(t.clerk.fetch(JsValue::from_str(&url), JsValue::UNDEFINED))
        .await
        .expect("fetch works");
    assert_eq!(prop(&response, "status").as_f64(), Some(200.0));
    let body = call(&response, "json", &[]).await.expect("json");
    let ids: Vec<String> = js_sys::Array::from(&prop(&body, "data"))
        .iter()
        .filter_map(|s| text(&s, "id"))
        .collect();
    assert!(ids.contains(&sess_a), "the list is A's sessions: {ids:?}");
}

#[wasm_bindgen_test]
async fn a_401_for_a_revoked_session_drops_it_and_emits() {
    let t = fresh_clerk().await;
    let (_, sess_a) = sign_up(&t.clerk, "keep").await;
    let (_, sess_b) = sign_up(&t.clerk, "revoked").await;
    let token_b = wait(get_token(&t.clerk.session(), &[]))
        .await
        .expect("token")
        .as_string()
        .expect("jwt");

    let emitted = std::rc::Rc::new(std::cell::RefCell::new(Vec::<JsValue>::new()));
    let sink = emitted.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(JsValue)>::new(move |r: JsValue| {
        sink.borrow_mut().push(r)
    })
    .into_js_value();
    let _unsubscribe = t
        .clerk
        .add_listener(wasm_bindgen::JsCast::unchecked_into(listener));

    let revoke = Request::post(&format!("{}/v1/me/sessions/{sess_b}/revoke", server_url()))
        .header("Authorization", &format!("Bearer {token_b}"))
        .send()
        .await
        .expect("revoke request");
    assert_eq!(revoke.status(), 200);

    let session_b = t.clerk.session();
    let err = wait(get_token(&session_b, &[("skipCache", true.into())]))
        .await
        .expect_err("the server refuses");
    assert_eq!(text(&err, "code").as_deref(), Some("session_expired"));
    assert_eq!(prop(&err, "status").as_f64(), Some(401.0));
    assert_eq!(
        session_ids(&t.clerk),
        vec![sess_a.clone()],
        "the revoked session is dropped"
    );
    assert!(t.clerk.session().is_null());
    let last = emitted
        .borrow()
        .last()
        .cloned()
        .expect("listeners heard about it");
    assert!(prop(&last, "session").is_null());
    assert_eq!(
        wait(get_token(&session_b, &[])).await.expect("null now"),
        JsValue::NULL
    );
}

#[wasm_bindgen_test]
async fn a_switch_the_server_refuses_is_shown_at_once_then_rolled_back_with_an_error() {
    let t = fresh_clerk().await;
    let (_, sess_a) = sign_up(&t.clerk, "gone").await;
    let token_a = wait(get_token(&t.clerk.session(), &[]))
        .await
        .expect("token")
        .as_string()
        .expect("jwt");
    let (_, sess_b) = sign_up(&t.clerk, "stays").await;
    assert_eq!(
        text(&t.clerk.session(), "id").as_deref(),
        Some(sess_b.as_str())
    );

    // Session A is revoked behind this tab's back: the SDK still lists it.
    let revoke = Request::post(&format!("{}/v1/me/sessions/{sess_a}/revoke", server_url()))
        .header("Authorization", &format!("Bearer {token_a}"))
        .send()
        .await
        .expect("revoke request");
    assert_eq!(revoke.status(), 200);
    assert!(session_ids(&t.clerk).contains(&sess_a));

    let switching = t
        .clerk
        .set_active(object(&[("session", sess_a.as_str().into())]));
    assert_eq!(
        text(&t.clerk.session(), "id").as_deref(),
        Some(sess_a.as_str()),
        "the switch shows in the same task, before the server answers"
    );
    let err = wait(switching)
        .await
        .expect_err("the server refuses the touch");
    let code = text(&err, "code").unwrap_or_default();
    assert!(
        code == "session_expired" || code == "session_not_found",
        "a refused touch rejects with the server's code, got {code:?}"
    );
    assert_eq!(
        text(&t.clerk.session(), "id").as_deref(),
        Some(sess_b.as_str()),
        "the tab is back on the account it had"
    );
}
