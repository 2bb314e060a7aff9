//! Fuzz target `api_responses`: every answer the desk decodes from the
//! central API, decoded exactly as `Client::call` does (`serde_json::from_slice`
//! into the desk's own type, or `classify` for a non-2xx answer) and then run
//! through what the desk does next with it: the pull's checks, the staging
//! round trip (`stage::put` writes JSON, `stage::all` reads it back), the
//! snapshot assembly and validation, the row conversions, and the push's
//! verdicts.
//!
//! Input: one selector byte (which answer, below), then the response body.
#![no_main]

use frontdesk::domain::ParticipationStatus;
use frontdesk::replica::{member_row, server_participation, session_row};
use frontdesk::snapshot::{ApiMember, ApiParticipation, ApiSession, ApiSessionWithClass, Snapshot};
use frontdesk::sync::client::classify;
use frontdesk::domain::OutboxReason;
use frontdesk::sync::plan::{self, Disposition, Plan, Via};
use frontdesk::sync::pull::{self, MembershipStatus, StagedSession};
use frontdesk::sync::push::{self, BatchAnswer, CheckInAnswer};
use frontdesk::sync::SyncError;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

/// The desk's configured gym, the member and session it asked about, and
/// the pull's page size: the values the seed corpus uses.
const GYM: i64 = 1;
const MEMBER: i64 = 1001;
const SESSION: i64 = 1;
const PAGE: usize = 100;

/// `Client::call` on a 2xx answer.
fn decode<T: DeserializeOwned>(what: &str, body: &[u8]) -> Result<T, SyncError> {
    serde_json::from_slice(body).map_err(|e| SyncError::BadShape { what: what.to_owned(), detail: e.to_string() })
}

/// What `stage::put` then `stage::all` do to a staged answer. A value that
/// does not read back the same would fail or change every resumed pull.
fn staged<T: Serialize + DeserializeOwned>(v: &T) -> T {
    let json = serde_json::to_string(v).expect("staged answers serialise");
    let back: T =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("staged answer does not read back: {e}: {json}"));
    assert_eq!(serde_json::to_string(&back).unwrap(), json, "staged answer changed on the way back");
    back
}

/// The end of a pull: assemble, validate, convert every row.
fn finish(
    members: Vec<ApiMember>,
    memberships: &HashMap<i64, MembershipStatus>,
    sessions: Vec<StagedSession>,
    parts: Vec<ApiParticipation>,
) {
    let snap = pull::assemble(GYM, None, members, memberships, sessions, parts);
    let _ = snap.gym.tz();
    if snap.validate().is_ok() {
        for m in &snap.members {
            let row = member_row(m);
            assert_eq!(row.id, m.id);
        }
        for s in &snap.sessions {
            let row = session_row(s);
            assert!(row.end_time >= row.start_time);
        }
        for p in &snap.participations {
            let _ = server_participation(p);
        }
        // What the pull hands to the replica must also load as a snapshot file.
        match Snapshot::from_json(&snap.to_json()) {
            Ok(again) => assert_eq!(again, snap),
            Err(e) => panic!("a pulled snapshot does not load after a dump: {e}"),
        }
    }
}

/// A session of the desk's gym, so that participants of [`SESSION`] can validate.
fn the_session() -> StagedSession {
    let t = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap();
    StagedSession {
        item: ApiSessionWithClass {
            session: ApiSession {
                id: SESSION,
                class_id: None,
                trainer_id: None,
                gym_id: GYM,
                start_time: t,
                end_time: t,
                room: None,
                status: frontdesk::domain::SessionStatus::Scheduled,
                current_participants: 0,
                override_capacity: None,
            },
            class_info: None,
        },
        timezone: None,
    }
}

/// Everything the desk reads off an error: its class, its text, the verdicts.
/// The routes the push may fall back to after a replay, as `plan::fallback` gives them.
fn fallbacks() -> [Plan; 3] {
    let started = OutboxReason::ClassStartedUnbooked { manual: false };
    [
        Plan::Attend { session_id: SESSION, member_id: MEMBER, unbooked: None },
        Plan::Attend { session_id: SESSION, member_id: MEMBER, unbooked: Some(started.clone()) },
        Plan::Book { session_id: SESSION, member_id: MEMBER, started },
    ]
}

fn verdicts(e: SyncError) {
    let _ = (e.code(), e.is_transient(), e.nothing_sent(), e.is_auth(), e.is_offline(), e.detail(), e.to_string());
    let r = Err(e);
    for f in fallbacks() {
        let _ = plan::after_replay(&r, &f);
    }
    let started = OutboxReason::ClassFull;
    let _ = plan::after_register(&r, &started);
    let _ = plan::after_attendance(&r, None);
    let _ = plan::after_attendance(&r, Some(&started));
}

