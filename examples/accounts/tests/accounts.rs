//! The example app in headless Chromium against a real clerk-server (`wasm-pack test
//! --headless --chrome`, started by `cargo xtask test browser`, which passes the server's URL in
//! `CLERK_TEST_SERVER_URL` at compile time): sign up two accounts, both listed, switch, sign out
//! of one (the other remains), a token for the active one, sign out of all.
#![cfg(target_arch = "wasm32")]

use clerk_example_accounts::{line, AccountsApp};
use clerk_sdk::{Clerk, ClerkOptions, GetTokenOptions, SignOutOptions, SignUpParams};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn server_url() -> &'static str {
    option_env!("CLERK_TEST_SERVER_URL")
        .filter(|u| !u.is_empty())
        .expect("run with `cargo xtask test browser`, which starts clerk-server")
}

fn email(tag: &str) -> String {
    format!("{tag}-{}@example.com", (js_sys_random() * 1e12) as u64)
}

fn js_sys_random() -> f64 {
    // No js-sys dependency in the example: `Math.random` through a tiny binding.
    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Math)]
        fn random() -> f64;
    }
    random()
}

async fn sign_up(clerk: &Clerk, address: &str) -> String {
    clerk
        .sign_up(&SignUpParams {
            email_address: address.to_owned(),
            password: "correct horse battery staple".into(),
            ..SignUpParams::default()
        })
        .await
        .expect("sign-up")
        .created_session_id
        .expect("a session")
}

#[wasm_bindgen_test]
async fn the_app_lists_this_browsers_accounts_and_follows_every_change() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let clerk = Clerk::new(server_url(), ClerkOptions::default());
    clerk.load().await;
    clerk
        .sign_out(SignOutOptions::default())
        .await
        .expect("start signed out");
    let app = AccountsApp::mount(&clerk, root);
    assert!(app.lines().is_empty());

    let (ada, bob) = (email("ada"), email("bob"));
    let ada_session = sign_up(&clerk, &ada).await;
    let bob_session = sign_up(&clerk, &bob).await;
    assert_eq!(
        app.lines(),
        vec![line(&ada, false), line(&bob, true)],
        "both listed"
    );

    clerk
        .set_active(Some(&ada_session), None)
        .await
        .expect("switch");
    assert_eq!(app.lines(), vec![line(&ada, true), line(&bob, false)]);

    let only_bob = SignOutOptions {
        session_id: Some(bob_session),
        redirect_url: None,
    };
    clerk.sign_out(only_bob).await.expect("sign out of Bob");
    assert_eq!(app.lines(), vec![line(&ada, true)], "Ada remains");

    let token = clerk
        .get_token(&ada_session, GetTokenOptions::default())
        .await
        .expect("a token");
    assert!(token.is_some_and(|t| t.split('.').count() == 3));

    clerk
        .sign_out(SignOutOptions::default())
        .await
        .expect("sign out of all");
    assert!(app.lines().is_empty());
}
