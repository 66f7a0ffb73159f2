//! A corpus of malformed requests: none may answer 500 or a non-JSON error; each gets the
//! structured error its fault deserves.

use crate::common::*;
use reqwest::Method;

const ROUTES: &[(&str, &str)] = &[
    ("POST", "/v1/client/sign_ins"),
    ("POST", "/v1/client/sign_ups"),
    ("POST", "/v1/client/sessions/sess_abc/touch"),
    ("POST", "/v1/client/sessions/sess_abc/tokens"),
    ("POST", "/v1/client/sessions/sess_abc/remove"),
    ("POST", "/v1/me/sessions/sess_abc/revoke"),
    ("DELETE", "/v1/client/sessions"),
    ("DELETE", "/v1/client"),
    ("GET", "/v1/client"),
    ("GET", "/v1/me/sessions"),
    ("POST", "/v1/client/sessions/sess_abc/verify"),
    (
        "POST",
        "/v1/client/sessions/sess_abc/verify/prepare_first_factor",
    ),
    (
        "POST",
        "/v1/client/sessions/sess_abc/verify/attempt_first_factor",
    ),
    ("GET", "/v1/me"),
    ("PATCH", "/v1/me"),
    ("DELETE", "/v1/me"),
    ("POST", "/v1/me/change_password"),
    ("POST", "/v1/me/email_addresses"),
    ("DELETE", "/v1/me/email_addresses/idn_abc"),
    (
        "POST",
        "/v1/me/email_addresses/idn_abc/prepare_verification",
    ),
    (
        "POST",
        "/v1/me/email_addresses/idn_abc/attempt_verification",
    ),
];

/// The account routes, with `{s}` for the caller's own session and `{a}` for an address of it.
const ACCOUNT_ROUTES: &[(&str, &str)] = &[
    ("POST", "/v1/client/sessions/{s}/verify"),
    (
        "POST",
        "/v1/client/sessions/{s}/verify/prepare_first_factor",
    ),
    (
        "POST",
        "/v1/client/sessions/{s}/verify/attempt_first_factor",
    ),
    ("PATCH", "/v1/me"),
    ("POST", "/v1/me/change_password"),
    ("POST", "/v1/me/email_addresses"),
    ("POST", "/v1/me/email_addresses/{a}/prepare_verification"),
    ("POST", "/v1/me/email_addresses/{a}/attempt_verification"),
    ("DELETE", "/v1/me/email_addresses/{a}"),
];

fn bodies() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("application/json", b"{".to_vec()),
        ("application/json", b"[]".to_vec()),
        ("application/json", b"null".to_vec()),
        ("application/json", b"\"string\"".to_vec()),
        (
            "application/json",
            br#"{"identifier":{"$gt":""},"password":true}"#.to_vec(),
        ),
        (
            "application/json",
            br#"{"email_address":1e999,"password":[]}"#.to_vec(),
        ),
        ("application/json", vec![0xff, 0xfe, 0x00]),
        (
            "application/x-www-form-urlencoded",
            b"identifier=%ZZ&password=%".to_vec(),
        ),
        ("application/x-www-form-urlencoded", b"&&&==&=".to_vec()),
        (
            "application/x-www-form-urlencoded",
            b"identifier=a%00b&password=x%00y".to_vec(),
        ),
        ("application/x-www-form-urlencoded", vec![0xc3, 0x28]),
        ("text/plain", b"hello".to_vec()),
        (
            "multipart/form-data; boundary=x",
            b"--x\r\n\r\n--x--".to_vec(),
        ),
        ("", b"identifier=a@b.c".to_vec()),
        (
            "application/json",
            format!(
                r#"{{"identifier":"{}","password":"x"}}"#,
                "a".repeat(10_000)
            )
            .into_bytes(),
        ),
    ]
}

fn assert_structured(r: &Resp, what: &str) {
    assert!(r.status < 500, "{what}: {} {}", r.status, r.text());
    if r.status >= 400 {
        let json = r.json();
        assert!(
            json["errors"][0]["code"].is_string(),
            "{what}: {}",
            r.text()
        );
        assert!(
            json["errors"][0]["message"].is_string(),
            "{what}: {}",
            r.text()
        );
    }
}

