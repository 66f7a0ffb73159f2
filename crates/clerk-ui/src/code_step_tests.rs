//! Native tests of the sign-in component's steps after a form (`code_step.rs`,
//! `sign_in_state.rs`): sending a code from the sign-in form, the code field (digits only, a
//! pasted code submitted whole), errors on the code, resend and its cooldown ticking down, the
//! new password with "Sign out of other devices", and going back.

use crate::code_step::RESEND_COOLDOWN_SECS;
use crate::model::{CodePurpose, Field, SignInStart, Step, UiAction, UiSnapshot};
use crate::msg::{Cx, Effect, Focus, Msg, Update};
use crate::sign_in_state::SignInView;

fn cx(snap: &UiSnapshot) -> Cx<'_> {
    Cx {
        snap,
        nav_current: None,
        nav_len: 0,
    }
}

fn code_step(purpose: CodePurpose) -> Step {
    Step::Code {
        purpose,
        email: "ada@example.com".into(),
    }
}

/// A sign-in component on the code step for `purpose`.
fn on_code_step(purpose: CodePurpose) -> SignInView {
    let mut view = SignInView::new(SignInStart::SignIn);
    Update::step(&mut view, code_step(purpose));
    view
}

#[test]
fn a_code_is_sent_for_the_typed_email_and_needs_one() {
    let snap = UiSnapshot::default();
    let mut view = SignInView::new(SignInStart::SignIn);
    let effect = view.update(Msg::SendCode(CodePurpose::ResetPassword), &cx(&snap));
    assert_eq!(effect.action, None);
    assert_eq!(effect.focus, Some(Focus::Field(Field::Identifier)));
    assert_eq!(view.error(Field::Identifier), Some(""), "required");
    view.update(
        Msg::Input(Field::Identifier, " ada@example.com ".into()),
        &cx(&snap),
    );
    let effect = view.update(Msg::SendCode(CodePurpose::SignIn), &cx(&snap));
    assert_eq!(
        effect.action,
        Some(UiAction::SendCode {
            purpose: CodePurpose::SignIn,
            identifier: "ada@example.com".into(),
        })
    );
    assert!(view.busy());
    let again = view.update(Msg::SendCode(CodePurpose::SignIn), &cx(&snap));
    assert_eq!(again, Effect::default(), "busy: nothing is sent twice");
}

#[test]
fn the_host_moving_on_to_the_code_step_clears_the_form_and_starts_the_cooldown() {
    let snap = UiSnapshot::default();
    let mut view = SignInView::new(SignInStart::SignIn);
    view.update(Msg::Input(Field::Password, "old".into()), &cx(&snap));
    view.show_error(Field::Form, "x".into());
    Update::step(&mut view, code_step(CodePurpose::SignIn));
    let step = view.current_step().expect("on the code step");
    assert_eq!(step.cooldown, RESEND_COOLDOWN_SECS);
    assert!(view.ticking());
    assert_eq!(view.value(Field::Password), "");
    assert_eq!(view.error(Field::Form), None);
    assert!(!view.busy());
}

#[test]
fn typing_keeps_digits_only_and_the_sixth_digit_submits_the_code() {
    let snap = UiSnapshot::default();
    let mut view = on_code_step(CodePurpose::SignIn);
    let effect = view.update(Msg::Input(Field::Code, "12".into()), &cx(&snap));
    assert_eq!(
        effect,
        Effect::default(),
        "digits as typed: nothing to redraw"
    );
    let effect = view.update(Msg::Input(Field::Code, "12a".into()), &cx(&snap));
    assert!(effect.render, "the letter is taken out of the field");
    assert_eq!(view.value(Field::Code), "12");
    let effect = view.update(Msg::Input(Field::Code, "123456".into()), &cx(&snap));
    assert_eq!(effect.action, Some(UiAction::Code("123456".into())));
    assert!(view.busy());
}

#[test]
fn a_pasted_code_with_spaces_or_a_dash_is_submitted_whole() {
    let snap = UiSnapshot::default();
    let mut view = on_code_step(CodePurpose::VerifyEmail);
    let effect = view.update(Msg::Input(Field::Code, " 123-456\n".into()), &cx(&snap));
    assert_eq!(effect.action, Some(UiAction::Code("123456".into())));
    assert!(effect.render);
    assert_eq!(view.value(Field::Code), "123456");
}

