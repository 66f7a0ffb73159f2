//! The machinery every component shares: a shadow root with one `<style>`, a [`View`] that renders
//! from the snapshot and reacts to [`Msg`]s, re-rendering, focus keeping, and the action dispatch.
//! Its listeners (gloo-events) hand each DOM event to `events.rs`, which builds the message; the
//! view's update returns an [`Effect`](crate::msg::Effect) that this module carries out.
//!
//! A view with a running cooldown ([`Update::ticking`]) gets a [`Msg::Tick`] every second from
//! a gloo-timers `Interval` held here, dropped (cleared) as soon as the view stops ticking.
//!
//! Re-entrancy: a handler may dispatch an action whose host code synchronously calls `update` or
//! `show_error` (the SDK emits in the same task). Such calls only record the change while an
//! action is being dispatched; the component re-renders once, after the dispatch returns.

use crate::dom::{El, Render};
use crate::events::{self, On, DELEGATED};
use crate::model::{Field, Step, UiAction, UiSnapshot};
use crate::msg::{Cx, Focus, Msg, Update};
use crate::strings::join3;
use crate::text::Localization;
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, Node, ShadowRoot};

/// What the host changes in a view (see [`Core::host_change`]).
pub(crate) enum Change<'a> {
    /// An error: the field (by default the one `code` is about), the protocol `code` and the
    /// server's message.
    Error(Option<Field>, &'a str, &'a str),
    /// Clear the form.
    Reset,
    /// Move on to a step.
    Step(Step),
    /// Hold "Resend code" back this many seconds.
    Cooldown(u32),
}

/// What the host does with a user action; the [`Reply`] reports errors back to the component.
pub type Dispatch = Rc<dyn Fn(UiAction, Reply)>;

/// One component: its state ([`Update`]) and how it renders.
pub(crate) trait View: Update {
    /// Builds the whole tree for the current state.
    fn render(&self, r: &mut Render, cx: &Cx) -> El;
}

/// A mounted component.
pub(crate) struct Core {
    pub doc: Document,
    pub host: Element,
    pub root: ShadowRoot,
    pub top: Element,
    pub t: Localization,
    pub view: RefCell<Box<dyn View>>,
    pub snap: RefCell<UiSnapshot>,
    pub dispatch: Dispatch,
    /// The delegated listeners on the shadow root (and the document's click, for `Outside`).
    pub listeners: RefCell<Vec<EventListener>>,
    /// What the elements of the rendered tree send, by the index in their `data-<event>` attribute.
    pub ons: RefCell<Vec<On>>,
    pub nav: RefCell<Vec<HtmlElement>>,
    pub depth: Cell<u32>,
    pub dirty: Cell<bool>,
    pub rendering: Cell<bool>,
    pub dead: Cell<bool>,
    /// Focus asked for while an action was being dispatched, applied after the re-render.
    pub pending_focus: RefCell<Option<Focus>>,
    /// The one-second timer of a running cooldown.
    pub ticker: RefCell<Option<Interval>>,
}

impl Core {
    /// The index of the focused arrow-key item.
    fn nav_current(&self) -> Option<usize> {
        let active = self.root.active_element()?;
        // A plain loop, not `position`: the iterator chain cost the wasm bytes.
        let nav = self.nav.borrow();
        for (i, e) in nav.iter().enumerate() {
            if active.is_same_node(Some(e)) {
                return Some(i);
            }
        }
        None
    }

    /// True when `node` is inside the component (its shadow tree or the host itself).
    fn contains(&self, node: &Node) -> bool {
        self.root.contains(Some(node)) || self.host.contains(Some(node))
    }

    /// Registers the delegated listeners on the shadow root and the document's click (for
    /// `Outside`); each holds a weak reference, so the component can be dropped. Not passive
    /// (gloo's default is): a handled key or a submit prevents its default.
    pub fn listen(self: &Rc<Self>) {
        let options = EventListenerOptions::enable_prevent_default();
        let mut listeners = Vec::new();
        for kind in DELEGATED {
            let core = Rc::downgrade(self);
            listeners.push(EventListener::new_with_options(
                &self.root,
                kind,
                options,
                move |ev: &Event| {
                    if let Some(core) = core.upgrade() {
                        let msg =
                            events::delegated(kind, ev, &core.ons.borrow(), |n| core.contains(n));
                        core.send(msg, ev);
                    }
                },
            ));
        }
        let core = Rc::downgrade(self);
        let click = move |ev: &Event| {
            if let Some(core) = core.upgrade() {
                core.send(events::document_click(ev, |n| core.contains(n)), ev);
            }
        };
        listeners.push(EventListener::new_with_options(
            &self.doc, "click", options, click,
        ));
        *self.listeners.borrow_mut() = listeners;
    }

    /// Handles the message built from `ev`, if any, and prevents its default if the update says so.
    fn send(self: &Rc<Self>, msg: Option<Msg>, ev: &Event) {
        if let Some(msg) = msg {
            if self.handle(msg) {
                ev.prevent_default();
            }
        }
    }

