//! The SDK and the server agree on the wire format: every resource the server writes (client,
//! session, user, sign-in, sign-up, token, environment, session list, errors) decodes in the
//! browser through the SDK's own decoding (serde-wasm-bindgen into clerk-protocol's types) from
//! answers of the real server, and encodes back to exactly the JSON the server sent: no field is
//! lost, renamed or added on the way.

use crate::util::*;
use clerk_protocol::{
    Client, ClientEnvelope, Environment, ErrorBody, Session, SessionList, SignIn, SignUp, Token,
};
use clerk_sdk::convert::{from_js, to_js};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::RequestCredentials;

/// Sends a request to the server (with this page's cookies) and returns the status and the
/// parsed JSON answer: a GET, or a form POST with `body`; `bearer` as `Authorization`.
async fn answer(path: &str, body: Option<&str>, bearer: Option<&str>) -> (u16, JsValue) {
    let url = format!("{}{path}", server_url());
    let mut builder = match body {
        Some(_) => Request::post(&url),
        None => Request::get(&url),
    }
    .credentials(RequestCredentials::Include);
    if let Some(token) = bearer {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let response = match body {
        Some(body) => {
            builder
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body.to_owned())
                .expect("a request")
                .send()
                .await
        }
        None => builder.send().await,
    }
    .expect("the server answers");
    let status = response.status();
    let raw: web_sys::Response = response.into();
    let json = JsFuture::from(raw.json().expect("json()"))
        .await
        .expect("JSON");
    (status, json)
}

/// Decodes `json` as `T` through the SDK and checks that encoding it again gives the same JSON.
fn agrees<T: DeserializeOwned + Serialize>(what: &str, json: &JsValue) -> T {
    let value: T = from_js(json.clone()).unwrap_or_else(|e| panic!("{what} does not decode: {e}"));
    let sent = js_sys::JSON::stringify(json)
        .expect("stringify")
        .as_string();
    let back = js_sys::JSON::stringify(&to_js(&value))
        .expect("stringify")
        .as_string();
    assert_eq!(back, sent, "{what}: the SDK's types lose or change fields");
    value
}

#[wasm_bindgen_test]
async fn every_resource_the_server_writes_decodes_through_the_sdk_and_back_unchanged() {
    let _signed_out = fresh_clerk().await;
    let (_, env) = answer("/v1/environment", None, None).await;
    agrees::<Environment>("environment", &env);

    let address = email("wire");
    let credentials = format!("password=correct+horse+battery+staple&identifier={address}");
    let body =
        format!("email_address={address}&password=correct+horse+battery+staple&first_name=Wire");
    let (status, up) = answer("/v1/client/sign_ups", Some(&body), None).await;
    assert_eq!(status, 200);
    let up: ClientEnvelope<SignUp> = agrees("sign-up envelope", &up);
    let sid = up.response.created_session_id.expect("a session");

    let (_, client) = answer("/v1/client", None, None).await;
    let client: ClientEnvelope<Option<Client>> = agrees("client envelope", &client);
    let sessions = client.response.expect("a client").sessions;
    assert_eq!(
        sessions.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        vec![sid.clone()]
    );
    assert_eq!(sessions[0].user.email_address, address);

    let (_, token) = answer(&format!("/v1/client/sessions/{sid}/tokens"), Some(""), None).await;
    let token: Token = agrees("token", &token);
    let (_, touched) = answer(&format!("/v1/client/sessions/{sid}/touch"), Some(""), None).await;
    agrees::<ClientEnvelope<Session>>("touch envelope", &touched);
    let (_, list) = answer("/v1/me/sessions", None, Some(&token.jwt)).await;
    let list: SessionList = agrees("session list", &list);
    assert!(list.data.iter().any(|s| s.latest_activity.is_some()));

    let (status, err) = answer(
        "/v1/client/sign_ins",
        Some("identifier=nobody%40example.com&password=x"),
        None,
    )
    .await;
    assert_eq!(status, 422);
    let err: ErrorBody = agrees("error body", &err);
    assert_eq!(err.errors[0].code, "invalid_credentials");
    let (_, missing) = answer("/v1/client/sign_ins", Some("password=x"), None).await;
    let missing: ErrorBody = agrees("error body with meta", &missing);
    assert!(!missing.errors[0].meta.entries().is_empty());
    let (_, twice) = answer("/v1/client/sign_ins", Some(&credentials), None).await;
    let twice: ErrorBody = agrees("already signed in", &twice);
    assert_eq!(twice.errors[0].code, "identifier_already_signed_in");

    let (_, out) = answer("/v1/client/sessions?_method=DELETE", Some(""), None).await;
    agrees::<ClientEnvelope<Option<Client>>>("sign-out envelope", &out);
    let (status, back_in) = answer("/v1/client/sign_ins", Some(&credentials), None).await;
    assert_eq!(status, 200);
    let back_in: ClientEnvelope<SignIn> = agrees("sign-in envelope", &back_in);
    let again = back_in.response.created_session_id.expect("a session");
    let (_, removed) = answer(
        &format!("/v1/client/sessions/{again}/remove"),
        Some(""),
        None,
    )
    .await;
    agrees::<ClientEnvelope<Session>>("remove envelope", &removed);
}
