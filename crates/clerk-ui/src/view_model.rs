//! Pure view-model logic, unit-tested natively: what the UserButton panel lists, avatar initials
//! and colour, keyboard navigation arithmetic, device names and "last active" phrases.

use crate::model::{AccountView, UiSnapshot};
use crate::strings::{decimal, has, join};
use crate::text::{Localization, Text};

/// What the UserButton panel shows for a snapshot.
#[derive(Debug, PartialEq, Eq)]
pub struct MenuModel<'a> {
    /// The active account (the panel's header); `None` renders no button at all.
    pub active: Option<&'a AccountView>,
    /// The other signed-in accounts, each one click from being active (multi-session only).
    pub others: Vec<&'a AccountView>,
    /// "Add account" is offered (multi-session only).
    pub add_account: bool,
    /// "Sign out of all accounts" is offered (more than one account signed in).
    pub sign_out_all: bool,
}

impl<'a> MenuModel<'a> {
    /// The model for `snap`.
    pub fn new(snap: &'a UiSnapshot) -> Self {
        let active = snap.active();
        // A plain loop, not an iterator chain: the chain's `next` cost the wasm bytes.
        let mut others = Vec::new();
        if snap.multi_session {
            for a in &snap.accounts {
                if Some(a) != active {
                    others.push(a);
                }
            }
        }
        MenuModel {
            active,
            others,
            add_account: snap.multi_session,
            sign_out_all: snap.accounts.len() > 1,
        }
    }
}

/// Up to two initials: first letters of the first and last words of the name, or the first letter
/// of the email's local part. Upper-casing is left to CSS (`text-transform`), which saves the
/// Unicode case tables in the wasm.
pub fn initials(account: &AccountView) -> String {
    let name = account.full_name.as_deref().unwrap_or("").trim();
    // The first letters of the first and the last space-separated words, found byte-wise: no
    // char searcher, no char iteration, no Vec of words, no char encoding.
    let (mut first, mut last) = ("", "");
    let mut word_start = true;
    for (i, b) in name.bytes().enumerate() {
        if b == b' ' {
            word_start = true;
        } else if word_start {
            word_start = false;
            let letter = first_char(name.get(i..).unwrap_or(""));
            if first.is_empty() {
                first = letter;
            } else {
                last = letter;
            }
        }
    }
    if first.is_empty() {
        first = first_char(account.email.trim());
    }
    if first.is_empty() {
        first = "?";
    }
    join(first, last)
}

/// The first character of `s` as a string slice, its length read from the UTF-8 lead byte.
fn first_char(s: &str) -> &str {
    let len = match s.as_bytes().first() {
        None => 0,
        Some(0..=0x7f) => 1,
        Some(0xc0..=0xdf) => 2,
        Some(0xe0..=0xef) => 3,
        Some(_) => 4,
    };
    s.get(..len).unwrap_or("")
}

/// A stable hue (0–359) for a key (the email address), so each person keeps one avatar colour
/// everywhere and in every test run (FNV-1a).
pub fn avatar_hue(key: &str) -> u32 {
    let hash = key.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash % 360
}

/// The item to focus after `key` is pressed in a list of `len` items with `current` focused:
/// arrows wrap around, Home and End jump; `None` when the key is not a navigation key.
pub fn nav_step(current: Option<usize>, len: usize, key: &str) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let last = len - 1;
    match key {
        "ArrowDown" => Some(current.map_or(0, |c| if c >= last { 0 } else { c + 1 })),
        "ArrowUp" => Some(current.map_or(last, |c| if c == 0 || c > last { last } else { c - 1 })),
        "Home" => Some(0),
        "End" => Some(last),
        _ => None,
    }
}

/// "Chrome on macOS" from a user agent string, or the "unknown device" text.
pub fn describe_device(user_agent: Option<&str>, t: &Localization) -> String {
    let ua = user_agent.unwrap_or("");
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(needle, _)| has(ua, needle))
    .map(|(_, name)| *name);
    let os = [
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| has(ua, needle))
    .map(|(_, name)| *name);
    match (browser, os) {
        (Some(b), Some(o)) => t.fill(Text::BrowserOnOs, &[("browser", b), ("os", o)]),
        (Some(name), None) | (None, Some(name)) => name.to_owned(),
        (None, None) => t.get(Text::UnknownDevice).to_owned(),
    }
}

