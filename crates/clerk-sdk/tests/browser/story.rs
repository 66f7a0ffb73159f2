//! The seeds' multi-session story through the typed API against the real server: sign up A, add
//! B, both listed, switch, sign out of one (the other remains), sign in again (a second time
//! switches to the existing session), sign out of the active one (the chooser), sign out of all;
//! listeners follow every change and stop with their guard.

use crate::util::*;
use clerk_sdk::{SignOutOptions, Status};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn the_multi_session_story_of_the_seeds_works_through_the_rust_api() {
    let TestClerk { clerk, navigations } = fresh_clerk().await;
    assert!(clerk.loaded());
    assert_eq!(clerk.status(), Status::Ready);
    assert!(!clerk.is_signed_in());

    let (email_a, sess_a) = sign_up(&clerk, "alice").await;
    assert_eq!(clerk.session().map(|s| s.id), Some(sess_a.clone()));
    assert_eq!(clerk.user().map(|u| u.email_address), Some(email_a.clone()));
    let (email_b, sess_b) = sign_up(&clerk, "bob").await;
    assert_eq!(session_ids(&clerk), vec![sess_a.clone(), sess_b.clone()]);

    let heard = Rc::new(RefCell::new(Vec::new()));
    let sink = heard.clone();
    let guard = clerk.add_listener(move |s| {
        sink.borrow_mut()
            .push(s.session.as_ref().map(|s| s.id.clone()))
    });
    assert_eq!(heard.borrow().len(), 1, "called at once when loaded");

    let switching = clerk.set_active(Some(&sess_a), None);
    let switching = Box::pin(switching);
    clerk
        .set_active(Some(&sess_a), None)
        .await
        .expect("the switch is accepted");
    drop(switching);
    assert_eq!(clerk.session().map(|s| s.id), Some(sess_a.clone()));
    assert_eq!(
        clerk.client().and_then(|c| c.last_active_session_id),
        Some(sess_a.clone())
    );
    assert!(heard.borrow().contains(&Some(sess_a.clone())));

    let only_b = SignOutOptions {
        session_id: Some(sess_b.clone()),
        redirect_url: None,
    };
    clerk.sign_out(only_b).await.expect("sign out of B");
    assert_eq!(session_ids(&clerk), vec![sess_a.clone()]);
    assert!(
        navigations.borrow().is_empty(),
        "B was not this tab's: no navigation"
    );

    let attempt = sign_in(&clerk, &email_b, PASSWORD)
        .await
        .expect("sign in to B");
    let sess_b2 = attempt.created_session_id.expect("a session");
    clerk
        .set_active(Some(&sess_a), None)
        .await
        .expect("back to A");
    let again = sign_in(&clerk, &email_b, PASSWORD)
        .await
        .expect("already signed in switches");
    assert_eq!(again.created_session_id, Some(sess_b2.clone()));
    assert_eq!(again.id, None, "no attempt: the existing session");
    assert_eq!(session_ids(&clerk).len(), 2, "no duplicate session");

    clerk
        .sign_out_one(None)
        .await
        .expect("sign out of the active one");
    assert_eq!(session_ids(&clerk), vec![sess_a.clone()]);
    assert!(clerk.session().is_none(), "no account is picked silently");
    assert_eq!(navigations.borrow().as_slice(), ["/choose-test".to_owned()]);

    let before = heard.borrow().len();
    drop(guard);
    clerk
        .sign_out(SignOutOptions::default())
        .await
        .expect("sign out of all");
    assert!(session_ids(&clerk).is_empty());
    assert!(!clerk.is_signed_in());
    assert_eq!(
        heard.borrow().len(),
        before,
        "no calls after the guard is dropped"
    );
    let reloaded = fresh_clerk().await.clerk;
    assert!(session_ids(&reloaded).is_empty());
}
