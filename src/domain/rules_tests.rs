//! Unit tests for every rule and outcome of the check-in decision.

use super::*;
use crate::domain::member_code::digest;
use crate::domain::types::{MembershipFacts, ParticipationStatus as P, SessionStatus as S};
use chrono::TimeZone;

fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, h, m, s).unwrap()
}

const CODE: &str = "U123_ab12cd34";

fn member() -> MemberFacts {
    MemberFacts { id: 123, qr_digest: Some(digest(CODE)), user_active: true, ..MemberFacts::default() }
}

fn session(id: i64, start: DateTime<Utc>) -> SessionFacts {
    SessionFacts {
        id,
        class_id: Some(7),
        start,
        end: start + Duration::hours(1),
        status: S::Scheduled,
        participation: None,
    }
}

fn scan(code: &str, at: DateTime<Utc>) -> Request {
    Request {
        credential: Credential::Code(MemberCode::parse(code).unwrap()),
        session_id: None,
        at,
        override_reason: None,
    }
}

fn facts(candidates: Vec<SessionFacts>) -> Facts {
    Facts { member: Some(member()), candidates, ..Facts::default() }
}

fn accepted_session(d: &Decision) -> i64 {
    match d {
        Decision::Accept { session, .. } => session.id,
        other => panic!("expected a check-in, got {other:?}"),
    }
}

