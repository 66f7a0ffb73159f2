//! JWT templates through the SDK: `session.getToken({template})` against the template
//! `browser-tests` of `tests/fixtures/browser-server.toml` (120 s, `role` and `aud` claims).

use super::sdk_util::*;
async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// The template configured in the browser suite's server config.
const TEMPLATE: &str = "browser-tests";

fn get_token(session: &JsValue, options: &[(&str, JsValue)]) -> js_sys::Promise {
    let f: js_sys::Function = prop(session, "getToken").dyn_into().expect("getToken");
    f.call1(session, &object(options))
        .expect("getToken returns a promise")
        .into()
}

async fn token(session: &JsValue, options: &[(&str, JsValue)]) -> String {
    wait(get_token(session, options))
        .await
        .expect("a token")
        .as_string()
        .expect("a string")
}

/// The payload of a compact JWT, decoded with the browser's `atob`.
fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).expect("a payload");
    let mut b64: String = payload
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !b64.len().is_multiple_of(4) {
        b64.push('=');
    }
    let atob: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"atob".into())
        .expect("atob")
        .dyn_into()
        .expect("atob is a function");
    let text = atob
        .call1(&JsValue::NULL, &b64.into())
        .expect("base64")
        .as_string()
        .expect("text");
    serde_json::from_str(&text).expect("JSON claims")
}

#[wasm_bindgen_test]
async fn a_template_token_carries_the_templates_claims_and_lifetime() {
    let t = fresh_clerk().await;
    let (_, sess) = sign_up(&t.clerk, "tmpl").await;
    let jwt = token(&t.clerk.session(), &[("template", TEMPLATE.into())]).await;
    let c = claims(&jwt);
    assert_eq!(c["sid"], sess.as_str());
    assert_eq!(c["role"], "authenticated");
    assert_eq!(c["aud"], "browser-tests");
    assert_eq!(clerk_core::jwt::lifetime_secs(&jwt), Some(120));
}

#[wasm_bindgen_test]
async fn template_tokens_are_cached_apart_from_the_default_token() {
    let t = fresh_clerk().await;
    sign_up(&t.clerk, "tmplcache").await;
    let session = t.clerk.session();
    let default_p = get_token(&session, &[]);
    let template_p = get_token(&session, &[("template", TEMPLATE.into())]);
    assert!(
        !js_sys::Object::is(&default_p, &template_p),
        "a template request is not shared with the default one"
    );
    let default = wait(default_p)
        .await
        .expect("default")
        .as_string()
        .expect("jwt");
    let templated = wait(template_p)
        .await
        .expect("template")
        .as_string()
        .expect("jwt");
    assert_ne!(default, templated);
    assert!(
        claims(&default).get("aud").is_none(),
        "the default token has no template claims"
    );
    assert_eq!(clerk_core::jwt::lifetime_secs(&default), Some(60));

    // A token minted a second later would carry another `iat`: equal strings mean the cache.
    sleep(1_100).await;
    assert_eq!(
        token(&session, &[("template", TEMPLATE.into())]).await,
        templated,
        "the template token is served from its own cache entry"
    );
    assert_eq!(
        token(&session, &[]).await,
        default,
        "and the default one from its own"
    );
    let fresh = token(
        &session,
        &[("template", TEMPLATE.into()), ("skipCache", true.into())],
    )
    .await;
    assert_ne!(fresh, templated, "skipCache mints a new template token");
    assert_eq!(claims(&fresh)["aud"], "browser-tests");
    assert_eq!(
        token(&session, &[]).await,
        default,
        "which leaves the default one alone"
    );
}

#[wasm_bindgen_test]
async fn an_unknown_template_rejects_with_template_not_found_and_keeps_the_session() {
    let t = fresh_clerk().await;
    let (_, sess) = sign_up(&t.clerk, "tmplnf").await;
    let err = wait(get_token(
        &t.clerk.session(),
        &[("template", "no-such-template".into())],
    ))
    .await
    .expect_err("the server has no such template");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(text(&err, "code").as_deref(), Some("template_not_found"));
    assert_eq!(prop(&err, "status").as_f64(), Some(404.0));
    assert_eq!(
        text(&err, "meta.template").as_deref(),
        Some("no-such-template")
    );
    assert_eq!(
        session_ids(&t.clerk),
        vec![sess.clone()],
        "a 404 does not drop the session"
    );
    assert_eq!(text(&t.clerk.session(), "id"), Some(sess));

    let bad = wait(get_token(
        &t.clerk.session(),
        &[("template", "no such".into())],
    ))
    .await
    .expect_err("a malformed name");
    assert_eq!(text(&bad, "code").as_deref(), Some("invalid_param"));
    assert_eq!(text(&bad, "meta.paramName").as_deref(), Some("template"));
}
