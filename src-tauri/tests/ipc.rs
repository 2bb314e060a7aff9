//! The desktop shell's commands, driven through Tauri's mock runtime with
//! the argument names the UI sends (snake_case, docs/IPC.md), on a real
//! replica in a temp directory.

mod support;

use frontdesk::demo;
use serde_json::json;
use support::{app, call, demo_clock};
use tauri::test::MockRuntime;

#[test]
fn a_new_desk_starts_as_a_demo_gym_and_checks_members_in() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path(), demo_clock());
    let status = call(&w, "today_sessions", json!({})).unwrap();
    assert!(status.as_array().unwrap().len() >= 24, "the demo day has its sessions: {status}");

    let code = demo::demo_code(demo::FIRST_MEMBER_ID);
    let v = call(&w, "check_in_code", json!({"code": code, "method": "scanner"})).unwrap();
    assert_eq!(v["success"], true, "{v}");
    assert_eq!(v["method"], "scanner");
    assert_eq!(v["member"]["id"], demo::FIRST_MEMBER_ID);
    assert!(v["event_id"].is_string());

    let again = call(&w, "check_in_code", json!({"code": code, "method": "camera"})).unwrap();
    assert_eq!(again["code"], "already_checked_in");

    let recent = call(&w, "recent_check_ins", json!({"limit": 5})).unwrap();
    assert_eq!(recent[0]["member_id"], demo::FIRST_MEMBER_ID);
    // A demo check-in is never sent: it has no sync state and is not in the queue.
    assert_eq!(recent[0]["sync_state"], serde_json::Value::Null);
    let sync = call(&w, "sync_status", json!({})).unwrap();
    assert_eq!((sync["queued"].as_i64(), sync["configured"].as_bool()), (Some(0), Some(false)));
}

#[test]
fn manual_search_and_override_use_snake_case_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path(), demo_clock());
    let hits = call(&w, "search_members", json!({"query": "lopez", "limit": 50})).unwrap();
    let hit = &hits.as_array().unwrap().first().expect("the demo has a López")["id"];
    // Session 1 is 00:00 on the first demo day: far outside the window.
    let refused =
        call(&w, "check_in_member", json!({"member_id": hit, "session_id": 1, "override_reason": null})).unwrap();
    assert_eq!(refused["code"], "outside_window");
    let forced =
        call(&w, "check_in_member", json!({"member_id": hit, "session_id": 1, "override_reason": "pase de cortesía"}))
            .unwrap();
    assert_eq!(forced["success"], true);
    assert_eq!(forced["method"], "override");
    let w0 = forced["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "override").unwrap().clone();
    assert_eq!(
        (w0["refused"].as_str(), w0["reason"].as_str()),
        (Some("outside_window"), Some("pase de cortesía")),
        "the override's parts travel as fields, so the UI never parses the message: {w0}"
    );
    let err =
        call(&w, "check_in_member", json!({"member_id": hit, "session_id": null, "override_reason": "x"})).unwrap_err();
    assert_eq!(err["code"], "invalid_argument");
}

#[test]
fn settings_round_trip_and_reports_render() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path(), demo_clock());
    let mut s = call(&w, "get_settings", json!({})).unwrap();
    s["lang"] = json!("en");
    s["rescan_window_secs"] = json!(7);
    let saved = call(&w, "save_settings", json!({"settings": s, "token": null})).unwrap();
    assert_eq!((saved["lang"].as_str(), saved["rescan_window_secs"].as_i64()), (Some("en"), Some(7)));
    let mut bad = saved.clone();
    bad["api_url"] = json!("ftp://nope");
    assert_eq!(
        call(&w, "save_settings", json!({"settings": bad, "token": null})).unwrap_err()["code"],
        "invalid_argument"
    );

    let html = call(&w, "report_html", json!({"date": "2026-11-28"})).unwrap();
    assert!(html.as_str().unwrap().contains("<html"), "a printable page");
    // An export opens the OS save dialog (the real-app test drives it); what is wrong with the
    // request is refused before any dialog opens.
    let bad_format = call(&w, "export_report", json!({"date": "2026-11-28", "format": "pdf"})).unwrap_err();
    assert_eq!(bad_format["code"], "invalid_argument");
    let bad_day = call(&w, "export_report", json!({"date": "28/11/2026", "format": "csv"})).unwrap_err();
    assert_eq!(bad_day["code"], "invalid_argument");
    let err = call(&w, "report_html", json!({"date": "28/11/2026"})).unwrap_err();
    assert_eq!(err["code"], "invalid_argument");

    // With `to`, the range report: its two charts; a bad range is refused, and before any
    // save dialog for an export.
    let range = call(&w, "report_html", json!({"date": "2026-11-22", "to": "2026-11-28"})).unwrap();
    assert_eq!(range.as_str().unwrap().matches("<svg class=\"chart").count(), 2, "the range report's charts");
    let day = call(&w, "report_html", json!({"date": "2026-11-28", "to": null})).unwrap();
    assert!(!day.as_str().unwrap().contains("<svg"), "no `to`: the day report");
    for bad in [
        json!({"date": "2026-11-28", "to": "2026-11-22"}),
        json!({"date": null, "to": "2026-11-22"}),
        json!({"date": "2025-01-01", "to": "2026-11-28"}),
    ] {
        assert_eq!(call(&w, "report_html", bad.clone()).unwrap_err()["code"], "invalid_argument", "{bad}");
        let mut export = bad.clone();
        export["format"] = "csv".into();
        assert_eq!(call(&w, "export_report", export).unwrap_err()["code"], "invalid_argument", "{bad}");
    }
}

