//! JWT templates: `POST /v1/client/sessions/{id}/tokens` with `template=NAME` mints a token with
//! the template's claims (over the custom claims) and lifetime, still verified by the JWKS and
//! still counted as activity on a live session; unknown and malformed names are refused.

use crate::common::jwks::verify_with_jwks;
use crate::common::*;
use clerk_server::jwt_templates::JwtTemplateConfig;
use serde_json::json;

/// A server with custom claims and a `supabase` template (5 minutes, its own `role` and `aud`,
/// and an attempt to forge `sub`), an inactivity timeout of 100 s.
async fn app_with_a_template() -> TestApp {
    spawn_app_with(|c| {
        c.file.session_inactivity_timeout_seconds = 100;
        c.file.custom_claims = toml::from_str("org = \"acme\"\nrole = \"member\"").unwrap();
        c.file.jwt_templates.insert(
            "supabase".into(),
            JwtTemplateConfig {
                lifetime_seconds: 300,
                claims: toml::from_str(
                    "role = \"authenticated\"\naud = \"authenticated\"\nsub = \"forged\"\nexp = 1",
                )
                .unwrap(),
            },
        );
    })
    .await
}

fn tokens_path(sid: &str) -> String {
    format!("/v1/client/sessions/{sid}/tokens")
}

#[tokio::test]
async fn a_template_token_carries_the_templates_claims_and_lifetime_and_verifies_against_the_jwks()
{
    let app = app_with_a_template().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let user_id = browser.get("/v1/client").await.json()["client"]["sessions"][0]["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let form = browser
        .post_form(&tokens_path(&sid), &[("template", "supabase")])
        .await;
    let json = browser
        .post_json(&tokens_path(&sid), json!({"template": "supabase"}))
        .await;
    for r in [form, json] {
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["object"], "token");
        let claims = verify_with_jwks(&app, r.json()["jwt"].as_str().unwrap()).await;
        let now_s = app.clock_now_s();
        assert_eq!(claims["sub"], user_id.as_str(), "sub cannot be overridden");
        assert_eq!(claims["sid"], sid.as_str());
        assert_eq!(claims["iss"], "clerk-server");
        assert_eq!(
            claims["role"], "authenticated",
            "the template wins over custom claims"
        );
        assert_eq!(claims["aud"], "authenticated");
        assert_eq!(claims["org"], "acme", "custom claims are kept");
        assert_eq!(claims["iat"], now_s);
        assert_eq!(claims["exp"], now_s + 300, "the template's lifetime");
    }

    let plain = verify_with_jwks(&app, &app.token(&browser, &sid).await).await;
    assert_eq!(plain["role"], "member", "the default token is unchanged");
    assert_eq!(plain["exp"], app.clock_now_s() + 60);
    assert!(plain.get("aud").is_none());
}

#[tokio::test]
async fn minting_a_template_token_counts_as_activity_and_needs_a_live_session() {
    let app = app_with_a_template().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    for _ in 0..3 {
        app.clock.advance_secs(90);
        let r = browser
            .post_form(&tokens_path(&sid), &[("template", "supabase")])
            .await;
        assert_eq!(
            r.status,
            200,
            "activity keeps the session alive: {}",
            r.text()
        );
    }
    let session = &browser.get("/v1/client").await.json()["client"]["sessions"][0];
    assert_eq!(session["last_active_at"], app.clock_now_ms());

    let r = browser
        .post_form(&format!("/v1/client/sessions/{sid}/remove"), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = browser
        .post_form(&tokens_path(&sid), &[("template", "supabase")])
        .await;
    assert_error(&r, 401, "session_expired");
}

#[tokio::test]
async fn an_unknown_template_gives_template_not_found_naming_it() {
    let app = app_with_a_template().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let before =
        browser.get("/v1/client").await.json()["client"]["sessions"][0]["last_active_at"].clone();
    app.clock.advance_secs(5);
    for r in [
        browser
            .post_form(&tokens_path(&sid), &[("template", "hasura")])
            .await,
        browser
            .post_json(&tokens_path(&sid), json!({"template": "Supabase"}))
            .await,
    ] {
        assert_error(&r, 404, "template_not_found");
        let error = &r.json()["errors"][0];
        assert!(["hasura", "Supabase"].contains(&error["meta"]["template"].as_str().unwrap()));
        assert!(r.json()["jwt"].is_null());
    }
    let after =
        browser.get("/v1/client").await.json()["client"]["sessions"][0]["last_active_at"].clone();
    assert_eq!(before, after, "a refused request is not activity");
}

#[tokio::test]
async fn a_malformed_template_name_gives_invalid_param_naming_template() {
    let app = app_with_a_template().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let long = "a".repeat(65);
    for bad in ["", long.as_str(), "a b", "supa.base", "../x", "é"] {
        let r = browser
            .post_form(&tokens_path(&sid), &[("template", bad)])
            .await;
        assert_error(&r, 422, "invalid_param");
        assert_eq!(
            r.json()["errors"][0]["meta"]["param_name"],
            "template",
            "{bad:?}"
        );
    }
    for body in [
        json!({"template": ""}),
        json!({"template": 5}),
        json!({"template": ["supabase"]}),
    ] {
        let r = browser.post_json(&tokens_path(&sid), body.clone()).await;
        assert_error(&r, 422, "invalid_param");
        assert_eq!(
            r.json()["errors"][0]["meta"]["param_name"],
            "template",
            "{body}"
        );
    }
    let r = browser
        .post_form(&tokens_path(&sid), &[("template", &"a".repeat(64))])
        .await;
    assert_error(&r, 404, "template_not_found");
}
