//! The push planner's decisions, one case per rule of `plan`.

use super::*;
use crate::db::outbox::{CheckInPayload, OutboxEvent, OutboxState};
use crate::domain::{OutboxReason as R, Source};
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
        park_code: None,
        sent_via: None,
        reason: None,
        payload,
    }
}

fn ctx(server_now: &str) -> Context {
    Context { gym_id: 1, server_now: t(server_now), extension: false, checkin_broken: false }
}

const START: &str = "2026-11-28T18:00:00Z";
const CODE: Option<&str> = Some("U7_x");
const WALK_IN: bool = true;
const BOOKED: bool = false;

fn replay() -> Plan {
    Plan::Replay { qr_code: "U7_x".into(), session_id: 42, member_id: 7 }
}
fn attend(unbooked: Option<R>) -> Plan {
    Plan::Attend { session_id: 42, member_id: 7, unbooked }
}
fn book(started: R) -> Plan {
    Plan::Book { session_id: 42, member_id: 7, started }
}

#[test]
fn the_extension_takes_everything_of_this_gym() {
    let c = Context { extension: true, ..ctx("2026-11-29T09:00:00Z") };
    assert_eq!(plan(&event(None, true), None, &c), Plan::Batch, "even a day later: the scan time travels with it");
    let mut other = event(CODE, true);
    other.gym_id = 2;
    assert!(matches!(plan(&other, Some(t(START)), &c), Plan::Skip(_)), "another gym's event is never sent here");
}

/// The planner's whole table: (case, code, walk-in?, server now, check-in endpoint broken?, plan).
#[test]
fn each_event_gets_the_route_the_server_can_take() {
    let late = R::ClassStartedUnbooked { manual: false };
    let manual = R::ClassStartedUnbooked { manual: true };
    let broken = R::CheckinEndpointBroken { status: 500 };
    let cases: Vec<(&str, Option<&str>, bool, &str, bool, Plan)> = vec![
        ("inside the window: replayed", CODE, WALK_IN, "2026-11-28T18:20:00Z", false, replay()),
        ("before the start, inside the window: replayed", CODE, WALK_IN, "2026-11-28T17:45:00Z", false, replay()),
        // 29:30 after the start: inside the server's ±30 min, but not by the safety margin.
        ("at the edge, booked member: attendance", CODE, BOOKED, "2026-11-28T18:29:30Z", false, attend(None)),
        (
            "at the edge, walk-in: asked, else parked",
            CODE,
            WALK_IN,
            "2026-11-28T18:29:30Z",
            false,
            attend(Some(late.clone())),
        ),
        ("after the window, booked: attendance", CODE, BOOKED, "2026-11-28T21:00:00Z", false, attend(None)),
        (
            "after the window, walk-in: asked, else parked",
            CODE,
            WALK_IN,
            "2026-11-28T21:00:00Z",
            false,
            attend(Some(late.clone())),
        ),
        ("manual walk-in before the start: booked", None, WALK_IN, "2026-11-28T17:50:00Z", false, book(manual.clone())),
        (
            "manual walk-in after the start: asked, else parked",
            None,
            WALK_IN,
            "2026-11-28T18:05:00Z",
            false,
            attend(Some(manual.clone())),
        ),
        ("manual, booked member: attendance", None, BOOKED, "2026-11-28T18:05:00Z", false, attend(None)),
        ("endpoint broken, booked: attendance", CODE, BOOKED, "2026-11-28T18:05:00Z", true, attend(None)),
        (
            "endpoint broken, walk-in before the start: booked",
            CODE,
            WALK_IN,
            "2026-11-28T17:55:00Z",
            true,
            book(broken.clone()),
        ),
        // One minute before the start is too close to book safely.
        (
            "endpoint broken, walk-in a minute before the start",
            CODE,
            WALK_IN,
            "2026-11-28T17:59:30Z",
            true,
            attend(Some(broken.clone())),
        ),
        (
            "endpoint broken, walk-in after the start: asked, else parked",
            CODE,
            WALK_IN,
            "2026-11-28T18:05:00Z",
            true,
            attend(Some(broken)),
        ),
    ];
    for (name, code, walk_in, now, checkin_broken, want) in cases {
        let c = Context { checkin_broken, ..ctx(now) };
        assert_eq!(plan(&event(code, walk_in), Some(t(START)), &c), want, "{name}");
    }
    let p = plan(&event(CODE, WALK_IN), None, &ctx("2026-11-28T18:00:00Z"));
    assert_eq!(p, Plan::Park(R::SessionUnknown { session_id: 42 }), "an unknown session cannot be judged");
    assert_eq!(plan(&event(CODE, BOOKED), None, &ctx(START)), attend(None), "a booked member needs no session start");
}

