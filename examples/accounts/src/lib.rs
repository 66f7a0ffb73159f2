//! An example Rust browser app on clerk-sdk: it renders the accounts signed in on this browser
//! (a list, the tab's active one marked) with plain web-sys, and re-renders on every change the
//! SDK reports. The listener guard lives as long as the app, the way a framework's component
//! keeps a subscription feeding its reactive state (a Leptos signal, a Yew context).
//!
//! ```no_run
//! use clerk_example_accounts::AccountsApp;
//! use clerk_sdk::{Clerk, ClerkOptions};
//!
//! # async fn start(root: web_sys::Element) {
//! let clerk = Clerk::new("https://clerk.example.com", ClerkOptions::default());
//! clerk.load().await;
//! let app = AccountsApp::mount(&clerk, root);
//! # drop(app);
//! # }
//! ```
#![deny(missing_docs)]

use clerk_sdk::{Clerk, ListenerGuard, Snapshot};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// The app: the element it renders into and its subscription to the SDK.
pub struct AccountsApp {
    root: Element,
    _listener: ListenerGuard,
}

/// One line of the list: the account's email, marked when it is this tab's active session.
pub fn line(email: &str, active: bool) -> String {
    if active {
        format!("{email} (active)")
    } else {
        email.to_owned()
    }
}

fn render(document: &Document, root: &Element, snapshot: &Snapshot) {
    let active = snapshot.session.as_ref().map(|s| s.id.as_str());
    let sessions = snapshot
        .client
        .as_ref()
        .map(|c| c.sessions.as_slice())
        .unwrap_or_default();
    root.set_text_content(None);
    let Ok(list) = document.create_element("ul") else {
        return;
    };
    for session in sessions {
        if let Ok(item) = document.create_element("li") {
            item.set_attribute("data-session-id", &session.id).ok();
            let is_active = active == Some(session.id.as_str());
            item.set_text_content(Some(&line(&session.user.email_address, is_active)));
            list.append_child(&item).ok();
        }
    }
    root.append_child(&list).ok();
}

impl AccountsApp {
    /// Renders `clerk`'s accounts into `root` now and after every change.
    pub fn mount(clerk: &Clerk, root: Element) -> Self {
        let document = root.owner_document().unwrap_or_else(|| {
            web_sys::window()
                .and_then(|w| w.document())
                .expect_throw("a document")
        });
        render(&document, &root, &clerk.snapshot());
        let (doc, el) = (document.clone(), root.clone());
        let listener = clerk.add_listener(move |snapshot| render(&doc, &el, snapshot));
        Self {
            root,
            _listener: listener,
        }
    }

    /// The lines shown now.
    pub fn lines(&self) -> Vec<String> {
        let items = self.root.query_selector_all("li").ok();
        let mut out = Vec::new();
        if let Some(items) = items {
            for i in 0..items.length() {
                if let Some(text) = items.item(i).and_then(|n| n.text_content()) {
                    out.push(text);
                }
            }
        }
        out
    }
}

/// The page's entry point: loads the SDK for the page's own origin and renders into
/// `#accounts`.
#[wasm_bindgen]
pub async fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.get_element_by_id("accounts") else {
        return;
    };
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let clerk = Clerk::new(&origin, clerk_sdk::ClerkOptions::default());
    clerk.load().await;
    // The page keeps the app for its whole life.
    std::mem::forget(AccountsApp::mount(&clerk, root));
}