fuzz_target!(|data: &[u8]| {
    frontdesk_fuzz::linked();
    let Some((selector, body)) = frontdesk_fuzz::split_selector(data) else { return };
    match selector % 8 {
        // GET /users/gym-participants (one page)
        0 => {
            let Ok(page) = decode::<Vec<ApiMember>>("/users/gym-participants", body) else { return };
            if page.len() > PAGE {
                return; // the pull refuses an oversized page
            }
            let page = staged(&page);
            let mut seen = HashSet::new();
            let members: Vec<ApiMember> = page.into_iter().filter(|m| seen.insert(m.id)).collect();
            finish(members, &HashMap::new(), Vec::new(), Vec::new());
        }
        // GET /memberships/user/{id}/status
        1 => {
            let Ok(m) = decode::<MembershipStatus>("/memberships/user/1001/status", body) else { return };
            if pull::check_membership(&m, MEMBER, GYM).is_err() {
                return;
            }
            let m = staged(&m);
            let member: ApiMember =
                serde_json::from_str(r#"{"id": 1001, "qr_code": "U1001_8c1f2d3e"}"#).expect("fixed member");
            finish(vec![member], &HashMap::from([(MEMBER, m)]), Vec::new(), Vec::new());
        }
        // GET /schedule/sessions/date-range (one page)
        2 => {
            let Ok(raw) = decode::<Vec<serde_json::Value>>("/schedule/sessions/date-range", body) else { return };
            if raw.len() > PAGE {
                return;
            }
            let Ok(page) = raw.into_iter().map(|v| pull::staged_session(v, GYM)).collect::<Result<Vec<_>, _>>() else {
                return;
            };
            let page = staged(&page);
            let mut seen = HashSet::new();
            let sessions: Vec<StagedSession> = page.into_iter().filter(|s| seen.insert(s.item.session.id)).collect();
            finish(Vec::new(), &HashMap::new(), sessions, Vec::new());
        }
        // GET /schedule/participation/participants/{session_id}, in the pull and before a push
        3 => {
            let Ok(list) = decode::<Vec<ApiParticipation>>("/schedule/participation/participants/1", body) else {
                return;
            };
            let _already = list.iter().any(|p| p.member_id == MEMBER && p.status == ParticipationStatus::Attended);
            if pull::check_participants(&list, SESSION, GYM).is_err() {
                return;
            }
            let list = staged(&list);
            finish(Vec::new(), &HashMap::new(), vec![the_session()], list);
        }
        // POST /schedule/participation/attendance/{session_id}/{member_id}
        4 => {
            let r = decode::<ApiParticipation>("/schedule/participation/attendance/1/1001", body)
                .and_then(|p| push::attendance_answer(&p, SESSION, MEMBER));
            let v = plan::after_attendance(&r, None);
            assert!(r.is_err() || v == Disposition::Sent(Via::Attendance));
        }
        // POST /attendance/check-ins/batch (the extension)
        5 => {
            let meta: Vec<(String, i64)> =
                ["0f8e2b4a-0000-4000-8000-000000000001", "0f8e2b4a-0000-4000-8000-000000000002"]
                    .iter()
                    .enumerate()
                    .map(|(i, id)| (id.to_string(), i as i64))
                    .collect();
            let answer = decode::<BatchAnswer>("/attendance/check-ins/batch", body);
            if answer.is_err() {
                verdicts(
                    decode::<BatchAnswer>("/attendance/check-ins/batch", body).err().expect("same body, same error"),
                );
            }
            let outcomes = push::batch_outcomes(answer, &meta);
            assert_eq!(outcomes.len(), meta.len(), "one verdict per event sent");
        }
        // POST /attendance/check-in
        6 => {
            let r =
                decode::<CheckInAnswer>("/attendance/check-in", body).and_then(|a| push::check_in_answer(&a, SESSION));
            for f in fallbacks() {
                let v = plan::after_replay(&r, &f);
                assert!(r.is_err() || v == Disposition::Sent(Via::CheckIn));
            }
        }
        // Any non-2xx answer: status in the first two bytes, then the body.
        _ => {
            let Some((s, body)) = body.split_first_chunk::<2>() else { return };
            let status = 400 + u16::from_le_bytes(*s) % 200;
            let retry = (status == 429).then(|| Duration::from_secs(u64::from(s[0])));
            let e = classify(status, retry, body);
            if let Some(d) = e.detail() {
                // Only a JSON `detail` string is kept whole; anything else is cut to 200 characters.
                assert!(d.chars().count() <= 201 || serde_json::from_slice::<serde_json::Value>(body).is_ok());
            }
            verdicts(e);
        }
    }
});
