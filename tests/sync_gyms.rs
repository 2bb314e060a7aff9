//! The replica never mixes gyms: a desk holding gym 1 with unsent check-ins
//! refuses gym 2's data, and once they are sent, gym 2 replaces gym 1 whole.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{Duration, Utc};
use frontdesk::db::Db;

fn count(data: &std::path::Path, sql: &str) -> i64 {
    Db::open_in_dir(data).unwrap().conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_replica_never_mixes_gyms() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let g1 = write_snapshot(dir.path(), "g1.json", &gym(1, 5, now));
    let g2 = write_snapshot(dir.path(), "g2.json", &gym(2, 7, now));
    let server = Central::start(&[&g1, &g2], &[]);
    let data = dir.path().join("desk");
    assert!(sync_once(&data, &server, 1, &[]).status.success());
    let event = check_in(&data, 10_003, sid(1, NOW), now - Duration::minutes(2));

    let o = sync_once(&data, &server, 2, &[]);
    assert_eq!(o.status.code(), Some(1), "gym 2 is refused while gym 1 has unsent check-ins: {}", text(&o));
    assert_eq!(count(&data, "SELECT COUNT(*) FROM members WHERE id >= 20000"), 0, "no gym 2 member slipped in");
    assert_eq!(count(&data, "SELECT COUNT(*) FROM members"), 5);
    let e = outbox(&data).into_iter().find(|e| e["event_id"] == event.as_str()).unwrap();
    assert_eq!(e["state"], "queued", "gym 1's check-in is neither sent to gym 2 nor dropped: {e}");
    assert!(server.check_ins().is_empty());

    assert!(sync_once(&data, &server, 1, &[]).status.success(), "gym 1 drains its own queue");
    assert!(sync_once(&data, &server, 2, &[]).status.success(), "now gym 2 can be loaded");
    assert_eq!(count(&data, "SELECT COUNT(*) FROM members WHERE id < 20000"), 0, "gym 1's members are gone");
    assert_eq!(count(&data, "SELECT COUNT(*) FROM members"), 7);
    assert_eq!(count(&data, "SELECT COUNT(*) FROM sessions WHERE gym_id != 2"), 0);
    assert_eq!(count(&data, "SELECT COUNT(*) FROM participations WHERE gym_id != 2"), 0);
    assert_eq!(count(&data, "SELECT COUNT(*) FROM gym WHERE id = 2"), 1);
}

#[test]
fn a_token_without_access_to_the_gym_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let g1 = write_snapshot(dir.path(), "g1.json", &gym(1, 5, now));
    let g2 = write_snapshot(dir.path(), "g2.json", &gym(2, 5, now));
    let server = Central::start(&[&g1, &g2], &["--token", "only-one#gyms=1"]);
    let data = dir.path().join("desk");
    let url = server.api_url();
    let o = frontdesk(&data, &["sync", "--once", "--api-url", &url, "--gym-id", "2", "--token", "only-one"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("403"), "{}", text(&o));
    assert_eq!(count(&data, "SELECT COUNT(*) FROM members"), 0);
}
