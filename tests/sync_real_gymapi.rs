//! Against `frontdesk-central` playing GymAPI as it really is (issue 10,
//! design/central-api.md "Measured again"): every list paged at 100, the
//! participants list in a different order on every request, the check-in
//! endpoint answering 500 as deployed, and walk-ins got onto the server by
//! booking them into their class first.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{DateTime, Duration, Utc};
use frontdesk::db::Db;
use frontdesk::domain::{ParticipationStatus, SessionStatus};
use frontdesk::snapshot::{ApiParticipation, Snapshot};

/// Session ids added to [`gym`]'s: SOON starts in 20 minutes, FULL in 15
/// minutes with one place, already taken by member 140.
const SOON: i64 = 4;
const FULL: i64 = 5;

fn booking(id: i64, session: i64, member: i64, now: DateTime<Utc>) -> ApiParticipation {
    ApiParticipation {
        id,
        session_id: sid(1, session),
        member_id: member,
        gym_id: 1,
        status: ParticipationStatus::Registered,
        registration_time: Some(now - Duration::days(1)),
        attendance_time: None,
        cancellation_time: None,
        cancellation_reason: None,
    }
}

/// Gym 1 with 140 members; the class NOW (started 10 min ago) has 105
/// bookings (members 10001..=10105), more than one page.
fn big_class_gym(now: DateTime<Utc>) -> Snapshot {
    let mut g = gym(1, 140, now);
    g.participations.retain(|p| p.session_id != sid(1, NOW));
    for m in 1..=105 {
        g.participations.push(booking(500_000 + m, NOW, 10_000 + m, now));
    }
    let template = g.sessions[0].clone();
    for (id, start, capacity) in [(SOON, now + Duration::minutes(20), 10_000), (FULL, now + Duration::minutes(15), 1)] {
        let mut s = template.clone();
        s.session.id = sid(1, id);
        s.session.start_time = start;
        s.session.end_time = start + Duration::hours(1);
        s.session.status = SessionStatus::Scheduled;
        s.class_info.as_mut().unwrap().max_capacity = Some(capacity);
        g.sessions.push(s);
    }
    g.participations.push(booking(600_000, FULL, 10_140, now));
    g
}

fn replica_bookings(data: &std::path::Path, session_id: i64) -> i64 {
    let db = Db::open_in_dir(data).unwrap();
    db.conn()
        .query_row("SELECT COUNT(DISTINCT member_id) FROM participations WHERE session_id = ?1", [session_id], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn the_server_pages_participants_and_changes_their_order_between_requests() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let snap = write_snapshot(dir.path(), "gym.json", &big_class_gym(now));
    let c = Central::start(&[&snap], &[]);
    let path = format!("/schedule/participation/participants/{}", sid(1, NOW));
    let ids = |q: &str| -> Vec<i64> {
        let (s, b) = c.api("GET", &format!("{path}{q}"), Some("1"), "");
        assert_eq!(s, 200, "{b}");
        b.as_array().unwrap().iter().map(|p| p["member_id"].as_i64().unwrap()).collect()
    };
    assert_eq!(ids("").len(), 100, "the default page is 100, like GymAPI's");
    assert_eq!(ids("?skip=100").len(), 5);
    assert_eq!(ids("?limit=500").len(), 105, "the limit is a plain int upstream, no maximum");
    let orders: std::collections::HashSet<Vec<i64>> = (0..5).map(|_| ids("?limit=500")).collect();
    assert!(orders.len() > 1, "no ORDER BY upstream: the order changes between requests");
    let (_, sessions) = c.api(
        "GET",
        // The UTC days around now: the class started 10 minutes ago, which is yesterday just after midnight.
        &format!(
            "/schedule/sessions/date-range?start_date={}&end_date={}",
            (now - Duration::days(1)).date_naive(),
            (now + Duration::days(1)).date_naive()
        ),
        Some("1"),
        "",
    );
    let big = sessions.as_array().unwrap().iter().find(|s| s["session"]["id"] == sid(1, NOW)).unwrap();
    assert_eq!(big["session"]["current_participants"], 105, "the session's count of bookings");
}

#[test]
fn a_class_of_105_bookings_reaches_the_replica_whole_and_every_booked_member_reaches_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let snap = write_snapshot(dir.path(), "gym.json", &big_class_gym(now));
    // As deployed: the check-in endpoint answers 500, so every one of these
    // goes through the participation endpoint, which needs the member booked.
    let server = Central::start(&[&snap], &["--as-deployed"]);
    let data = dir.path().join("desk");
    let o = sync_once(&data, &server, 1, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(replica_bookings(&data, sid(1, NOW)), 105, "all 105 bookings, not the first page's 100");

    let events: Vec<String> =
        (1..=105).map(|m| check_in(&data, 10_000 + m, sid(1, NOW), now - Duration::minutes(1))).collect();
    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert!(o.status.success(), "every booked member is recorded: {}", text(&o));
    let outbox = outbox(&data);
    for id in &events {
        let e = outbox.iter().find(|e| e["event_id"] == id.as_str()).unwrap();
        assert_eq!(e["state"], "sent", "{e}");
        assert_eq!(e["sent_via"], "attendance", "{e}");
    }
    let records = records_by_member(&server);
    assert_eq!(records.len(), 105);
    assert!(records.values().all(|r| r["times_recorded"] == 1 && r["via"] == serde_json::json!(["attendance"])));

    // Pushing again finds them attended on the server, past the first page.
    let db = Db::open_in_dir(&data).unwrap();
    db.conn().execute("UPDATE outbox SET state = 'queued'", []).unwrap();
    drop(db);
    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        records_by_member(&server).values().all(|r| r["times_recorded"] == 1),
        "an attendance already on the server is never written again, on any page"
    );
}

