//! GymAPI as deployed (cf6cb8a) answers 500 to check-ins past the early exits:
//! registered members fall back to the participation endpoint, walk-ins are
//! parked with a reason staff can read; nothing is retried forever.
//! Also, without the extension, a late walk-in is parked, never dropped.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{Duration, Utc};

#[test]
fn as_deployed_500s_fall_back_for_registered_members_and_park_walk_ins() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 10, now));
    let server = Central::start(&[&snap], &["--as-deployed"]);
    let data = dir.path().join("desk");
    assert!(sync_once(&data, &server, 1, &[]).status.success());
    let registered = check_in(&data, 10_001, sid(1, NOW), now - Duration::minutes(1));
    let walk_in = check_in(&data, 10_005, sid(1, NOW), now - Duration::minutes(1));
    let late_registered = check_in(&data, 10_002, sid(1, PAST), now - Duration::hours(3) + Duration::minutes(2));

    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert_eq!(o.status.code(), Some(1), "a parked event makes the round fail visibly: {}", text(&o));
    let events = outbox(&data);
    let state = |id: &str| events.iter().find(|e| e["event_id"] == id).unwrap().clone();
    assert_eq!(state(&registered)["state"], "sent");
    assert_eq!(state(&late_registered)["state"], "sent");
    let parked = state(&walk_in);
    assert_eq!(parked["state"], "parked", "{parked}");
    assert_eq!(parked["park_code"], "checkin_endpoint_broken", "{parked}");
    assert!(parked["last_error"].as_str().unwrap().contains("500"), "the reason names the failure: {parked}");

    let records = records_by_member(&server);
    assert_eq!(records.len(), 2, "{records:?}");
    assert_eq!(records[&10_001]["via"], serde_json::json!(["attendance"]), "fallback after the 500");
    assert_eq!(records[&10_002]["via"], serde_json::json!(["attendance"]), "after the window: participation endpoint");

    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert!(o.status.success(), "parked events are not retried on their own: {}", text(&o));
    assert_eq!(records_by_member(&server)[&10_001]["times_recorded"], 1, "nothing is written twice");
}

#[test]
fn a_walk_in_replayed_after_the_window_is_parked_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 10, now));
    let server = Central::start(&[&snap], &[]);
    let data = dir.path().join("desk");
    assert!(sync_once(&data, &server, 1, &[]).status.success());
    let late = check_in(&data, 10_006, sid(1, PAST), now - Duration::hours(3) + Duration::minutes(5));
    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let e = outbox(&data).into_iter().find(|e| e["event_id"] == late.as_str()).unwrap();
    assert_eq!(e["state"], "parked");
    assert_eq!(e["park_code"], "class_started_unbooked", "{e}");
    assert!(e["last_error"].as_str().unwrap().contains("30 minutos"), "in the desk's language (Spanish): {e}");
    assert!(server.check_ins().is_empty(), "nothing was sent the server would misrecord");
}
