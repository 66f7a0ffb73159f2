//! The UserButton in headless Chromium: DOM, ARIA, mouse and keyboard behaviour, re-rendering.

use crate::fixtures::*;
use clerk_ui::{mount_user_button, Appearance, Localization, Theme, UiAction, UiHandle, UiOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

fn mounted(n: usize) -> (UiHandle, Recorder) {
    let rec = Recorder::default();
    let h = mount_user_button(&host(), UiOptions::default(), snapshot(n), rec.dispatch()).unwrap();
    (h, rec)
}

fn trigger(h: &UiHandle) -> web_sys::HtmlElement {
    get(h, "[data-k=trigger]")
}

#[wasm_bindgen_test]
fn the_closed_button_shows_initials_and_announces_a_dialog() {
    let (h, _) = mounted(3);
    let t = trigger(&h);
    assert_eq!(t.tag_name(), "BUTTON");
    assert_eq!(text(&t), "AL");
    assert_eq!(t.get_attribute("aria-haspopup").as_deref(), Some("dialog"));
    assert_eq!(t.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(
        t.get_attribute("aria-label").as_deref(),
        Some("Open account menu for Ada Lovelace, AL")
    );
    assert!(q(&h, "[role=dialog]").is_none());
    assert_eq!(all(&h, "style").len(), 1, "one stylesheet per shadow root");
}

#[wasm_bindgen_test]
fn clicking_opens_a_labelled_panel_with_every_multi_session_action() {
    let (h, _) = mounted(3);
    trigger(&h).click();
    assert_eq!(
        trigger(&h).get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let panel = get(&h, "[role=dialog]");
    assert_eq!(
        panel.get_attribute("aria-label").as_deref(),
        Some("Account menu")
    );
    assert!(text(&get(&h, ".hd")).contains("ada@example.com"));
    assert_eq!(
        focused(&h).as_deref(),
        Some("manage"),
        "focus moves into the panel"
    );
    let keys: Vec<String> = all(&h, "[role=dialog] button")
        .iter()
        .filter_map(|b| b.get_attribute("data-k"))
        .collect();
    assert_eq!(
        keys,
        ["manage", "signout", "n-sess_2", "o-sess_2", "n-sess_3", "o-sess_3", "add", "all"]
    );
    // An account row is named by what it shows, after a visually hidden "Switch to" (no
    // aria-label that could leave its visible text out).
    let row = get(&h, "[data-k=n-sess_2]");
    assert_eq!(row.get_attribute("aria-label"), None);
    assert_eq!(text(&get(&h, "[data-k=n-sess_2] .vh")), "Switch to");
    assert!(text(&row).ends_with("grace@example.com"));
    assert_eq!(
        get(&h, "[data-k=o-sess_3]")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Sign out of Linus Torvalds")
    );
    assert_eq!(text(&get(&h, "[data-k=all]")), "Sign out of all accounts");
}

#[wasm_bindgen_test]
fn one_click_on_another_account_switches_and_closes() {
    let (h, rec) = mounted(3);
    trigger(&h).click();
    get(&h, "[data-k=n-sess_3]").click();
    assert_eq!(rec.taken(), [UiAction::Switch("sess_3".into())]);
    assert!(q(&h, "[role=dialog]").is_none());
    assert_eq!(focused(&h).as_deref(), Some("trigger"));
}

#[wasm_bindgen_test]
fn signing_out_of_another_account_does_not_switch_and_keeps_the_panel_open() {
    let (h, rec) = mounted(3);
    trigger(&h).click();
    get(&h, "[data-k=o-sess_2]").click();
    assert_eq!(rec.taken(), [UiAction::SignOutOne("sess_2".into())]);
    assert!(q(&h, "[role=dialog]").is_some());
    let mut after = snapshot(3);
    after.accounts.remove(1);
    h.update(after.clone());
    assert!(
        q(&h, "[data-k=n-sess_2]").is_none(),
        "the signed-out account leaves the list"
    );
    assert!(
        q(&h, "[role=dialog]").is_some(),
        "the panel stays open across updates"
    );
}

#[wasm_bindgen_test]
fn sign_out_and_sign_out_all_dispatch_their_actions() {
    let (h, rec) = mounted(2);
    trigger(&h).click();
    get(&h, "[data-k=signout]").click();
    trigger(&h).click();
    get(&h, "[data-k=all]").click();
    trigger(&h).click();
    get(&h, "[data-k=add]").click();
    trigger(&h).click();
    get(&h, "[data-k=manage]").click();
    let expected = [
        UiAction::SignOutOne("sess_1".into()),
        UiAction::SignOutAll,
        UiAction::AddAccount,
        UiAction::ManageAccount,
    ];
    assert_eq!(rec.taken(), expected);
}

#[wasm_bindgen_test]
fn escape_closes_and_returns_focus_to_the_button() {
    let (h, _) = mounted(3);
    trigger(&h).click();
    key(&get(&h, "[data-k=manage]"), "Escape");
    assert!(q(&h, "[role=dialog]").is_none());
    assert_eq!(
        trigger(&h).get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(focused(&h).as_deref(), Some("trigger"));
}

#[wasm_bindgen_test]
fn arrow_keys_move_between_items_and_wrap() {
    let (h, _) = mounted(2);
    key(&trigger(&h), "ArrowDown");
    assert_eq!(
        focused(&h).as_deref(),
        Some("manage"),
        "ArrowDown on the button opens it"
    );
    let step = |k: &str| {
        key(
            &get(&h, &format!("[data-k=\"{}\"]", focused(&h).unwrap())),
            k,
        );
        focused(&h).unwrap()
    };
    assert_eq!(step("ArrowDown"), "signout");
    assert_eq!(step("ArrowDown"), "n-sess_2");
    assert_eq!(step("ArrowDown"), "o-sess_2");
    assert_eq!(step("End"), "all");
    assert_eq!(step("ArrowDown"), "manage");
    assert_eq!(step("ArrowUp"), "all");
    assert_eq!(step("Home"), "manage");
    key(&trigger(&h), "Escape");
    key(&trigger(&h), "ArrowUp");
    assert_eq!(
        focused(&h).as_deref(),
        Some("all"),
        "ArrowUp opens on the last item"
    );
}

#[wasm_bindgen_test]
fn a_click_outside_closes_the_panel() {
    let (h, _) = mounted(2);
    trigger(&h).click();
    let body = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap();
    body.click();
    assert!(q(&h, "[role=dialog]").is_none());
}

#[wasm_bindgen_test]
fn one_account_or_single_session_mode_hides_what_does_not_apply() {
    let (h, _) = mounted(1);
    trigger(&h).click();
    assert!(
        q(&h, "[data-k=all]").is_none(),
        "no sign out of all with one account"
    );
    assert!(q(&h, "[data-k=add]").is_some());
    let mut single = snapshot(1);
    single.multi_session = false;
    h.update(single.clone());
    assert!(q(&h, "[data-k=add]").is_none());
}

#[wasm_bindgen_test]
fn signed_out_renders_nothing_and_a_new_snapshot_renders_the_new_active_account() {
    let (h, _) = mounted(0);
    assert!(q(&h, "button").is_none());
    let mut snap = snapshot(3);
    snap.active_session_id = Some("sess_2".into());
    h.update(snap.clone());
    assert_eq!(
        trigger(&h).inner_text(),
        "G",
        "initials are upper-cased by CSS"
    );
}

#[wasm_bindgen_test]
fn a_profile_picture_replaces_the_initials() {
    let rec = Recorder::default();
    let mut snap = snapshot(1);
    snap.accounts[0].image_url = Some("https://img.example.com/ada.png".into());
    let h = mount_user_button(&host(), UiOptions::default(), snap.clone(), rec.dispatch()).unwrap();
    let img = get(&h, "[data-k=trigger] img");
    assert_eq!(img.get_attribute("alt").as_deref(), Some(""));
    assert_eq!(
        img.get_attribute("src").as_deref(),
        Some("https://img.example.com/ada.png")
    );
}

#[wasm_bindgen_test]
fn localization_and_appearance_apply() {
    let mut localization = Localization::default();
    localization.set("addAccount", "Konto hinzufügen").unwrap();
    localization.set("switchAccount", "Konto wechseln").unwrap();
    let mut appearance = Appearance::default();
    appearance.theme = Theme::Dark;
    appearance
        .set_variable("colorPrimary", "rgb(0, 128, 0)")
        .unwrap();
    let rec = Recorder::default();
    let h = mount_user_button(
        &host(),
        UiOptions {
            localization,
            appearance,
        },
        snapshot(2),
        rec.dispatch(),
    )
    .unwrap();
    trigger(&h).click();
    assert_eq!(text(&get(&h, "[data-k=add]")), "Konto hinzufügen");
    assert_eq!(text(&get(&h, ".lbl")), "Konto wechseln");
    assert_eq!(get(&h, "div.r").class_name(), "r dark");
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&get(&h, "div.r"))
        .unwrap()
        .unwrap();
    assert_eq!(
        style
            .get_property_value("--clerk-color-primary")
            .unwrap()
            .trim(),
        "rgb(0, 128, 0)"
    );
    assert_eq!(
        style.get_property_value("color-scheme").unwrap().trim(),
        "dark"
    );
}

#[wasm_bindgen_test]
fn page_css_does_not_reach_inside_and_ours_does_not_leak_out() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let page_style = doc.create_element("style").unwrap();
    page_style.set_text_content(Some("button{display:none!important} .pn{position:static}"));
    doc.body().unwrap().append_child(&page_style).unwrap();
    let outside = doc.create_element("div").unwrap();
    outside.set_class_name("pn");
    doc.body().unwrap().append_child(&outside).unwrap();
    let (h, _) = mounted(2);
    trigger(&h).click();
    let win = web_sys::window().unwrap();
    let css = |e: &web_sys::Element, p: &str| {
        win.get_computed_style(e)
            .unwrap()
            .unwrap()
            .get_property_value(p)
            .unwrap()
    };
    assert_eq!(css(&trigger(&h), "display"), "block");
    assert_eq!(css(&get(&h, ".pn"), "position"), "absolute");
    assert_eq!(css(&outside, "position"), "static");
    page_style.remove();
}

#[wasm_bindgen_test]
fn unmounting_removes_the_dom_and_listeners() {
    let (h, rec) = mounted(2);
    trigger(&h).click();
    let host = h.element().clone();
    let button = get(&h, "[data-k=all]");
    h.unmount();
    assert_eq!(host.shadow_root().unwrap().child_nodes().length(), 0);
    button.click();
    assert!(
        rec.taken().is_empty(),
        "a detached button no longer dispatches"
    );
}

#[wasm_bindgen_test]
fn a_host_that_updates_synchronously_inside_dispatch_is_safe() {
    let slot: Rc<RefCell<Option<UiHandle>>> = Rc::default();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let (slot2, seen2) = (slot.clone(), seen.clone());
    let dispatch: clerk_ui::Dispatch = Rc::new(move |action, _reply| {
        seen2.borrow_mut().push(action.clone());
        if let UiAction::Switch(id) = action {
            let mut snap = snapshot(3);
            snap.active_session_id = Some(id);
            if let Some(h) = slot2.borrow().as_ref() {
                h.update(snap.clone());
            }
        }
    });
    let h = mount_user_button(&host(), UiOptions::default(), snapshot(3), dispatch).unwrap();
    *slot.borrow_mut() = Some(h);
    let guard = slot.borrow();
    let h = guard.as_ref().unwrap();
    trigger(h).click();
    get(h, "[data-k=n-sess_3]").click();
    assert_eq!(
        text(&trigger(h)),
        "LT",
        "re-rendered with the new active account"
    );
    assert_eq!(focused(h).as_deref(), Some("trigger"));
    assert_eq!(seen.borrow().len(), 1);
}

#[wasm_bindgen_test]
fn a_failed_switch_or_sign_out_shows_its_error_in_the_panel() {
    let (h, rec) = mounted(3);
    trigger(&h).click();
    get(&h, "[data-k=n-sess_3]").click();
    assert!(
        q(&h, "[role=dialog]").is_none(),
        "switching closes the panel"
    );
    rec.last_reply().show_error(None, "network_error", "");
    let alert = get(&h, "[role=dialog] [role=alert]");
    assert_eq!(
        text(&alert),
        "Can't reach the server. Check your connection and try again."
    );
    assert_eq!(
        trigger(&h).get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    get(&h, "[data-k=o-sess_2]").click();
    assert!(
        q(&h, "[role=alert]").is_none(),
        "a new action clears the old error"
    );
    rec.last_reply()
        .show_error(None, "brand_new_code", "Server says no.");
    assert_eq!(
        text(&get(&h, "[role=dialog] [role=alert]")),
        "Server says no."
    );
    get(&h, "[data-k=signout]").click();
    rec.last_reply().show_error(None, "unknown_error", "");
    assert_eq!(
        text(&get(&h, "[role=dialog] [role=alert]")),
        "Something went wrong. Try again."
    );
    trigger(&h).click();
    assert!(q(&h, "[role=alert]").is_none(), "closing clears the error");
}

#[wasm_bindgen_test]
fn names_that_look_like_html_render_as_text() {
    let rec = Recorder::default();
    let mut snap = snapshot(2);
    let evil = "<img src=x onerror=alert(1)>";
    snap.accounts[0].full_name = Some(evil.into());
    snap.accounts[1].email = "\"><img src=x onerror=alert(2)>@x.io".into();
    let h = mount_user_button(&host(), UiOptions::default(), snap.clone(), rec.dispatch()).unwrap();
    trigger(&h).click();
    assert!(q(&h, "img").is_none(), "no element was made from a name");
    assert!(text(&get(&h, ".hd")).contains(evil));
    assert_eq!(
        trigger(&h).get_attribute("aria-label").as_deref(),
        Some("Open account menu for <img src=x onerror=alert(1)>, <o")
    );
    assert!(text(&get(&h, "[data-k=n-sess_2]")).contains("onerror=alert(2)"));
}
