//! Pulls: an interrupted pull (SIGKILL mid-way) or a failed one keeps the old
//! replica, and the next pull resumes from the staged pages.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::Utc;
use frontdesk::db::{members, Db};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn import(data: &std::path::Path, file: &std::path::Path) {
    let o = frontdesk(data, &["import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
}

fn member_count(data: &std::path::Path) -> i64 {
    members::count(Db::open_in_dir(data).unwrap().conn()).unwrap()
}

#[test]
fn a_pull_killed_halfway_keeps_the_old_replica_and_the_next_one_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let old = write_snapshot(dir.path(), "old.json", &gym(1, 10, now));
    let new = write_snapshot(dir.path(), "new.json", &gym(1, 2500, now));
    let data = dir.path().join("desk");
    import(&data, &old);
    let server = Central::start(&[&new], &["--faults", "latency_ms=2"]);
    let url = server.api_url();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.arg("--data-dir")
        .arg(&data)
        .args(["sync", "--once", "--api-url", &url, "--gym-id", "1"])
        .env("FRONTDESK_TOKEN", TOKEN)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = spawn_retry::spawn(&mut cmd).unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let members_staged = lines.by_ref().map_while(Result::ok).any(|l| l.starts_with("pull members: 2500/2500"));
    assert!(members_staged, "the pull reports progress as done/total");
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(member_count(&data), 10, "the killed pull left the old replica whole");

    let o = sync_once(&data, &server, 1, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("(resumed)"), "the pull resumed: {}", text(&o));
    assert_eq!(member_count(&data), 2500, "the resumed pull is complete");
}

#[test]
fn a_failed_pull_keeps_the_old_replica() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let old = write_snapshot(dir.path(), "old.json", &gym(1, 10, now));
    let new = write_snapshot(dir.path(), "new.json", &gym(1, 300, now));
    let data = dir.path().join("desk");
    import(&data, &old);
    let server = Central::start(&[&new], &[]);
    // Every answer is malformed: the pull must fail before touching the replica.
    server.set_faults("bad_shape_rate=1");
    let o = sync_once(&data, &server, 1, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert_eq!(member_count(&data), 10, "nothing of the failed pull reached the replica");
    server.set_faults("");
    assert!(sync_once(&data, &server, 1, &[]).status.success());
    assert_eq!(member_count(&data), 300);
}

/// The alert catalogue's member facts come over the wire as GymAPI sends them
/// (`birth_date` a date, `created_at` a naive UTC timestamp) and reach the
/// replica (an unreadable one is skipped: `snapshot` unit tests).
#[test]
fn birth_dates_and_join_dates_are_pulled_into_the_replica() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let mut snap = gym(1, 3, now);
    snap.members[0].birth_date = chrono::NaiveDate::from_ymd_opt(1990, 2, 14);
    snap.members[0].created_at = Some(now - chrono::Duration::days(2));
    let served = write_snapshot(dir.path(), "gym.json", &snap);
    let data = dir.path().join("desk");
    let server = Central::start(&[&served], &[]);
    let o = sync_once(&data, &server, 1, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let db = Db::open_in_dir(&data).unwrap();
    let first = members::facts(db.conn(), snap.members[0].id).unwrap().unwrap();
    assert_eq!(first.birth_date, chrono::NaiveDate::from_ymd_opt(1990, 2, 14));
    let joined = first.created_at.expect("created_at pulled");
    assert!((joined - (now - chrono::Duration::days(2))).num_milliseconds().abs() < 1, "{joined}");
    let second = members::facts(db.conn(), snap.members[1].id).unwrap().unwrap();
    assert_eq!((second.birth_date, second.created_at), (None, None));
    assert_eq!(member_count(&data), 3);
}
