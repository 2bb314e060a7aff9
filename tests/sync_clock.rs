//! The desk notices a wrong clock. Against a central API whose `Date` header
//! runs ten minutes ahead, a sync round reports the skew in `status`, flags
//! the check-ins recorded since the clocks last agreed and every one made
//! while they disagree; once the clocks agree again new check-ins are clean
//! and the old flags stay for the reports.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{Duration, Utc};
use std::path::Path;

fn status(data: &Path) -> serde_json::Value {
    let o = frontdesk(data, &["status", "--json"]);
    assert!(o.status.success(), "{}", text(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn flag_of(data: &Path, event: &str) -> serde_json::Value {
    let all = outbox(data);
    let e = all.iter().find(|e| e["event_id"] == event).unwrap_or_else(|| panic!("{event} in {all:?}"));
    e["clock_flag"].clone()
}

#[test]
fn a_server_clock_ten_minutes_ahead_is_reported_and_the_affected_scans_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("desk");
    let now = Utc::now();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 20, now));
    let server = Central::start(&[&snap], &["--extension"]);

    // Clocks agree: the first round says so and nothing is flagged.
    let o = sync_once(&data, &server, 1, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let s = status(&data);
    assert_eq!(s["clock"]["state"], "ok", "{s}");
    assert!(s["clock"]["offset_ms"].as_i64().unwrap().abs() < 5_000, "{s}");
    let clean = check_in(&data, 10_003, sid(1, NOW), Utc::now());
    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert!(o.status.success(), "{}", text(&o));

    // The server's clock moves ten minutes ahead of the desk's.
    server.set_clock_offset(600);
    let before_check = check_in(&data, 10_004, sid(1, NOW), Utc::now());
    let _ = sync_once(&data, &server, 1, &["--no-pull"]);
    let s = status(&data);
    assert_eq!(s["clock"]["state"], "skewed", "{s}");
    let offset = s["clock"]["offset_ms"].as_i64().unwrap();
    assert!((595_000..=605_000).contains(&offset), "the offset is the server's ten minutes: {offset}");
    assert!(s["clock"]["checked_at"].is_string(), "{s}");
    assert_eq!(flag_of(&data, &clean), serde_json::Value::Null, "recorded while the clocks agreed");
    assert_eq!(flag_of(&data, &before_check), "skew", "recorded since the clocks last agreed");
    let during = check_in(&data, 10_005, sid(1, NOW), Utc::now() + Duration::seconds(1));
    assert_eq!(flag_of(&data, &during), "skew", "recorded while the clocks disagree");
    assert_eq!(s["clock"]["flagged"], 1, "{s}");

    // Fixed: the next round says ok; new check-ins are clean, old flags stay.
    server.set_clock_offset(0);
    let _ = sync_once(&data, &server, 1, &["--no-pull"]);
    let s = status(&data);
    assert_eq!(s["clock"]["state"], "ok", "{s}");
    let after = check_in(&data, 10_006, sid(1, NOW), Utc::now() + Duration::seconds(2));
    assert_eq!(flag_of(&data, &after), serde_json::Value::Null);
    assert_eq!(flag_of(&data, &during), "skew", "the flag stays for the reports");
    assert_eq!(status(&data)["clock"]["flagged"], 2);
}

#[test]
fn a_desk_clock_that_jumps_back_an_hour_is_caught_without_any_server() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("desk");
    let now = Utc::now();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 20, now));
    let o = frontdesk(&data, &["import", snap.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let first = check_in(&data, 10_003, sid(1, NOW), now);
    let jumped = check_in(&data, 10_004, sid(1, PAST), now - Duration::minutes(175));
    assert_eq!(flag_of(&data, &first), serde_json::Value::Null);
    assert_eq!(flag_of(&data, &jumped), "backwards");
    let s = status(&data);
    assert_eq!(s["clock"]["state"], "went_backwards", "{s}");
    assert!(s["clock"]["by_ms"].as_i64().unwrap() >= 3_600_000, "{s}");

    // The day's report marks the doubtful scan time.
    let tz: chrono_tz::Tz = s["gym"]["timezone"].as_str().unwrap_or("UTC").parse().unwrap();
    let day = (now - Duration::minutes(175)).with_timezone(&tz).date_naive().to_string();
    let o = frontdesk(&data, &["report", "--date", &day, "--table", "check-ins", "--lang", "en"]);
    assert!(o.status.success(), "{}", text(&o));
    let csv = String::from_utf8(o.stdout).unwrap();
    let doubtful: Vec<&str> = csv.lines().filter(|l| l.contains("the desk's clock went backwards")).collect();
    assert_eq!(doubtful.len(), 1, "exactly the jumped check-in is marked:\n{csv}");
    assert!(doubtful[0].contains("10004"), "{csv}");
}
