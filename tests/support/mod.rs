//! Shared fixtures for the integration tests: a small gym snapshot built in
//! code, a real SQLite replica in a temp directory, and a fixed clock.
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use frontdesk::checkin::{self, CheckInRequest, Input, Verdict};
use frontdesk::clock::FixedClock;
use frontdesk::db::gym::Gym;
use frontdesk::db::Db;
use frontdesk::domain::{Lang, ParticipationStatus, SessionStatus, Source};
use frontdesk::snapshot::{ApiClassInfo, ApiMember, ApiParticipation, ApiSession, ApiSessionWithClass, Snapshot};

pub const GYM: i64 = 1;

pub fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, h, m, 0).unwrap()
}

pub fn member(id: i64, first: &str, last: &str, code: Option<&str>) -> ApiMember {
    ApiMember {
        id,
        email: Some(format!("m{id}@example.com")),
        first_name: Some(first.into()),
        last_name: Some(last.into()),
        picture: None,
        phone_number: None,
        is_active: true,
        gym_role: "MEMBER".into(),
        qr_code: code.map(Into::into),
        color: None,
        birth_date: None,
        created_at: None,
        membership: None,
    }
}

pub fn session(id: i64, gym_id: i64, start: DateTime<Utc>, name: &str) -> ApiSessionWithClass {
    ApiSessionWithClass {
        session: ApiSession {
            id,
            class_id: Some(id * 10),
            trainer_id: Some(7),
            gym_id,
            start_time: start,
            end_time: start + Duration::hours(1),
            room: Some("A".into()),
            status: SessionStatus::Scheduled,
            current_participants: 0,
            override_capacity: None,
        },
        class_info: Some(ApiClassInfo { id: id * 10, name: name.into(), duration: Some(60), max_capacity: Some(20) }),
    }
}

pub fn participation(id: i64, session_id: i64, member_id: i64, status: ParticipationStatus) -> ApiParticipation {
    ApiParticipation {
        id,
        session_id,
        member_id,
        gym_id: GYM,
        status,
        registration_time: Some(t(9, 0)),
        attendance_time: None,
        cancellation_time: None,
        cancellation_reason: None,
    }
}

/// Gym 1 with members 123 (code U123_ab12cd34), 124 (no stored code) and
/// 125 (code U125_test1234), and a Yoga session at 15:00 UTC.
pub fn small_gym() -> Snapshot {
    Snapshot {
        gym: Gym { id: GYM, name: "Test Gym".into(), timezone: "America/Mexico_City".into() },
        members: vec![
            member(123, "Ana", "Ruiz", Some("U123_ab12cd34")),
            member(124, "José", "López", None),
            member(125, "Test", "User", Some("U125_test1234")),
        ],
        sessions: vec![session(10, GYM, t(15, 0), "Yoga")],
        participations: vec![],
    }
}

/// A replica in a real file under a fresh temp dir (kept alive by the guard).
pub struct TempReplica {
    pub dir: tempfile::TempDir,
    pub db: Db,
}

impl TempReplica {
    pub fn with(snap: &Snapshot) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open_in_dir(dir.path()).unwrap();
        frontdesk::replica::replace(&mut db, snap).unwrap();
        TempReplica { dir, db }
    }

    pub fn reopen(self) -> Self {
        let TempReplica { dir, db } = self;
        drop(db);
        let db = Db::open_in_dir(dir.path()).unwrap();
        TempReplica { dir, db }
    }

    /// A camera scan of `code` at `at`, optionally into `session`.
    pub fn scan(&mut self, code: &str, session: Option<i64>, at: DateTime<Utc>) -> Verdict {
        let clock = FixedClock::new(at);
        let req = CheckInRequest {
            input: Input::Code(code.into()),
            session_id: session,
            at: None,
            method: Source::Camera,
            override_reason: None,
            who: Default::default(),
        };
        checkin::check_in(&mut self.db, &clock, &req, Lang::Es).unwrap()
    }
}
