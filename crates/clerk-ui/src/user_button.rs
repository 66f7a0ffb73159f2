//! The UserButton: an avatar button (`aria-haspopup="dialog"`, `aria-expanded`) that opens a
//! labelled dialog with the active account, Manage account, Sign out, the other signed-in accounts
//! (one click switches; a second button signs out of that account without switching to it), Add
//! account, and Sign out of all accounts. A switch or sign-out that fails reopens the panel with
//! the error on top (`role="alert"`).
//!
//! Keyboard: Enter/Space on the button toggle; ArrowDown/ArrowUp on it open and focus the first or
//! last item; in the panel the arrows, Home and End move between items, Tab moves naturally, and
//! Escape closes and returns focus to the button. A click outside or tabbing away closes it too.
//!
//! This module renders; the state and how messages change it are in `user_button_state.rs`.

use crate::core::View;
use crate::dom::{El, Render};
use crate::events::On;
use crate::model::UiAction;
use crate::msg::{Cx, Msg};
use crate::strings::join;
use crate::text::Text;
use crate::user_button_state::{UserButton, TRIGGER};
use crate::view_model::{initials, MenuModel};

impl View for UserButton {
    fn render(&self, r: &mut Render, cx: &Cx) -> El {
        let m = MenuModel::new(cx.snap);
        let wrap = r.el("div");
        let Some(active) = m.active else { return wrap };
        r.on(&wrap.0, On::Key);
        let name = active.display_name();
        let trigger = r
            .button(TRIGGER, "tr", || Msg::Toggle)
            .attr("aria-haspopup", "dialog")
            .attr(
                "aria-expanded",
                if self.is_open() { "true" } else { "false" },
            )
            // Its name holds the initials the avatar shows (WCAG 2.5.3, label in name).
            .attr(
                "aria-label",
                &r.t.fill(
                    Text::OpenMenu,
                    &[("name", name), ("initials", &initials(active))],
                ),
            )
            .with(r.avatar(active, false));
        if !self.is_open() {
            return wrap.with(trigger);
        }
        let trigger = trigger.attr("aria-controls", "pn");
        wrap.push(trigger);
        let panel = r
            .el("div.pn|id=pn|role=dialog")
            .attr("aria-label", r.t.get(Text::AccountMenu));
        r.on(&panel.0, On::FocusOut);
        if let Some(message) = self.error() {
            panel.push(r.el("p.er|role=alert").text(message));
        }
        panel.push(
            r.el("div.hd")
                .with(r.avatar(active, true))
                .with(r.identity(active)),
        );
        let manage = r
            .nav_button("manage", "it", || Msg::Act(UiAction::ManageAccount))
            .say(r.t, Text::ManageAccount);
        panel.push(manage);
        let sign_out = r.act_button("signout", "it", UiAction::SignOutOne, &active.session_id);
        panel.push(sign_out.say(r.t, Text::SignOut));
        if !m.others.is_empty() {
            panel.push(r.el("div.sep"));
            panel.push(r.el("div.lbl|id=sw").say(r.t, Text::SwitchAccount));
            let list = r.el("ul|aria-labelledby=sw");
            for other in &m.others {
                let id = &other.session_id;
                let name = other.display_name();
                // Named by what it shows (name and email) after a hidden "Switch to", so the
                // name holds the visible text (WCAG 2.5.3).
                let hint = r.el("span.vh").text(&join(r.t.get(Text::SwitchHint), " "));
                let switch = r
                    .account_button("n-", "it", UiAction::Switch, id)
                    .with(hint)
                    .with(r.avatar(other, false))
                    .with(r.identity(other));
                let out = r
                    .account_button("o-", "sm", UiAction::SignOutOne, id)
                    .label(r.t, Text::SignOutOf, "name", name)
                    .say(r.t, Text::SignOut);
                list.push(r.el("li.row").with(switch).with(out));
            }
            panel.push(list);
        }
        if m.add_account || m.sign_out_all {
            panel.push(r.el("div.sep"));
        }
        if m.add_account {
            panel.push(
                r.nav_button("add", "it", || Msg::Act(UiAction::AddAccount))
                    .say(r.t, Text::AddAccount),
            );
        }
        if m.sign_out_all {
            panel.push(
                r.nav_button("all", "it dz", || Msg::Act(UiAction::SignOutAll))
                    .say(r.t, Text::SignOutAll),
            );
        }
        wrap.with(panel)
    }
}
