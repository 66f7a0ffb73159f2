//! Fixture snapshots, a recording dispatch, and DOM helpers for the browser tests.

use clerk_ui::{AccountView, DeviceSessionView, Dispatch, Reply, UiAction, UiHandle, UiSnapshot};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, EventInit, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit,
};

/// Ada, Grace (no name) and Linus.
pub fn accounts() -> Vec<AccountView> {
    let a = |n: &str, name: Option<&str>, email: &str| AccountView {
        session_id: format!("sess_{n}"),
        user_id: format!("user_{n}"),
        full_name: name.map(Into::into),
        email: email.into(),
        image_url: None,
    };
    vec![
        a("1", Some("Ada Lovelace"), "ada@example.com"),
        a("2", None, "grace@example.com"),
        a("3", Some("Linus Torvalds"), "linus@example.com"),
    ]
}

/// A multi-session snapshot with the first `n` fixture accounts and `sess_1` active.
pub fn snapshot(n: usize) -> UiSnapshot {
    UiSnapshot {
        accounts: accounts().into_iter().take(n).collect(),
        active_session_id: (n > 0).then(|| "sess_1".to_owned()),
        multi_session: true,
        application_name: "Acme".into(),
        email_code: true,
        reset_password: true,
        device_sessions: vec![
            DeviceSessionView {
                session_id: "sess_1".into(),
                user_agent: Some(
                    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"
                        .into(),
                ),
                ip_address: Some("127.0.0.1".into()),
                last_active_at: 1_700_000_000_000,
                is_current_client: true,
            },
            DeviceSessionView {
                session_id: "sess_9".into(),
                user_agent: Some(
                    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1".into(),
                ),
                ip_address: None,
                last_active_at: 1_700_000_000_000 - 3 * 3_600_000,
                is_current_client: false,
            },
        ],
        now_ms: 1_700_000_000_000,
    }
}

/// The actions a dispatch received, and the replies it was handed.
#[derive(Clone, Default)]
pub struct Recorder {
    pub actions: Rc<RefCell<Vec<UiAction>>>,
    pub replies: Rc<RefCell<Vec<Reply>>>,
}

impl Recorder {
    pub fn dispatch(&self) -> Dispatch {
        let me = self.clone();
        Rc::new(move |action, reply| {
            me.actions.borrow_mut().push(action);
            me.replies.borrow_mut().push(reply);
        })
    }

    pub fn taken(&self) -> Vec<UiAction> {
        std::mem::take(&mut *self.actions.borrow_mut())
    }

    pub fn last_reply(&self) -> Reply {
        self.replies.borrow().last().cloned().expect("a reply")
    }
}

/// A fresh `<div>` in the page body.
pub fn host() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

/// The first element matching `sel` inside the component's shadow root.
pub fn q(handle: &UiHandle, sel: &str) -> Option<HtmlElement> {
    let root = handle.element().shadow_root().expect("a shadow root");
    root.query_selector(sel)
        .unwrap()
        .map(|e| e.dyn_into().unwrap())
}

/// Like [`q`] but the element must exist.
pub fn get(handle: &UiHandle, sel: &str) -> HtmlElement {
    q(handle, sel).unwrap_or_else(|| panic!("no element matches {sel}"))
}

/// Every element matching `sel` inside the shadow root.
pub fn all(handle: &UiHandle, sel: &str) -> Vec<HtmlElement> {
    let root = handle.element().shadow_root().expect("a shadow root");
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.dyn_into().unwrap())
        .collect()
}

/// The `data-k` of the focused element inside the shadow root.
pub fn focused(handle: &UiHandle) -> Option<String> {
    let root = handle.element().shadow_root()?;
    root.active_element()?.get_attribute("data-k")
}

/// Dispatches a bubbling, composed `keydown` for `key` on `el`.
pub fn key(el: &HtmlElement, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

/// Types `value` into the input matching `sel` (sets it and fires `input`).
pub fn type_into(handle: &UiHandle, sel: &str, value: &str) {
    let input: HtmlInputElement = get(handle, sel).dyn_into().unwrap();
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&ev).unwrap();
}

/// The trimmed text of an element.
pub fn text(el: &HtmlElement) -> String {
    el.text_content().unwrap_or_default().trim().to_owned()
}
