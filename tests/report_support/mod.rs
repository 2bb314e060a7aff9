//! Shared fixture for the report tests: a real SQLite replica of a gym in
//! Europe/Madrid on the day the clocks go back (2026-10-25, 25 hours), with
//! server rows and desk check-ins in every sync state, accents, markup and
//! would-be spreadsheet formulas in the data. Also a small golden-file
//! snapshot helper (`UPDATE_SNAPSHOTS=1` rewrites the files).
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use frontdesk::checkin::{check_in, CheckInRequest, Input};
use frontdesk::clock::FixedClock;
use frontdesk::db::desk_notes;
use frontdesk::db::gym::Gym;
use frontdesk::db::{outbox, Db};
use frontdesk::demo::demo_code;
use frontdesk::domain::{Lang, ParticipationStatus as P, SessionStatus, Source};
use frontdesk::report::DayReport;
use frontdesk::snapshot::*;
use std::path::{Path, PathBuf};

pub const DAY: &str = "2026-10-25";

pub fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

pub fn member(id: i64, first: &str, last: &str, code: bool, membership: Option<ApiMembership>) -> ApiMember {
    ApiMember {
        id,
        email: Some(format!("m{id}@example.es")),
        first_name: Some(first.into()),
        last_name: Some(last.into()),
        picture: None,
        phone_number: None,
        is_active: true,
        gym_role: "MEMBER".into(),
        qr_code: code.then(|| demo_code(id)),
        color: None,
        birth_date: None,
        created_at: None,
        membership,
    }
}

fn session(
    id: i64,
    name: &str,
    start: &str,
    mins: i64,
    room: &str,
    status: SessionStatus,
    cap: (Option<i64>, i64),
) -> ApiSessionWithClass {
    let start = t(start);
    ApiSessionWithClass {
        session: ApiSession {
            id,
            class_id: Some(id * 10),
            trainer_id: None,
            gym_id: 7,
            start_time: start,
            end_time: start + chrono::Duration::minutes(mins),
            room: Some(room.into()),
            status,
            current_participants: 0,
            override_capacity: cap.0,
        },
        class_info: Some(ApiClassInfo {
            id: id * 10,
            name: name.into(),
            duration: Some(mins),
            max_capacity: Some(cap.1),
        }),
    }
}

pub fn part(
    id: i64,
    session_id: i64,
    member_id: i64,
    status: P,
    registered: bool,
    attended: Option<&str>,
) -> ApiParticipation {
    ApiParticipation {
        id,
        session_id,
        member_id,
        gym_id: 7,
        status,
        registration_time: registered.then(|| t("2026-10-20T10:00:00Z")),
        attendance_time: attended.map(t),
        cancellation_time: None,
        cancellation_reason: None,
    }
}

pub fn snapshot() -> Snapshot {
    let active = Some(ApiMembership { is_active: true, membership_type: Some("paid".into()), expires_at: None });
    let expired = Some(ApiMembership {
        is_active: true,
        membership_type: Some("paid".into()),
        expires_at: Some(t("2026-10-01T00:00:00Z")),
    });
    let sc = SessionStatus::Scheduled;
    Snapshot {
        gym: Gym { id: 7, name: "Gimnasio Peña & Cía".into(), timezone: "Europe/Madrid".into() },
        members: vec![
            member(1, "José", "Núñez Peña", true, active.clone()),
            member(2, "=HYPERLINK(\"http://x\")", "+Malo", true, active.clone()),
            member(3, "Zoë", "O'Brien <b>", true, expired),
            member(4, "Ana", "Ibáñez", false, active.clone()),
            member(5, "@Luis", "-Díaz", true, active.clone()),
            member(6, "Iñaki", "Muñoz", true, active),
        ],
        sessions: vec![
            // The previous day, 23:30 local (CEST): not in the report.
            session(9, "Noche", "2026-10-24T21:30:00Z", 30, "Sala 1", sc, (None, 10)),
            // 02:30 local twice: first in summer time, then in winter time.
            session(1, "Yoga", "2026-10-25T00:30:00Z", 45, "Estudio A", sc, (None, 20)),
            session(2, "Yoga", "2026-10-25T01:30:00Z", 45, "Estudio A", sc, (None, 20)),
            session(3, "Pilates", "2026-10-25T09:00:00Z", 50, "Estudio B", SessionStatus::Completed, (Some(8), 12)),
            session(4, "Spinning", "2026-10-25T17:00:00Z", 45, "Sala Ciclo", SessionStatus::Cancelled, (None, 15)),
            session(5, "Boxeo, técnica", "2026-10-25T22:30:00Z", 60, "Ring \"B\"", sc, (None, 16)),
            // Local midnight of the next day: not in the report.
            session(6, "Madrugada", "2026-10-25T23:00:00Z", 60, "Sala 1", sc, (None, 10)),
        ],
        participations: vec![
            part(101, 9, 6, P::Attended, true, Some("2026-10-24T21:35:00Z")),
            part(102, 1, 6, P::Registered, true, None),
            part(103, 1, 5, P::Attended, true, Some("2026-10-25T00:35:00Z")),
            part(104, 3, 1, P::Registered, true, None),
            part(105, 3, 6, P::NoShow, true, None),
            part(106, 4, 1, P::Registered, true, None),
            part(107, 6, 6, P::Attended, true, Some("2026-10-25T23:05:00Z")),
        ],
    }
}