#[tokio::test]
async fn no_malformed_body_on_an_account_route_gives_a_500_even_signed_in() {
    let app = crate::common::mailbox::spawn_mail_app(|_| {}).await;
    let browser = app.client();
    let sess = app.sign_up(&browser, "ada@example.com").await;
    let token = app.token(&browser, &sess).await;
    let fields = [("email_address", "ada@work.example")];
    let r = crate::common::me::bearer(
        &browser,
        &token,
        Method::POST,
        "/v1/me/email_addresses",
        &fields,
    )
    .await;
    let address = r.json()["response"]["id"].as_str().unwrap().to_owned();
    let auth = format!("Bearer {token}");
    for (method, path) in ACCOUNT_ROUTES {
        let path = path.replace("{s}", &sess).replace("{a}", &address);
        for (ct, body) in bodies() {
            let m = Method::from_bytes(method.as_bytes()).unwrap();
            let mut headers = vec![("authorization", auth.as_str())];
            if !ct.is_empty() {
                headers.push(("content-type", ct));
            }
            let r = browser.send(m, &path, &headers, Some(body.clone())).await;
            assert_structured(
                &r,
                &format!("{method} {path} {ct} {:?}", String::from_utf8_lossy(&body)),
            );
        }
    }
    // The account is still there and usable.
    assert_eq!(browser.get_bearer("/v1/me", &token).await.status, 200);
}

#[tokio::test]
async fn no_malformed_body_on_any_route_gives_a_500() {
    let app = spawn_app().await;
    let browser = app.client();
    app.sign_up(&browser, "ada@example.com").await;
    for (method, path) in ROUTES {
        for (ct, body) in bodies() {
            let m = Method::from_bytes(method.as_bytes()).unwrap();
            let headers: Vec<(&str, &str)> = if ct.is_empty() {
                vec![]
            } else {
                vec![("content-type", ct)]
            };
            let r = browser.send(m, path, &headers, Some(body.clone())).await;
            assert_structured(
                &r,
                &format!("{method} {path} {ct} {:?}", String::from_utf8_lossy(&body)),
            );
        }
    }
}

#[tokio::test]
async fn malformed_json_is_invalid_body_and_wrong_types_are_invalid_param() {
    let app = spawn_app().await;
    let c = app.client();
    let send = |body: &'static [u8]| {
        c.send(
            Method::POST,
            "/v1/client/sign_ins",
            &[("content-type", "application/json")],
            Some(body.to_vec()),
        )
    };
    assert_error(&send(b"{").await, 400, "invalid_body");
    assert_error(&send(b"[1,2]").await, 400, "invalid_body");
    assert_error(
        &send(br#"{"identifier":true,"password":"x"}"#).await,
        422,
        "invalid_param",
    );
}

#[tokio::test]
async fn a_huge_body_is_payload_too_large() {
    let app = spawn_app().await;
    let c = app.client();
    let big = vec![b'a'; 1024 * 1024];
    let r = c
        .send(
            Method::POST,
            "/v1/client/sign_ins",
            &[("content-type", "application/x-www-form-urlencoded")],
            Some(big),
        )
        .await;
    assert_error(&r, 413, "payload_too_large");
}

#[tokio::test]
async fn odd_paths_ids_headers_and_cookies_never_give_a_500() {
    let app = spawn_app().await;
    let c = app.client();
    let paths = [
        "/v1/client/sessions/%FF%FE/touch",
        "/v1/client/sessions/sess_%00/tokens",
        "/v1/client/sessions//remove",
        "/v1/client/sessions/sess_abc/unknown",
        "/v1/me/sessions/%2e%2e/revoke",
        "/v1/client/sessions/sess_",
        "/v1//client",
        "/%2e%2e/%2e%2e/etc/passwd",
    ];
    for path in paths {
        for m in [
            Method::GET,
            Method::POST,
            Method::DELETE,
            Method::PUT,
            Method::PATCH,
        ] {
            let r = c.send(m.clone(), path, &[], None).await;
            assert_structured(&r, &format!("{m} {path}"));
        }
    }
    let cookies = [
        "__client=",
        "__client=.",
        "__client=client_x.",
        "__client=client_!.aaaaaaaaaaaaaaaaaaaa",
        "__client=\"client_a.aaaaaaaaaaaaaaaaaaaaa\"",
        "a=b; __client; c",
    ];
    for cookie in cookies {
        let r = c
            .send(Method::GET, "/v1/client", &[("cookie", cookie)], None)
            .await;
        assert_structured(&r, cookie);
        let r = c
            .send(
                Method::POST,
                "/v1/client/sessions/sess_a/tokens",
                &[("cookie", cookie)],
                None,
            )
            .await;
        assert_structured(&r, cookie);
    }
    for auth in [
        "Bearer",
        "Bearer ",
        "Basic abc",
        "Bearer ...",
        "Bearer a.b.c.d",
    ] {
        let r = c
            .send(
                Method::GET,
                "/v1/me/sessions",
                &[("authorization", auth)],
                None,
            )
            .await;
        assert_error(&r, 401, "authentication_invalid");
    }
    let r = c
        .send(
            Method::POST,
            "/v1/client/sign_ins",
            &[("content-length", "99999999")],
            Some(vec![]),
        )
        .await;
    assert_structured(&r, "lying content-length");
}
