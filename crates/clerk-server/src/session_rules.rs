//! The rules a new session on a client must pass, as one pure function over the client's live
//! sessions: no second live session for one account, single-session mode, the per-client cap.
//!
//! The store runs [`check`] inside the transaction that inserts the session, with the client's row
//! locked (PostgreSQL `SELECT ... FOR UPDATE`, SQLite `BEGIN IMMEDIATE`), so two sign-ins racing on
//! one client, in one process or two, cannot both pass the cap.

/// Why a new session is refused (the store answers it as
/// [`StoreError::Refused`](crate::store::StoreError::Refused)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The account has a live session on this client already.
    #[error("identifier already signed in")]
    AlreadySignedIn {
        /// That session.
        session_id: String,
    },
    /// Single-session mode and the client holds a live session.
    #[error("session exists")]
    SessionExists,
    /// The client holds the most sessions allowed.
    #[error("max sessions reached")]
    MaxSessionsReached {
        /// The cap.
        max: u32,
    },
}

/// The settings the rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionRules {
    /// At most one live session per client.
    pub single_session_mode: bool,
    /// The most live sessions one client may hold.
    pub max_sessions_per_client: u32,
}

/// A live session of the client: `(session id, user id)`.
pub type LiveSession = (String, String);

/// Checks that `user_id` (None for a brand-new account) may get a new session on a client
/// holding the `live` sessions.
pub fn check(
    rules: SessionRules,
    live: &[LiveSession],
    user_id: Option<&str>,
) -> Result<(), Refusal> {
    if let Some((session_id, _)) = live.iter().find(|(_, u)| Some(u.as_str()) == user_id) {
        return Err(Refusal::AlreadySignedIn {
            session_id: session_id.clone(),
        });
    }
    if rules.single_session_mode && !live.is_empty() {
        return Err(Refusal::SessionExists);
    }
    if live.len() >= rules.max_sessions_per_client as usize {
        return Err(Refusal::MaxSessionsReached {
            max: rules.max_sessions_per_client,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live(n: usize) -> Vec<LiveSession> {
        (0..n)
            .map(|i| (format!("sess_{i}"), format!("user_{i}")))
            .collect()
    }

    const MULTI: SessionRules = SessionRules {
        single_session_mode: false,
        max_sessions_per_client: 3,
    };

    #[test]
    fn the_cap_allows_up_to_max_sessions_and_refuses_the_next() {
        assert!(check(MULTI, &live(2), Some("user_x")).is_ok());
        assert!(matches!(
            check(MULTI, &live(3), Some("user_x")),
            Err(Refusal::MaxSessionsReached { max: 3 })
        ));
    }

    #[test]
    fn an_account_already_live_on_the_client_is_refused_with_its_session() {
        match check(MULTI, &live(3), Some("user_1")) {
            Err(Refusal::AlreadySignedIn { session_id }) => {
                assert_eq!(session_id, "sess_1")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn single_session_mode_refuses_a_second_session() {
        let single = SessionRules {
            single_session_mode: true,
            ..MULTI
        };
        assert!(check(single, &[], None).is_ok());
        assert!(matches!(
            check(single, &live(1), None),
            Err(Refusal::SessionExists)
        ));
    }
}
