//! The per-gym "already inside" setting on a real SQLite replica: a member who
//! scans again 20 minutes after coming in is not checked into the next hour of
//! an hourly open-gym class (so the report counts one visit), with the setting
//! off the seed's rules stand, and a check-in the server recorded counts too.

mod support;

use frontdesk::db::{outbox, settings};
use frontdesk::desk_settings;
use frontdesk::domain::{Lang, ParticipationStatus};
use support::*;

/// Open gym every hour from 15:00 (sessions 10, 11, one class), and Yoga at 16:00.
fn hourly_gym() -> frontdesk::snapshot::Snapshot {
    let mut snap = small_gym();
    let open = |id, h| {
        let mut s = session(id, GYM, t(h, 0), "Gimnasio libre");
        s.session.class_id = Some(500);
        s.class_info.as_mut().unwrap().id = 500;
        s
    };
    snap.sessions = vec![open(10, 15), open(11, 16), session(20, GYM, t(16, 0), "Yoga")];
    snap
}

fn set_minutes(r: &TempReplica, minutes: u32) {
    let mut s = desk_settings::load(r.db.conn(), Lang::Es).unwrap();
    s.already_inside_minutes = minutes;
    desk_settings::save(r.db.conn(), &s).unwrap();
}

fn queued(r: &TempReplica) -> i64 {
    r.db.conn().query_row("SELECT COUNT(*) FROM outbox", [], |row| row.get(0)).unwrap()
}

#[test]
fn off_by_default_a_second_scan_checks_into_the_next_hour_as_the_seed_does() {
    let mut r = TempReplica::with(&hourly_gym());
    assert_eq!(settings::policy(r.db.conn()).unwrap().already_inside_minutes, 0);
    assert_eq!(r.scan("U123_ab12cd34", None, t(15, 20)).code.code(), "checked_in");
    let again = r.scan("U123_ab12cd34", None, t(15, 40));
    assert_eq!(again.code.code(), "checked_in");
    assert_eq!(again.session.unwrap().id, 11, "the closest session at 15:40 is the 16:00 hour");
    assert_eq!(queued(&r), 2);
}

#[test]
fn on_a_second_scan_within_the_span_is_already_inside_and_records_nothing() {
    let mut r = TempReplica::with(&hourly_gym());
    set_minutes(&r, 45);
    let first = r.scan("U123_ab12cd34", None, t(15, 20));
    assert!(first.success);
    let again = r.scan("U123_ab12cd34", None, t(15, 40));
    assert!(!again.success, "nothing new is recorded");
    assert_eq!(again.code.code(), "already_inside");
    assert_eq!(again.session.as_ref().unwrap().id, 10, "names the session the member is inside");
    assert_eq!(again.inside_since, Some(t(15, 20)));
    assert_eq!(again.member.as_ref().unwrap().name, "Ana Ruiz");
    let json = serde_json::to_value(&again).unwrap();
    assert_eq!(json["inside_since"], "2026-11-28T15:20:00Z");
    assert_eq!(queued(&r), 1, "one visit, one event");

    // Past the span, a scan is a new visit again; another class is never held back.
    assert_eq!(r.scan("U123_ab12cd34", None, t(16, 6)).session.unwrap().id, 11);
    assert_eq!(r.scan("U125_test1234", None, t(15, 20)).session.unwrap().id, 10);
    assert_eq!(queued(&r), 3);
}

#[test]
fn a_check_in_the_server_recorded_counts_and_a_booked_other_class_is_not_held_back() {
    let mut snap = hourly_gym();
    let mut p = participation(900, 10, 123, ParticipationStatus::Attended);
    p.attendance_time = Some(t(15, 25));
    snap.participations.push(p);
    snap.participations.push(participation(901, 20, 125, ParticipationStatus::Registered));
    let mut p = participation(902, 10, 125, ParticipationStatus::Attended);
    p.attendance_time = Some(t(15, 25));
    snap.participations.push(p);
    let mut r = TempReplica::with(&snap);
    set_minutes(&r, 45);
    let v = r.scan("U123_ab12cd34", None, t(15, 45));
    assert_eq!(v.code.code(), "already_inside", "another desk's check-in, pulled from the server");
    assert_eq!(v.inside_since, Some(t(15, 25)));
    let booked = r.scan("U125_test1234", None, t(15, 45));
    assert_eq!((booked.code.code(), booked.session.unwrap().id), ("checked_in", 20), "Yoga, which 125 booked");
    assert_eq!(queued(&r), 1);
}

#[test]
fn the_setting_survives_a_reopen() {
    let mut r = TempReplica::with(&hourly_gym());
    set_minutes(&r, 30);
    r = r.reopen();
    assert_eq!(desk_settings::load(r.db.conn(), Lang::En).unwrap().already_inside_minutes, 30);
    r.scan("U123_ab12cd34", None, t(15, 20));
    assert_eq!(r.scan("U123_ab12cd34", None, t(15, 40)).code.code(), "already_inside");
    assert_eq!(outbox::counts(r.db.conn()).unwrap().queued, 1);
}
