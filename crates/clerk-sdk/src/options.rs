//! The options of a [`crate::Clerk`]: where sign-outs go, the sign-in page, and how the SDK
//! navigates (a router's push instead of `location.assign`).

use futures_util::future::LocalBoxFuture;
use std::rc::Rc;

/// Goes to a URL; the SDK waits for the returned future (a router's navigation).
pub type Navigate = Rc<dyn Fn(String) -> LocalBoxFuture<'static, ()>>;

/// SDK options; [`ClerkOptions::merge`] lets later ones override what they set.
#[derive(Clone, Default)]
pub struct ClerkOptions {
    /// Where signing out of every account goes (no navigation when unset).
    pub after_sign_out_url: Option<String>,
    /// Where signing out of the active account goes while others remain (default: the
    /// account chooser, `{sign_in_url}/choose` or the instance's `after_sign_out_one_url`).
    pub after_multi_session_single_sign_out_url: Option<String>,
    /// The sign-in page (its `/choose` route is the account chooser).
    pub sign_in_url: Option<String>,
    /// Called with a URL instead of `location.assign`.
    pub navigate: Option<Navigate>,
}

impl std::fmt::Debug for ClerkOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClerkOptions")
            .field("after_sign_out_url", &self.after_sign_out_url)
            .field(
                "after_multi_session_single_sign_out_url",
                &self.after_multi_session_single_sign_out_url,
            )
            .field("sign_in_url", &self.sign_in_url)
            .field("navigate", &self.navigate.is_some())
            .finish()
    }
}

impl ClerkOptions {
    /// Takes every option `later` sets; keeps the others.
    pub fn merge(&mut self, later: ClerkOptions) {
        let ClerkOptions {
            after_sign_out_url,
            after_multi_session_single_sign_out_url,
            sign_in_url,
            navigate,
        } = later;
        if after_sign_out_url.is_some() {
            self.after_sign_out_url = after_sign_out_url;
        }
        if after_multi_session_single_sign_out_url.is_some() {
            self.after_multi_session_single_sign_out_url = after_multi_session_single_sign_out_url;
        }
        if sign_in_url.is_some() {
            self.sign_in_url = sign_in_url;
        }
        if navigate.is_some() {
            self.navigate = navigate;
        }
    }
}
