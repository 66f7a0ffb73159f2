//! `addListener`: called at once when loaded and on every change (in the same task for
//! `setActive`), unsubscribes, and hands out the same objects for what did not change.

use super::sdk_util::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn listeners_run_at_once_on_every_change_and_stop_when_unsubscribed() {
    let t = fresh_clerk().await;
    let (_, sess_a) = sign_up(&t.clerk, "la").await;
    let (_, sess_b) = sign_up(&t.clerk, "lb").await;
    // Settle B's token (minting counts as activity) so only what the test does changes B.
    call(&t.clerk.session(), "getToken", &[])
        .await
        .expect("B's token");

    let calls = Rc::new(RefCell::new(Vec::<JsValue>::new()));
    let sink = calls.clone();
    let listener = Closure::<dyn Fn(JsValue)>::new(move |r: JsValue| sink.borrow_mut().push(r))
        .into_js_value();
    let unsubscribe: js_sys::Function = t
        .clerk
        .add_listener(listener.unchecked_into())
        .unchecked_into();
    assert_eq!(calls.borrow().len(), 1, "called at once when loaded");
    assert_eq!(text(&calls.borrow()[0], "session.id"), Some(sess_b.clone()));

    let pending = t
        .clerk
        .set_active(object(&[("session", sess_a.as_str().into())]));
    assert_eq!(calls.borrow().len(), 2, "setActive emits in the same task");
    wait(pending).await.expect("switch");
    let before = calls.borrow().last().cloned().expect("emitted");
    assert_eq!(text(&before, "session.id"), Some(sess_a.clone()));
    assert_eq!(
        text(&before, "user.id"),
        text(&prop(&before, "session"), "user.id")
    );

    // Touching A changes A (last_active_at) but not B, nor A's user: those keep their identity.
    // The server records activity at most once a second per session (coalesced writes), and
    // setActive just touched A: wait that second out so this touch moves last_active_at.
    gloo_timers::future::TimeoutFuture::new(1100).await;
    let touched = call(&t.clerk.session(), "touch", &[]).await.expect("touch");
    let after = calls.borrow().last().cloned().expect("emitted");
    assert!(js_sys::Object::is(&touched, &prop(&after, "session")));
    let sessions = |r: &JsValue| js_sys::Array::from(&prop(r, "client.sessions"));
    assert!(
        js_sys::Object::is(&sessions(&before).get(1), &sessions(&after).get(1)),
        "an unchanged session keeps its identity"
    );
    assert!(
        !js_sys::Object::is(&sessions(&before).get(0), &sessions(&after).get(0)),
        "a changed session is a new object"
    );
    assert!(
        js_sys::Object::is(&prop(&before, "user"), &prop(&after, "user")),
        "an unchanged user keeps its identity"
    );
    assert!(js_sys::Object::is(
        &t.clerk.session(),
        &prop(&after, "session")
    ));
    assert!(js_sys::Object::is(
        &t.clerk.client(),
        &prop(&after, "client")
    ));

    unsubscribe.call0(&JsValue::NULL).expect("unsubscribe");
    let count = calls.borrow().len();
    wait(t.clerk.sign_out(JsValue::UNDEFINED, JsValue::UNDEFINED))
        .await
        .expect("sign out");
    assert_eq!(calls.borrow().len(), count, "no calls after unsubscribing");
}

#[wasm_bindgen_test]
async fn a_refused_switch_rolls_back_and_rejects() {
    let t = fresh_clerk().await;
    let (_, sess_a) = sign_up(&t.clerk, "ra").await;
    let err = wait(
        t.clerk
            .set_active(object(&[("session", "sess_does_not_exist".into())])),
    )
    .await
    .expect_err("unknown");
    assert_eq!(text(&err, "code").as_deref(), Some("session_not_found"));
    assert_eq!(text(&t.clerk.session(), "id"), Some(sess_a));
}