#[test]
fn the_nearest_server_deadline_goes_first() {
    let now = t("2026-11-28T17:50:00Z");
    let mut evs: Vec<(OutboxEvent, Option<DateTime<Utc>>)> = Vec::new();
    for (seq, start) in [
        (1, Some("2026-11-28T15:00:00Z")), // long over: no deadline, queue order
        (2, Some("2026-11-28T17:40:00Z")), // started 10 min ago: window ends 18:10
        (3, Some("2026-11-28T17:55:00Z")), // starts in 5 min: book by 17:55
        (4, None),                         // unknown session
        (5, Some("2026-11-28T19:00:00Z")), // starts in 70 min
    ] {
        let mut e = event(CODE, WALK_IN);
        e.seq = seq;
        evs.push((e, start.map(t)));
    }
    evs.sort_by_key(|(e, s)| deadline(e, *s, now));
    let order: Vec<i64> = evs.iter().map(|(e, _)| e.seq).collect();
    assert_eq!(order, vec![3, 2, 5, 1, 4]);
}

#[test]
fn answers_are_read_as_the_api_means_them() {
    let real = book(R::ClassStartedUnbooked { manual: false });
    let ask = attend(Some(R::ClassStartedUnbooked { manual: false }));
    let dup = Err(SyncError::Rejected { status: 400, detail: "Ya has hecho check-in en esta clase".into() });
    assert_eq!(after_replay(&dup, &ask), Disposition::Sent(Via::CheckIn), "a duplicate means the server has it");
    let e500 = Err(SyncError::Server { status: 500, detail: "Internal Server Error".into() });
    assert_eq!(
        after_replay(&e500, &real),
        Disposition::FallBack,
        "a 500 is never retried: the other endpoints are asked"
    );
    assert_eq!(after_replay(&e500, &ask), Disposition::FallBack);
    let e503 = Err(SyncError::Server { status: 503, detail: String::new() });
    assert!(matches!(after_replay(&e503, &real), Disposition::Retry(R::Retrying { .. })));
    let e401 = Err(SyncError::Unauthorized { detail: "Token expirado".into() });
    assert!(matches!(after_replay(&e401, &real), Disposition::Stop(_)), "401 stops, it does not park");
    assert!(matches!(after_attendance(&e401, None), Disposition::Stop(_)));
    assert!(matches!(after_register(&e401, &R::ClassFull), Some(Disposition::Stop(_))));
    let outside = Err(SyncError::Rejected { status: 400, detail: "fuera del horario".into() });
    assert_eq!(after_replay(&outside, &real), Disposition::FallBack, "another route can still record it");
    assert_eq!(
        after_replay(&outside, &ask),
        Disposition::Park(R::RefusedByServer { status: Some(400), detail: "fuera del horario".into() }),
        "no route left: parked with the server's words"
    );
    let not_reg = Err(SyncError::NotFound { detail: "El miembro no está registrado en esta clase".into() });
    let late = R::CheckinEndpointBroken { status: 500 };
    assert_eq!(after_attendance(&not_reg, Some(&late)), Disposition::Park(late.clone()), "the desk's own reason");
    assert!(matches!(
        after_attendance(&not_reg, None),
        Disposition::Park(R::RefusedByServer { status: Some(404), .. })
    ));
    assert_eq!(after_batch_item("duplicate", None), Disposition::Sent(Via::Batch));
    assert!(matches!(after_batch_item("rejected", Some("Código QR inválido")),
        Disposition::Park(R::RefusedByServer { status: None, detail }) if detail.contains("QR")));
}

