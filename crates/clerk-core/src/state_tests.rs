//! Unit tests of [`crate::state::ClientState`] transitions.

use crate::fixtures::client;
use crate::state::{ClientState, Status};

#[test]
fn a_fresh_tab_follows_the_clients_last_active_session() {
    let mut s = ClientState::new(None);
    assert!(s.apply_client(Some(client(&["a", "b"], Some("b")))));
    assert_eq!(s.active_id(), Some("sess_b"));
    assert_eq!(
        s.active_session().map(|x| x.user.id.as_str()),
        Some("user_b")
    );
}

#[test]
fn a_reloaded_tab_keeps_its_own_session_from_session_storage() {
    let mut s = ClientState::new(Some("sess_a".into()));
    s.apply_client(Some(client(&["a", "b"], Some("b"))));
    assert_eq!(s.active_id(), Some("sess_a"));
}

#[test]
fn a_stored_session_that_is_gone_falls_back_to_the_last_active_one() {
    let mut s = ClientState::new(Some("sess_gone".into()));
    s.apply_client(Some(client(&["a", "b"], Some("b"))));
    assert_eq!(s.active_id(), Some("sess_b"));
}

#[test]
fn another_tab_switching_does_not_switch_this_tab() {
    let mut s = ClientState::new(None);
    s.apply_client(Some(client(&["a", "b"], Some("a"))));
    let changed = s.apply_client(Some(client(&["a", "b"], Some("b"))));
    assert_eq!(s.active_id(), Some("sess_a"));
    assert!(changed, "the client itself changed");
}

#[test]
fn losing_the_active_session_signs_the_tab_out_instead_of_picking_another() {
    let mut s = ClientState::new(None);
    s.apply_client(Some(client(&["a", "b"], Some("a"))));
    s.apply_client(Some(client(&["b"], Some("b"))));
    assert_eq!(s.active_id(), None);
    assert_eq!(s.sessions().len(), 1);
}

#[test]
fn a_tab_without_a_session_adopts_a_brand_new_sign_in() {
    let mut s = ClientState::new(None);
    s.apply_client(Some(client(&["a"], Some("a"))));
    s.apply_client(Some(client(&[], None)));
    assert_eq!(s.active_id(), None);
    s.apply_client(Some(client(&["c"], Some("c"))));
    assert_eq!(s.active_id(), Some("sess_c"));
}

#[test]
fn the_cached_client_does_not_decide_the_active_session() {
    let mut s = ClientState::new(None);
    s.apply_cached(client(&["a"], Some("a")));
    assert_eq!(s.active_id(), Some("sess_a"));
    s.apply_client(Some(client(&["b"], Some("b"))));
    assert_eq!(
        s.active_id(),
        Some("sess_b"),
        "the server's first answer decides"
    );
}

#[test]
fn applying_the_same_client_twice_changes_nothing() {
    let mut s = ClientState::new(None);
    s.apply_client(Some(client(&["a"], Some("a"))));
    let v = s.version();
    assert!(!s.apply_client(Some(client(&["a"], Some("a")))));
    assert_eq!(s.version(), v);
}

#[test]
fn set_active_is_immediate_and_can_be_rolled_back() {
    let mut s = ClientState::new(None);
    s.apply_client(Some(client(&["a", "b"], Some("a"))));
    let rb = s.set_active(Some("sess_b")).unwrap();
    assert_eq!(s.active_id(), Some("sess_b"));
    assert!(s.rollback(rb));
    assert_eq!(s.active_id(), Some("sess_a"));
}

#[test]
fn a_stale_rollback_does_not_undo_a_later_choice() {
    let mut s = ClientState::new(None);
    s.apply_client(Some(client(&["a", "b", "c"], Some("a"))));
    let rb = s.set_active(Some("sess_b")).unwrap();
    s.set_active(Some("sess_c")).unwrap();
    assert!(!s.rollback(rb));
    assert_eq!(s.active_id(), Some("sess_c"));
}

#[test]
fn set_active_to_an_unknown_session_fails_with_session_not_found() {
    let mut s = ClientState::new(None);
    s.apply_client(Some(client(&["a"], Some("a"))));
    let err = s.set_active(Some("sess_zz")).unwrap_err();
    assert_eq!(err.code(), "session_not_found");
    assert_eq!(s.active_id(), Some("sess_a"));
}

#[test]
fn set_active_null_signs_the_tab_out_locally() {
    let mut s = ClientState::new(None);
    s.apply_client(Some(client(&["a"], Some("a"))));
    s.set_active(None).unwrap();
    assert_eq!(s.active_session(), None);
    assert!(
        !s.apply_client(Some(client(&["a"], Some("a")))),
        "a known session is not re-adopted"
    );
}

#[test]
fn a_401_drops_the_session_and_the_tab_loses_it() {
    let mut s = ClientState::new(None);
    s.apply_client(Some(client(&["a", "b"], Some("a"))));
    assert!(s.drop_session("sess_a"));
    assert_eq!(s.active_id(), None);
    assert_eq!(
        s.sessions()
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>(),
        vec!["sess_b"]
    );
    assert_eq!(
        s.client().and_then(|c| c.last_active_session_id.clone()),
        None
    );
    assert!(!s.drop_session("sess_a"));
}

#[test]
fn load_status_and_snapshot_follow_the_state() {
    let mut s = ClientState::new(None);
    assert_eq!(s.status(), Status::Loading);
    s.apply_client(Some(client(&["a"], Some("a"))));
    assert!(s.set_loaded(Status::Degraded));
    let snap = s.snapshot();
    assert!(snap.loaded);
    assert_eq!(snap.status.as_str(), "degraded");
    assert_eq!(snap.session.map(|x| x.id), Some("sess_a".to_owned()));
    assert!(s.set_status(Status::Ready));
    assert!(!s.set_status(Status::Ready));
}

#[test]
fn no_client_means_no_session() {
    let mut s = ClientState::new(Some("sess_a".into()));
    s.apply_client(None);
    assert_eq!(s.active_id(), None);
    assert!(s.sessions().is_empty());
}
