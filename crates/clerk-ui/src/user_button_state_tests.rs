//! Native tests of the UserButton's state machine (`user_button_state.rs`): opening and closing
//! by click, keyboard, outside click and focus leaving; actions; errors in the panel.

use crate::model::{AccountView, Field, UiAction, UiSnapshot};
use crate::msg::{Cx, Effect, Focus, Msg, Update};
use crate::user_button_state::{UserButton, TRIGGER};

/// Three accounts, `sess_1` active: the panel has 8 arrow-key items (manage, sign out, two
/// per other account, add, sign out of all).
fn snapshot() -> UiSnapshot {
    let account = |n: usize| AccountView {
        session_id: format!("sess_{n}"),
        email: format!("user{n}@example.com"),
        ..AccountView::default()
    };
    UiSnapshot {
        accounts: (1..=3).map(account).collect(),
        active_session_id: Some("sess_1".into()),
        multi_session: true,
        ..UiSnapshot::default()
    }
}

fn cx(snap: &UiSnapshot, open: bool, nav_current: Option<usize>) -> Cx<'_> {
    Cx {
        snap,
        nav_current,
        nav_len: if open { 8 } else { 0 },
    }
}

fn opened(snap: &UiSnapshot) -> UserButton {
    let mut b = UserButton::default();
    b.update(Msg::Toggle, &cx(snap, false, None));
    assert!(b.is_open());
    b
}

fn key(b: &mut UserButton, cx: &Cx, key: &str) -> Effect {
    b.update(Msg::Key(key.into()), cx)
}

fn effect(render: bool, focus: Option<Focus>, prevent_default: bool) -> Effect {
    Effect {
        action: None,
        render,
        focus,
        prevent_default,
    }
}

fn to_trigger() -> Option<Focus> {
    Some(Focus::Key(TRIGGER.into()))
}

#[test]
fn clicking_the_button_opens_on_the_first_item_and_again_closes_back_to_the_button() {
    let snap = snapshot();
    let mut b = UserButton::default();
    let opened = b.update(Msg::Toggle, &cx(&snap, false, None));
    assert_eq!(opened, effect(true, Some(Focus::Nav(0)), false));
    assert!(b.is_open());
    let closed = b.update(Msg::Toggle, &cx(&snap, true, Some(0)));
    assert_eq!(closed, effect(true, to_trigger(), false));
    assert!(!b.is_open());
}

#[test]
fn arrow_down_or_up_on_the_closed_button_opens_on_the_first_or_last_item() {
    let snap = snapshot();
    let mut b = UserButton::default();
    let down = key(&mut b, &cx(&snap, false, None), "ArrowDown");
    assert_eq!(down, effect(true, Some(Focus::Nav(0)), true));
    let mut b = UserButton::default();
    let up = key(&mut b, &cx(&snap, false, None), "ArrowUp");
    assert_eq!(up, effect(true, Some(Focus::Nav(usize::MAX)), true));
    assert!(b.is_open(), "Nav past the end focuses the last item");
    for other in ["Escape", "Home", "End", "Tab", "a"] {
        let mut b = UserButton::default();
        let none = key(&mut b, &cx(&snap, false, None), other);
        assert_eq!(none, Effect::default(), "{other} on the closed button");
        assert!(!b.is_open());
    }
}

#[test]
fn in_the_open_panel_arrows_home_and_end_move_and_other_keys_keep_their_default() {
    let snap = snapshot();
    let mut b = opened(&snap);
    let moves = [
        ("ArrowDown", Some(0), 1),
        ("ArrowDown", Some(7), 0),
        ("ArrowUp", Some(0), 7),
        ("ArrowUp", None, 7),
        ("Home", Some(5), 0),
        ("End", Some(2), 7),
    ];
    for (k, from, to) in moves {
        let moved = key(&mut b, &cx(&snap, true, from), k);
        assert_eq!(moved, effect(false, Some(Focus::Nav(to)), true), "{k}");
        assert!(b.is_open());
    }
    for k in ["Tab", "Enter", " ", "a"] {
        assert_eq!(key(&mut b, &cx(&snap, true, Some(1)), k), Effect::default());
    }
}

#[test]
fn escape_closes_the_panel_and_returns_focus_to_the_button() {
    let snap = snapshot();
    let mut b = opened(&snap);
    let esc = key(&mut b, &cx(&snap, true, Some(3)), "Escape");
    assert_eq!(esc, effect(true, to_trigger(), true));
    assert!(!b.is_open());
}

#[test]
fn a_click_outside_or_focus_leaving_closes_without_moving_focus() {
    let snap = snapshot();
    for msg in [Msg::Outside, Msg::FocusLeft] {
        let mut b = opened(&snap);
        let closed = b.update(msg.clone(), &cx(&snap, true, None));
        assert_eq!(closed, effect(true, None, false), "{msg:?}");
        assert!(!b.is_open());
        let again = b.update(msg.clone(), &cx(&snap, false, None));
        assert_eq!(again, Effect::default(), "{msg:?} on a closed panel");
    }
}

#[test]
fn an_action_closes_the_panel_except_signing_out_of_another_account() {
    let snap = snapshot();
    for action in [
        UiAction::Switch("sess_3".into()),
        UiAction::SignOutOne("sess_1".into()),
        UiAction::SignOutAll,
        UiAction::AddAccount,
        UiAction::ManageAccount,
    ] {
        let mut b = opened(&snap);
        let e = b.update(Msg::Act(action.clone()), &cx(&snap, true, Some(0)));
        assert_eq!(e.action.as_ref(), Some(&action));
        assert_eq!((e.render, e.focus), (true, to_trigger()), "{action:?}");
        assert!(!b.is_open());
    }
    let mut b = opened(&snap);
    let other = UiAction::SignOutOne("sess_2".into());
    let e = b.update(Msg::Act(other.clone()), &cx(&snap, true, Some(3)));
    assert_eq!(e.action, Some(other));
    assert_eq!((e.render, e.focus), (false, None));
    assert!(b.is_open(), "the panel stays on the remaining accounts");
}

#[test]
fn a_failed_action_reopens_the_panel_with_its_error_until_the_next_action_or_close() {
    let snap = snapshot();
    let mut b = opened(&snap);
    b.update(
        Msg::Act(UiAction::Switch("sess_3".into())),
        &cx(&snap, true, None),
    );
    b.show_error(Field::Form, "Can't reach the server.".into());
    assert!(b.is_open());
    assert_eq!(b.error(), Some("Can't reach the server."));
    let other = UiAction::SignOutOne("sess_2".into());
    let e = b.update(Msg::Act(other), &cx(&snap, true, None));
    assert!(e.render, "the old error disappears");
    assert_eq!(b.error(), None);
    b.show_error(Field::Form, "Server says no.".into());
    b.update(Msg::Toggle, &cx(&snap, true, None));
    assert_eq!((b.is_open(), b.error()), (false, None), "closing clears it");
}