#[test]
fn submitting_a_short_code_flags_the_field_and_a_wrong_one_shows_the_hosts_words() {
    let snap = UiSnapshot::default();
    let mut view = on_code_step(CodePurpose::SignIn);
    view.update(Msg::Input(Field::Code, "123".into()), &cx(&snap));
    let effect = view.update(Msg::Submit, &cx(&snap));
    assert_eq!(effect.action, None);
    assert_eq!(effect.focus, Some(Focus::Field(Field::Code)));
    assert_eq!(view.error(Field::Code), Some(""), "not all digits");
    view.update(Msg::Input(Field::Code, "123456".into()), &cx(&snap));
    view.show_error(Field::Code, "That code isn't right.".into());
    assert_eq!(view.error(Field::Code), Some("That code isn't right."));
    assert!(!view.busy(), "the user can try again");
    let effect = view.update(Msg::Submit, &cx(&snap));
    assert_eq!(effect.action, Some(UiAction::Code("123456".into())));
}

#[test]
fn resend_works_once_the_cooldown_ran_out_and_starts_it_again() {
    let snap = UiSnapshot::default();
    let mut view = on_code_step(CodePurpose::ResetPassword);
    assert_eq!(view.update(Msg::Resend, &cx(&snap)), Effect::default());
    for left in (0..RESEND_COOLDOWN_SECS).rev() {
        assert!(view.update(Msg::Tick, &cx(&snap)).render);
        assert_eq!(view.current_step().map(|s| s.cooldown), Some(left));
    }
    assert!(!view.ticking());
    assert!(!view.update(Msg::Tick, &cx(&snap)).render);
    view.update(Msg::Input(Field::Code, "12".into()), &cx(&snap));
    let effect = view.update(Msg::Resend, &cx(&snap));
    assert_eq!(effect.action, Some(UiAction::Resend));
    assert_eq!(effect.focus, Some(Focus::Field(Field::Code)));
    assert_eq!(view.value(Field::Code), "", "the old code is gone");
    assert_eq!(
        view.current_step().map(|s| s.cooldown),
        Some(RESEND_COOLDOWN_SECS)
    );
    view.cooldown(90);
    assert_eq!(
        view.current_step().map(|s| s.cooldown),
        Some(90),
        "the server's Retry-After"
    );
}

#[test]
fn the_new_password_signs_out_of_other_devices_unless_unchecked() {
    let snap = UiSnapshot::default();
    let mut view = on_code_step(CodePurpose::ResetPassword);
    Update::step(&mut view, Step::NewPassword);
    assert!(!view.ticking(), "no cooldown on the password step");
    let effect = view.update(Msg::Submit, &cx(&snap));
    assert_eq!(effect.action, None);
    assert_eq!(view.error(Field::Password), Some(""));
    view.update(Msg::Input(Field::Password, "new pw".into()), &cx(&snap));
    let effect = view.update(Msg::Submit, &cx(&snap));
    assert_eq!(
        effect.action,
        Some(UiAction::NewPassword {
            password: "new pw".into(),
            sign_out_of_other_sessions: true,
        })
    );
    view.show_error(Field::Form, "no".into());
    assert_eq!(view.update(Msg::Check, &cx(&snap)), Effect::default());
    let effect = view.update(Msg::Submit, &cx(&snap));
    assert_eq!(
        effect.action,
        Some(UiAction::NewPassword {
            password: "new pw".into(),
            sign_out_of_other_sessions: false,
        })
    );
}

#[test]
fn back_leaves_the_step_and_a_finished_flow_resets_to_the_form() {
    let snap = UiSnapshot::default();
    let mut view = on_code_step(CodePurpose::SignIn);
    view.update(Msg::Show(SignInStart::SignIn), &cx(&snap));
    assert!(view.current_step().is_none());
    assert!(!view.ticking());
    let mut view = on_code_step(CodePurpose::SignIn);
    view.reset();
    assert!(view.current_step().is_none());
}
