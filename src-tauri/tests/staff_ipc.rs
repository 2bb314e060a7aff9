//! Staff profiles through the shell's commands, on Tauri's mock runtime
//! with the shipped capabilities and a real replica: the first admin signs
//! in, the lock key leaves scanning only, every staff command says
//! `desk_locked` until someone signs in, Settings need an admin's PIN, an
//! override a supervisor's, and the recent list names who did it.

mod support;

use frontdesk::demo;
use serde_json::json;
use support::{app, call, demo_clock};

#[test]
fn a_locked_desk_still_scans_and_staff_commands_wait_for_a_pin() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path(), demo_clock());
    let open = call(&w, "shift_status", json!({})).unwrap();
    assert_eq!((open["profiles"].as_bool(), open["locked"].as_bool()), (Some(false), Some(false)), "{open}");
    let refused = call(&w, "add_staff", json!({"name": "Ana", "role": "reception", "pin": "3333"})).unwrap_err();
    assert_eq!(refused["code"], "invalid_argument", "the first profile is an admin's: {refused}");
    let zoe = call(&w, "add_staff", json!({"name": "Zoe Ruiz", "role": "admin", "pin": "1111"})).unwrap();
    call(&w, "add_staff", json!({"name": "Luis Gómez", "role": "supervisor", "pin": "2222"})).unwrap();
    let ana = call(&w, "add_staff", json!({"name": "Ana Pérez", "role": "reception", "pin": "3333"})).unwrap();
    let names: Vec<String> = call(&w, "list_staff", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Ana Pérez", "Luis Gómez", "Zoe Ruiz"]);
    let on = call(&w, "shift_status", json!({})).unwrap();
    assert_eq!((on["staff"]["id"].clone(), on["admin"].as_bool()), (zoe["id"].clone(), Some(true)));

    let locked = call(&w, "lock_desk", json!({})).unwrap();
    assert_eq!(locked["locked"], true);
    let code = demo::demo_code(demo::FIRST_MEMBER_ID);
    let v = call(&w, "check_in_code", json!({"code": code, "method": "scanner"})).unwrap();
    assert_eq!(v["success"], true, "a locked desk still scans: {v}");
    for (cmd, args) in [
        ("search_members", json!({"query": "a", "limit": 5})),
        ("check_in_member", json!({"member_id": demo::FIRST_MEMBER_ID})),
        ("outbox_items", json!({})),
        ("report_html", json!({})),
        ("add_desk_note", json!({"member_id": demo::FIRST_MEMBER_ID, "text": "x"})),
    ] {
        assert_eq!(call(&w, cmd, json!(args)).unwrap_err()["code"], "desk_locked", "{cmd}");
    }

    let wrong = call(&w, "staff_sign_in", json!({"staff_id": ana["id"], "pin": "1111"})).unwrap_err();
    assert_eq!(wrong["code"], "unauthorized");
    let ana_on = call(&w, "staff_sign_in", json!({"staff_id": ana["id"], "pin": "3333"})).unwrap();
    assert_eq!((ana_on["staff"]["name"].as_str(), ana_on["admin"].as_bool()), (Some("Ana Pérez"), Some(false)));
    let settings = call(&w, "get_settings", json!({})).unwrap();
    let save = call(&w, "save_settings", json!({"settings": settings, "token": null})).unwrap_err();
    assert_eq!(save["code"], "admin_required");
    assert_eq!(call(&w, "admin_pin", json!({"pin": "2222"})).unwrap_err()["code"], "unauthorized");
    assert_eq!(call(&w, "admin_pin", json!({"pin": "1111"})).unwrap()["admin"], true);
    call(&w, "save_settings", json!({"settings": settings, "token": null})).expect("with an admin's PIN");
    assert_eq!(call(&w, "end_admin", json!({})).unwrap()["admin"], false);

    // Session 1 is 00:00 on the first demo day: far outside the window, so an override.
    let member = demo::FIRST_MEMBER_ID + 1;
    let base = json!({"member_id": member, "session_id": 1, "override_reason": "pase de cortesía"});
    let with_pin = |pin: serde_json::Value| {
        let mut a = base.clone();
        a["approval_pin"] = pin;
        call(&w, "check_in_member", a)
    };
    assert_eq!(with_pin(json!(null)).unwrap_err()["code"], "approval_required");
    assert_eq!(with_pin(json!("3333")).unwrap_err()["code"], "unauthorized", "reception may not override");
    let forced = with_pin(json!("2222")).unwrap();
    assert_eq!((forced["success"].as_bool(), forced["method"].as_str()), (Some(true), Some("override")));
    let recent = call(&w, "recent_check_ins", json!({"limit": 5})).unwrap();
    let row = recent.as_array().unwrap().iter().find(|r| r["member_id"] == member).unwrap();
    assert_eq!((row["staff"].as_str(), row["approved_by"].as_str()), (Some("Ana Pérez"), Some("Luis Gómez")));
}
