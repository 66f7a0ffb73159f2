//! A tiny DOM builder: [`El`] wraps an element with chainable setters, [`Render`] creates elements
//! and records what an element sends (an [`On`], its index in a `data-<event>` attribute, read by
//! the one delegated listener per event kind on the shadow root; see `events.rs`), plus the pieces
//! every component shares (avatar, name and email).

use crate::events::On;
use crate::model::{AccountView, UiAction};
use crate::msg::Msg;
use crate::strings::{decimal, join, split_at_byte};
use crate::text::{Localization, Text};
use crate::view_model::{avatar_hue, initials};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

/// An element being built.
pub(crate) struct El(pub Element);

impl El {
    /// Sets the class attribute.
    #[inline(never)]
    pub fn cls(self, class: &str) -> Self {
        // `setAttribute` rather than the `className` setter: one DOM import less in the glue.
        self.attr("class", class)
    }

    /// Sets an attribute (names are static and valid, so this cannot fail in practice).
    #[inline(never)]
    pub fn attr(self, name: &str, value: &str) -> Self {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets the text content (replacing any children).
    #[inline(never)]
    pub fn text(self, text: &str) -> Self {
        self.0.set_text_content(Some(text));
        self
    }

    /// Sets the text content to the string shown for `text` (one call per site instead of a
    /// lookup and a set).
    #[inline(never)]
    pub fn say(self, t: &Localization, text: Text) -> Self {
        self.text(t.get(text))
    }

    /// Sets `aria-label` to `text` with its `{var}` filled by `value` (one call per site: no
    /// placeholder array and no string to drop there).
    #[inline(never)]
    pub fn label(self, t: &Localization, text: Text, var: &str, value: &str) -> Self {
        self.attr("aria-label", &t.fill(text, &[(var, value)]))
    }

    /// Appends a child, returning self for chaining.
    #[inline(never)]
    pub fn with(self, child: El) -> Self {
        self.push(child);
        self
    }

    /// Appends a child.
    #[inline(never)]
    pub fn push(&self, child: El) {
        let _ = self.0.append_child(&child.0);
    }
}

/// One render pass: builds the new tree and collects its listeners and navigable items.
pub(crate) struct Render<'a> {
    doc: &'a Document,
    /// The strings to show.
    pub t: &'a Localization,
    /// What the elements of the tree being built send, by the index in their `data-<event>`
    /// attribute.
    pub ons: Vec<On>,
    /// Elements the arrow keys move between, in order.
    pub nav: Vec<HtmlElement>,
}

impl<'a> Render<'a> {
    /// A render pass creating elements in `doc`.
    pub fn new(doc: &'a Document, t: &'a Localization) -> Self {
        Render {
            doc,
            t,
            ons: Vec::new(),
            nav: Vec::new(),
        }
    }

    /// A new element from a compact spec: `tag[.classes][|name=value]*`, e.g.
    /// `"p.er|role=alert"` or `"form|novalidate=|aria-labelledby=t"`. Size: one string per
    /// element instead of one builder call per class and static attribute at every call site.
    /// `createElement` only throws for an invalid tag name, and ours are literals.
    #[inline(never)]
    pub fn el(&self, spec: &str) -> El {
        let (head, mut attrs) = split_at_byte(spec, b'|').unwrap_or((spec, ""));
        let (tag, class) = split_at_byte(head, b'.').unwrap_or((head, ""));
        let mut el = match self.doc.create_element(tag) {
            Ok(e) => El(e),
            Err(_) => unreachable!(),
        };
        if !class.is_empty() {
            el = el.cls(class);
        }
        while !attrs.is_empty() {
            let (pair, rest) = split_at_byte(attrs, b'|').unwrap_or((attrs, ""));
            let (name, value) = split_at_byte(pair, b'=').unwrap_or((pair, ""));
            el = el.attr(name, value);
            attrs = rest;
        }
        el
    }

    /// Sends what `on` says when its event fires on `el` or inside it.
    pub fn on(&mut self, el: &Element, on: On) {
        let _ = el.set_attribute(&join("data-", on.kind()), &decimal(self.ons.len() as u64));
        self.ons.push(on);
    }

    /// A `<button type=button>` with a focus key (`data-k`) that sends `on` when clicked.
    fn button_on(&mut self, key: &str, class: &str, on: On) -> El {
        let b = self.el("button|type=button").cls(class).attr("data-k", key);
        self.on(&b.0, on);
        b
    }

    /// A `<button type=button>` with a focus key (`data-k`) that sends `msg()` when clicked.
    pub fn button(&mut self, key: &str, class: &str, msg: fn() -> Msg) -> El {
        self.button_on(key, class, On::Click(msg))
    }

    /// Makes `b` one of the items the arrow keys move between.
    fn nav(&mut self, b: El) -> El {
        self.nav.push(b.0.clone().unchecked_into());
        b
    }

    /// A [`button`](Self::button) the arrow keys move between.
    pub fn nav_button(&mut self, key: &str, class: &str, msg: fn() -> Msg) -> El {
        let b = self.button(key, class, msg);
        self.nav(b)
    }

    /// A [`nav_button`](Self::nav_button) sending the action `act(arg)`.
    #[inline(never)]
    pub fn act_button(
        &mut self,
        key: &str,
        class: &str,
        act: fn(String) -> UiAction,
        arg: &str,
    ) -> El {
        let b = self.button_on(key, class, On::Act(act, arg.to_owned()));
        self.nav(b)
    }

    /// An [`act_button`](Self::act_button) of the account or session `id`: focus key
    /// `prefix` + `id`, sending `act(id)`. Size: the key is built here once instead of at each
    /// of the lists' call sites.
    pub fn account_button(
        &mut self,
        prefix: &str,
        class: &str,
        act: fn(String) -> UiAction,
        id: &str,
    ) -> El {
        self.act_button(&join(prefix, id), class, act, id)
    }

    /// An `<input>` with its value set.
    pub fn input(&self, value: &str) -> El {
        let e = self.el("input");
        e.0.unchecked_ref::<HtmlInputElement>().set_value(value);
        e
    }

    /// The round avatar of an account: its picture, or initials on a colour of its own.
    pub fn avatar(&self, account: &AccountView, large: bool) -> El {
        let hue = avatar_hue(&account.email);
        let av = self
            .el(if large {
                "span.av lg|aria-hidden=true"
            } else {
                "span.av|aria-hidden=true"
            })
            .attr("style", &join("--h:", &decimal(hue as u64)));
        match account
            .image_url
            .as_deref()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        {
            Some(url) => av.with(self.el("img|alt=").attr("src", url)),
            None => av.text(&initials(account)),
        }
    }

    /// Name over email, truncating with an ellipsis.
    pub fn identity(&self, account: &AccountView) -> El {
        let tx = self.el("span.tx");
        tx.push(self.el("div.nm").text(account.display_name()));
        if account
            .full_name
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty())
        {
            tx.push(self.el("div.em").text(&account.email));
        }
        tx
    }
}
