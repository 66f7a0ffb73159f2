//! The DOM edge: the one place that reads an [`Event`]. While rendering, each element records
//! what it sends as an [`On`] (its index in a `data-<event>` attribute); the component's delegated
//! listeners hand their events here, and each becomes a [`Msg`] carrying the data the update
//! needs (the key pressed, the field's new value, whether focus left), as yew builds its messages
//! in the event handler. Updates never see an event; `preventDefault` is an [`Effect`] they
//! return, applied by the caller.
//!
//! [`Effect`]: crate::msg::Effect

use crate::model::{Field, UiAction};
use crate::msg::Msg;
use crate::strings::{join, join3, parse_index};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, FocusEvent, HtmlInputElement, KeyboardEvent, Node};

/// The events delegated from the shadow root, each read from a `data-<event>` attribute.
pub(crate) const DELEGATED: [&str; 5] = ["click", "input", "submit", "keydown", "focusout"];

/// What an element sends when one of its events fires.
#[derive(Debug, Clone)]
pub(crate) enum On {
    /// `click`: this message. Size: what a click sends is built when it fires, from a function
    /// (and for an action, its argument) instead of cloning a stored [`Msg`]: the derived clone
    /// of every message and action was about 800 B of wasm in the click path.
    Click(fn() -> Msg),
    /// `click`: [`Msg::Act`] with the action `act(arg)` (the account or session id of a button).
    Act(fn(String) -> UiAction, String),
    /// `keydown`: [`Msg::Key`] with the key.
    Key,
    /// `focusout`: [`Msg::FocusLeft`] when focus moves to an element outside the component.
    FocusOut,
    /// `input` on a text field: [`Msg::Input`] with the field's new value.
    Input(Field),
    /// `submit`: [`Msg::Submit`].
    Submit,
}

impl On {
    /// The event this fires on (one of [`DELEGATED`]).
    pub fn kind(&self) -> &'static str {
        match self {
            On::Click(_) | On::Act(..) => "click",
            On::Key => "keydown",
            On::FocusOut => "focusout",
            On::Input(_) => "input",
            On::Submit => "submit",
        }
    }
}

/// The message of a delegated `kind` event: what the closest element (from the target up) with a
/// `data-<kind>` attribute sends, looked up in the render's `ons`. `inside` tells whether a node
/// belongs to the component (its shadow tree or its host).
pub(crate) fn delegated(
    kind: &str,
    ev: &Event,
    ons: &[On],
    inside: impl Fn(&Node) -> bool,
) -> Option<Msg> {
    let attr = join("data-", kind);
    let target = ev.target()?;
    // Targets inside the shadow tree are elements; `closest` throws (Err) for anything else.
    let el = target
        .unchecked_ref::<Element>()
        .closest(&join3("[", &attr, "]"))
        .ok()??;
    let on = ons.get(parse_index(&el.get_attribute(&attr)?)?)?;
    Some(match on {
        On::Click(msg) => msg(),
        On::Act(act, arg) => Msg::Act(act(arg.clone())),
        // The attribute names the event, so an `On::Key` is only ever found for a keydown.
        On::Key => Msg::Key(ev.unchecked_ref::<KeyboardEvent>().key()),
        On::FocusOut => {
            let to = ev.unchecked_ref::<FocusEvent>().related_target()?;
            // Event targets inside a document are nodes.
            if inside(to.unchecked_ref::<Node>()) {
                return None;
            }
            Msg::FocusLeft
        }
        // The listener is on the input itself, which has no children: the target is the input.
        On::Input(field) => Msg::Input(*field, target.unchecked_ref::<HtmlInputElement>().value()),
        On::Submit => Msg::Submit,
    })
}

/// A click anywhere in the document: [`Msg::Outside`] unless its target is in the component
/// (clicks in the shadow tree reach the document retargeted to the host).
pub(crate) fn document_click(ev: &Event, inside: impl Fn(&Node) -> bool) -> Option<Msg> {
    match ev.target() {
        Some(target) if inside(target.unchecked_ref::<Node>()) => None,
        _ => Some(Msg::Outside),
    }
}