#[test]
fn register_answers_book_or_park_with_the_servers_reason() {
    let started = R::ClassStartedUnbooked { manual: true };
    let no = |detail: &str| Err(SyncError::Rejected { status: 400, detail: detail.into() });
    assert_eq!(after_register(&Ok(()), &started), None);
    assert_eq!(after_register(&no("Ya estás registrado en esta clase"), &started), None, "already booked: attend");
    assert_eq!(after_register(&no("La sesión está llena"), &started), Some(Disposition::Park(R::ClassFull)));
    assert_eq!(
        after_register(&no("No se puede registrar en una sesión que ya ha comenzado o terminado"), &started),
        Some(Disposition::Park(started.clone()))
    );
    assert_eq!(
        after_register(&no("No se puede registrar en una sesión que no está programada"), &started),
        Some(Disposition::Park(R::SessionNotScheduled))
    );
    let gone = Err(SyncError::NotFound { detail: "Sesión no encontrada en este gimnasio".into() });
    assert!(matches!(after_register(&gone, &started), Some(Disposition::Park(R::RefusedByServer { .. }))));
    let down = Err(SyncError::Offline("refused".into()));
    assert!(matches!(after_register(&down, &started), Some(Disposition::Retry(_))));
}

#[test]
fn an_event_answered_in_the_wrong_shape_again_and_again_is_parked() {
    let bad = Disposition::Retry(R::Retrying { error: "bad_shape".into(), detail: "missing field `id`".into() });
    assert_eq!(settle(bad.clone(), 0), bad, "the first bad answers are retried");
    assert_eq!(
        settle(bad.clone(), MAX_BAD_ANSWERS - 1),
        Disposition::Park(R::BadAnswer { detail: "missing field `id`".into() })
    );
    let offline = Disposition::Retry(R::Retrying { error: "offline".into(), detail: "x".into() });
    assert_eq!(settle(offline.clone(), 1000), offline, "the network being down is never a reason to park");
}

#[test]
fn retry_delays_grow_and_are_capped() {
    assert!(retry_delay(0, 0.5) < retry_delay(3, 0.5));
    assert!(retry_delay(50, 1.0) <= Duration::minutes(15));
}

/// `foreseen_park`, what the card says at check-in, agrees with what the
/// planner does with the same event sent at once: for scanned and manual
/// check-ins, booked or not, from an hour before the start to two after,
/// against each kind of server.
#[test]
fn the_card_foresees_exactly_the_parks_the_planner_makes() {
    let start = t(START);
    let servers = [
        ServerTraits::AS_DEPLOYED,
        ServerTraits { extension: Some(false), checkin_broken: Some(false) },
        ServerTraits { extension: Some(true), checkin_broken: Some(true) },
    ];
    let mut parks = 0;
    for traits in servers {
        for qr in [CODE, None] {
            for new_participation in [WALK_IN, BOOKED] {
                for minutes in (-60..=120).step_by(1) {
                    let now = start + Duration::minutes(minutes) + Duration::seconds(30);
                    let ev = event(qr, new_participation);
                    let c = Context {
                        server_now: now,
                        extension: traits.extension.unwrap(),
                        checkin_broken: traits.checkin_broken.unwrap(),
                        ..ctx(START)
                    };
                    // The push learns a broken endpoint on its first replay and then plans
                    // as here, with `checkin_broken`: the fallback.
                    let parked = match plan(&ev, Some(start), &c) {
                        Plan::Park(r) | Plan::Attend { unbooked: Some(r), .. } => Some(r),
                        _ => None,
                    };
                    let foreseen = foreseen_park(qr.is_some(), new_participation, start, now, traits);
                    assert_eq!(foreseen, parked, "{traits:?} code {qr:?} walk-in {new_participation} at {now}");
                    parks += usize::from(parked.is_some());
                }
            }
        }
    }
    assert!(parks > 100, "the table covers parks, not only sends ({parks})");
}

#[test]
fn what_no_push_has_found_out_never_warns() {
    let start = t(START);
    let late = start + Duration::minutes(20);
    let unknown = ServerTraits::default();
    let no_extension = ServerTraits { extension: Some(false), checkin_broken: None };
    assert_eq!(foreseen_park(false, WALK_IN, start, late, unknown), None, "a new desk says nothing");
    assert_eq!(foreseen_park(true, WALK_IN, start, late, no_extension), None, "the replay may work");
    assert_eq!(
        foreseen_park(false, WALK_IN, start, late, no_extension),
        Some(R::ClassStartedUnbooked { manual: true }),
        "entered by hand, there is no code to replay: only the extension could take it"
    );
}
