//! Unit tests of [`crate::token_cache::TokenCache`] with a fake clock.

use crate::clock::{Clock, FakeClock};
use crate::token_cache::{Lookup, TokenCache, TokenKey, TokenPolicy};

const LIFE: i64 = 60_000;

fn cache() -> TokenCache<u32> {
    TokenCache::new(TokenPolicy {
        min_remaining_ms: 10_000,
        refresh_ahead_ms: 20_000,
        keep_warm_ms: 120_000,
    })
}

fn fill(c: &mut TokenCache<u32>, key: &TokenKey, jwt: &str, now: i64) {
    assert_eq!(c.lookup(key, now, false), Lookup::Fetch);
    c.started(key, 1, now);
    assert!(c.finished(key, Some((jwt.into(), LIFE)), now));
}

#[test]
fn a_token_is_served_from_the_cache_while_more_than_ten_seconds_are_left() {
    let clock = FakeClock::at(1_000_000);
    let mut c = cache();
    let key = TokenKey::new("sess_a", None);
    fill(&mut c, &key, "t1", clock.now_ms());
    clock.advance(49_999);
    assert_eq!(
        c.lookup(&key, clock.now_ms(), false),
        Lookup::Cached("t1".into())
    );
    clock.advance(1);
    assert_eq!(c.lookup(&key, clock.now_ms(), false), Lookup::Fetch);
}

#[test]
fn skip_cache_forces_a_request() {
    let mut c = cache();
    let key = TokenKey::new("sess_a", None);
    fill(&mut c, &key, "t1", 0);
    assert_eq!(c.lookup(&key, 1, true), Lookup::Fetch);
}

#[test]
fn concurrent_callers_share_one_request() {
    let mut c = cache();
    let key = TokenKey::new("sess_a", None);
    assert_eq!(c.lookup(&key, 0, false), Lookup::Fetch);
    c.started(&key, 7, 0);
    assert_eq!(c.lookup(&key, 1, false), Lookup::Join(7));
    assert_eq!(c.lookup(&key, 2, true), Lookup::Join(7));
    assert!(c.finished(&key, Some(("t".into(), LIFE)), 3));
    assert_eq!(c.lookup(&key, 4, false), Lookup::Cached("t".into()));
}

#[test]
fn templates_and_sessions_are_cached_separately() {
    let mut c = cache();
    let plain = TokenKey::new("sess_a", None);
    let tpl = TokenKey::new("sess_a", Some("hasura"));
    let other = TokenKey::new("sess_b", None);
    fill(&mut c, &plain, "p", 0);
    assert_eq!(c.lookup(&tpl, 0, false), Lookup::Fetch);
    assert_eq!(c.lookup(&other, 0, false), Lookup::Fetch);
    assert_eq!(c.peek(&plain, 0), Some("p"));
}

#[test]
fn dropping_a_session_forgets_its_tokens_and_ignores_late_answers() {
    let mut c = cache();
    let a = TokenKey::new("sess_a", None);
    let b = TokenKey::new("sess_b", None);
    fill(&mut c, &b, "b", 0);
    c.lookup(&a, 0, false);
    c.started(&a, 1, 0);
    c.drop_session("sess_a");
    assert!(!c.finished(&a, Some(("late".into(), LIFE)), 1));
    assert_eq!(c.peek(&a, 1), None);
    assert_eq!(c.peek(&b, 1), Some("b"));
    c.clear();
    assert_eq!(c.peek(&b, 1), None);
}

#[test]
fn a_failed_request_frees_the_slot_for_the_next_caller() {
    let mut c = cache();
    let key = TokenKey::new("sess_a", None);
    c.lookup(&key, 0, false);
    c.started(&key, 1, 0);
    assert!(!c.finished(&key, None, 1));
    assert_eq!(c.lookup(&key, 2, false), Lookup::Fetch);
}

#[test]
fn background_refresh_is_due_twenty_seconds_before_expiry() {
    let clock = FakeClock::at(0);
    let mut c = cache();
    let key = TokenKey::new("sess_a", None);
    fill(&mut c, &key, "t", clock.now_ms());
    assert_eq!(c.next_refresh_at(clock.now_ms(), None), Some(40_000));
    clock.advance(39_999);
    assert!(c.due_refreshes(clock.now_ms(), None).is_empty());
    clock.advance(1);
    assert_eq!(c.due_refreshes(clock.now_ms(), None), vec![key.clone()]);
    c.started(&key, 2, clock.now_ms());
    assert!(
        c.due_refreshes(clock.now_ms(), None).is_empty(),
        "not while one is in flight"
    );
    assert_eq!(c.lookup(&key, clock.now_ms(), false), Lookup::Join(2));
}

#[test]
fn unused_tokens_go_cold_but_the_active_sessions_token_stays_warm() {
    let mut c = TokenCache::new(TokenPolicy {
        min_remaining_ms: 10_000,
        refresh_ahead_ms: 20_000,
        keep_warm_ms: 30_000,
    });
    let a = TokenKey::new("sess_a", None);
    let b = TokenKey::new("sess_b", None);
    fill(&mut c, &a, "a", 0);
    fill(&mut c, &b, "b", 0);
    let later = 45_000;
    assert_eq!(c.due_refreshes(later, Some("sess_a")), vec![a.clone()]);
    assert_eq!(c.next_refresh_at(later, None), None);
}

#[test]
fn cached_tokens_expire_by_their_lifetime_not_the_wall_clock_of_the_server() {
    let mut c = cache();
    let key = TokenKey::new("sess_a", None);
    c.lookup(&key, 5_000_000, false);
    c.started(&key, 1, 5_000_000);
    c.finished(&key, Some(("t".into(), 30_000)), 5_000_000);
    assert_eq!(c.peek(&key, 5_019_999), Some("t"));
    assert_eq!(c.peek(&key, 5_020_000), None);
}

#[test]
fn an_expired_token_is_not_refreshed_in_the_background() {
    let mut c = cache();
    let key = TokenKey::new("sess_a", None);
    fill(&mut c, &key, "t", 0);
    assert_eq!(c.due_refreshes(59_999, Some("sess_a")), vec![key.clone()]);
    assert!(c.due_refreshes(60_000, Some("sess_a")).is_empty());
    assert_eq!(c.next_refresh_at(60_000, Some("sess_a")), None);
}
