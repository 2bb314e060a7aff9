//! Check-ins made while the central API is down reach it once it is back,
//! exactly once each, through the extension (with the scan time) and through
//! the plain API.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{Duration, Utc};

fn outage_round_trip(extension: bool) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("desk");
    let now = Utc::now();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 20, now));
    let mut server = Central::start(&[&snap], if extension { &["--extension"] } else { &[] });
    let o = sync_once(&data, &server, 1, &[]);
    assert!(o.status.success(), "the first pull works: {}", text(&o));

    server.kill();
    let mut scans = Vec::new();
    for m in 3..=8 {
        let at = now - Duration::minutes(m);
        let event = check_in(&data, 10_000 + m, sid(1, NOW), at);
        scans.push((10_000 + m, event, at));
    }
    let o = sync_once(&data, &server, 1, &[]);
    assert_eq!(o.status.code(), Some(1), "a round with the server down fails: {}", text(&o));
    let queued = outbox(&data);
    assert!(queued.iter().all(|e| e["state"] == "queued"), "nothing is lost or parked while offline: {queued:?}");
    let status = frontdesk(&data, &["status", "--json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["sync"]["online"], false, "the status row says offline: {status}");
    assert!(status["sync"]["offline_since"].is_string());

    server.restart();
    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert!(o.status.success(), "the queue drains once the server is back: {}", text(&o));
    let o = sync_once(&data, &server, 1, &[]);
    assert!(o.status.success(), "a second round has nothing left to send: {}", text(&o));

    let records = records_by_member(&server);
    assert_eq!(records.len(), scans.len(), "one record per check-in, none extra: {records:?}");
    for (member, event, at) in &scans {
        let r = &records[member];
        assert_eq!(r["times_recorded"], 1, "member {member} recorded exactly once: {r}");
        if extension {
            let recorded = frontdesk::time::parse_utc(r["attendance_time"].as_str().unwrap()).unwrap();
            assert_eq!(recorded.timestamp_millis(), at.timestamp_millis(), "the scan time travels with the batch");
            assert_eq!(r["event_ids"][0], event.as_str(), "the idempotency key is the outbox event id");
        } else {
            assert_eq!(r["via"][0], "check-in", "the plain API replays the check-in");
        }
    }
    let sent = outbox(&data);
    assert!(sent.iter().all(|e| e["state"] == "sent"), "every event is marked sent: {sent:?}");
}

#[test]
fn check_ins_queued_during_an_outage_arrive_once_with_their_scan_time_via_the_extension() {
    outage_round_trip(true);
}

#[test]
fn check_ins_queued_during_an_outage_arrive_once_via_the_plain_api() {
    outage_round_trip(false);
}
