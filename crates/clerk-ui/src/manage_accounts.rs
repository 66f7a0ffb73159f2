//! ManageAccounts: a card with the accounts signed in on this browser (switch to one, sign out of
//! any one) and the signed-in user's sessions on every device (from `GET /v1/me/sessions`), each
//! revocable. Arrow keys move between its buttons once one has focus.

use crate::core::View;
use crate::dom::{El, Render};
use crate::events::On;
use crate::model::UiAction;
use crate::msg::{Cx, Effect, Msg, Update};
use crate::strings::join3;
use crate::text::Text;
use crate::view_model::{describe_device, last_active};

/// ManageAccounts has no state of its own: everything comes from the snapshot.
#[derive(Debug, Default)]
pub(crate) struct ManageAccounts;

impl ManageAccounts {
    fn accounts(r: &mut Render, cx: &Cx) -> El {
        let list = r.el("ul");
        let active = cx.snap.active_session_id.as_deref();
        for a in &cx.snap.accounts {
            let id = &a.session_id;
            let name = a.display_name();
            let li = r.el("li").with(r.avatar(a, false)).with(r.identity(a));
            if Some(id.as_str()) == active {
                li.push(r.el("span.bd").say(r.t, Text::Active));
            } else {
                let switch = r
                    .account_button("n-", "sm", UiAction::Switch, id)
                    .label(r.t, Text::SwitchTo, "name", name)
                    .say(r.t, Text::Switch);
                li.push(switch);
            }
            let out = r
                .account_button("o-", "sm", UiAction::SignOutOne, id)
                .label(r.t, Text::SignOutOf, "name", name)
                .say(r.t, Text::SignOut);
            list.push(li.with(out));
        }
        list
    }

    fn devices(r: &mut Render, cx: &Cx) -> El {
        if cx.snap.device_sessions.is_empty() {
            return r.el("p.sub").say(r.t, Text::NoSessions);
        }
        let list = r.el("ul");
        for s in &cx.snap.device_sessions {
            // A session of this browser that it no longer holds (signed out here, or revoked
            // below) is gone: do not wait for the list to be fetched again.
            let here = s.is_current_client;
            // A plain loop, not `any`: the iterator chain cost the wasm bytes.
            let mut held = false;
            for a in &cx.snap.accounts {
                held |= a.session_id == s.session_id;
            }
            if here && !held {
                continue;
            }
            let device = describe_device(s.user_agent.as_deref(), r.t);
            let mut detail = last_active(cx.snap.now_ms, s.last_active_at, r.t);
            if let Some(ip) = s.ip_address.as_deref().filter(|ip| !ip.is_empty()) {
                detail = join3(&detail, " · ", ip);
            }
            let tx = r
                .el("span.tx")
                .with(r.el("div.nm").text(&device))
                .with(r.el("div.em").text(&detail));
            let li = r.el("li").with(tx);
            if here {
                li.push(r.el("span.bd").say(r.t, Text::ThisBrowser));
            }
            // This browser's own session: signing out of it through the SDK updates every
            // component at once (a revoke would show only at its next token).
            let act = if here {
                UiAction::SignOutOne
            } else {
                UiAction::Revoke
            };
            let revoke = r
                .account_button("r-", "sm dz", act, &s.session_id)
                .label(r.t, Text::RevokeOn, "device", &device)
                .say(r.t, Text::Revoke);
            list.push(li.with(revoke));
        }
        list
    }
}

impl View for ManageAccounts {
    fn render(&self, r: &mut Render, cx: &Cx) -> El {
        let card = r.el("section.card mg|aria-labelledby=t");
        r.on(&card.0, On::Key);
        card.push(r.el("h2|id=t").say(r.t, Text::ManageAccounts));
        card.push(r.el("h3|id=hb").say(r.t, Text::AccountsOnBrowser));
        card.push(Self::accounts(r, cx).attr("aria-labelledby", "hb"));
        if cx.snap.multi_session {
            let add = r
                .nav_button("add", "ln", || Msg::Act(UiAction::AddAccount))
                .say(r.t, Text::AddAccount);
            card.push(r.el("p.ft").with(add));
        }
        card.push(r.el("h3|id=hd").say(r.t, Text::DeviceSessions));
        card.with(Self::devices(r, cx).attr("aria-labelledby", "hd"))
    }
}

impl Update for ManageAccounts {
    fn update(&mut self, msg: Msg, cx: &Cx) -> Effect {
        match msg {
            Msg::Act(action) => Effect {
                action: Some(action),
                ..Effect::default()
            },
            Msg::Key(key) if cx.nav_current.is_some() => cx.nav_key(&key).unwrap_or_default(),
            _ => Effect::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UiSnapshot;
    use crate::msg::Focus;

    fn cx(snap: &UiSnapshot, nav_current: Option<usize>) -> Cx<'_> {
        Cx {
            snap,
            nav_current,
            nav_len: 4,
        }
    }

    #[test]
    fn every_button_dispatches_its_action_and_nothing_else() {
        let snap = UiSnapshot::default();
        for action in [
            UiAction::Switch("sess_2".into()),
            UiAction::SignOutOne("sess_1".into()),
            UiAction::Revoke("sess_9".into()),
            UiAction::AddAccount,
        ] {
            let effect = ManageAccounts.update(Msg::Act(action.clone()), &cx(&snap, Some(0)));
            let expected = Effect {
                action: Some(action),
                ..Effect::default()
            };
            assert_eq!(effect, expected);
        }
    }

    #[test]
    fn arrow_keys_move_between_its_buttons_only_once_one_has_focus() {
        let snap = UiSnapshot::default();
        let up = ManageAccounts.update(Msg::Key("ArrowUp".into()), &cx(&snap, Some(1)));
        assert_eq!(up.focus, Some(Focus::Nav(0)));
        assert!(up.prevent_default);
        let wrapped = ManageAccounts.update(Msg::Key("ArrowDown".into()), &cx(&snap, Some(3)));
        assert_eq!(wrapped.focus, Some(Focus::Nav(0)));
        let unfocused = ManageAccounts.update(Msg::Key("ArrowDown".into()), &cx(&snap, None));
        assert_eq!(unfocused, Effect::default(), "the page keeps its scrolling");
        let tab = ManageAccounts.update(Msg::Key("Tab".into()), &cx(&snap, Some(1)));
        assert_eq!(tab, Effect::default());
    }
}
