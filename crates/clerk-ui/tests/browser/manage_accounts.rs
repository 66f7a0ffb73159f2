//! ManageAccounts in headless Chromium.

use crate::fixtures::*;
use clerk_ui::{mount_manage_accounts, UiAction, UiOptions};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn lists_this_browsers_accounts_and_every_device_session_each_actionable() {
    let rec = Recorder::default();
    let h =
        mount_manage_accounts(&host(), UiOptions::default(), snapshot(2), rec.dispatch()).unwrap();
    assert_eq!(text(&get(&h, "h2")), "Manage accounts");
    let rows = all(&h, "ul[aria-labelledby=hb] li");
    assert_eq!(rows.len(), 2);
    assert!(text(&rows[0]).contains("Ada Lovelace") && text(&rows[0]).contains("Active"));
    assert!(
        q(&h, "[data-k=n-sess_1]").is_none(),
        "no switch button for the active account"
    );
    get(&h, "[data-k=n-sess_2]").click();
    get(&h, "[data-k=o-sess_1]").click();
    let devices = all(&h, "ul[aria-labelledby=hd] li");
    assert_eq!(devices.len(), 2);
    assert!(
        text(&devices[0]).contains("Chrome on Linux") && text(&devices[0]).contains("This browser")
    );
    assert!(text(&devices[0]).contains("Active just now · 127.0.0.1"));
    assert!(
        text(&devices[1]).contains("Safari on iOS") && text(&devices[1]).contains("Active 3 h ago")
    );
    assert_eq!(
        get(&h, "[data-k=r-sess_9]")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Revoke session on Safari on iOS")
    );
    get(&h, "[data-k=r-sess_9]").click();
    get(&h, "[data-k=add]").click();
    let expected = [
        UiAction::Switch("sess_2".into()),
        UiAction::SignOutOne("sess_1".into()),
        UiAction::Revoke("sess_9".into()),
        UiAction::AddAccount,
    ];
    assert_eq!(rec.taken(), expected);
}

#[wasm_bindgen_test]
fn arrow_keys_move_between_its_buttons_and_updates_re_render() {
    let rec = Recorder::default();
    let h =
        mount_manage_accounts(&host(), UiOptions::default(), snapshot(2), rec.dispatch()).unwrap();
    get(&h, "[data-k=n-sess_2]").focus().unwrap();
    key(&get(&h, "[data-k=n-sess_2]"), "ArrowUp");
    assert_eq!(focused(&h).as_deref(), Some("o-sess_1"));
    let mut snap = snapshot(2);
    snap.device_sessions.clear();
    h.update(snap.clone());
    assert_eq!(text(&get(&h, "p.sub")), "No sessions to show");
    assert_eq!(
        focused(&h).as_deref(),
        Some("o-sess_1"),
        "focus survives the re-render"
    );
}
