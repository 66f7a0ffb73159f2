//! The props of a mounted component: where its actions go, and its first view.

use crate::model::SignInStart;

/// The URLs and start view a mounted component acts with. `None` falls back to the instance's
/// `display_config` (or stays on the page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Props {
    /// Where switching accounts goes.
    pub after_switch_session_url: Option<String>,
    /// Where "Add account" goes.
    pub sign_in_url: Option<String>,
    /// Where "Manage account" goes (default `/account/`).
    pub user_profile_url: Option<String>,
    /// Where a successful sign-in (or a pick in the chooser) goes.
    pub after_sign_in_url: Option<String>,
    /// Where a successful sign-up goes.
    pub after_sign_up_url: Option<String>,
    /// The sign-in component's first view.
    pub start: SignInStart,
}
