//! Unit tests of the client cache: versions, fills, patches, age and capacity, with explicit
//! instants.

use super::*;
use clerk_protocol::{SessionStatus, User};

fn snapshot(id: &str, last_active: Option<&str>) -> Snapshot {
    Snapshot {
        client: ClientRow {
            id: id.into(),
            secret_hash: "h".into(),
            last_active_session_id: last_active.map(Into::into),
            created_at: 1,
            updated_at: 1,
            generation: 0,
            prev_secret_hash: None,
            prev_secret_until: 0,
            rotated_at: 1,
        },
        sessions: vec![SessionRow {
            id: "sess_a".into(),
            client_id: id.into(),
            stored_status: SessionStatus::Active,
            last_active_at: 1,
            expire_at: 100,
            abandon_at: 100,
            user_agent: None,
            ip_address: None,
            created_at: 1,
            updated_at: 1,
            generation: 0,
            factor_verified_at: 0,
            user: User {
                object: "user".into(),
                id: "user_a".into(),
                first_name: None,
                last_name: None,
                email_address: "a@example.com".into(),
                image_url: None,
                email_addresses: Vec::new(),
                primary_email_address_id: None,
                created_at: 1,
                updated_at: 1,
            },
        }],
        as_of: 1,
    }
}

fn enabled(capacity: usize) -> ClientCache {
    let cache = ClientCache::new(capacity);
    cache.enable();
    cache
}

fn ticket(cache: &ClientCache, id: &str, now: Instant) -> FillTicket {
    match cache.get(id, now) {
        Err(Some(t)) => t,
        other => panic!("expected a miss with a ticket, got {other:?}"),
    }
}

#[test]
fn a_cache_that_was_never_enabled_serves_nothing_and_gives_no_ticket() {
    let cache = ClientCache::new(10);
    assert!(matches!(cache.get("client_1", Instant::now()), Err(None)));
}

#[test]
fn a_filled_client_is_served_until_it_is_invalidated() {
    let cache = enabled(10);
    let t0 = Instant::now();
    let t = ticket(&cache, "client_1", t0);
    cache.fill("client_1", t, Some(snapshot("client_1", None)), t0);
    let hit = cache.get("client_1", t0).expect("a hit");
    assert_eq!(hit.client.id, "client_1");
    cache.invalidate("client_1");
    assert!(matches!(cache.get("client_1", t0), Err(Some(_))));
}

#[test]
fn a_fill_that_read_before_an_invalidation_is_not_stored() {
    let cache = enabled(10);
    let t0 = Instant::now();
    let t = ticket(&cache, "client_1", t0);
    cache.invalidate("client_1");
    cache.fill("client_1", t, Some(snapshot("client_1", None)), t0);
    assert!(cache.get("client_1", t0).is_err());
    assert_eq!(cache.held(), 0);
}

#[test]
fn a_fill_that_read_before_a_patch_is_not_stored() {
    let cache = enabled(10);
    let t0 = Instant::now();
    let t = ticket(&cache, "client_1", t0);
    let version = cache.version("client_1");
    cache.patch("client_1", version, |_| true);
    cache.fill("client_1", t, Some(snapshot("client_1", None)), t0);
    assert_eq!(cache.held(), 0);
}

#[test]
fn an_unknown_client_is_not_cached() {
    let cache = enabled(10);
    let t0 = Instant::now();
    let t = ticket(&cache, "client_x", t0);
    cache.fill("client_x", t, None, t0);
    assert!(cache.get("client_x", t0).is_err());
}

#[test]
fn a_patch_applies_to_the_held_snapshot_when_nothing_changed_since_the_write_was_sent() {
    let cache = enabled(10);
    let t0 = Instant::now();
    let t = ticket(&cache, "client_1", t0);
    cache.fill("client_1", t, Some(snapshot("client_1", None)), t0);
    let version = cache.version("client_1");
    cache.patch("client_1", version, |s| {
        s.client.last_active_session_id = Some("sess_a".into());
        true
    });
    let hit = cache.get("client_1", t0).expect("still held");
    assert_eq!(hit.client.last_active_session_id.as_deref(), Some("sess_a"));
}

#[test]
fn a_patch_forgets_the_client_when_another_change_came_in_between() {
    let cache = enabled(10);
    let t0 = Instant::now();
    let t = ticket(&cache, "client_1", t0);
    cache.fill("client_1", t, Some(snapshot("client_1", None)), t0);
    let version = cache.version("client_1");
    cache.invalidate("client_1");
    let t = ticket(&cache, "client_1", t0);
    cache.fill("client_1", t, Some(snapshot("client_1", None)), t0);
    cache.patch("client_1", version, |s| {
        s.client.last_active_session_id = Some("sess_a".into());
        true
    });
    assert!(cache.get("client_1", t0).is_err());
}

#[test]
fn an_entry_older_than_the_maximum_age_is_read_again() {
    let cache = enabled(10);
    let t0 = Instant::now();
    let t = ticket(&cache, "client_1", t0);
    cache.fill("client_1", t, Some(snapshot("client_1", None)), t0);
    assert!(cache.get("client_1", t0 + MAX_AGE / 2).is_ok());
    assert!(matches!(cache.get("client_1", t0 + MAX_AGE), Err(Some(_))));
}

#[test]
fn disabling_empties_the_cache_and_refuses_fills_in_flight() {
    let cache = enabled(10);
    let t0 = Instant::now();
    let t = ticket(&cache, "client_1", t0);
    cache.disable();
    cache.fill("client_1", t, Some(snapshot("client_1", None)), t0);
    assert!(matches!(cache.get("client_1", t0), Err(None)));
    cache.enable();
    assert!(matches!(cache.get("client_1", t0), Err(Some(_))));
    assert_eq!(cache.held(), 0);
}

#[test]
fn a_full_cache_makes_room_and_never_holds_more_than_its_capacity() {
    let cache = enabled(3);
    let t0 = Instant::now();
    for i in 0..10 {
        let id = format!("client_{i}");
        let t = ticket(&cache, &id, t0);
        cache.fill(&id, t, Some(snapshot(&id, None)), t0);
        assert!(cache.held() <= 3);
    }
    assert!(cache.get("client_9", t0).is_ok());
}

#[test]
fn a_capacity_of_zero_turns_the_cache_off() {
    let cache = enabled(0);
    assert!(!cache.is_enabled());
    assert!(matches!(cache.get("client_1", Instant::now()), Err(None)));
}

#[test]
fn a_patch_that_cannot_apply_forgets_the_client() {
    let cache = enabled(10);
    let t0 = Instant::now();
    let t = ticket(&cache, "client_1", t0);
    cache.fill("client_1", t, Some(snapshot("client_1", None)), t0);
    let version = cache.version("client_1");
    cache.patch("client_1", version, |_| false);
    assert!(cache.get("client_1", t0).is_err());
}