/// Loads the snapshot into a replica file in `dir` and records the desk's check-ins.
pub fn build_replica(dir: &Path) -> Db {
    build_replica_from(dir, &snapshot())
}

/// [`build_replica`] from a changed copy of [`snapshot`] (the desk's check-ins
/// are the same, so the snapshot must keep their members and sessions).
pub fn build_replica_from(dir: &Path, snap: &Snapshot) -> Db {
    let mut db = Db::open(&dir.join("frontdesk.db")).unwrap();
    frontdesk::replica::replace(&mut db, snap).unwrap();
    let clock = FixedClock::new(t("2026-10-25T00:00:00Z"));
    let mut desk = |input: Input, session: i64, at: &str, method: Source, reason: Option<&str>| -> String {
        clock.set(t(at));
        let req = CheckInRequest {
            input,
            session_id: Some(session),
            at: None,
            method,
            override_reason: reason.map(Into::into),
            who: Default::default(),
        };
        let v = check_in(&mut db, &clock, &req, Lang::Es).unwrap();
        assert!(v.success, "{v:?}");
        v.event_id.unwrap()
    };
    let walk_in = desk(Input::Code(demo_code(2)), 2, "2026-10-25T01:32:00Z", Source::Camera, None);
    desk(Input::Code(demo_code(1)), 3, "2026-10-25T09:05:00Z", Source::Scanner, None);
    let expired = desk(Input::Member(3), 3, "2026-10-25T09:10:00Z", Source::Manual, None);
    // 90 minutes early: outside the window, let in by staff.
    desk(Input::Member(4), 5, "2026-10-25T21:00:00Z", Source::Manual, Some("-2+3 viene con Óscar"));
    outbox::mark_sent(db.conn(), &walk_in, t("2026-10-25T01:40:00Z"), "check_in").unwrap();
    let refused = frontdesk::domain::OutboxReason::RefusedByServer {
        status: Some(422),
        detail: "La membresía ha expirado".into(),
    };
    outbox::park(db.conn(), &expired, &refused).unwrap();
    // Desk notes: one written and cleared on the day, one written and still
    // open (quotes, a comma and a formula-like start), one from the day before.
    let c = db.conn();
    let waiver =
        desk_notes::add(c, 3, "Firmar la exención pendiente", "recepcion-1", None, t("2026-10-25T09:11:00Z")).unwrap();
    desk_notes::clear(c, waiver.id, "recepcion-2", Some("Marta"), t("2026-10-25T17:00:00Z")).unwrap();
    desk_notes::add(c, 1, "=Pedir la tarjeta nueva, \"perdida\"", "recepcion-1", None, t("2026-10-25T10:00:00Z"))
        .unwrap();
    desk_notes::add(c, 2, "De ayer: no sale", "recepcion-1", None, t("2026-10-24T12:00:00Z")).unwrap();
    db
}

/// The replica of [`build_replica`] with two bookings for Boxeo (session 5,
/// 23:30-00:30 local, 22:30-23:30 UTC) that nobody has checked in: pending
/// until the class ends, no-shows after.
pub fn build_replica_with_evening_bookings(dir: &Path) -> Db {
    let mut snap = snapshot();
    snap.participations.push(part(108, 5, 1, P::Registered, true, None));
    snap.participations.push(part(109, 5, 6, P::Registered, true, None));
    build_replica_from(dir, &snap)
}

/// 22:30 local on the report's day: after every check-in the desk recorded,
/// before Boxeo starts.
pub const BEFORE_BOXEO: &str = "2026-10-25T21:30:00Z";

/// The day's report as of the next morning, when every class has ended.
pub fn report(db: &Db) -> DayReport {
    report_at(db, t("2026-10-26T08:00:00Z"))
}

/// The day's report as of `now`.
pub fn report_at(db: &Db, now: DateTime<Utc>) -> DayReport {
    DayReport::build(db.conn(), DAY.parse().unwrap(), now).unwrap()
}

fn snap_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("{name}.snap"))
}

/// Compares `actual` with the committed golden file `tests/snapshots/{name}.snap`.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = snap_path(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let new = path.with_extension("snap.new");
        std::fs::write(&new, actual).unwrap();
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "snapshot {name} differs (first at line {}); got {}\nrerun with UPDATE_SNAPSHOTS=1 to accept",
            line + 1,
            new.display()
        );
    }
}
