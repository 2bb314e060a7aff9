//! The push and pull against a misbehaving central API: connections dropped
//! after the server committed, an expired token, rate limits and 503s, and
//! answers of the wrong shape.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{Duration, Utc};
use std::path::Path;

/// A desk that pulled `server`'s gym and then queued `n` check-ins.
fn desk_with_queue(dir: &Path, server: &Central, n: i64) -> std::path::PathBuf {
    let data = dir.join("desk");
    let o = sync_once(&data, server, 1, &[]);
    assert!(o.status.success(), "{}", text(&o));
    for m in 3..3 + n {
        check_in(&data, 10_000 + m, sid(1, NOW), Utc::now() - Duration::seconds(m));
    }
    data
}

/// Rounds until one succeeds (bounded): faults make single rounds fail.
fn drain(data: &Path, server: &Central) {
    for _ in 0..30 {
        if sync_once(data, server, 1, &["--no-pull"]).status.success() {
            return;
        }
    }
    panic!("the queue never drained: {:?}", outbox(data));
}

fn assert_exactly_once(server: &Central, n: usize) {
    let records = server.check_ins();
    assert_eq!(records.len(), n, "{records:?}");
    for r in &records {
        assert_eq!(r["times_recorded"], 1, "recorded once despite the faults: {r}");
    }
}

fn dropped_connections_create_no_duplicate(extension: bool) {
    let dir = tempfile::tempdir().unwrap();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 40, Utc::now()));
    let server = Central::start(&[&snap], if extension { &["--extension"] } else { &[] });
    let data = desk_with_queue(dir.path(), &server, 25);
    // Every answer is lost after the server committed: the round fails, the
    // server already holds the check-ins, the desk does not know it.
    server.set_faults("drop_after_commit=1");
    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert!(!o.status.success(), "no answer reached the desk: {}", text(&o));
    assert!(server.stats()["dropped_after_commit"].as_u64().unwrap() > 0, "the fault did fire");
    assert!(outbox(&data).iter().all(|e| e["state"] == "queued"), "unanswered check-ins stay queued");
    // Then half the answers are lost, then none: the queue drains.
    server.set_faults("drop_after_commit=0.5");
    let _ = sync_once(&data, &server, 1, &["--no-pull"]);
    server.set_faults("");
    drain(&data, &server);
    assert_exactly_once(&server, 25);
    assert!(outbox(&data).iter().all(|e| e["state"] == "sent"));
}

#[test]
fn a_connection_dropped_after_commit_creates_no_duplicate_via_the_extension() {
    dropped_connections_create_no_duplicate(true);
}

#[test]
fn a_connection_dropped_after_commit_creates_no_duplicate_via_the_plain_api() {
    dropped_connections_create_no_duplicate(false);
}

#[test]
fn a_401_stops_the_push_and_keeps_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 20, Utc::now()));
    let server = Central::start(&[&snap], &[]);
    let data = desk_with_queue(dir.path(), &server, 5);
    server.set_faults("expire_token_after=0");
    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("401"), "the error says why: {}", text(&o));
    let events = outbox(&data);
    assert_eq!(events.len(), 5);
    for e in &events {
        assert_eq!(e["state"], "queued", "a token problem parks nothing: {e}");
        assert_eq!(e["attempts"], 0, "and does not count as an attempt at the event: {e}");
    }
    assert!(server.check_ins().is_empty());
    server.set_faults("");
    drain(&data, &server);
    assert_exactly_once(&server, 5);
}

#[test]
fn the_token_never_appears_in_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("desk");
    let o = frontdesk(&data, &["sync", "--once", "--api-url", "http://127.0.0.1:9/api/v1", "--gym-id", "1"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(!text(&o).contains(TOKEN), "{}", text(&o));
    let o = frontdesk(&data, &["sync", "--once", "--gym-id", "1"]);
    assert_eq!(o.status.code(), Some(2), "no URL is a configuration error: {}", text(&o));
}

#[test]
fn rate_limits_and_503s_are_retried() {
    let dir = tempfile::tempdir().unwrap();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 60, Utc::now()));
    let server = Central::start(&[&snap], &[]);
    let data = desk_with_queue(dir.path(), &server, 40);
    server.set_faults("rate_limit=15,error_rate=0.2");
    drain(&data, &server);
    server.set_faults("");
    assert_exactly_once(&server, 40);
    assert!(server.stats()["max_in_flight"].as_u64().unwrap() <= 4, "at most 4 requests in flight");
}

#[test]
fn answers_of_the_wrong_shape_are_errors_not_data() {
    let dir = tempfile::tempdir().unwrap();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 20, Utc::now()));
    let server = Central::start(&[&snap], &["--faults", "bad_shape_rate=1"]);
    let data = dir.path().join("desk");
    let o = sync_once(&data, &server, 1, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let status: serde_json::Value = serde_json::from_slice(&frontdesk(&data, &["status", "--json"]).stdout).unwrap();
    assert!(status["gym"].is_null(), "nothing was imported from malformed pages: {status}");
    assert_eq!(status["members"], 0);
    let err = status["sync"]["last_error"].as_str().unwrap_or_default();
    assert!(err.contains("unexpected answer"), "the status row names the problem: {status}");
}
