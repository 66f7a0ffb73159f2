//! Which tokens authenticate `/v1/me/*` (security review, weakness 3): only the default session
//! token. JWT-template tokens, meant for third parties, are refused there, however they are
//! shaped; the Bearer scheme is case-insensitive; over-long tokens are refused.

use crate::common::*;
use clerk_server::jwt::{Claims, Keys, SESSION_TOKEN_VERSION};
use clerk_server::jwt_templates::JwtTemplateConfig;

/// A server with a one-hour `supabase` template and a one-minute `lookalike` one that claims to
/// be a session token (`v = 2`).
async fn app_with_templates() -> TestApp {
    spawn_app_with(|c| {
        for (name, lifetime_seconds, claims) in [
            (
                "supabase",
                3_600,
                "aud = \"authenticated\"\nrole = \"authenticated\"",
            ),
            ("lookalike", 60, "v = 2"),
        ] {
            c.file.jwt_templates.insert(
                name.into(),
                JwtTemplateConfig {
                    lifetime_seconds,
                    claims: toml::from_str(claims).unwrap(),
                },
            );
        }
    })
    .await
}

async fn template_token(browser: &TestClient, sid: &str, name: &str) -> String {
    let r = browser
        .post_form(
            &format!("/v1/client/sessions/{sid}/tokens"),
            &[("template", name)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["jwt"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_jwt_template_token_can_neither_list_nor_revoke_the_users_sessions() {
    let app = app_with_templates().await;
    let laptop = app.client();
    let phone = app.client();
    let sid = app.sign_up(&laptop, "ada@example.com").await;
    let other = app.sign_in(&phone, "ada@example.com").await.json()["response"]
        ["created_session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    for name in ["supabase", "lookalike"] {
        let token = template_token(&laptop, &sid, name).await;
        assert_error(
            &laptop.get_bearer("/v1/me/sessions", &token).await,
            401,
            "authentication_invalid",
        );
        assert_error(
            &laptop
                .post_bearer(&format!("/v1/me/sessions/{other}/revoke"), &token)
                .await,
            401,
            "authentication_invalid",
        );
    }
    // The phone's session is untouched, and the session token itself still works.
    assert_eq!(
        session_ids(&phone.get("/v1/client").await.json()),
        vec![other]
    );
    let token = app.token(&laptop, &sid).await;
    assert_eq!(
        laptop.get_bearer("/v1/me/sessions", &token).await.status,
        200
    );
}

#[tokio::test]
async fn the_bearer_scheme_is_matched_in_any_case() {
    let app = spawn_app().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let token = app.token(&browser, &sid).await;
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let r = browser
            .send(
                reqwest::Method::GET,
                "/v1/me/sessions",
                &[("authorization", &format!("{scheme} {token}"))],
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{scheme}: {}", r.text());
    }
}

#[tokio::test]
async fn a_session_token_signed_for_longer_than_a_minute_is_refused() {
    let app = spawn_app().await;
    let browser = app.client();
    let sid = app.sign_up(&browser, "ada@example.com").await;
    let user = browser.get("/v1/client").await.json()["client"]["sessions"][0]["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Signed with the server's own key (as a leaked or misused key would be): an hour long.
    let keys = Keys::load_or_create(&app.dir.path().join("signing.key")).unwrap();
    let iat = app.clock_now_s();
    let forged = |lifetime: i64| Claims {
        sub: user.clone(),
        sid: sid.clone(),
        iss: app.file.issuer.clone(),
        iat,
        nbf: iat,
        exp: iat + lifetime,
        v: Some(SESSION_TOKEN_VERSION),
        fva: None,
    };
    let long = keys.sign(&forged(3_600), &Default::default()).unwrap();
    assert_error(
        &browser.get_bearer("/v1/me/sessions", &long).await,
        401,
        "authentication_invalid",
    );
    let minute = keys.sign(&forged(60), &Default::default()).unwrap();
    assert_eq!(
        browser.get_bearer("/v1/me/sessions", &minute).await.status,
        200
    );
}