#[test]
fn checks_in_to_the_only_session_and_creates_a_participation() {
    let d = decide(&scan(CODE, t(15, 5, 0)), &facts(vec![session(10, t(15, 0, 0))]), &Policy::default());
    match d {
        Decision::Accept { member_id, session, new_participation, warnings } => {
            assert_eq!((member_id, session.id, new_participation), (123, 10, true));
            assert!(warnings.is_empty());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn window_edges_are_inclusive_at_thirty_minutes_and_closed_one_second_later() {
    let start = t(15, 0, 0);
    for (at, inside) in [
        (t(14, 30, 0), true),   // 30:00 before the start
        (t(15, 30, 0), true),   // 30:00 after the start
        (t(14, 29, 59), false), // 30:01 before
        (t(15, 30, 1), false),  // 30:01 after
    ] {
        assert_eq!(in_window(start, at), inside, "at {at}");
        // Implicit: the session is a candidate only inside the window.
        let d = decide(&scan(CODE, at), &facts(vec![session(10, start)]), &Policy::default());
        let want = if inside { Outcome::CheckedIn } else { Outcome::NoClassNow };
        assert_eq!(d.outcome(), want, "implicit at {at}");
        // Explicit: outside the window is its own refusal.
        let mut req = scan(CODE, at);
        req.session_id = Some(10);
        let f = Facts { explicit: Some(session(10, start)), ..facts(vec![]) };
        let want = if inside { Outcome::CheckedIn } else { Outcome::OutsideWindow };
        assert_eq!(decide(&req, &f, &Policy::default()).outcome(), want, "explicit at {at}");
    }
}

#[test]
fn the_closest_start_wins() {
    let at = t(15, 0, 0);
    let c = vec![session(1, t(14, 40, 0)), session(2, t(15, 10, 0)), session(3, t(15, 25, 0))];
    assert_eq!(accepted_session(&decide(&scan(CODE, at), &facts(c), &Policy::default())), 2);
}

#[test]
fn ties_go_to_the_earlier_start_then_the_lower_id() {
    let at = t(15, 0, 0);
    // 10 minutes either side: the earlier start wins, whatever the order given.
    let c = vec![session(7, t(15, 10, 0)), session(8, t(14, 50, 0))];
    assert_eq!(accepted_session(&decide(&scan(CODE, at), &facts(c), &Policy::default())), 8);
    // Same start: the lower id wins.
    let c = vec![session(9, t(15, 5, 0)), session(4, t(15, 5, 0))];
    assert_eq!(accepted_session(&decide(&scan(CODE, at), &facts(c), &Policy::default())), 4);
}

#[test]
fn a_booked_session_wins_over_a_closer_one() {
    // Booked for the 18:00 spinning class, arriving 17:45: not the 17:50 yoga.
    let at = t(17, 45, 0);
    let mut spinning = session(20, t(18, 0, 0));
    spinning.participation = Some(P::Registered);
    let yoga = session(21, t(17, 50, 0));
    let d = decide(&scan(CODE, at), &facts(vec![yoga, spinning]), &Policy::default());
    assert_eq!(accepted_session(&d), 20);
    match d {
        Decision::Accept { new_participation, .. } => assert!(!new_participation, "registration is updated"),
        _ => unreachable!(),
    }
}

#[test]
fn a_second_scan_after_checking_into_the_booked_class_is_already_checked_in() {
    let at = t(17, 46, 0);
    let mut spinning = session(20, t(18, 0, 0));
    spinning.participation = Some(P::Attended);
    let d = decide(&scan(CODE, at), &facts(vec![session(21, t(17, 50, 0)), spinning]), &Policy::default());
    assert_eq!(d.outcome(), Outcome::AlreadyCheckedIn);
}

#[test]
fn a_cancelled_booking_does_not_attract_the_check_in() {
    let at = t(17, 45, 0);
    let mut spinning = session(20, t(18, 0, 0));
    spinning.participation = Some(P::Cancelled);
    let d = decide(&scan(CODE, at), &facts(vec![session(21, t(17, 50, 0)), spinning]), &Policy::default());
    assert_eq!(accepted_session(&d), 21);
}

#[test]
fn cancelled_sessions_are_never_eligible() {
    let at = t(15, 0, 0);
    let mut closest = session(1, t(15, 0, 0));
    closest.status = S::Cancelled;
    let d = decide(&scan(CODE, at), &facts(vec![closest.clone(), session(2, t(15, 20, 0))]), &Policy::default());
    assert_eq!(accepted_session(&d), 2);
    // Only a cancelled one: nothing to check into.
    let d = decide(&scan(CODE, at), &facts(vec![closest.clone()]), &Policy::default());
    assert_eq!(d.outcome(), Outcome::NoClassNow);
    // Named explicitly: refused as cancelled.
    let mut req = scan(CODE, at);
    req.session_id = Some(1);
    let f = Facts { explicit: Some(closest), ..facts(vec![]) };
    assert_eq!(decide(&req, &f, &Policy::default()).outcome(), Outcome::SessionCancelled);
}

#[test]
fn an_explicit_session_must_exist_in_this_gym() {
    let mut req = scan(CODE, t(15, 0, 0));
    req.session_id = Some(99);
    // Another gym's session is never loaded as a fact: it does not exist here.
    let d = decide(&req, &facts(vec![session(10, t(15, 0, 0))]), &Policy::default());
    assert_eq!(d.outcome(), Outcome::SessionNotFound);
    // A mismatched fact (a bug in the caller) is not trusted either.
    let f = Facts { explicit: Some(session(98, t(15, 0, 0))), ..facts(vec![]) };
    assert_eq!(decide(&req, &f, &Policy::default()).outcome(), Outcome::SessionNotFound);
}

#[test]
fn session_zero_means_no_session_as_on_the_server() {
    let mut req = scan(CODE, t(15, 0, 0));
    req.session_id = Some(0);
    let d = decide(&req, &facts(vec![session(10, t(15, 0, 0))]), &Policy::default());
    assert_eq!(accepted_session(&d), 10);
}

#[test]
fn an_explicit_session_is_used_even_when_another_is_closer() {
    let mut req = scan(CODE, t(15, 0, 0));
    req.session_id = Some(11);
    let f = Facts {
        explicit: Some(session(11, t(15, 25, 0))),
        ..facts(vec![session(10, t(15, 0, 0)), session(11, t(15, 25, 0))])
    };
    assert_eq!(accepted_session(&decide(&req, &f, &Policy::default())), 11);
}

#[test]
fn forged_codes_are_refused_and_genuine_ones_pass() {
    let at = t(15, 0, 0);
    let f = facts(vec![session(10, at)]);
    for forged in ["U123_anything", "U123_ab12cd35", "U123_AB12CD34", "U123_ab12cd34x"] {
        let d = decide(&scan(forged, at), &f, &Policy::default());
        assert_eq!(d.outcome(), Outcome::InvalidCode, "{forged}");
    }
    assert_eq!(decide(&scan(CODE, at), &f, &Policy::default()).outcome(), Outcome::CheckedIn);
}

/// A forged code proves nothing about who holds it: whatever state the real
/// member is in, the answer is `invalid_code`, and it names no member.
#[test]
fn a_forged_code_wins_over_every_member_state() {
    let at = t(15, 0, 0);
    const FORGED: &str = "U123_deadbeef";
    let with = |p: Option<P>| {
        let mut s = session(10, at);
        s.participation = p;
        s
    };
    let inactive = MembershipFacts { is_active: false, expires_at: None };
    let expired = MembershipFacts { is_active: true, expires_at: Some(at - Duration::days(1)) };
    let mut cancelled = session(10, at);
    cancelled.status = S::Cancelled;
    let blocking = Policy { alerts: crate::domain::alerts::AlertPolicy::legacy(true), ..Policy::default() };
    let cases: Vec<(&str, Request, Facts, Policy, Outcome)> = vec![
        (
            "already attended",
            scan(FORGED, at),
            facts(vec![with(Some(P::Attended))]),
            Policy::default(),
            Outcome::AlreadyCheckedIn,
        ),
        ("registered", scan(FORGED, at), facts(vec![with(Some(P::Registered))]), Policy::default(), Outcome::CheckedIn),
        ("walk-in", scan(FORGED, at), facts(vec![with(None)]), Policy::default(), Outcome::CheckedIn),
        ("no class now", scan(FORGED, at), facts(vec![]), Policy::default(), Outcome::NoClassNow),
        (
            "only a cancelled class",
            scan(FORGED, at),
            facts(vec![cancelled.clone()]),
            Policy::default(),
            Outcome::NoClassNow,
        ),
        (
            "inactive membership, blocking",
            scan(FORGED, at),
            Facts { member: Some(MemberFacts { membership: Some(inactive), ..member() }), ..facts(vec![with(None)]) },
            blocking,
            Outcome::MembershipInactive,
        ),
        (
            "expired membership",
            scan(FORGED, at),
            Facts { member: Some(MemberFacts { membership: Some(expired), ..member() }), ..facts(vec![with(None)]) },
            blocking,
            Outcome::MembershipInactive,
        ),
        (
            "user inactive",
            scan(FORGED, at),
            Facts { member: Some(MemberFacts { user_active: false, ..member() }), ..facts(vec![with(None)]) },
            Policy::default(),
            Outcome::CheckedIn,
        ),
        (
            "explicit session that does not exist",
            Request { session_id: Some(99), ..scan(FORGED, at) },
            facts(vec![]),
            Policy::default(),
            Outcome::SessionNotFound,
        ),
        (
            "explicit cancelled session",
            Request { session_id: Some(10), ..scan(FORGED, at) },
            Facts { explicit: Some(cancelled), ..facts(vec![]) },
            Policy::default(),
            Outcome::SessionCancelled,
        ),
        (
            "explicit session outside the window",
            Request { session_id: Some(10), ..scan(FORGED, at) },
            Facts { explicit: Some(session(10, at - Duration::hours(2))), ..facts(vec![]) },
            Policy::default(),
            Outcome::OutsideWindow,
        ),
    ];
    for (name, req, f, policy, genuine) in cases {
        let forged = decide(&req, &f, &policy);
        assert_eq!(forged.outcome(), Outcome::InvalidCode, "{name}: the forged code wins");
        assert!(
            matches!(&forged, Decision::Refuse { member_id: None, session: None, warnings, .. } if warnings.is_empty()),
            "{name}: a forged code reveals no member, session or member state: {forged:?}"
        );
        // The same case with the member's real code gets its own outcome, so
        // the table really covers each state.
        let mut real = req.clone();
        real.credential = Credential::Code(MemberCode::parse(CODE).unwrap());
        assert_eq!(decide(&real, &f, &policy).outcome(), genuine, "{name}: with the genuine code");
    }
}

#[test]
fn staff_who_checked_the_id_can_override_a_forged_code_but_not_a_second_check_in() {
    let at = t(15, 0, 0);
    let mut req =
        Request { session_id: Some(10), override_reason: Some("DNI comprobado".into()), ..scan("U123_x", at) };
    let f = Facts { explicit: Some(session(10, at)), ..facts(vec![]) };
    assert_eq!(decide(&req, &f, &Policy::default()).outcome(), Outcome::CheckedIn);
    let mut attended = session(10, at);
    attended.participation = Some(P::Attended);
    let f = Facts { explicit: Some(attended), ..facts(vec![]) };
    assert_eq!(decide(&req, &f, &Policy::default()).outcome(), Outcome::AlreadyCheckedIn);
    req.override_reason = None;
    assert_eq!(decide(&req, &f, &Policy::default()).outcome(), Outcome::InvalidCode);
}

#[test]
fn a_member_without_stored_code_is_accepted_by_id_with_a_warning() {
    let at = t(15, 0, 0);
    let mut f = facts(vec![session(10, at)]);
    f.member.as_mut().unwrap().qr_digest = None;
    match decide(&scan("U123_whatever", at), &f, &Policy::default()) {
        Decision::Accept { warnings, .. } => assert_eq!(warnings, vec![Warning::NoStoredCode]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn someone_not_in_the_gym_is_refused_before_anything_else() {
    let at = t(15, 0, 0);
    let f = Facts { member: None, ..facts(vec![session(10, at)]) };
    let d = decide(&scan("U555_ab12cd34", at), &f, &Policy::default());
    assert_eq!(d.outcome(), Outcome::NotAMember);
    // A member fact for a different id (caller bug) is not trusted.
    let d = decide(&scan("U555_ab12cd34", at), &facts(vec![session(10, at)]), &Policy::default());
    assert_eq!(d.outcome(), Outcome::NotAMember);
}

#[test]
fn registered_no_show_and_cancelled_participations_become_attended() {
    let at = t(15, 0, 0);
    for status in [P::Registered, P::NoShow, P::Cancelled] {
        let mut s = session(10, at);
        s.participation = Some(status);
        match decide(&scan(CODE, at), &facts(vec![s]), &Policy::default()) {
            Decision::Accept { new_participation, .. } => assert!(!new_participation, "{status}"),
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[test]
fn inactive_or_expired_memberships_warn_or_block_by_policy() {
    let at = t(15, 0, 0);
    let cases = [
        (MembershipFacts { is_active: false, expires_at: None }, Some("membership_inactive")),
        (MembershipFacts { is_active: true, expires_at: Some(at - Duration::days(1)) }, Some("membership_expired")),
        // Tomorrow is "expiring soon" (a note, never a block); a month ahead is nothing.
        (MembershipFacts { is_active: true, expires_at: Some(at + Duration::days(1)) }, Some("membership_expiring")),
        (MembershipFacts { is_active: true, expires_at: Some(at + Duration::days(30)) }, None),
    ];
    for (m, warning) in cases {
        let mut f = facts(vec![session(10, at)]);
        f.member.as_mut().unwrap().membership = Some(m.clone());
        match decide(&scan(CODE, at), &f, &Policy::default()) {
            Decision::Accept { warnings, .. } => {
                assert_eq!(warnings.first().map(|w| w.code().as_str()), warning, "{m:?}")
            }
            other => panic!("{other:?}"),
        }
        let blocking = Policy { alerts: crate::domain::alerts::AlertPolicy::legacy(true), ..Policy::default() };
        let blocks = matches!(warning, Some("membership_inactive" | "membership_expired"));
        let want = if blocks { Outcome::MembershipInactive } else { Outcome::CheckedIn };
        assert_eq!(decide(&scan(CODE, at), &f, &blocking).outcome(), want, "{m:?}");
    }
}

#[test]
fn staff_can_override_an_overridable_refusal_with_a_reason() {
    let at = t(16, 0, 0);
    let mut req = Request { credential: Credential::Member(123), session_id: Some(10), at, override_reason: None };
    let f = Facts { explicit: Some(session(10, t(15, 0, 0))), ..facts(vec![]) };
    assert_eq!(decide(&req, &f, &Policy::default()).outcome(), Outcome::OutsideWindow);
    req.override_reason = Some("llegó tarde, autorizado por Marta".into());
    match decide(&req, &f, &Policy::default()) {
        Decision::Accept { warnings, .. } => {
            assert!(matches!(&warnings[..], [Warning::Override { refused: Outcome::OutsideWindow, .. }]))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn overrides_cannot_create_members_sessions_or_second_check_ins() {
    let at = t(15, 0, 0);
    let reason = Some("porque sí".to_string());
    let req = |id: i64, session| Request {
        credential: Credential::Member(id),
        session_id: session,
        at,
        override_reason: reason.clone(),
    };
    let f = Facts { explicit: Some(session(10, at)), ..facts(vec![]) };
    assert_eq!(decide(&req(555, Some(10)), &f, &Policy::default()).outcome(), Outcome::NotAMember);
    assert_eq!(decide(&req(123, Some(11)), &f, &Policy::default()).outcome(), Outcome::SessionNotFound);
    let mut attended = session(10, at);
    attended.participation = Some(P::Attended);
    let f = Facts { explicit: Some(attended), ..facts(vec![]) };
    assert_eq!(decide(&req(123, Some(10)), &f, &Policy::default()).outcome(), Outcome::AlreadyCheckedIn);
    assert!(!overridable(Outcome::AlreadyCheckedIn));
}

#[test]
fn manual_check_in_skips_code_verification() {
    let at = t(15, 0, 0);
    let req = Request { credential: Credential::Member(123), session_id: None, at, override_reason: None };
    assert_eq!(accepted_session(&decide(&req, &facts(vec![session(10, at)]), &Policy::default())), 10);
}

/// The "already inside" refinement, as a case table: the member checked into
/// session 10 (class 7, 15:00) at `earlier`, and scans again at `at`, when the
/// closest session is 11 (class `class`, 16:00).
#[test]
fn already_inside_case_table() {
    let earlier_session = SessionFacts { participation: Some(P::Attended), ..session(10, t(15, 0, 0)) };
    let recent = |at| RecentCheckIn { session: earlier_session.clone(), at };
    let next = |class_id| SessionFacts { class_id, ..session(11, t(16, 0, 0)) };
    let policy = |minutes| Policy { already_inside_minutes: minutes, ..Policy::default() };
    struct Case {
        what: &'static str,
        minutes: u32,
        earlier: DateTime<Utc>,
        at: DateTime<Utc>,
        class: Option<i64>,
        explicit: bool,
        inside: bool,
    }
    let c = |what, minutes, earlier, at, class, explicit, inside| Case {
        what,
        minutes,
        earlier,
        at,
        class,
        explicit,
        inside,
    };
    let cases = [
        c("off by default: the seed checks into the next hour", 0, t(15, 40, 0), t(15, 50, 0), Some(7), false, false),
        c("on, same class, 10 min later", 30, t(15, 40, 0), t(15, 50, 0), Some(7), false, true),
        c("on, exactly at the limit", 30, t(15, 20, 0), t(15, 50, 0), Some(7), false, true),
        c("on, one second past the limit", 30, t(15, 19, 59), t(15, 50, 0), Some(7), false, false),
        c("another class: a new visit", 30, t(15, 40, 0), t(15, 50, 0), Some(8), false, false),
        c("no class id: nothing says it is the same", 30, t(15, 40, 0), t(15, 50, 0), None, false, false),
        c("staff named the session", 30, t(15, 40, 0), t(15, 50, 0), Some(7), true, false),
        c(
            "an earlier check-in after the scan time does not count",
            30,
            t(15, 55, 0),
            t(15, 50, 0),
            Some(7),
            false,
            false,
        ),
        c("a span above the maximum is the maximum", 10_000, t(11, 49, 0), t(15, 50, 0), Some(7), false, false),
        c("the maximum itself", 10_000, t(11, 50, 0), t(15, 50, 0), Some(7), false, true),
    ];
    for case in cases {
        let mut req = scan(CODE, case.at);
        let mut f = Facts { recent: Some(recent(case.earlier)), ..facts(vec![next(case.class)]) };
        if case.explicit {
            req.session_id = Some(11);
            f.explicit = Some(next(case.class));
        }
        let d = decide(&req, &f, &policy(case.minutes));
        if case.inside {
            match d {
                Decision::Refuse {
                    outcome: Outcome::AlreadyInside, member_id: Some(123), session: Some(s), ..
                } => {
                    assert_eq!(s.id, 10, "{}: the verdict names the session the member is inside", case.what)
                }
                other => panic!("{}: expected already_inside, got {other:?}", case.what),
            }
        } else {
            assert_eq!(accepted_session(&d), 11, "{}", case.what);
        }
    }
}

#[test]
fn already_inside_never_hides_a_forged_code_or_an_override() {
    let earlier = RecentCheckIn {
        session: SessionFacts { participation: Some(P::Attended), ..session(10, t(15, 0, 0)) },
        at: t(15, 40, 0),
    };
    let policy = Policy { already_inside_minutes: 30, ..Policy::default() };
    let f = Facts { recent: Some(earlier), ..facts(vec![session(11, t(16, 0, 0))]) };
    let forged = decide(&scan("U123_ffffffff", t(15, 50, 0)), &f, &policy);
    assert_eq!(forged.outcome(), Outcome::InvalidCode, "a forged code names no one, inside or not");
    let mut overridden = scan(CODE, t(15, 50, 0));
    overridden.override_reason = Some("second visit, paid".into());
    assert_eq!(accepted_session(&decide(&overridden, &f, &policy)), 11);
}