#[test]
fn a_check_in_that_cannot_be_saved_is_the_cores_red_card_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("frontdesk.db"), vec![0x42u8; 8192]).unwrap();
    let (_app, w) = app(dir.path(), demo_clock());
    let code = demo::demo_code(demo::FIRST_MEMBER_ID);
    let v = call(&w, "check_in_code", json!({"code": code, "method": "scanner"})).expect("a verdict, not an error");
    assert_eq!(v["success"], false, "{v}");
    assert_eq!(v["code"], "save_failed");
    assert_eq!(v["method"], "scanner");
    assert!(v["event_id"].is_null() && v["member"].is_null(), "nothing was recorded, no one is named: {v}");
    assert!(v["message"].as_str().unwrap().starts_with("No se pudo guardar el check-in"), "{v}");
    let manual = call(&w, "check_in_member", json!({"member_id": demo::FIRST_MEMBER_ID})).unwrap();
    assert_eq!((manual["code"].as_str(), manual["method"].as_str()), (Some("save_failed"), Some("manual")));
}

#[test]
fn a_corrupt_replica_is_reported_not_hidden() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("frontdesk.db"), vec![0x42u8; 8192]).unwrap();
    let (_app, w) = app(dir.path(), demo_clock());
    let err = call(&w, "today_sessions", json!({})).unwrap_err();
    assert_eq!(err["code"], "db_corrupt", "{err}");
    assert_eq!(std::fs::read(dir.path().join("frontdesk.db")).unwrap(), vec![0x42u8; 8192], "the file is untouched");
    // Support can still be told what is wrong.
    let page = call(&w, "diagnostics", json!({})).unwrap();
    let page = page.as_str().unwrap();
    assert!(page.contains("NOT OPEN: db_corrupt"), "{page}");
}

#[test]
fn diagnostics_describe_the_desk_without_its_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path(), demo_clock());
    let code = demo::demo_code(demo::FIRST_MEMBER_ID);
    assert_eq!(call(&w, "check_in_code", json!({"code": code, "method": "camera"})).unwrap()["success"], true);
    let logs = dir.path().join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    std::fs::write(logs.join("frontdesk.2026-11-28.log"), format!("WARN sync: Bearer hunter2-token scan {code}\n"))
        .unwrap();
    let page = call(&w, "diagnostics", json!({})).unwrap();
    let page = page.as_str().unwrap();
    assert!(page.contains("Front Desk app"), "{page}");
    assert!(page.contains("0 queued, 0 sent, 0 parked; 1 demo check-ins (never sent)"), "{page}");
    assert!(page.contains("Bearer [redacted]"), "{page}");
    assert!(!page.contains("hunter2") && !page.contains(&code), "no token and no member code:\n{page}");
    let status = call(&w, "window_ready", json!({})).unwrap();
    assert_eq!(status["log_dir"].as_str().unwrap(), logs.display().to_string());
}

#[test]
fn a_damaged_replica_is_reported_and_restored_from_the_automatic_backup() {
    let dir = tempfile::tempdir().unwrap();
    {
        // First start: the demo gym, and its automatic backup.
        let (_app, w) = app(dir.path(), demo_clock());
        let code = demo::demo_code(demo::FIRST_MEMBER_ID);
        assert_eq!(call(&w, "check_in_code", json!({"code": code, "method": "camera"})).unwrap()["success"], true);
    }
    let db = dir.path().join("frontdesk.db");
    let _ = std::fs::remove_file(dir.path().join("frontdesk.db-wal"));
    std::fs::write(&db, vec![0x42u8; 8192]).unwrap();
    let (_app, w) = app(dir.path(), demo_clock());
    let status = call(&w, "window_ready", json!({})).unwrap();
    assert_eq!(status["db_error"]["code"], "db_corrupt", "{status}");
    assert_eq!(status["backups"], 1);
    call(&w, "restore_backup", json!({})).unwrap();
    let status = call(&w, "window_ready", json!({})).unwrap();
    assert!(status["db_error"].is_null(), "{status}");
    assert_eq!(status["gym"]["id"], demo::DEMO_GYM_ID);
    let kept = std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| {
        let n = e.file_name().to_string_lossy().into_owned();
        n.starts_with("frontdesk.db.damaged-") && !n.ends_with("-shm") && !n.ends_with("-wal")
    });
    assert_eq!(kept.count(), 1, "the damaged file is kept aside");
}

