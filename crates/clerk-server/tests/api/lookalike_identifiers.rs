//! Look-alike email addresses over real HTTP (security review, weakness 9): with
//! `admin@example.com` registered, every spelling that reads as it is either that account or
//! refused with `invalid_param`; an IDN domain is one account under its Unicode and punycode
//! spellings.

use crate::common::*;

/// Spellings that read as `admin@example.com`, each with what it is.
const LOOK_ALIKES: &[(&str, &str)] = &[
    ("fullwidth local part", "ａｄｍｉｎ@example.com"),
    ("Cyrillic а (U+0430)", "\u{0430}dmin@example.com"),
    ("zero width space", "ad\u{200B}min@example.com"),
    ("soft hyphen", "ad\u{00AD}min@example.com"),
    ("right-to-left override", "\u{202E}moc.elpmaxe@nimda"),
    ("fullwidth domain", "admin@ｅｘａｍｐｌｅ.ｃｏｍ"),
    ("upper case", "ADMIN@EXAMPLE.COM"),
];

fn is_invalid_param(r: &Resp, param: &str) -> bool {
    r.status == 422
        && r.json()["errors"][0]["code"] == "invalid_param"
        && r.json()["errors"][0]["meta"]["param_name"] == param
}

/// The id of the user of `client`'s first session.
async fn user_of(client: &TestClient) -> String {
    client.get("/v1/client").await.json()["client"]["sessions"][0]["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn sign_up_as(client: &TestClient, email: &str) -> Resp {
    client
        .post_form(
            "/v1/client/sign_ups",
            &[("email_address", email), ("password", PASSWORD)],
        )
        .await
}

#[tokio::test]
async fn a_look_alike_of_a_registered_address_cannot_sign_up_as_a_second_account() {
    let app = spawn_app().await;
    app.sign_up(&app.client(), "admin@example.com").await;

    let mut accepted = Vec::new();
    for (what, email) in LOOK_ALIKES {
        let r = sign_up_as(&app.client(), email).await;
        let exists = r.status == 422 && r.json()["errors"][0]["code"] == "identifier_exists";
        if !(exists || is_invalid_param(&r, "email_address")) {
            accepted.push(format!("{what} ({email:?}) got {}: {}", r.status, r.text()));
        }
    }
    assert!(accepted.is_empty(), "{}", accepted.join("\n"));
    let users = app.raw_rows("SELECT email_address FROM users").await;
    assert_eq!(users, vec![vec![Some("admin@example.com".to_owned())]]);
}

#[tokio::test]
async fn signing_in_with_a_look_alike_reaches_the_one_account_or_is_refused() {
    let app = spawn_app().await;
    let owner = app.client();
    app.sign_up(&owner, "admin@example.com").await;
    let admin = user_of(&owner).await;

    let mut wrong = Vec::new();
    for (what, email) in LOOK_ALIKES {
        let browser = app.client();
        let r = app.sign_in(&browser, email).await;
        if r.status == 200 {
            if user_of(&browser).await != admin {
                wrong.push(format!("{what} ({email:?}) signed in to another user"));
            }
        } else if !is_invalid_param(&r, "identifier") {
            wrong.push(format!("{what} ({email:?}) got {}: {}", r.status, r.text()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The spellings that mean the same address do sign in.
    for email in [
        "ａｄｍｉｎ@example.com",
        "admin@ｅｘａｍｐｌｅ.ｃｏｍ",
        "ADMIN@EXAMPLE.COM",
    ] {
        let browser = app.client();
        assert_eq!(app.sign_in(&browser, email).await.status, 200, "{email}");
        assert_eq!(user_of(&browser).await, admin);
    }
}

#[tokio::test]
async fn an_idn_domain_is_one_account_under_its_unicode_and_punycode_spellings() {
    let app = spawn_app().await;
    let first = app.client();
    app.sign_up(&first, "user@bücher.example").await;
    let user = user_of(&first).await;
    let me = first.get("/v1/client").await.json();
    assert_eq!(
        me["client"]["sessions"][0]["user"]["email_address"],
        "user@xn--bcher-kva.example"
    );

    let r = sign_up_as(&app.client(), "user@xn--bcher-kva.example").await;
    assert_error(&r, 422, "identifier_exists");

    for email in [
        "user@bücher.example",
        "user@xn--bcher-kva.example",
        "USER@BÜCHER.EXAMPLE",
    ] {
        let browser = app.client();
        let r = app.sign_in(&browser, email).await;
        assert_eq!(r.status, 200, "{email}: {}", r.text());
        assert_eq!(user_of(&browser).await, user, "{email}");
    }
}
