//! The reference central API answers as GymAPI does (design/central-api.md):
//! headers and auth, pagination and order, the server's own check-in rules,
//! the as-deployed 500, the participation endpoint, the extension, and dump.

#[path = "../../tests/support/central.rs"]
mod central;

use central::*;
use chrono::{Duration, Utc};
use serde_json::json;

fn start(extra: &[&str]) -> (tempfile::TempDir, Central) {
    let dir = tempfile::tempdir().unwrap();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 150, Utc::now()));
    let c = Central::start(&[&snap], extra);
    (dir, c)
}

#[test]
fn headers_tokens_and_gyms_are_checked_like_gymapi() {
    let (_d, c) = start(&["--token", "readonly#scopes=user:read"]);
    let (s, b) = c.api("GET", "/users/gym-participants", None, "");
    assert_eq!(s, 400);
    assert!(b["detail"].as_str().unwrap().contains("X-Gym-ID"), "{b}");
    assert_eq!(c.api("GET", "/users/gym-participants", Some("uno"), "").0, 400, "non-integer gym id");
    assert_eq!(c.api("GET", "/users/gym-participants", Some("99"), "").0, 404, "unknown gym");
    let (s, _) = c.request("GET", "/api/v1/users/gym-participants", &[("X-Gym-ID", "1")], "");
    assert_eq!(s, 401, "no token");
    let auth = [("Authorization", "Bearer readonly"), ("X-Gym-ID", "1")];
    assert_eq!(c.request("GET", "/api/v1/users/gym-participants", &auth, "").0, 200);
    let (s, b) = c.request("POST", "/api/v1/attendance/check-in", &auth, r#"{"qr_code":"U10001_x"}"#);
    assert_eq!(s, 403, "missing scope: {b}");
}

#[test]
fn members_page_with_skip_and_limit_sorted_by_name() {
    let (_d, c) = start(&[]);
    let (_, first) = c.api("GET", "/users/gym-participants?role=MEMBER", Some("1"), "");
    assert_eq!(first.as_array().unwrap().len(), 100, "default limit 100");
    let (_, rest) = c.api("GET", "/users/gym-participants?role=MEMBER&skip=100&limit=100", Some("1"), "");
    assert_eq!(rest.as_array().unwrap().len(), 50);
    let names: Vec<String> = first
        .as_array()
        .unwrap()
        .iter()
        .chain(rest.as_array().unwrap())
        .map(|m| m["first_name"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "sorted by first name across pages");
    assert_eq!(c.api("GET", "/users/gym-participants?limit=abc", Some("1"), "").0, 422);
    let (_, ms) = c.api("GET", "/memberships/user/10001/status", Some("1"), "");
    assert_eq!(ms["membership_type"], "none", "no membership still answers 200: {ms}");
    assert_eq!(ms["can_access"], false);
}

#[test]
fn sessions_by_utc_date_include_cancelled_ones() {
    let (_d, c) = start(&[]);
    let today = Utc::now().date_naive();
    let q = format!(
        "/schedule/sessions/date-range?start_date={}&end_date={}",
        today - Duration::days(1),
        today + Duration::days(1)
    );
    let (_, list) = c.api("GET", &q, Some("1"), "");
    let statuses: Vec<&str> =
        list.as_array().unwrap().iter().map(|s| s["session"]["status"].as_str().unwrap()).collect();
    assert_eq!(statuses.len(), 3);
    assert!(statuses.contains(&"cancelled"));
    let q = format!("/schedule/sessions/date-range?start_date={0}&end_date={0}", today + Duration::days(5));
    assert_eq!(c.api("GET", &q, Some("1"), "").1, json!([]));
}

#[test]
fn the_servers_own_rules_pick_the_closest_session_even_cancelled() {
    let (_d, c) = start(&[]);
    let (s, b) =
        c.api("POST", "/attendance/check-in", Some("1"), r#"{"qr_code":"U10003_not-the-real-hash","session_id":0}"#);
    assert_eq!(s, 200, "the hash is not checked and session 0 means none: {b}");
    assert_eq!(b["session"]["id"], sid(1, CANCELLED), "5 min ahead beats 10 min ago, cancelled or not");
    let (s, b) = c.api("POST", "/attendance/check-in", Some("1"), r#"{"qr_code":"U10003_x"}"#);
    assert_eq!((s, b["detail"].as_str().unwrap()), (400, "Ya has hecho check-in en esta clase"));
    let (s, _) = c.api(
        "POST",
        "/attendance/check-in",
        Some("1"),
        &format!(r#"{{"qr_code":"U10004","session_id":{}}}"#, sid(1, NOW)),
    );
    assert_eq!(s, 200, "a bare U10004 is accepted upstream");
    let (s, b) = c.api(
        "POST",
        "/attendance/check-in",
        Some("1"),
        &format!(r#"{{"qr_code":"U10005_x","session_id":{}}}"#, sid(1, PAST)),
    );
    assert_eq!(s, 400);
    assert!(b["detail"].as_str().unwrap().contains("fuera del horario"), "{b}");
    assert_eq!(
        c.api("POST", "/attendance/check-in", Some("1"), r#"{"qr_code":"X"}"#).1["detail"],
        "Código QR inválido"
    );
    assert_eq!(c.api("POST", "/attendance/check-in", Some("1"), r#"{}"#).0, 422);
    assert_eq!(
        c.api("POST", "/attendance/check-in", Some("1"), r#"{"qr_code":"U9_x"}"#).1["detail"],
        "Usuario no pertenece a este gimnasio"
    );
}

#[test]
fn as_deployed_the_check_in_answers_500_in_plain_text_past_the_early_exits() {
    let (_d, c) = start(&["--as-deployed"]);
    let (s, b) = c.api(
        "POST",
        "/attendance/check-in",
        Some("1"),
        &format!(r#"{{"qr_code":"U10003_x","session_id":{}}}"#, sid(1, NOW)),
    );
    assert_eq!((s, b), (500, json!("Internal Server Error")));
    assert_eq!(
        c.api("POST", "/attendance/check-in", Some("1"), r#"{"qr_code":"nope"}"#).0,
        400,
        "early exits still work"
    );
    assert!(c.check_ins().is_empty());
}

#[test]
fn the_participation_endpoint_needs_a_registration_and_overwrites() {
    let (_d, c) = start(&[]);
    let path = format!("/schedule/participation/attendance/{}/10001", sid(1, NOW));
    let (s, b) = c.api("POST", &path, Some("1"), "");
    assert_eq!((s, b["status"].as_str().unwrap()), (200, "attended"));
    assert_eq!(c.api("POST", &path, Some("1"), "").0, 200, "calling again is accepted");
    assert_eq!(records_by_member(&c)[&10001]["times_recorded"], 2, "and counted again: it is not idempotent");
    let (s, b) = c.api("POST", &format!("/schedule/participation/attendance/{}/10009", sid(1, NOW)), Some("1"), "");
    assert_eq!((s, b["detail"].as_str().unwrap()), (404, "El miembro no está registrado en esta clase"));
}

#[test]
fn the_extension_is_idempotent_uses_the_scan_time_and_checks_the_code() {
    let (_d, plain) = start(&[]);
    let (s, b) = plain.api("POST", "/attendance/check-ins/batch", Some("1"), r#"{"items":[]}"#);
    assert_eq!((s, b), (404, json!({"detail": "Not Found"})), "without --extension the probe says absent");
    let (_d2, c) = start(&["--extension"]);
    let at = Utc::now() - Duration::minutes(35);
    let item = |id: &str, m: i64, code: &str, session: i64| json!({"event_id": id, "qr_code": code, "member_id": m, "session_id": session, "scanned_at": frontdesk::time::rfc3339(at), "device_id": "d"});
    let body = json!({"items": [
        item("e1", 10_003, &code(10_003), sid(1, NOW)),
        item("e2", 10_004, "U10004_forged", sid(1, NOW)),
        item("e3", 10_005, &code(10_005), sid(1, PAST)),
    ]});
    let (s, b) = c.api("POST", "/attendance/check-ins/batch", Some("1"), &body.to_string());
    assert_eq!(s, 200, "{b}");
    let r = b["results"].as_array().unwrap();
    assert_eq!(r[0]["status"], "recorded", "25 min before the start by scanned_at, though 35 min ago by the clock");
    assert_eq!((r[1]["status"].as_str(), r[1]["reason"].as_str()), (Some("rejected"), Some("Código QR inválido")));
    assert_eq!(r[2]["status"], "rejected", "outside the window at scanned_at");
    let (_, b) = c.api("POST", "/attendance/check-ins/batch", Some("1"), &body.to_string());
    assert_eq!(b["results"][0]["status"], "duplicate", "same event id again");
    let rec = &records_by_member(&c)[&10_003];
    assert_eq!(rec["times_recorded"], 1);
    assert_eq!(
        frontdesk::time::parse_utc(rec["attendance_time"].as_str().unwrap()).unwrap().timestamp_millis(),
        at.timestamp_millis()
    );

    let out =
        std::process::Command::new(central_bin()).args(["dump", "--addr", &c.addr, "--token", TOKEN]).output().unwrap();
    assert!(out.status.success());
    let snap = frontdesk::snapshot::Snapshot::from_json(&String::from_utf8_lossy(&out.stdout))
        .expect("dump prints a valid snapshot");
    assert!(snap
        .participations
        .iter()
        .any(|p| p.member_id == 10_003 && p.status == frontdesk::domain::ParticipationStatus::Attended));
}
