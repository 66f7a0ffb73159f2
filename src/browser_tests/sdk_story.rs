//! The whole story of the seeds through the SDK against the real server: sign up A, add B, list
//! both, switch, sign out of one (the other remains), sign in again, sign out of all.

use super::sdk_util::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn the_multi_session_story_of_the_seeds_works_end_to_end() {
    let TestClerk { clerk, navigations } = fresh_clerk().await;
    assert!(clerk.loaded());
    assert_eq!(clerk.status().as_string().as_deref(), Some("ready"));
    assert!(!clerk.is_signed_in());

    let (email_a, sess_a) = sign_up(&clerk, "alice").await;
    assert_eq!(
        text(&clerk.session(), "id"),
        Some(sess_a.clone()),
        "a new sign-up is active"
    );
    assert_eq!(
        text(&clerk.user(), "primaryEmailAddress.emailAddress"),
        Some(email_a.clone())
    );
    assert_eq!(text(&clerk.user(), "fullName").as_deref(), Some("alice"));

    let (email_b, sess_b) = sign_up(&clerk, "bob").await;
    assert_eq!(
        session_ids(&clerk),
        vec![sess_a.clone(), sess_b.clone()],
        "both accounts are listed"
    );
    assert_eq!(text(&clerk.session(), "id"), Some(sess_b.clone()));

    // Switch: state changes before the promise settles, and the server learns about it.
    let pending = clerk.set_active(object(&[("session", sess_a.as_str().into())]));
    assert_eq!(
        text(&clerk.session(), "id"),
        Some(sess_a.clone()),
        "setActive is immediate"
    );
    wait(pending).await.expect("the switch is accepted");
    assert_eq!(
        text(&clerk.client(), "lastActiveSessionId"),
        Some(sess_a.clone())
    );

    // Sign out of B (not the active one): A stays, no navigation.
    wait(clerk.sign_out(JsValue::from_str(&sess_b), JsValue::UNDEFINED))
        .await
        .expect("sign out of B");
    assert_eq!(session_ids(&clerk), vec![sess_a.clone()]);
    assert_eq!(text(&clerk.session(), "id"), Some(sess_a.clone()));
    assert!(navigations.borrow().is_empty());

    // Sign in to B again, then once more: the second time switches to the existing session.
    let attempt = sign_in(&clerk, &email_b, PASSWORD)
        .await
        .expect("sign in to B");
    let sess_b2 = text(&attempt, "createdSessionId").expect("a session");
    assert_eq!(session_ids(&clerk).len(), 2);
    wait(clerk.set_session(JsValue::from_str(&sess_a), JsValue::UNDEFINED))
        .await
        .expect("setSession spelling");
    let again = sign_in(&clerk, &email_b, PASSWORD)
        .await
        .expect("already signed in switches");
    assert_eq!(text(&again, "createdSessionId"), Some(sess_b2.clone()));
    assert_eq!(session_ids(&clerk).len(), 2, "no duplicate session");
    assert_eq!(text(&clerk.session(), "id"), Some(sess_b2.clone()));

    // Sign out of the active one while A remains: the tab goes to the chooser, A is kept.
    wait(clerk.sign_out_one(JsValue::UNDEFINED))
        .await
        .expect("signOutOne");
    assert_eq!(session_ids(&clerk), vec![sess_a.clone()]);
    assert!(clerk.session().is_null(), "no account is picked silently");
    assert_eq!(navigations.borrow().as_slice(), ["/choose-test".to_owned()]);

    // The object form of signOut, then sign out of all.
    let (_, sess_c) = sign_up(&clerk, "carol").await;
    let options = object(&[("sessionId", sess_c.as_str().into())]);
    wait(clerk.sign_out(options.into(), JsValue::UNDEFINED))
        .await
        .expect("signOut({sessionId})");
    assert_eq!(session_ids(&clerk), vec![sess_a.clone()]);
    wait(clerk.sign_out(JsValue::UNDEFINED, JsValue::UNDEFINED))
        .await
        .expect("sign out of all");
    assert!(session_ids(&clerk).is_empty());
    assert!(!clerk.is_signed_in());
    assert!(clerk.user().is_null());

    // A reloaded page sees the signed-out client.
    let reloaded = fresh_clerk().await.clerk;
    assert!(session_ids(&reloaded).is_empty());
    let _ = email_a;
}
