//! GymAPI as deployed (cf6cb8a) answers 500 to check-ins past the early exits:
//! registered members fall back to the participation endpoint, walk-ins are
//! parked with a reason staff can read; nothing is retried forever.
//! Also, without the extension, a late walk-in is parked, never dropped.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{Duration, Utc};

/// A desk that pulled a 10-member gym from `frontdesk-central` started with
/// `flags`: its folder (kept alive by the guard), the server, the data
/// directory and the time the gym was built around.
fn pulled_desk(flags: &[&str]) -> (tempfile::TempDir, Central, std::path::PathBuf, chrono::DateTime<Utc>) {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 10, now));
    let server = Central::start(&[&snap], flags);
    let data = dir.path().join("desk");
    assert!(sync_once(&data, &server, 1, &[]).status.success(), "the first pull");
    (dir, server, data, now)
}

#[test]
fn as_deployed_500s_fall_back_for_registered_members_and_park_walk_ins() {
    let (_dir, server, data, now) = pulled_desk(&["--as-deployed"]);
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
    let (_dir, server, data, now) = pulled_desk(&[]);
    let late = check_in(&data, 10_006, sid(1, PAST), now - Duration::hours(3) + Duration::minutes(5));
    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let e = outbox(&data).into_iter().find(|e| e["event_id"] == late.as_str()).unwrap();
    assert_eq!(e["state"], "parked");
    assert_eq!(e["park_code"], "class_started_unbooked", "{e}");
    assert!(e["last_error"].as_str().unwrap().contains("30 minutos"), "in the desk's language (Spanish): {e}");
    assert!(server.check_ins().is_empty(), "nothing was sent the server would misrecord");
}

/// A check-in at the desk, by code or by hand, and whether its card says it
/// will have to be entered in GymAPI by hand.
fn desk_check_in(data: &std::path::Path, member_id: i64, manual: bool) -> (String, bool) {
    use frontdesk::checkin::{self, CheckInRequest, Input};
    use frontdesk::clock::FixedClock;
    use frontdesk::domain::{Lang, Source};
    let mut db = frontdesk::db::Db::open_in_dir(data).unwrap();
    let req = CheckInRequest {
        input: if manual { Input::Member(member_id) } else { Input::Code(code(member_id)) },
        session_id: Some(sid(1, NOW)),
        at: None,
        method: if manual { Source::Manual } else { Source::Camera },
        override_reason: None,
        who: Default::default(),
    };
    let v = checkin::check_in(&mut db, &FixedClock::new(Utc::now()), &req, Lang::Es).unwrap();
    assert!(v.success, "member {member_id} is let in: {v:?}");
    (v.event_id.unwrap(), v.warnings.iter().any(|w| w.code == "hand_entry_needed"))
}

/// The card says "to be recorded in GymAPI by hand" exactly for the check-ins
/// the push then parks: walk-ins into a class that has started, on GymAPI as
/// deployed. Against a server with the extension, once a push has found it,
/// the same walk-in has no such warning, and is sent.
#[test]
fn the_card_says_which_check_ins_will_need_entering_by_hand() {
    let (_dir, server, data, _) = pulled_desk(&["--as-deployed"]);
    // The class (NOW) started 10 minutes ago; member 10_001 booked it, 10_005 and 10_007 did not.
    let (booked, hand) = desk_check_in(&data, 10_001, false);
    assert!(!hand, "a booked member goes through the participation endpoint");
    // Before any push the desk knows nothing of the server, and says nothing.
    let (_, hand) = desk_check_in(&data, 10_003, false);
    assert!(!hand, "nothing learnt yet: no warning");
    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert_eq!(o.status.code(), Some(1), "10_003 is parked: {}", text(&o));
    assert_eq!(outbox(&data).iter().find(|e| e["event_id"] == booked.as_str()).unwrap()["state"], "sent");
    // That push found no extension and a check-in endpoint that answers 500.
    let (scanned, hand) = desk_check_in(&data, 10_005, false);
    assert!(hand, "a scanned walk-in after the start, on GymAPI as deployed");
    let (manual, hand) = desk_check_in(&data, 10_007, true);
    assert!(hand, "a walk-in entered by hand after the start");

    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let events = outbox(&data);
    let state = |id: &str| events.iter().find(|e| e["event_id"] == id).unwrap()["state"].clone();
    assert_eq!(state(&booked), "sent");
    assert_eq!((state(&scanned), state(&manual)), ("parked".into(), "parked".into()), "as the cards said");

    let (_ext_dir, server, data, _) = pulled_desk(&["--extension"]);
    let (_, hand) = desk_check_in(&data, 10_001, false);
    assert!(!hand);
    assert!(sync_once(&data, &server, 1, &["--no-pull"]).status.success(), "the push finds the extension");
    let traits = frontdesk::db::server_traits::load(frontdesk::db::Db::open_in_dir(&data).unwrap().conn()).unwrap();
    assert_eq!(traits.extension, Some(true));
    let (walk_in, hand) = desk_check_in(&data, 10_005, true);
    assert!(!hand, "the extension takes a late walk-in: no hand entry");
    assert!(sync_once(&data, &server, 1, &["--no-pull"]).status.success());
    let e = outbox(&data).into_iter().find(|e| e["event_id"] == walk_in.as_str()).unwrap();
    assert_eq!(e["state"], "sent", "{e}");
}
