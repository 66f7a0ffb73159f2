//! Helpers: a fresh, loaded `Clerk` on the test server with navigation captured, unique emails,
//! sign-up and sign-in through the typed API.

use clerk_sdk::{Attempt, Clerk, ClerkOptions, SignInParams, SignOutOptions, SignUpParams, Status};
use futures_util::FutureExt;
use std::cell::RefCell;
use std::rc::Rc;

pub const PASSWORD: &str = "correct horse battery staple";

/// The clerk-server the tests talk to (no trailing slash).
pub fn server_url() -> &'static str {
    match option_env!("CLERK_TEST_SERVER_URL") {
        Some(url) if !url.is_empty() => url.trim_end_matches('/'),
        _ => panic!(
            "CLERK_TEST_SERVER_URL was not set when the tests were compiled: run them with \
             `cargo xtask test browser`, which starts clerk-server and passes its URL"
        ),
    }
}

/// A unique email address for this run.
pub fn email(tag: &str) -> String {
    format!(
        "{tag}-{}@example.com",
        (js_sys::Math::random() * 1e12) as u64
    )
}

/// A loaded Clerk, signed out of everything, and the URLs it navigated to.
pub struct TestClerk {
    pub clerk: Clerk,
    pub navigations: Rc<RefCell<Vec<String>>>,
}

/// A loaded Clerk on `url` (the test server by default), signed out of everything there.
pub async fn fresh_clerk_at(url: &str) -> TestClerk {
    let navigations = Rc::new(RefCell::new(Vec::new()));
    let sink = navigations.clone();
    let options = ClerkOptions {
        after_multi_session_single_sign_out_url: Some("/choose-test".into()),
        navigate: Some(Rc::new(move |to: String| {
            sink.borrow_mut().push(to);
            async {}.boxed_local()
        })),
        ..ClerkOptions::default()
    };
    let clerk = Clerk::new(url, options);
    clerk.load().await;
    if clerk.status() == Status::Ready {
        clerk
            .sign_out(SignOutOptions::default())
            .await
            .expect("sign out of everything");
    }
    navigations.borrow_mut().clear();
    TestClerk { clerk, navigations }
}

/// A loaded Clerk on the test server, signed out of everything.
pub async fn fresh_clerk() -> TestClerk {
    fresh_clerk_at(server_url()).await
}

/// Signs up a new account; its email and session id.
pub async fn sign_up(clerk: &Clerk, tag: &str) -> (String, String) {
    let address = email(tag);
    let attempt = clerk
        .sign_up(&SignUpParams {
            email_address: address.clone(),
            password: PASSWORD.into(),
            first_name: Some(tag.into()),
            last_name: None,
        })
        .await
        .expect("sign-up works");
    (address, attempt.created_session_id.expect("a session"))
}

/// Signs in.
pub async fn sign_in(
    clerk: &Clerk,
    identifier: &str,
    password: &str,
) -> clerk_sdk::Result<Attempt> {
    clerk
        .sign_in(&SignInParams {
            identifier: identifier.into(),
            password: password.into(),
        })
        .await
}

/// The ids of the client's sessions.
pub fn session_ids(clerk: &Clerk) -> Vec<String> {
    clerk.sessions().into_iter().map(|s| s.id).collect()
}

/// Sleeps `ms` milliseconds.
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}
