//! The push planner's decisions, one case per rule of `plan`.

use super::*;
use crate::db::outbox::{CheckInPayload, OutboxEvent, OutboxState};
use crate::domain::Source;
use crate::time::parse_utc;

fn t(s: &str) -> DateTime<Utc> {
    parse_utc(s).unwrap()
}

fn event(qr: Option<&str>, new_participation: bool) -> OutboxEvent {
    let payload = CheckInPayload {
        event_id: "e1".into(),
        gym_id: 1,
        member_id: 7,
        session_id: 42,
        qr_code: qr.map(str::to_owned),
        scanned_at: t("2026-11-28T17:55:00Z"),
        method: Source::Camera,
        override_reason: None,
        device_id: "d".into(),
        new_participation,
        warnings: vec![],
    };
    OutboxEvent {
        seq: 1,
        event_id: "e1".into(),
        gym_id: 1,
        member_id: 7,
        session_id: 42,
        scanned_at: payload.scanned_at,
        state: OutboxState::Queued,
        attempts: 0,
        next_attempt_at: payload.scanned_at,
        last_error: None,
        created_at: payload.scanned_at,
        sent_at: None,
        method: Source::Camera,
        clock_flag: None,
        clock_offset_ms: None,
        payload,
    }
}

fn ctx(server_now: &str) -> Context {
    Context { gym_id: 1, server_now: t(server_now), extension: false, checkin_broken: false }
}

const START: &str = "2026-11-28T18:00:00Z";

#[test]
fn the_extension_takes_everything_of_this_gym() {
    let c = Context { extension: true, ..ctx("2026-11-29T09:00:00Z") };
    assert_eq!(plan(&event(None, true), None, &c), Plan::Batch, "even a day later: the scan time travels with it");
    let mut other = event(Some("U7_x"), true);
    other.gym_id = 2;
    assert!(matches!(plan(&other, Some(t(START)), &c), Plan::Skip(_)), "another gym's event is never sent here");
}

#[test]
fn inside_the_window_by_the_server_clock_the_check_in_is_replayed() {
    let p = plan(&event(Some("U7_x"), true), Some(t(START)), &ctx("2026-11-28T18:20:00Z"));
    assert_eq!(p, Plan::Replay { qr_code: "U7_x".into(), session_id: 42, member_id: 7 });
}

#[test]
fn near_the_edge_of_the_window_the_replay_is_not_risked() {
    // 29:30 after the start: inside the server's ±30 min, but not by the safety margin.
    let p = plan(&event(Some("U7_x"), false), Some(t(START)), &ctx("2026-11-28T18:29:30Z"));
    assert_eq!(p, Plan::MarkAttended { session_id: 42, member_id: 7 });
}

#[test]
fn after_the_window_a_registered_member_goes_through_the_participation_endpoint() {
    let p = plan(&event(Some("U7_x"), false), Some(t(START)), &ctx("2026-11-28T21:00:00Z"));
    assert_eq!(p, Plan::MarkAttended { session_id: 42, member_id: 7 });
}

#[test]
fn after_the_window_a_walk_in_is_parked_with_a_reason() {
    let p = plan(&event(Some("U7_x"), true), Some(t(START)), &ctx("2026-11-28T21:00:00Z"));
    assert!(matches!(&p, Plan::Park(r) if r.contains("30 minutes")), "{p:?}");
    let p = plan(&event(Some("U7_x"), true), None, &ctx("2026-11-28T18:00:00Z"));
    assert!(matches!(p, Plan::Park(_)), "an unknown session start cannot be judged inside the window");
}

#[test]
fn a_manual_walk_in_has_no_code_to_replay() {
    let p = plan(&event(None, true), Some(t(START)), &ctx("2026-11-28T18:05:00Z"));
    assert!(matches!(&p, Plan::Park(r) if r.contains("by hand")), "{p:?}");
    let p = plan(&event(None, false), Some(t(START)), &ctx("2026-11-28T18:05:00Z"));
    assert_eq!(p, Plan::MarkAttended { session_id: 42, member_id: 7 }, "a registered member needs no code");
}

#[test]
fn once_the_check_in_endpoint_fails_with_500_the_fallbacks_are_used() {
    let c = Context { checkin_broken: true, ..ctx("2026-11-28T18:05:00Z") };
    assert_eq!(
        plan(&event(Some("U7_x"), false), Some(t(START)), &c),
        Plan::MarkAttended { session_id: 42, member_id: 7 }
    );
    assert!(matches!(plan(&event(Some("U7_x"), true), Some(t(START)), &c), Plan::Park(r) if r.contains("500")));
}

#[test]
fn answers_are_read_as_the_api_means_them() {
    let dup = Err(SyncError::Rejected { status: 400, detail: "Ya has hecho check-in en esta clase".into() });
    assert_eq!(after_replay(&dup, false), Verdict::Sent, "a duplicate means the server has it");
    let e500 = Err(SyncError::Server { status: 500, detail: "Internal Server Error".into() });
    assert_eq!(after_replay(&e500, true), Verdict::FallBack);
    assert!(matches!(after_replay(&e500, false), Verdict::Park(_)), "a 500 is never retried forever");
    let e503 = Err(SyncError::Server { status: 503, detail: String::new() });
    assert!(matches!(after_replay(&e503, false), Verdict::Retry(_)));
    let e401 = Err(SyncError::Unauthorized { detail: "Token expirado".into() });
    assert!(matches!(after_replay(&e401, true), Verdict::Stop(_)), "401 stops, it does not park");
    assert!(matches!(after_attendance(&e401), Verdict::Stop(_)));
    let outside = Err(SyncError::Rejected { status: 400, detail: "fuera del horario".into() });
    assert_eq!(after_replay(&outside, true), Verdict::FallBack);
    assert!(matches!(after_replay(&outside, false), Verdict::Park(r) if r.contains("fuera del horario")));
    let not_reg = Err(SyncError::NotFound { detail: "El miembro no está registrado en esta clase".into() });
    assert!(matches!(after_attendance(&not_reg), Verdict::Park(_)));
    assert_eq!(after_batch_item("duplicate", None), Verdict::Sent);
    assert!(matches!(after_batch_item("rejected", Some("Código QR inválido")), Verdict::Park(r) if r.contains("QR")));
}

#[test]
fn retry_delays_grow_and_are_capped() {
    assert!(retry_delay(0, 0.5) < retry_delay(3, 0.5));
    assert!(retry_delay(50, 1.0) <= Duration::minutes(15));
}
