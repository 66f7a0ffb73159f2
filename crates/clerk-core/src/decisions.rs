//! What the SDK does after a call, as pure functions of the outcome and the state (tested
//! natively): which error drops which session, when the SDK goes degraded, and where signing out
//! goes.

use crate::error::ClerkError;

/// What a failed call changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEffects {
    /// The server could not be reached: the SDK becomes `degraded` (keeping the last known
    /// state) and reconnects in the background. Only once loaded: before, `load()` decides.
    pub degrade: bool,
    /// The server said this session is no longer usable (a 401 about it): it leaves the state
    /// and its tokens are forgotten.
    pub drop_session: Option<String>,
}

/// The effects of `err` on a call about `session_id` (if it was about one), with the SDK
/// `loaded` or not: [`degrades`] and [`dropped_session`] together.
pub fn effects_of(err: &ClerkError, session_id: Option<&str>, loaded: bool) -> ErrorEffects {
    ErrorEffects {
        degrade: degrades(err, loaded),
        drop_session: dropped_session(err, session_id).map(str::to_owned),
    }
}

/// [`ErrorEffects::degrade`] of `err`, with the SDK `loaded` or not.
pub fn degrades(err: &ClerkError, loaded: bool) -> bool {
    loaded && matches!(err, ClerkError::Network(_))
}

/// [`ErrorEffects::drop_session`] of `err` on a call about `session_id`, borrowed (the SDK
/// applies the effects on the caller's id; no copy of it).
pub fn dropped_session<'a>(err: &ClerkError, session_id: Option<&'a str>) -> Option<&'a str> {
    session_id.filter(|_| err.is_unauthorized())
}

/// Where signing out of one session goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterSignOut {
    /// Stay on the page.
    Stay,
    /// The given URL (the caller's `redirectUrl`).
    Url(String),
    /// The account chooser: the signed-out session was this tab's and others remain (the seeds:
    /// never silently pick another account).
    Chooser,
    /// The after-sign-out URL of the options, if any: the tab's last account is gone.
    AfterSignOutUrl,
}

/// Where signing out of one session goes: `was_active` in this tab, `others_remain` on the
/// client, with the caller's `redirect_url`.
pub fn after_sign_out_one(
    was_active: bool,
    others_remain: bool,
    redirect_url: Option<String>,
) -> AfterSignOut {
    match (was_active, others_remain, redirect_url) {
        (_, _, Some(url)) => AfterSignOut::Url(url),
        (true, true, _) => AfterSignOut::Chooser,
        (true, false, _) => AfterSignOut::AfterSignOutUrl,
        (false, _, _) => AfterSignOut::Stay,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clerk_protocol::ErrorCode;

    #[test]
    fn a_401_about_a_session_drops_it_and_network_trouble_degrades_once_loaded() {
        let gone = ClerkError::api(ErrorCode::SessionExpired, "gone");
        assert_eq!(
            effects_of(&gone, Some("sess_a"), true),
            ErrorEffects {
                degrade: false,
                drop_session: Some("sess_a".into())
            }
        );
        assert_eq!(effects_of(&gone, None, true).drop_session, None);
        let not_found = ClerkError::api(ErrorCode::SessionNotFound, "no");
        assert_eq!(
            effects_of(&not_found, Some("sess_a"), true).drop_session,
            None
        );
        let offline = ClerkError::Network("down".into());
        assert!(effects_of(&offline, Some("sess_a"), true).degrade);
        assert!(!effects_of(&offline, Some("sess_a"), false).degrade);
        let throttled = ClerkError::api(ErrorCode::TooManyRequests, "slow");
        assert_eq!(
            effects_of(&throttled, Some("sess_a"), true),
            ErrorEffects {
                degrade: false,
                drop_session: None
            }
        );
    }

    #[test]
    fn the_borrowing_halves_agree_with_effects_of() {
        let gone = ClerkError::api(ErrorCode::SessionExpired, "gone");
        let offline = ClerkError::Network("down".into());
        let id = String::from("sess_a");
        for err in [&gone, &offline] {
            for session_id in [Some(id.as_str()), None] {
                for loaded in [true, false] {
                    let effects = effects_of(err, session_id, loaded);
                    assert_eq!(degrades(err, loaded), effects.degrade);
                    assert_eq!(
                        dropped_session(err, session_id),
                        effects.drop_session.as_deref()
                    );
                }
            }
        }
        // The very slice given, not a copy.
        let dropped = dropped_session(&gone, Some(&id));
        assert!(dropped.is_some_and(|d| std::ptr::eq(d, id.as_str())));
    }

    #[test]
    fn signing_out_of_the_active_account_goes_to_the_chooser_while_others_remain() {
        assert_eq!(after_sign_out_one(true, true, None), AfterSignOut::Chooser);
        assert_eq!(
            after_sign_out_one(true, false, None),
            AfterSignOut::AfterSignOutUrl
        );
        assert_eq!(after_sign_out_one(false, true, None), AfterSignOut::Stay);
        assert_eq!(
            after_sign_out_one(true, true, Some("/bye".into())),
            AfterSignOut::Url("/bye".into())
        );
        assert_eq!(
            after_sign_out_one(false, true, Some("/x".into())),
            AfterSignOut::Url("/x".into())
        );
    }
}
