//! Native tests of the sign-in component's state machine (`sign_in_state.rs`): validation,
//! submit and busy, host errors and reset, switching views, and the chooser's arrow keys.

use crate::model::{AccountView, Field, SignInStart, UiAction, UiSnapshot};
use crate::msg::{Cx, Effect, Focus, Msg, Update};
use crate::sign_in_state::SignInView;

fn snapshot(accounts: usize) -> UiSnapshot {
    let account = |n: usize| AccountView {
        session_id: format!("sess_{n}"),
        email: format!("user{n}@example.com"),
        ..AccountView::default()
    };
    UiSnapshot {
        accounts: (1..=accounts).map(account).collect(),
        active_session_id: (accounts > 0).then(|| "sess_1".into()),
        multi_session: true,
        ..UiSnapshot::default()
    }
}

fn cx(snap: &UiSnapshot, nav_current: Option<usize>) -> Cx<'_> {
    Cx {
        snap,
        nav_current,
        nav_len: snap.accounts.len() + 1,
    }
}

fn typed(view: &mut SignInView, cx: &Cx, values: &[(Field, &str)]) {
    for (field, value) in values {
        let effect = view.update(Msg::Input(*field, (*value).into()), cx);
        assert_eq!(effect, Effect::default(), "typing re-renders nothing");
    }
}

#[test]
fn submitting_empty_fields_flags_them_focuses_the_first_and_sends_nothing() {
    let snap = snapshot(0);
    let mut view = SignInView::new(SignInStart::SignIn);
    typed(&mut view, &cx(&snap, None), &[(Field::Password, "pw")]);
    let effect = view.update(Msg::Submit, &cx(&snap, None));
    assert_eq!(effect.action, None);
    assert_eq!(effect.focus, Some(Focus::Field(Field::Identifier)));
    assert!(effect.render && effect.prevent_default);
    assert_eq!(view.error(Field::Identifier), Some(""), "required");
    assert_eq!(view.error(Field::Password), None);
    assert!(!view.busy());
}

#[test]
fn submitting_sends_the_trimmed_email_and_the_password_as_typed_and_waits() {
    let snap = snapshot(0);
    let mut view = SignInView::new(SignInStart::SignIn);
    let values = [
        (Field::Identifier, " ada@example.com "),
        (Field::Password, " pw "),
    ];
    typed(&mut view, &cx(&snap, None), &values);
    let effect = view.update(Msg::Submit, &cx(&snap, None));
    let sent = UiAction::SignIn {
        identifier: "ada@example.com".into(),
        password: " pw ".into(),
    };
    assert_eq!(effect.action, Some(sent));
    assert!(effect.render && effect.prevent_default && view.busy());
    let again = view.update(Msg::Submit, &cx(&snap, None));
    assert_eq!(
        again,
        Effect {
            prevent_default: true,
            ..Effect::default()
        },
        "a busy form does not submit twice, and never navigates"
    );
}

#[test]
fn sign_up_sends_only_the_names_that_were_typed() {
    let snap = snapshot(0);
    let mut view = SignInView::new(SignInStart::SignUp);
    let values = [
        (Field::FirstName, " Grace "),
        (Field::LastName, "  "),
        (Field::Identifier, "grace@example.com"),
        (Field::Password, "correct horse"),
    ];
    typed(&mut view, &cx(&snap, None), &values);
    let sent = UiAction::SignUp {
        email_address: "grace@example.com".into(),
        password: "correct horse".into(),
        first_name: Some("Grace".into()),
        last_name: None,
    };
    assert_eq!(
        view.update(Msg::Submit, &cx(&snap, None)).action,
        Some(sent)
    );
}

#[test]
fn a_host_error_replaces_that_fields_error_ends_busy_and_reset_clears_everything() {
    let snap = snapshot(0);
    let mut view = SignInView::new(SignInStart::SignIn);
    let values = [(Field::Identifier, "a@x.io"), (Field::Password, "pw")];
    typed(&mut view, &cx(&snap, None), &values);
    view.update(Msg::Submit, &cx(&snap, None));
    view.show_error(Field::Password, "Wrong.".into());
    view.show_error(Field::Password, "Still wrong.".into());
    assert_eq!(view.error(Field::Password), Some("Still wrong."));
    assert!(!view.busy(), "the reply ends the wait");
    assert_eq!(view.value(Field::Identifier), "a@x.io", "values survive");
    view.reset();
    assert_eq!(view.error(Field::Password), None);
    assert_eq!(view.value(Field::Identifier), "");
}

#[test]
fn showing_another_view_clears_errors_and_focuses_its_first_field_or_account() {
    let snap = snapshot(2);
    let mut view = SignInView::new(SignInStart::SignIn);
    view.update(Msg::Submit, &cx(&snap, None));
    let effect = view.update(Msg::Show(SignInStart::SignUp), &cx(&snap, None));
    assert_eq!(view.mode(), SignInStart::SignUp);
    assert_eq!(view.error(Field::Identifier), None);
    assert_eq!(effect.focus, Some(Focus::Field(Field::Identifier)));
    assert!(effect.render && !effect.prevent_default);
    let effect = view.update(Msg::Show(SignInStart::Chooser), &cx(&snap, None));
    assert_eq!(effect.focus, Some(Focus::Nav(0)));
}

#[test]
fn in_the_chooser_arrow_keys_move_between_accounts_and_choosing_one_switches() {
    let snap = snapshot(2);
    let mut view = SignInView::new(SignInStart::Chooser);
    let effect = view.update(Msg::Key("ArrowDown".into()), &cx(&snap, Some(0)));
    assert_eq!(effect.focus, Some(Focus::Nav(1)));
    assert!(effect.prevent_default);
    let effect = view.update(Msg::Key("End".into()), &cx(&snap, Some(0)));
    assert_eq!(effect.focus, Some(Focus::Nav(2)), "Add account is last");
    let effect = view.update(Msg::Key("Enter".into()), &cx(&snap, Some(0)));
    assert_eq!(
        effect,
        Effect::default(),
        "Enter clicks the button natively"
    );
    let switch = UiAction::Switch("sess_2".into());
    let effect = view.update(Msg::Act(switch.clone()), &cx(&snap, Some(1)));
    assert_eq!(effect.action, Some(switch));
}

#[test]
fn in_the_forms_and_an_empty_chooser_the_arrow_keys_stay_the_inputs_own() {
    let empty = snapshot(0);
    let two = snapshot(2);
    for (mode, snap) in [
        (SignInStart::SignIn, &two),
        (SignInStart::SignUp, &two),
        (SignInStart::Chooser, &empty),
    ] {
        let mut view = SignInView::new(mode);
        for key in ["ArrowDown", "ArrowUp", "Home", "End"] {
            let effect = view.update(Msg::Key(key.into()), &cx(snap, None));
            assert_eq!(effect, Effect::default(), "{mode:?} {key}");
        }
    }
}
