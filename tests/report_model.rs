//! The day model on a real replica: a 25-hour fall-back day in Europe/Madrid
//! (two sessions at 02:30 local), counts per session, sync states, methods,
//! warnings, and the day's boundaries.

mod report_support;

use frontdesk::domain::{SessionStatus, Source};
use frontdesk::report::{DayReport, SyncState};
use report_support::*;

#[test]
fn the_fall_back_day_has_25_hours_and_both_0230_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_replica(dir.path());
    let r = report(&db);
    assert_eq!(r.hours(), 25);
    assert_eq!(r.day_start, t("2026-10-24T22:00:00Z"));
    assert_eq!(r.day_end, t("2026-10-25T23:00:00Z"));
    // Sessions 9 (previous day) and 6 (next local midnight) are outside.
    let ids: Vec<i64> = r.sessions.iter().map(|s| s.id).collect();
    assert_eq!(ids, vec![1, 2, 3, 4, 5]);
    let (a, b) = (&r.sessions[0], &r.sessions[1]);
    assert_eq!((a.start.hm(), b.start.hm()), ("02:30".to_string(), "02:30".to_string()));
    assert_eq!((a.start.offset_label(), b.start.offset_label()), ("UTC+02:00".into(), "UTC+01:00".into()));
    assert_eq!(r.sessions[4].start.hm(), "23:30");
}

#[test]
fn per_session_counts() {
    let dir = tempfile::tempdir().unwrap();
    let r = report(&build_replica(dir.path()));
    let counts: Vec<(i64, i64, i64, i64, i64)> =
        r.sessions.iter().map(|s| (s.registered, s.attended, s.no_shows, s.pending, s.walk_ins)).collect();
    assert_eq!(
        counts,
        vec![
            (2, 1, 1, 0, 0), // Yoga 02:30 CEST: one no-show, one attended from the server
            (0, 1, 0, 0, 1), // Yoga 02:30 CET: a camera walk-in
            (2, 2, 1, 0, 1), // Pilates: booked scan, booked no_show, manual walk-in
            (1, 0, 0, 0, 0), // cancelled: no no-shows
            (0, 1, 0, 0, 1), // Boxeo: override walk-in
        ]
    );
    assert_eq!(r.sessions[2].capacity, Some(8), "override capacity wins");
    assert_eq!(r.sessions[0].capacity, Some(20));
    assert!(r.sessions[3].is_cancelled());
    assert_eq!(r.sessions[3].status, SessionStatus::Cancelled);
}

#[test]
fn check_ins_methods_warnings_and_sync_states() {
    let dir = tempfile::tempdir().unwrap();
    let r = report(&build_replica(dir.path()));
    let rows: Vec<(i64, Source, SyncState, Vec<String>)> =
        r.check_ins.iter().map(|c| (c.member_id, c.method, c.sync, c.warnings.clone())).collect();
    assert_eq!(
        rows,
        vec![
            (5, Source::Server, SyncState::Synced, vec![]),
            (2, Source::Camera, SyncState::Synced, vec![]),
            (1, Source::Scanner, SyncState::Queued, vec![]),
            (3, Source::Manual, SyncState::Parked, vec!["membership_expired".to_string()]),
            (4, Source::Override, SyncState::Queued, vec!["override".to_string()]),
        ]
    );
    // Local times, in order of the real instant: 02:35 summer time comes before 02:32 winter time.
    let local: Vec<String> = r.check_ins.iter().map(|c| c.at.hm()).collect();
    assert_eq!(local, ["02:35", "02:32", "10:05", "10:10", "22:00"]);
    assert_eq!(r.check_ins[4].override_reason.as_deref(), Some("-2+3 viene con Óscar"));
    assert_eq!(r.check_ins[0].member_name, "@Luis -Díaz");
    assert_eq!(r.check_ins[2].class_name, "Pilates");
}

#[test]
fn totals_and_the_unsynced_flag() {
    let dir = tempfile::tempdir().unwrap();
    let r = report(&build_replica(dir.path()));
    let t = r.totals;
    assert_eq!((t.sessions, t.cancelled_sessions), (4, 1));
    assert_eq!((t.registered, t.attended, t.no_shows, t.pending, t.walk_ins), (4, 5, 2, 0, 3));
    assert_eq!(t.check_ins, 5);
    assert_eq!((t.by_server, t.by_camera, t.by_scanner, t.by_manual, t.by_override), (1, 1, 1, 1, 1));
    assert_eq!(t.with_warnings, 2);
    assert_eq!((t.queued, t.parked), (2, 1));
    assert!(r.has_unsynced());
}

#[test]
fn once_everything_is_sent_the_day_is_synced() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_replica(dir.path());
    for ev in frontdesk::db::outbox::list(db.conn(), None).unwrap() {
        frontdesk::db::outbox::mark_sent(db.conn(), &ev.event_id, t("2026-10-26T07:00:00Z"), "check_in").unwrap();
    }
    let r = report(&db);
    assert!(!r.has_unsynced());
    assert!(r.check_ins.iter().all(|c| c.sync == SyncState::Synced));
}