#[test]
fn as_deployed_a_walk_in_before_the_class_is_booked_then_marked_attended() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let snap = write_snapshot(dir.path(), "gym.json", &big_class_gym(now));
    let server = Central::start(&[&snap], &["--as-deployed"]);
    let data = dir.path().join("desk");
    assert!(sync_once(&data, &server, 1, &[]).status.success());

    // Members 10120.. are booked into nothing.
    let early = check_in(&data, 10_120, sid(1, SOON), now);
    let full = check_in(&data, 10_121, sid(1, FULL), now);
    let started = check_in(&data, 10_122, sid(1, NOW), now - Duration::minutes(1));
    // Booked on the server (from GymAPI's own app) after the desk's pull.
    let (s, b) = server.api("POST", &format!("/schedule/participation/register/{}/10123", sid(1, SOON)), Some("1"), "");
    assert_eq!(s, 200, "{b}");
    let booked_meanwhile = check_in(&data, 10_123, sid(1, SOON), now);

    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert_eq!(o.status.code(), Some(1), "two walk-ins cannot be recorded: {}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("2 walk-in(s) booked into their class"), "{}", text(&o));

    let outbox = outbox(&data);
    let ev = |id: &str| outbox.iter().find(|e| e["event_id"] == id).unwrap().clone();
    assert_eq!(ev(&early)["state"], "sent");
    assert_eq!(ev(&early)["sent_via"], "booked");
    assert_eq!(ev(&booked_meanwhile)["state"], "sent", "\"Ya estás registrado\" is read as booked");
    assert_eq!(ev(&booked_meanwhile)["sent_via"], "booked");
    assert_eq!(ev(&full)["state"], "parked");
    assert_eq!(ev(&full)["park_code"], "class_full", "{}", ev(&full));
    assert_eq!(ev(&started)["state"], "parked");
    assert_eq!(ev(&started)["park_code"], "checkin_endpoint_broken", "{}", ev(&started));
    assert!(ev(&started)["last_error"].as_str().unwrap().contains("HTTP 500"));

    let records = records_by_member(&server);
    assert_eq!(records[&10_120]["times_recorded"], 1);
    assert_eq!(records[&10_123]["times_recorded"], 1);
    assert!(!records.contains_key(&10_121) && !records.contains_key(&10_122), "nothing misrecorded: {records:?}");
    let state =
        server.api("GET", &format!("/schedule/participation/participants/{}?limit=500", sid(1, SOON)), Some("1"), "").1;
    let p = state.as_array().unwrap().iter().find(|p| p["member_id"] == 10_120).unwrap().clone();
    assert_eq!(p["status"], "attended", "{p}");

    let o = sync_once(&data, &server, 1, &["--no-pull", "--json"]);
    assert!(o.status.success(), "parked events wait for a person, sent ones are done: {}", text(&o));
}

#[test]
fn the_register_endpoint_refuses_as_gymapi_does() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let snap = write_snapshot(dir.path(), "gym.json", &big_class_gym(now));
    let c = Central::start(&[&snap], &["--as-deployed"]);
    let reg = |s: i64, m: i64| {
        let (code, b) = c.api("POST", &format!("/schedule/participation/register/{}/{m}", sid(1, s)), Some("1"), "");
        (code, b["detail"].as_str().unwrap_or("").to_owned())
    };
    assert_eq!(reg(SOON, 10_130).0, 200);
    assert_eq!(reg(SOON, 10_130), (400, "Ya estás registrado en esta clase".into()));
    assert_eq!(reg(FULL, 10_131), (400, "La sesión está llena".into()));
    assert_eq!(reg(NOW, 10_131), (400, "No se puede registrar en una sesión que ya ha comenzado o terminado".into()));
    assert_eq!(reg(CANCELLED, 10_131), (400, "No se puede registrar en una sesión que no está programada".into()));
    assert_eq!(reg(99, 10_131).0, 404);
    assert_eq!(reg(SOON, 99_999), (404, "Member not found in this gym".into()));
    // As deployed, an unknown session id is a 500 on a UTC day with sessions.
    let (s, _) =
        c.api("POST", "/attendance/check-in", Some("1"), r#"{"qr_code": "U10001_c0de10001", "session_id": 424242}"#);
    assert_eq!(s, 500);
}