/// The sync panel's three commands on a real gym's replica: a parked check-in
/// is listed with its reason in the desk's language and its stable code, a
/// dismissal needs a note, a dismissed one leaves the parked count but stays
/// in the outbox, and a retry queues it again. (The CLI test covers the same
/// core calls; this one covers the commands the panel sends.)
#[test]
fn the_sync_panel_lists_retries_and_dismisses_a_parked_check_in() {
    let dir = tempfile::tempdir().unwrap();
    let clock = demo_clock();
    {
        // A real gym (the demo's members and classes, not marked as the demo), so its
        // check-ins are queued for a server.
        let mut db = frontdesk::db::Db::open_in_dir(dir.path()).unwrap();
        let opts = demo::DemoOptions { members: 20, date: "2026-11-28".parse().unwrap(), seed: 1 };
        frontdesk::replica::replace(&mut db, &demo::demo_snapshot(&opts)).unwrap();
    }
    let (_app, w) = app(dir.path(), clock);
    let v = call(&w, "check_in_code", json!({"code": demo::demo_code(demo::FIRST_MEMBER_ID), "method": "scanner"}))
        .unwrap();
    assert_eq!(v["success"], true, "{v}");
    let id = v["event_id"].as_str().unwrap().to_owned();
    assert_eq!(call(&w, "outbox_items", json!({"state": "queued"})).unwrap().as_array().unwrap().len(), 1);
    assert_eq!(
        call(&w, "retry_parked", json!({"event_id": id})).unwrap_err()["code"],
        "not_found",
        "only a parked check-in can be retried (no parked one has this id)"
    );
    {
        let db = frontdesk::db::Db::open_in_dir(dir.path()).unwrap();
        let reason = frontdesk::domain::OutboxReason::ClassStartedUnbooked { manual: false };
        frontdesk::db::outbox::park(db.conn(), &id, &reason).unwrap();
    }
    let parked = call(&w, "outbox_items", json!({"state": "parked"})).unwrap();
    let item = &parked[0];
    assert_eq!(item["event_id"], id.as_str(), "{parked}");
    assert_eq!(item["park_code"], "class_started_unbooked", "{item}");
    assert!(item["last_error"].as_str().unwrap().starts_with("La clase empezó"), "in Spanish: {item}");
    assert_eq!(call(&w, "sync_status", json!({})).unwrap()["parked"], 1);

    let blank = call(&w, "dismiss_parked", json!({"event_id": id, "note": "  "})).unwrap_err();
    assert_eq!(blank["code"], "invalid_argument", "a dismissal needs a note: {blank}");
    call(&w, "dismiss_parked", json!({"event_id": id, "note": "cobrado en caja"})).unwrap();
    assert_eq!(call(&w, "sync_status", json!({})).unwrap()["parked"], 0, "dismissed: out of the parked count");
    let all = call(&w, "outbox_items", json!({"state": null})).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 0, "and out of the panel's list: {all}");
    {
        let db = frontdesk::db::Db::open_in_dir(dir.path()).unwrap();
        let kept: (i64, bool) = db
            .conn()
            .query_row("SELECT COUNT(*), MAX(dismissed_at IS NOT NULL) FROM outbox WHERE event_id = ?1", [&id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(kept, (1, true), "but never deleted: it stays in the outbox, marked dismissed");
    }

    call(&w, "retry_parked", json!({"event_id": id})).unwrap();
    let queued = call(&w, "outbox_items", json!({"state": "queued"})).unwrap();
    assert_eq!(queued[0]["event_id"], id.as_str(), "queued again: {queued}");
}

/// The scan screen's class list counts a check-in at once: the verdict's
/// class gains one attendee and nothing else moves (a check-in books no one),
/// and the count matches the replica's rows with an attendance time.
#[test]
fn todays_class_counts_follow_a_check_in() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path(), demo_clock());
    let counts = |w: &tauri::WebviewWindow<MockRuntime>| -> Vec<(i64, i64, i64)> {
        let rows = call(w, "today_sessions", json!({})).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| (r["id"].as_i64().unwrap(), r["registered"].as_i64().unwrap(), r["attended"].as_i64().unwrap()))
            .collect()
    };
    let before = counts(&w);
    let v = call(&w, "check_in_code", json!({"code": demo::demo_code(demo::FIRST_MEMBER_ID + 7), "method": "scanner"}))
        .unwrap();
    assert_eq!(v["success"], true, "{v}");
    let session = v["session"]["id"].as_i64().expect("the verdict names its class");
    let after = counts(&w);
    assert_eq!(before.len(), after.len());
    for ((id, reg0, att0), (id1, reg1, att1)) in before.iter().zip(&after) {
        assert_eq!(id, id1);
        if *id == session {
            assert_eq!(*att1, att0 + 1, "the class of the verdict gains one attendee");
            assert_eq!(reg1, reg0, "a check-in books no one: a booked member was counted, a walk-in is not a booking");
        } else {
            assert_eq!((reg1, att1), (reg0, att0), "class {id} is untouched");
        }
    }
    // The same numbers as the replica's participation rows.
    let db = frontdesk::db::Db::open_in_dir(dir.path()).unwrap();
    let attended: i64 = db
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM participations WHERE session_id = ?1 AND attendance_time IS NOT NULL",
            [session],
            |r| r.get(0),
        )
        .unwrap();
    let listed = after.iter().find(|(id, ..)| *id == session).unwrap().2;
    assert_eq!(listed, attended);
}

