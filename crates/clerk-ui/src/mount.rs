//! Mounting a component: the options every component takes ([`UiOptions`]), the handle that
//! keeps it ([`UiHandle`]), and `mount_*`, which render one into an element's shadow root.

use crate::appearance::Appearance;
use crate::core::Reply;
use crate::core::{Core, Dispatch, View};
use crate::error::UiError;
use crate::manage_accounts;
use crate::model::{Field, SignInStart, UiSnapshot};
use crate::sign_in_state;
use crate::style::STYLE;
use crate::text::Localization;
use crate::user_button_state;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// Options every component takes.
#[derive(Debug, Clone, Default)]
pub struct UiOptions {
    /// String overrides.
    pub localization: Localization,
    /// Theme and variables.
    pub appearance: Appearance,
}

/// A mounted component. Dropping it unmounts: its DOM and listeners are removed.
pub struct UiHandle {
    core: Rc<Core>,
}

impl UiHandle {
    /// Re-renders from a new snapshot (call it from the SDK listener). Taken by value: no clone.
    pub fn update(&self, snapshot: UiSnapshot) {
        if let Ok(mut snap) = self.core.snap.try_borrow_mut() {
            if *snap == snapshot {
                return;
            }
            *snap = snapshot;
        }
        self.core.invalidate();
    }

    /// Shows an error; see [`Reply::show_error`].
    pub fn show_error(&self, field: Option<Field>, code: &str, message: &str) {
        self.core
            .host_change(crate::core::Change::Error(field, code, message));
    }

    /// A weak [`Reply`] for this component.
    pub fn reply(&self) -> Reply {
        Reply(Rc::downgrade(&self.core))
    }

    /// The element the component is mounted on.
    pub fn element(&self) -> &Element {
        &self.core.host
    }

    /// Unmounts now (the same as dropping the handle).
    pub fn unmount(self) {}
}

impl Drop for UiHandle {
    fn drop(&mut self) {
        self.core.teardown();
    }
}

/// Mounts the UserButton: an avatar button opening the account panel.
pub fn mount_user_button(
    host: &Element,
    options: UiOptions,
    snapshot: UiSnapshot,
    dispatch: Dispatch,
) -> Result<UiHandle, UiError> {
    mount(
        host,
        options,
        snapshot,
        Box::new(user_button_state::UserButton::default()),
        dispatch,
    )
}

/// Mounts the sign-in component, opening on `start` (the chooser needs signed-in accounts).
pub fn mount_sign_in(
    host: &Element,
    options: UiOptions,
    start: SignInStart,
    snapshot: UiSnapshot,
    dispatch: Dispatch,
) -> Result<UiHandle, UiError> {
    mount(
        host,
        options,
        snapshot,
        Box::new(sign_in_state::SignInView::new(start)),
        dispatch,
    )
}

/// Mounts the sign-up form (the sign-in component opened on its sign-up view).
pub fn mount_sign_up(
    host: &Element,
    options: UiOptions,
    snapshot: UiSnapshot,
    dispatch: Dispatch,
) -> Result<UiHandle, UiError> {
    mount_sign_in(host, options, SignInStart::SignUp, snapshot, dispatch)
}

/// Mounts ManageAccounts: this browser's accounts and the user's sessions on every device.
pub fn mount_manage_accounts(
    host: &Element,
    options: UiOptions,
    snapshot: UiSnapshot,
    dispatch: Dispatch,
) -> Result<UiHandle, UiError> {
    mount(
        host,
        options,
        snapshot,
        Box::new(manage_accounts::ManageAccounts),
        dispatch,
    )
}

fn mount(
    host: &Element,
    options: UiOptions,
    snapshot: UiSnapshot,
    view: Box<dyn View>,
    dispatch: Dispatch,
) -> Result<UiHandle, UiError> {
    let doc = host
        .owner_document()
        .ok_or_else(|| UiError::Mount("element has no document".into()))?;
    let (root, top) = shadow(host, &doc, &options.appearance)
        .map_err(|e| UiError::Mount(e.as_string().unwrap_or_else(|| "the DOM refused".into())))?;
    let core = Rc::new(Core {
        doc,
        host: host.clone(),
        root,
        top,
        t: options.localization,
        view: RefCell::new(view),
        snap: RefCell::new(snapshot),
        dispatch,
        listeners: RefCell::new(Vec::new()),
        ons: RefCell::new(Vec::new()),
        nav: RefCell::new(Vec::new()),
        depth: Cell::new(0),
        dirty: Cell::new(false),
        rendering: Cell::new(false),
        dead: Cell::new(false),
        pending_focus: RefCell::new(None),
        ticker: RefCell::new(None),
    });
    core.listen();
    core.render();
    Ok(UiHandle { core })
}

/// The host's shadow root, emptied, holding the `<style>` and the top `<div>` (returned with it).
/// Size: the DOM calls that can fail are here, so their errors convert to a [`UiError`] once.
fn shadow(
    host: &Element,
    doc: &Document,
    appearance: &Appearance,
) -> Result<(ShadowRoot, Element), JsValue> {
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    root.set_text_content(None);
    let style = doc.create_element("style")?;
    style.set_text_content(Some(&crate::strings::join(STYLE, &appearance.css())));
    let top = doc.create_element("div")?;
    let _ = top.set_attribute("class", appearance.theme.class());
    root.append_child(&style)?;
    root.append_child(&top)?;
    Ok((root, top))
}
