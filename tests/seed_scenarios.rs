//! The seed plan's own unit and integration scenarios (seed/000_*.md,
//! "PASO 6"), replayed against a real SQLite replica through the desk's
//! check-in service. The seed mocks the database; here every fact is real.

mod support;

use frontdesk::db::{outbox, participations};
use frontdesk::domain::ParticipationStatus;
use support::*;

// test_process_check_in_invalid_qr / test_check_in_invalid_qr
#[test]
fn an_invalid_qr_is_refused_as_invalid() {
    let mut r = TempReplica::with(&small_gym());
    for code in ["INVALID", "INVALID_QR"] {
        let v = r.scan(code, None, t(15, 0));
        assert!(!v.success);
        assert_eq!(v.code.code(), "invalid_code");
        assert!(v.message.to_lowercase().contains("inválido"), "{}", v.message);
    }
}

// test_process_check_in_user_not_in_gym
#[test]
fn a_user_outside_the_gym_is_refused() {
    let mut r = TempReplica::with(&small_gym());
    let v = r.scan("U999_abcd1234", None, t(15, 0));
    assert_eq!(v.code.code(), "not_a_member");
    assert!(v.message.to_lowercase().contains("no pertenece"));
    assert_eq!(v.user_id, Some(999));
}

// test_process_check_in_no_classes_available / test_check_in_no_classes
#[test]
fn no_class_in_the_window_is_refused() {
    let mut r = TempReplica::with(&small_gym());
    let v = r.scan("U125_test1234", None, t(12, 0));
    assert_eq!(v.code.code(), "no_class_now");
    assert!(v.message.to_lowercase().contains("no hay clases"));
}

// test_process_check_in_success_new_participation / test_check_in_success
#[test]
fn a_check_in_succeeds_with_a_new_participation_and_an_outbox_event() {
    let mut r = TempReplica::with(&small_gym());
    // The seed's fixture: a session starting 5 minutes from now.
    let v = r.scan("U125_test1234", None, t(14, 55));
    assert!(v.success);
    assert_eq!(v.message, "Check-in realizado correctamente");
    assert_eq!(v.session.as_ref().unwrap().id, 10);
    assert!(v.new_participation);
    assert_eq!(v.user_id, Some(125));
    let p = participations::get(r.db.conn(), 10, 125).unwrap().expect("participation written");
    assert_eq!(p.status, ParticipationStatus::Attended);
    assert_eq!(p.attendance_time, Some(t(14, 55)), "the scan time is the attendance time");
    let events = outbox::list(r.db.conn(), None).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event_id, v.event_id.clone().unwrap());
    assert_eq!(p.event_id, v.event_id);
}

// test_process_check_in_already_attended / test_check_in_twice
#[test]
fn checking_in_twice_is_refused_the_second_time_and_queues_one_event() {
    let mut r = TempReplica::with(&small_gym());
    assert!(r.scan("U125_test1234", None, t(15, 0)).success);
    let second = r.scan("U125_test1234", None, t(15, 1));
    assert!(!second.success);
    assert_eq!(second.code.code(), "already_checked_in");
    assert!(second.message.to_lowercase().contains("ya has hecho check-in"));
    assert_eq!(outbox::counts(r.db.conn()).unwrap().queued, 1);
}

// test_check_in_with_specific_session
#[test]
fn a_specific_session_is_honoured() {
    let mut snap = small_gym();
    snap.sessions.push(session(11, GYM, t(15, 20), "Spinning"));
    let mut r = TempReplica::with(&snap);
    let v = r.scan("U125_test1234", Some(11), t(15, 0));
    assert!(v.success);
    assert_eq!(v.session.unwrap().id, 11);
}

// The seed's "existing participation becomes attended" branch.
#[test]
fn a_registered_member_is_marked_attended_without_a_new_participation() {
    let mut snap = small_gym();
    snap.participations.push(participation(5, 10, 123, ParticipationStatus::Registered));
    let mut r = TempReplica::with(&snap);
    let v = r.scan("U123_ab12cd34", None, t(15, 10));
    assert!(v.success);
    assert!(!v.new_participation);
    let p = participations::get(r.db.conn(), 10, 123).unwrap().unwrap();
    assert_eq!((p.status, p.server_id), (ParticipationStatus::Attended, Some(5)));
}
