//! The `frontdesk` binary's contract (design/cli.md): commands, JSON shapes
//! and exit statuses, run as a separate process on a real data directory.

#[path = "support/spawn_retry.rs"]
mod spawn_retry;
mod support;

use serde_json::Value;
use std::process::{Command, Output};
use support::*;

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Self {
        Desk { dir: tempfile::tempdir().unwrap() }
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
        cmd.args(args).env("FRONTDESK_DATA_DIR", self.dir.path().join("data")).env_remove("FRONTDESK_LANG");
        spawn_retry::output(&mut cmd).unwrap()
    }

    fn import_small_gym(&self) {
        let file = self.dir.path().join("snap.json");
        std::fs::write(&file, small_gym().to_json()).unwrap();
        let out = self.run(&["import", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn check_in_json_has_exactly_the_contract_fields_and_exit_codes() {
    let desk = Desk::new();
    desk.import_small_gym();
    let ok = desk.run(&["check-in", "U123_ab12cd34", "--at", "2026-11-28T15:05:00Z", "--json"]);
    assert_eq!(ok.status.code(), Some(0));
    let v = json(&ok);
    let mut keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["code", "message", "new_participation", "session", "success", "user_id", "warnings"]);
    assert_eq!(v["success"], true);
    assert_eq!(v["code"], "checked_in");
    assert_eq!(v["user_id"], 123);
    assert_eq!(v["new_participation"], true);
    assert_eq!(v["session"]["id"], 10);
    assert_eq!(v["session"]["start_time"], "2026-11-28T15:00:00Z");
    assert_eq!(v["session"]["end_time"], "2026-11-28T16:00:00Z");

    let again = desk.run(&["check-in", "U123_ab12cd34", "--at", "2026-11-28T15:06:00Z", "--json"]);
    assert_eq!(again.status.code(), Some(1), "a rule refusal exits 1");
    assert_eq!(json(&again)["code"], "already_checked_in");
}

#[test]
fn at_is_the_scan_time_and_the_window_is_measured_from_it() {
    let desk = Desk::new();
    desk.import_small_gym();
    let late = desk.run(&["check-in", "U123_ab12cd34", "--session", "10", "--at", "2026-11-28T15:30:01Z", "--json"]);
    assert_eq!(late.status.code(), Some(1));
    assert_eq!(json(&late)["code"], "outside_window");
    let edge = desk.run(&["check-in", "U123_ab12cd34", "--session", "10", "--at", "2026-11-28T15:30:00Z", "--json"]);
    assert_eq!(edge.status.code(), Some(0));
    let outbox = json(&desk.run(&["outbox", "--json"]));
    let ev = &outbox.as_array().unwrap()[0];
    assert_eq!(ev["scanned_at"], "2026-11-28T15:30:00Z");
    for k in ["event_id", "state", "member_id", "session_id", "scanned_at", "attempts", "last_error"] {
        assert!(ev.get(k).is_some(), "outbox event lacks {k}");
    }
    assert_eq!(ev["state"], "queued");
    assert!(uuid::Uuid::parse_str(ev["event_id"].as_str().unwrap()).is_ok());
}

#[test]
fn usage_and_io_errors_exit_2() {
    let desk = Desk::new();
    // No gym loaded yet.
    let out = desk.run(&["check-in", "U123_ab12cd34", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("frontdesk demo"), "says what to do");
    // Bad --at.
    desk.import_small_gym();
    let out = desk.run(&["check-in", "U123_ab12cd34", "--at", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
    // Missing file, malformed file.
    assert_eq!(desk.run(&["import", "/nonexistent/snap.json"]).status.code(), Some(2));
    let bad = desk.dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"gym": {"id": 1, "name": "G", "timezone": "UTC"}, "members": [{"id": "x"}], "sessions": []}"#,
    )
    .unwrap();
    let out = desk.run(&["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("members[0].id"));
}

#[test]
fn english_messages_on_request() {
    let desk = Desk::new();
    desk.import_small_gym();
    let out = desk.run(&["--lang", "en", "check-in", "garbage", "--json"]);
    assert_eq!(json(&out)["message"], "Invalid QR code");
}

#[test]
fn the_demo_gym_can_be_checked_into_with_its_printed_codes() {
    let desk = Desk::new();
    let out = desk.run(&["demo", "--members", "50", "--date", "2026-11-28", "--codes"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let code = text.lines().nth(1).unwrap().trim().to_owned();
    assert!(code.starts_with("U1001_"), "{text}");
    // 10:05 in Mexico City: the 10:00 open-gym hour and Pilates both start then.
    let v = json(&desk.run(&["check-in", &code, "--at", "2026-11-28T16:05:00Z", "--json"]));
    assert_eq!(v["success"], true, "{v}");
    let status = json(&desk.run(&["status", "--json"]));
    assert_eq!(status["members"], 50);
    // A demo check-in stays on the desk: it is never queued for a server.
    assert_eq!(status["outbox"]["queued"], 0, "{status}");
    assert_eq!(status["outbox"]["demo"], 1, "{status}");
}

#[test]
fn manual_and_override_check_ins_are_recorded_as_such() {
    let desk = Desk::new();
    desk.import_small_gym();
    let refused =
        desk.run(&["check-in", "--member", "124", "--session", "10", "--at", "2026-11-28T17:00:00Z", "--json"]);
    assert_eq!(json(&refused)["code"], "outside_window");
    let forced = desk.run(&[
        "check-in",
        "--member",
        "124",
        "--session",
        "10",
        "--at",
        "2026-11-28T17:00:00Z",
        "--override",
        "clase extendida",
        "--json",
    ]);
    assert_eq!(forced.status.code(), Some(0));
    let v = json(&forced);
    assert_eq!(v["warnings"][0]["code"], "override");
    let out = desk.run(&["outbox", "--json"]);
    assert_eq!(json(&out)[0]["method"], "override");
}

#[test]
fn parked_events_can_be_retried_or_dismissed_but_never_deleted() {
    let desk = Desk::new();
    desk.import_small_gym();
    assert_eq!(desk.run(&["check-in", "U123_ab12cd34", "--at", "2026-11-28T15:05:00Z"]).status.code(), Some(0));
    let id = json(&desk.run(&["outbox", "--json"]))[0]["event_id"].as_str().unwrap().to_owned();
    // Only parked events can be retried or dismissed.
    assert_eq!(desk.run(&["outbox", "--retry", &id]).status.code(), Some(2));
    {
        let db = frontdesk::db::Db::open_in_dir(&desk.dir.path().join("data")).unwrap();
        let reason = frontdesk::domain::OutboxReason::ClassStartedUnbooked { manual: false };
        frontdesk::db::outbox::park(db.conn(), &id, &reason).unwrap();
    }
    let parked = &json(&desk.run(&["outbox", "--json", "--state", "parked"]))[0];
    assert_eq!(parked["park_code"], "class_started_unbooked");
    assert!(parked["last_error"].as_str().unwrap().starts_with("La clase empezó"), "Spanish by default: {parked}");
    let parked = &json(&desk.run(&["--lang", "en", "outbox", "--json", "--state", "parked"]))[0];
    assert!(parked["last_error"].as_str().unwrap().starts_with("The class started"), "--lang en: {parked}");
    assert_eq!(parked["park_code"], "class_started_unbooked", "the code does not depend on the language");
    assert_eq!(desk.run(&["outbox", "--dismiss", &id]).status.code(), Some(2), "a dismissal needs a note");
    assert_eq!(desk.run(&["outbox", "--dismiss", &id, "--note", "cobrado en caja"]).status.code(), Some(0));
    let status = json(&desk.run(&["status", "--json"]));
    assert_eq!(status["outbox"]["parked"], 0, "dismissed events leave the parked count");
    assert_eq!(json(&desk.run(&["outbox", "--json"])).as_array().unwrap().len(), 1, "but stay in the outbox");
    assert_eq!(desk.run(&["outbox", "--retry", &id]).status.code(), Some(0));
    assert_eq!(json(&desk.run(&["outbox", "--json"]))[0]["state"], "queued");
}

#[test]
fn a_damaged_replica_is_restored_from_the_newest_backup_and_kept_aside() {
    let desk = Desk::new();
    desk.import_small_gym();
    assert_eq!(desk.run(&["check-in", "U123_ab12cd34", "--at", "2026-11-28T15:05:00Z"]).status.code(), Some(0));
    assert_eq!(desk.run(&["backup"]).status.code(), Some(0));
    let data = desk.dir.path().join("data");
    // Damage the replica beyond use.
    let db = data.join("frontdesk.db");
    let _ = std::fs::remove_file(data.join("frontdesk.db-wal"));
    std::fs::write(&db, vec![0x5Au8; 16384]).unwrap();
    let broken = desk.run(&["status", "--json"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("damaged"), "says the file is damaged");
    assert_eq!(desk.run(&["restore"]).status.code(), Some(0));
    let status = json(&desk.run(&["status", "--json"]));
    assert_eq!(status["outbox"]["queued"], 1, "the backed-up check-in is back");
    let kept: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("frontdesk.db.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept: {kept:?}");
    assert_eq!(std::fs::read(data.join(&kept[0])).unwrap(), vec![0x5Au8; 16384]);
}
