//! SignIn, SignUp and the account chooser in headless Chromium.

use crate::fixtures::*;
use clerk_ui::{mount_sign_in, mount_sign_up, Field, SignInStart, UiAction, UiHandle, UiOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn mounted(start: SignInStart, n: usize) -> (UiHandle, Recorder) {
    let rec = Recorder::default();
    let h = mount_sign_in(
        &host(),
        UiOptions::default(),
        start,
        snapshot(n),
        rec.dispatch(),
    )
    .unwrap();
    (h, rec)
}

fn submit(h: &UiHandle) {
    get(h, "button[type=submit]").click();
}

#[wasm_bindgen_test]
fn the_form_has_labelled_fields_and_a_sign_up_link() {
    let (h, _) = mounted(SignInStart::SignIn, 0);
    assert_eq!(text(&get(&h, "h1")), "Sign in");
    assert_eq!(text(&get(&h, ".sub")), "to continue to Acme");
    assert_eq!(text(&get(&h, "label[for=f-identifier]")), "Email address");
    assert_eq!(
        get(&h, "#f-password").get_attribute("type").as_deref(),
        Some("password")
    );
    assert_eq!(
        get(&h, "#f-password")
            .get_attribute("autocomplete")
            .as_deref(),
        Some("current-password")
    );
    assert!(
        q(&h, "[data-k=back]").is_none(),
        "no chooser to go back to without accounts"
    );
}

#[wasm_bindgen_test]
fn empty_fields_are_flagged_without_calling_the_server() {
    let (h, rec) = mounted(SignInStart::SignIn, 0);
    submit(&h);
    assert!(rec.taken().is_empty());
    assert_eq!(
        get(&h, "#f-identifier")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        get(&h, "#f-identifier")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("e-identifier")
    );
    assert_eq!(text(&get(&h, "#e-identifier")), "This field is required.");
    assert_eq!(focused(&h).as_deref(), Some("f-identifier"));
}

#[wasm_bindgen_test]
fn submitting_dispatches_sign_in_and_a_server_error_lands_next_to_the_password() {
    let (h, rec) = mounted(SignInStart::SignIn, 0);
    type_into(&h, "#f-identifier", " ada@example.com ");
    type_into(&h, "#f-password", "wrong horse");
    submit(&h);
    let expected = UiAction::SignIn {
        identifier: "ada@example.com".into(),
        password: "wrong horse".into(),
    };
    assert_eq!(rec.taken(), [expected]);
    let button = get(&h, "button[type=submit]");
    assert!(
        button.has_attribute("disabled")
            && button.get_attribute("aria-busy").as_deref() == Some("true")
    );
    submit(&h);
    assert!(rec.taken().is_empty(), "a busy form does not submit twice");
    rec.last_reply()
        .show_error(None, "invalid_credentials", "Invalid credentials.");
    assert_eq!(
        text(&get(&h, "#e-password")),
        "That email and password don't match. Try again."
    );
    assert_eq!(
        get(&h, "#e-password").get_attribute("role").as_deref(),
        Some("alert")
    );
    assert_eq!(
        get(&h, "#f-password")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("e-password")
    );
    assert!(
        !get(&h, "button[type=submit]").has_attribute("disabled"),
        "no longer busy"
    );
    assert_eq!(focused(&h).as_deref(), Some("f-password"));
    let value = get(&h, "#f-identifier")
        .unchecked_into::<web_sys::HtmlInputElement>()
        .value();
    assert_eq!(
        value, "ada@example.com",
        "typed values survive the re-render"
    );
}

#[wasm_bindgen_test]
fn form_level_and_unknown_errors_are_shown_in_plain_words() {
    let (h, rec) = mounted(SignInStart::SignIn, 0);
    type_into(&h, "#f-identifier", "ada@example.com");
    type_into(&h, "#f-password", "pw");
    submit(&h);
    let reply = rec.last_reply();
    reply.show_error(None, "too_many_requests", "Too many requests.");
    assert_eq!(
        text(&get(&h, "form > .er")),
        "Too many attempts. Wait a moment and try again."
    );
    reply.show_error(Some(Field::Form), "network_error", "");
    assert_eq!(
        text(&get(&h, "form > .er")),
        "Can't reach the server. Check your connection and try again."
    );
    reply.show_error(
        Some(Field::Identifier),
        "some_future_code",
        "The server's own words.",
    );
    assert_eq!(text(&get(&h, "#e-identifier")), "The server's own words.");
    reply.reset();
    assert!(q(&h, ".er").is_none());
    assert_eq!(
        get(&h, "#f-password")
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value(),
        ""
    );
}

#[wasm_bindgen_test]
fn sign_up_collects_names_and_shows_identifier_exists_next_to_the_email() {
    let rec = Recorder::default();
    let h = mount_sign_up(&host(), UiOptions::default(), snapshot(0), rec.dispatch()).unwrap();
    assert_eq!(text(&get(&h, "h1")), "Create your account");
    assert_eq!(
        get(&h, "#f-password")
            .get_attribute("autocomplete")
            .as_deref(),
        Some("new-password")
    );
    type_into(&h, "#f-first_name", "Grace");
    type_into(&h, "#f-identifier", "grace@example.com");
    type_into(&h, "#f-password", "correct horse battery");
    submit(&h);
    let expected = UiAction::SignUp {
        email_address: "grace@example.com".into(),
        password: "correct horse battery".into(),
        first_name: Some("Grace".into()),
        last_name: None,
    };
    assert_eq!(rec.taken(), [expected]);
    rec.last_reply()
        .show_error(None, "identifier_exists", "Taken.");
    assert!(
        text(&get(&h, "#e-identifier")).starts_with("An account with this email already exists")
    );
    get(&h, "[data-k=other]").click();
    assert_eq!(
        text(&get(&h, "h1")),
        "Sign in",
        "the link switches to sign-in"
    );
    assert_eq!(focused(&h).as_deref(), Some("f-identifier"));
}

#[wasm_bindgen_test]
fn the_chooser_lists_accounts_switches_in_one_click_and_adds_an_account() {
    let (h, rec) = mounted(SignInStart::Chooser, 2);
    assert_eq!(text(&get(&h, "h1")), "Choose an account");
    let keys: Vec<String> = all(&h, "ul button")
        .iter()
        .filter_map(|b| b.get_attribute("data-k"))
        .collect();
    assert_eq!(keys, ["n-sess_1", "n-sess_2", "add"]);
    get(&h, "[data-k=n-sess_2]").click();
    assert_eq!(rec.taken(), [UiAction::Switch("sess_2".into())]);
    get(&h, "[data-k=n-sess_1]").focus().unwrap();
    key(&get(&h, "[data-k=n-sess_1]"), "ArrowDown");
    assert_eq!(focused(&h).as_deref(), Some("n-sess_2"));
    key(&get(&h, "[data-k=n-sess_2]"), "End");
    assert_eq!(focused(&h).as_deref(), Some("add"));
    get(&h, "[data-k=add]").click();
    assert_eq!(text(&get(&h, "h1")), "Sign in");
    assert_eq!(focused(&h).as_deref(), Some("f-identifier"));
    key(&get(&h, "#f-identifier"), "Home");
    assert_eq!(
        focused(&h).as_deref(),
        Some("f-identifier"),
        "arrow keys are the input's own in a form"
    );
    get(&h, "[data-k=back]").click();
    assert_eq!(text(&get(&h, "h1")), "Choose an account");
}

#[wasm_bindgen_test]
fn the_chooser_without_accounts_is_the_sign_in_form() {
    let (h, _) = mounted(SignInStart::Chooser, 0);
    assert_eq!(text(&get(&h, "h1")), "Sign in");
}

#[wasm_bindgen_test]
fn a_host_that_replies_synchronously_inside_dispatch_is_safe() {
    let dispatch: clerk_ui::Dispatch =
        Rc::new(|_action, reply| reply.show_error(None, "password_too_short", ""));
    let h = mount_sign_up(&host(), UiOptions::default(), snapshot(0), dispatch).unwrap();
    type_into(&h, "#f-identifier", "a@example.com");
    type_into(&h, "#f-password", "x");
    submit(&h);
    assert_eq!(text(&get(&h, "#e-password")), "This password is too short.");
    assert_eq!(focused(&h).as_deref(), Some("f-password"));
}

#[wasm_bindgen_test]
fn the_code_step_takes_a_pasted_code_whole_and_shows_errors_next_to_the_field() {
    use clerk_ui::{CodePurpose, Step};
    let (h, rec) = mounted(SignInStart::SignIn, 0);
    type_into(&h, "#f-identifier", "ada@example.com");
    get(&h, "[data-k=email-code]").click();
    let send = UiAction::SendCode {
        purpose: CodePurpose::SignIn,
        identifier: "ada@example.com".into(),
    };
    assert_eq!(rec.taken(), [send]);
    h.reply().step(Step::Code {
        purpose: CodePurpose::SignIn,
        email: "ada@example.com".into(),
    });
    assert_eq!(text(&get(&h, "h1")), "Check your email");
    assert_eq!(
        text(&get(&h, ".sub")),
        "Enter the 6-digit code we sent to ada@example.com"
    );
    let code = get(&h, "#f-code");
    assert_eq!(
        code.get_attribute("autocomplete").as_deref(),
        Some("one-time-code")
    );
    assert_eq!(code.get_attribute("inputmode").as_deref(), Some("numeric"));
    assert_eq!(focused(&h).as_deref(), Some("f-code"));
    let resend = get(&h, "[data-k=resend]");
    assert!(resend.has_attribute("disabled"));
    assert_eq!(text(&resend), "Resend code in 30 s");
    type_into(&h, "#f-code", "123 456");
    assert_eq!(rec.taken(), [UiAction::Code("123456".into())]);
    h.show_error(None, "form_code_incorrect", "");
    let code = get(&h, "#f-code");
    assert_eq!(
        code.get_attribute("aria-describedby").as_deref(),
        Some("e-code")
    );
    let error = get(&h, "#e-code");
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(
        text(&error),
        "That code isn't right. Check it and try again."
    );
}