/// "Active 5 min ago" for a session last active at `then_ms`, seen at `now_ms`.
pub fn last_active(now_ms: i64, then_ms: i64, t: &Localization) -> String {
    let minutes = now_ms.saturating_sub(then_ms).max(0) / 60_000;
    let (text, n) = match minutes {
        0 => return t.get(Text::JustNow).to_owned(),
        1..=59 => (Text::MinutesAgo, minutes),
        60..=1439 => (Text::HoursAgo, minutes / 60),
        _ => (Text::DaysAgo, minutes / 1440),
    };
    t.fill(text, &[("n", &decimal(n as u64))])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, name: Option<&str>, email: &str) -> AccountView {
        AccountView {
            session_id: format!("sess_{id}"),
            user_id: format!("user_{id}"),
            full_name: name.map(Into::into),
            email: email.into(),
            image_url: None,
        }
    }

    #[test]
    fn initials_use_first_and_last_words_or_the_email() {
        assert_eq!(
            initials(&account("1", Some("Ada King Lovelace"), "a@x.io")),
            "AL"
        );
        assert_eq!(initials(&account("1", Some("ada"), "a@x.io")), "a");
        assert_eq!(initials(&account("1", None, "grace@x.io")), "g");
        assert_eq!(initials(&account("1", Some("  "), "émile@x.io")), "é");
        assert_eq!(initials(&account("1", None, "")), "?");
    }

    #[test]
    fn avatar_hue_is_stable_and_in_range() {
        assert_eq!(avatar_hue("user_1"), avatar_hue("user_1"));
        assert_ne!(avatar_hue("user_1"), avatar_hue("user_2"));
        assert!((0..360).contains(&avatar_hue("user_zzz")));
    }

    #[test]
    fn arrow_keys_wrap_and_home_end_jump() {
        assert_eq!(nav_step(None, 3, "ArrowDown"), Some(0));
        assert_eq!(nav_step(Some(0), 3, "ArrowDown"), Some(1));
        assert_eq!(nav_step(Some(2), 3, "ArrowDown"), Some(0));
        assert_eq!(nav_step(None, 3, "ArrowUp"), Some(2));
        assert_eq!(nav_step(Some(0), 3, "ArrowUp"), Some(2));
        assert_eq!(nav_step(Some(7), 3, "ArrowUp"), Some(2));
        assert_eq!(nav_step(Some(1), 3, "Home"), Some(0));
        assert_eq!(nav_step(Some(1), 3, "End"), Some(2));
        assert_eq!(nav_step(Some(1), 3, "Enter"), None);
        assert_eq!(nav_step(None, 0, "ArrowDown"), None);
    }

    #[test]
    fn the_menu_lists_other_accounts_only_in_multi_session_mode() {
        let mut snap = UiSnapshot {
            accounts: vec![
                account("1", Some("Ada"), "a@x.io"),
                account("2", None, "b@x.io"),
                account("3", None, "c@x.io"),
            ],
            active_session_id: Some("sess_2".into()),
            multi_session: true,
            ..Default::default()
        };
        let m = MenuModel::new(&snap);
        assert_eq!(m.active.map(|a| a.email.as_str()), Some("b@x.io"));
        assert_eq!(
            m.others
                .iter()
                .map(|a| a.email.as_str())
                .collect::<Vec<_>>(),
            ["a@x.io", "c@x.io"]
        );
        assert!(m.add_account && m.sign_out_all);
        snap.multi_session = false;
        snap.accounts.truncate(2);
        let m = MenuModel::new(&snap);
        assert!(m.others.is_empty() && !m.add_account);
        assert!(m.sign_out_all, "two accounts are still signed in");
        snap.accounts.truncate(1);
        snap.active_session_id = Some("sess_1".into());
        assert!(!MenuModel::new(&snap).sign_out_all);
    }

    #[test]
    fn devices_are_named_from_their_user_agent() {
        let t = Localization::default();
        let chrome_mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
        assert_eq!(describe_device(Some(chrome_mac), &t), "Chrome on macOS");
        let ff = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(describe_device(Some(ff), &t), "Firefox on Linux");
        assert_eq!(describe_device(Some("curl/8.0"), &t), "Unknown device");
        assert_eq!(describe_device(None, &t), "Unknown device");
    }

    #[test]
    fn last_active_phrases_follow_the_injected_clock() {
        let t = Localization::default();
        let now = 1_700_000_000_000;
        assert_eq!(last_active(now, now - 30_000, &t), "Active just now");
        assert_eq!(last_active(now, now + 30_000, &t), "Active just now");
        assert_eq!(last_active(now, now - 5 * 60_000, &t), "Active 5 min ago");
        assert_eq!(last_active(now, now - 3 * 3_600_000, &t), "Active 3 h ago");
        assert_eq!(last_active(now, now - 2 * 86_400_000, &t), "Active 2 d ago");
    }
}