    /// Handles one message; true when the event it came from should not do its default.
    fn handle(self: &Rc<Self>, msg: Msg) -> bool {
        if self.dead.get() || self.rendering.get() {
            return false;
        }
        let nav_current = self.nav_current();
        let effect = {
            let (Ok(mut view), Ok(snap)) = (self.view.try_borrow_mut(), self.snap.try_borrow())
            else {
                return false;
            };
            let nav_len = self.nav.borrow().len();
            let cx = Cx {
                snap: &snap,
                nav_current,
                nav_len,
            };
            view.update(msg, &cx)
        };
        if let Some(action) = effect.action {
            self.depth.set(self.depth.get() + 1);
            (self.dispatch)(action, Reply(Rc::downgrade(self)));
            self.depth.set(self.depth.get() - 1);
        }
        if effect.render || self.dirty.get() {
            self.render();
        }
        self.sync_ticker();
        // Take first: focusing fires focus events synchronously, which re-enter `handle`.
        let pending = self.pending_focus.borrow_mut().take();
        if let Some(focus) = pending.or(effect.focus) {
            self.focus(&focus);
        }
        effect.prevent_default
    }

    /// Starts the one-second ticker while the view counts down, stops it when it no longer does.
    fn sync_ticker(self: &Rc<Self>) {
        let ticking = !self.dead.get() && self.view.try_borrow().is_ok_and(|v| v.ticking());
        let mut ticker = self.ticker.borrow_mut();
        if !ticking {
            *ticker = None;
        } else if ticker.is_none() {
            let core = Rc::downgrade(self);
            *ticker = Some(Interval::new(1000, move || {
                if let Some(core) = core.upgrade() {
                    core.handle(Msg::Tick);
                }
            }));
        }
    }

    /// Changes the view as the host asked, then shows it, starts or stops the ticker and moves
    /// focus (after the dispatch returns, if one is running). Size: every [`Reply`] and
    /// [`UiHandle::show_error`](crate::UiHandle::show_error) goes through this one non-generic
    /// function; a closure per reply was inlined into the host's dispatch future, once each.
    #[inline(never)]
    pub(crate) fn host_change(self: &Rc<Self>, change: Change) {
        let mut focus = None;
        if let Ok(mut view) = self.view.try_borrow_mut() {
            match change {
                Change::Error(field, code, message) => {
                    let field = field.unwrap_or_else(|| Field::for_code(code));
                    view.show_error(field, self.t.error_message(code, message));
                    if field != Field::Form {
                        focus = Some(Focus::Field(field));
                    }
                }
                Change::Reset => view.reset(),
                Change::Step(step) => {
                    focus = Some(Focus::Field(match step {
                        Step::Code { .. } => Field::Code,
                        Step::NewPassword => Field::Password,
                    }));
                    view.step(step);
                }
                Change::Cooldown(secs) => view.cooldown(secs),
            }
        }
        self.invalidate();
        self.sync_ticker();
        if let Some(focus) = focus {
            if self.depth.get() > 0 {
                *self.pending_focus.borrow_mut() = Some(focus);
            } else {
                self.focus(&focus);
            }
        }
    }

    /// Re-renders now, or after the action being dispatched returns.
    pub fn invalidate(self: &Rc<Self>) {
        if self.depth.get() > 0 {
            self.dirty.set(true);
        } else {
            self.render();
        }
    }

    /// Rebuilds the tree, keeping focus on the same element (by `data-k`) or the same list slot.
    pub fn render(self: &Rc<Self>) {
        if self.dead.get() {
            return;
        }
        let (Ok(view), Ok(snap)) = (self.view.try_borrow(), self.snap.try_borrow()) else {
            return;
        };
        self.dirty.set(false);
        self.rendering.set(true);
        let focused = self
            .root
            .active_element()
            .and_then(|e| e.get_attribute("data-k"));
        let nav_current = self.nav_current();
        let mut r = Render::new(&self.doc, &self.t);
        let cx = Cx {
            snap: &snap,
            nav_current,
            nav_len: self.nav.borrow().len(),
        };
        let tree = view.render(&mut r, &cx);
        self.top.set_text_content(None);
        let _ = self.top.append_child(&tree.0);
        *self.nav.borrow_mut() = r.nav;
        *self.ons.borrow_mut() = r.ons;
        self.rendering.set(false);
        drop((view, snap));
        if let Some(key) = focused {
            if !self.focus(&Focus::Key(key)) {
                if let Some(i) = nav_current {
                    let len = self.nav.borrow().len();
                    if len > 0 {
                        self.focus(&Focus::Nav(i.min(len - 1)));
                    }
                }
            }
        }
    }

    /// Moves focus; false when the target does not exist.
    pub fn focus(&self, focus: &Focus) -> bool {
        let by_key = |selector: String| {
            self.root
                .query_selector(&selector)
                .ok()
                .flatten()
                // Everything in our shadow root is an HTML element (no SVG).
                .map(JsCast::unchecked_into::<HtmlElement>)
        };
        let el = match focus {
            Focus::Key(key) => by_key(join3("[data-k=\"", key, "\"]")),
            Focus::Field(field) => by_key(join3("[data-k=\"f-", field.key(), "\"]")),
            Focus::Nav(i) => {
                let nav = self.nav.borrow();
                nav.get((*i).min(nav.len().saturating_sub(1))).cloned()
            }
        };
        el.is_some_and(|e| e.focus().is_ok())
    }

    /// Removes the DOM and every listener; the component is inert afterwards.
    pub fn teardown(&self) {
        self.dead.set(true);
        self.ticker.borrow_mut().take();
        self.listeners.borrow_mut().clear();
        self.ons.borrow_mut().clear();
        self.nav.borrow_mut().clear();
        self.root.set_text_content(None);
    }
}

/// A weak handle to a mounted component, handed to the host with every action so it can report
/// the outcome (also after an `await`). Does nothing once the component is unmounted.
#[derive(Clone)]
pub struct Reply(pub(crate) Weak<Core>);