/// Kiosk mode through the commands the page calls: it cannot start without a
/// PIN; while on, the kiosk gets only first name, class and result, a refusal
/// is recorded, every staff command is `forbidden`; a wrong PIN is
/// `unauthorized`, the right one brings the staff desk back, which sees the
/// kiosk's refusals.
#[test]
fn kiosk_mode_shows_members_only_what_is_theirs_and_staff_leave_with_the_pin() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path(), demo_clock());
    assert_eq!(call(&w, "enter_kiosk", json!({})).unwrap_err()["code"], "config", "no PIN, no kiosk");
    assert_eq!(call(&w, "set_kiosk_pin", json!({"pin": "12a4"})).unwrap_err()["code"], "invalid_argument");
    call(&w, "set_kiosk_pin", json!({"pin": "2468"})).unwrap();
    let full_name = call(&w, "search_members", json!({"query": demo::FIRST_MEMBER_ID.to_string(), "limit": 1}))
        .unwrap()[0]["name"]
        .as_str()
        .unwrap()
        .to_owned();
    let status = call(&w, "window_ready", json!({})).unwrap();
    assert_eq!((status["kiosk"].as_bool(), status["kiosk_pin_set"].as_bool()), (Some(false), Some(true)));
    call(&w, "enter_kiosk", json!({})).unwrap();
    assert_eq!(call(&w, "window_ready", json!({})).unwrap()["kiosk"], true);

    let code = demo::demo_code(demo::FIRST_MEMBER_ID);
    let v = call(&w, "kiosk_check_in_code", json!({"code": code})).unwrap();
    assert_eq!(v["success"], true, "{v}");
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["class_name", "code", "first_name", "message", "start_time", "success"], "nothing more: {v}");
    let first = v["first_name"].as_str().unwrap();
    assert!(full_name.starts_with(first) && first != full_name, "{first:?} of {full_name:?}: the first name only");
    let stranger = call(&w, "kiosk_check_in_code", json!({"code": "U999999_nobody"})).unwrap();
    assert_eq!(stranger["code"], "not_a_member");
    assert!(stranger["message"].as_str().unwrap().contains("recepción"), "{stranger}");
    assert_eq!(stranger["first_name"], serde_json::Value::Null);

    for (cmd, args) in [
        ("check_in_code", json!({"code": code, "method": "scanner"})),
        ("search_members", json!({"query": "a", "limit": 5})),
        ("recent_check_ins", json!({"limit": 5})),
        ("get_settings", json!({})),
        ("report_html", json!({"date": null})),
        ("member_notes", json!({"member_id": demo::FIRST_MEMBER_ID})),
        ("kiosk_refusals", json!({"limit": 5})),
        ("set_kiosk_pin", json!({"pin": "1111"})),
        ("diagnostics", json!({})),
    ] {
        assert_eq!(call(&w, cmd, args).unwrap_err()["code"], "forbidden", "{cmd} from the kiosk");
    }
    assert!(call(&w, "today_sessions", json!({})).is_ok(), "the class list is not member data");

    let wrong = call(&w, "leave_kiosk", json!({"pin": "1357"})).unwrap_err();
    assert_eq!(wrong["code"], "unauthorized");
    assert_eq!(call(&w, "window_ready", json!({})).unwrap()["kiosk"], true, "still a kiosk");
    call(&w, "leave_kiosk", json!({"pin": "2468"})).unwrap();
    assert_eq!(call(&w, "window_ready", json!({})).unwrap()["kiosk"], false);
    let refusals = call(&w, "kiosk_refusals", json!({"limit": 5})).unwrap();
    assert_eq!(refusals.as_array().unwrap().len(), 1, "the stranger, not the member who came in: {refusals}");
    assert_eq!(refusals[0]["code"], "not_a_member");
}
