//! The account methods against the real server: names, picture, email addresses, deletion, and
//! the re-verification that sensitive changes need. The browser-test server keeps a
//! verification for [`WINDOW_SECS`] only (`tests/fixtures/browser-server.toml`), so a test can
//! outwait it.

use super::sdk_util::*;
use js_sys::{Function, Object, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// `[sessions] reverification_max_age_secs` of the browser-test server.
const WINDOW_SECS: u32 = 3;

async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// A real 8x8 PNG, drawn and encoded by the browser.
async fn png() -> JsValue {
    let make = Function::new_no_args(
        "const c = new OffscreenCanvas(8, 8); const g = c.getContext('2d'); \
         g.fillStyle = '#c33'; g.fillRect(0, 0, 8, 8); \
         return c.convertToBlob({ type: 'image/png' });",
    );
    let promise: Promise = make.call0(&JsValue::NULL).expect("a canvas").into();
    wait(promise).await.expect("a PNG blob")
}

/// A Blob of text (not an image).
fn text_blob() -> JsValue {
    let make = Function::new_no_args("return new Blob(['not a picture'], { type: 'image/png' });");
    make.call0(&JsValue::NULL).expect("a blob")
}

fn code_of(err: &JsValue) -> Option<String> {
    text(err, "code")
}

/// `session.verifyWithPassword({password})`, expected to complete.
async fn verify(session: &JsValue) {
    let params = object(&[("password", PASSWORD.into())]);
    let v = call(session, "verifyWithPassword", &[params.into()])
        .await
        .expect("the right password verifies the session");
    assert_eq!(text(&v, "status").as_deref(), Some("complete"));
    assert_eq!(text(&v, "session.id"), text(session, "id"));
}

#[wasm_bindgen_test]
async fn a_user_changes_their_name_and_picture_and_clerk_user_follows() {
    let TestClerk { clerk, .. } = fresh_clerk().await;
    let (address, session_id) = sign_up(&clerk, "ada").await;
    let user = clerk.user();
    assert_eq!(
        text(&user, "primaryEmailAddress.emailAddress"),
        Some(address.clone())
    );
    assert_eq!(
        text(&user, "primaryEmailAddress.id"),
        text(&user, "primaryEmailAddressId"),
        "the primary address is the entry of the list the id names"
    );
    assert_eq!(
        js_sys::Array::from(&prop(&user, "emailAddresses")).length(),
        1
    );

    let params = object(&[("firstName", "Ada".into()), ("lastName", "Lovelace".into())]);
    let updated = call(&user, "update", &[params.into()])
        .await
        .expect("update");
    assert_eq!(text(&updated, "fullName").as_deref(), Some("Ada Lovelace"));
    assert!(
        Object::is(&updated, &clerk.user()),
        "resolves with clerk.user itself"
    );
    assert_eq!(text(&clerk.session(), "id"), Some(session_id));

    // An empty name clears it; the other is unchanged.
    let params = object(&[("lastName", "".into())]);
    let updated = call(&updated, "update", &[params.into()])
        .await
        .expect("clear");
    assert_eq!(text(&updated, "fullName").as_deref(), Some("Ada"));

    let file = png().await;
    let params = object(&[("file", file)]);
    let with_picture = call(&clerk.user(), "setProfileImage", &[params.into()])
        .await
        .expect("a PNG is accepted");
    let url = text(&with_picture, "imageUrl").expect("an image URL");
    assert_eq!(text(&clerk.user(), "imageUrl"), Some(url.clone()));
    let fetched: Promise = call_sync(&js_sys::global().into(), "fetch", &[url.into()]).into();
    let response = wait(fetched).await.expect("the picture is served");
    assert_eq!(prop(&response, "status").as_f64(), Some(200.0));

    let params = object(&[("file", text_blob())]);
    let err = call(&clerk.user(), "setProfileImage", &[params.into()])
        .await
        .expect_err("text is not a picture");
    assert_eq!(code_of(&err).as_deref(), Some("image_invalid"));
    let err = call(&clerk.user(), "setProfileImage", &[object(&[]).into()])
        .await
        .expect_err("no file");
    assert_eq!(code_of(&err).as_deref(), Some("invalid_param"));

    let without = call(&clerk.user(), "removeProfileImage", &[])
        .await
        .expect("remove");
    assert!(prop(&without, "imageUrl").is_undefined());
    assert!(prop(&clerk.user(), "imageUrl").is_undefined());
}

#[wasm_bindgen_test]
async fn a_sensitive_change_asks_for_reverification_then_passes_once_verified() {
    let TestClerk { clerk, .. } = fresh_clerk().await;
    let (address, _) = sign_up(&clerk, "grace").await;
    sleep(WINDOW_SECS * 1000 + 600).await;

    let second = email("grace-2");
    let params = || object(&[("email", second.as_str().into())]);
    let err = call(&clerk.user(), "createEmailAddress", &[params().into()])
        .await
        .expect_err("the sign-in's verification is too old");
    assert_eq!(code_of(&err).as_deref(), Some("reverification_required"));
    assert_eq!(text(&err, "meta.maxAgeSecs"), Some(WINDOW_SECS.to_string()));
    assert_eq!(prop(&err, "status").as_f64(), Some(403.0));

    let wrong = object(&[("password", "not the password".into())]);
    let err = call(&clerk.session(), "verifyWithPassword", &[wrong.into()])
        .await
        .expect_err("a wrong password");
    assert_eq!(code_of(&err).as_deref(), Some("form_password_incorrect"));

    verify(&clerk.session()).await;
    let added = call(&clerk.user(), "createEmailAddress", &[params().into()])
        .await
        .expect("verified: the change passes");
    assert_eq!(text(&added, "emailAddress"), Some(second.clone()));
    assert_eq!(
        text(&added, "verification.status").as_deref(),
        Some("unverified")
    );
    let user = clerk.user();
    assert_eq!(
        js_sys::Array::from(&prop(&user, "emailAddresses")).length(),
        2
    );
    assert_eq!(
        text(&user, "primaryEmailAddress.emailAddress"),
        Some(address)
    );

    // Only a verified address can become primary.
    verify(&clerk.session()).await;
    let id = text(&added, "id").expect("an id");
    let params = object(&[("primaryEmailAddressId", id.as_str().into())]);
    let err = call(&clerk.user(), "update", &[params.into()])
        .await
        .expect_err("an unverified address");
    assert_ne!(code_of(&err).as_deref(), Some("reverification_required"));

    verify(&clerk.session()).await;
    call(&added, "destroy", &[]).await.expect("destroy");
    assert_eq!(
        js_sys::Array::from(&prop(&clerk.user(), "emailAddresses")).length(),
        1
    );

    // The attemptFirstFactorVerification spelling with a password.
    let params = object(&[
        ("strategy", "password".into()),
        ("password", PASSWORD.into()),
    ]);
    let v = call(
        &clerk.session(),
        "attemptFirstFactorVerification",
        &[params.into()],
    )
    .await
    .expect("password strategy");
    assert_eq!(text(&v, "status").as_deref(), Some("complete"));
}

#[wasm_bindgen_test]
async fn deleting_the_active_account_while_another_remains_goes_to_the_chooser() {
    let TestClerk { clerk, navigations } = fresh_clerk().await;
    let (_, first) = sign_up(&clerk, "keep").await;
    let (gone, _) = sign_up(&clerk, "gone").await;
    verify(&clerk.session()).await;
    call(&clerk.user(), "delete", &[]).await.expect("delete");
    assert_eq!(session_ids(&clerk), vec![first]);
    assert!(clerk.session().is_null(), "no account is picked silently");
    assert_eq!(navigations.borrow().as_slice(), ["/choose-test".to_owned()]);
    let err = sign_in(&clerk, &gone, PASSWORD)
        .await
        .expect_err("the account is gone");
    assert!(code_of(&err).is_some());
}