#[test]
fn the_spring_forward_day_has_23_hours() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = frontdesk::db::Db::open(&dir.path().join("frontdesk.db")).unwrap();
    let mut snap = snapshot();
    snap.participations.clear();
    // 01:30 CET and 03:30 CEST on 2026-03-29 (02:00-03:00 does not exist).
    snap.sessions[1].session.start_time = t("2026-03-29T00:30:00Z");
    snap.sessions[1].session.end_time = t("2026-03-29T01:15:00Z");
    snap.sessions[2].session.start_time = t("2026-03-29T01:30:00Z");
    snap.sessions[2].session.end_time = t("2026-03-29T02:15:00Z");
    frontdesk::replica::replace(&mut db, &snap).unwrap();
    let r = DayReport::build(db.conn(), "2026-03-29".parse().unwrap(), t("2026-03-30T08:00:00Z")).unwrap();
    assert_eq!(r.hours(), 23);
    let starts: Vec<String> =
        r.sessions.iter().map(|s| format!("{} {}", s.start.hm(), s.start.offset_label())).collect();
    assert_eq!(starts, ["01:30 UTC+01:00", "03:30 UTC+02:00"]);
    assert!(r.check_ins.is_empty());
    assert!(!r.has_unsynced());
}

#[test]
fn a_replica_without_a_gym_is_a_clear_error() {
    let db = frontdesk::db::Db::open_in_memory().unwrap();
    let err = DayReport::build(db.conn(), DAY.parse().unwrap(), t("2026-10-26T08:00:00Z")).unwrap_err();
    assert!(err.to_string().contains("no gym"), "{err}");
}

/// A report run before a class ends counts its bookings without a check-in as
/// pending, not as no-shows; once it has ended they are no-shows. Boxeo
/// (23:30-00:30 local, 22:30-23:30 UTC) has two bookings nobody has checked
/// in, besides the override walk-in recorded at 21:00 UTC. Failed before
/// pending existed: at 22:30 local Boxeo had 2 no-shows.
#[test]
fn bookings_of_a_class_that_has_not_ended_are_pending_not_no_shows() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_replica_with_evening_bookings(dir.path());
    let boxeo = |r: &DayReport| r.sessions.iter().find(|s| s.id == 5).cloned().unwrap();
    // (now, Boxeo's (no-shows, pending), the day's (no-shows, pending)): Yoga
    // and Pilates have ended at every instant here, one no-show each.
    let cases = [
        (BEFORE_BOXEO, (0, 2), (2, 2)),           // 22:30 local: not started
        ("2026-10-25T23:00:00Z", (0, 2), (2, 2)), // in progress
        ("2026-10-25T23:30:00Z", (2, 0), (4, 0)), // it ends now: ended
        ("2026-10-26T08:00:00Z", (2, 0), (4, 0)), // the next morning
    ];
    for (now, boxeo_counts, day_counts) in cases {
        let r = report_at(&db, t(now));
        let b = boxeo(&r);
        assert_eq!((b.registered, b.attended, b.walk_ins), (2, 1, 1), "{now}");
        assert_eq!((b.no_shows, b.pending), boxeo_counts, "{now}: Boxeo");
        assert_eq!((r.totals.no_shows, r.totals.pending), day_counts, "{now}: the day");
        assert_eq!(r.totals.registered, 6, "{now}");
        let others = r.sessions.iter().filter(|s| s.id != 5);
        assert!(others.clone().all(|s| s.pending == 0), "{now}: the other classes have ended");
        assert_eq!(others.map(|s| s.no_shows).sum::<i64>(), 2, "{now}");
    }
}

/// A demo gym's check-ins never leave the desk: the report says so, and
/// counts them as neither queued nor parked (a demo desk's report used to
/// warn that every check-in of the day was not synced).
#[test]
fn a_demo_desks_check_ins_are_demo_not_unsynced() {
    use frontdesk::clock::FixedClock;
    let dir = tempfile::tempdir().unwrap();
    let mut db = frontdesk::db::Db::open_in_dir(dir.path()).unwrap();
    let now = t("2026-11-28T16:05:00Z");
    assert!(frontdesk::demo::keep_fresh(&mut db, now).unwrap(), "the demo gym is laid");
    let clock = FixedClock::new(now);
    let mut desk = frontdesk::desk::Desk::new(&mut db, &clock, frontdesk::domain::Lang::Es);
    let v = desk.scan(frontdesk::demo::demo_code(frontdesk::demo::FIRST_MEMBER_ID), "scanner").unwrap();
    assert!(v.success, "{v:?}");
    let r = desk.day_report(None).unwrap();
    let mine: Vec<_> = r
        .check_ins
        .iter()
        .filter(|c| c.member_id == frontdesk::demo::FIRST_MEMBER_ID && c.method == Source::Scanner)
        .collect();
    assert_eq!(mine.len(), 1, "{:?}", r.check_ins);
    assert_eq!(mine[0].sync, SyncState::Demo);
    assert!(r.check_ins.iter().all(|c| c.sync == SyncState::Demo || c.method == Source::Server), "{:?}", r.check_ins);
    assert_eq!((r.totals.queued, r.totals.parked), (0, 0));
    assert!(!r.has_unsynced(), "no 'not synced' banner on a demo desk");
    let csv = String::from_utf8(desk.render_report(None, frontdesk::report::Format::Csv).unwrap()).unwrap();
    assert!(csv.contains("Demostración (no se envía)") && !csv.contains("sin sincronizar"), "{csv}");
}
