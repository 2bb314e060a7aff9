//! Case tables for every alert of the catalogue and every action a gym can set.

use super::*;
use crate::domain::member_code::{digest, MemberCode};
use crate::domain::rules::{decide, Credential, Decision, Facts, Policy, Request};
use crate::domain::types::{MembershipFacts, SessionFacts, SessionStatus};
use chrono::TimeZone;

const CODE: &str = "U123_ab12cd34";

/// 2026-11-28 15:00 UTC: 09:00 the same day in Mexico City (UTC-6).
fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap()
}

fn utc(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn member() -> MemberFacts {
    MemberFacts {
        id: 123,
        qr_digest: Some(digest(CODE)),
        user_active: true,
        membership: Some(MembershipFacts { is_active: true, expires_at: Some(utc(2027, 6, 1, 0)) }),
        ..MemberFacts::default()
    }
}

fn ctx() -> AlertContext {
    AlertContext { at: at(), tz: chrono_tz::America::Mexico_City, data_as_of: Some(at() - Duration::hours(1)) }
}

fn codes(ws: &[Warning]) -> Vec<&'static str> {
    ws.iter().map(|w| w.code().as_str()).collect()
}

#[test]
fn each_alert_is_raised_exactly_when_its_fact_holds() {
    let p = AlertPolicy::default(); // expiring 7 days, new member 14 days, stale after 24 h
    let expiring =
        |e| MemberFacts { membership: Some(MembershipFacts { is_active: true, expires_at: Some(e) }), ..member() };
    let note = OpenNote { id: 4, text: "pending waiver".into(), written_at: at() - Duration::days(2) };
    let cases: Vec<(&str, MemberFacts, Vec<OpenNote>, AlertContext, Vec<&str>)> = vec![
        ("nothing to say", member(), vec![], ctx(), vec![]),
        ("no membership on record", MemberFacts { membership: None, ..member() }, vec![], ctx(), vec![]),
        (
            "inactive (and so neither expired nor expiring)",
            MemberFacts {
                membership: Some(MembershipFacts { is_active: false, expires_at: Some(utc(2026, 11, 29, 0)) }),
                ..member()
            },
            vec![],
            ctx(),
            vec!["membership_inactive"],
        ),
        ("expired a second ago", expiring(at() - Duration::seconds(1)), vec![], ctx(), vec!["membership_expired"]),
        ("expires later today", expiring(at() + Duration::hours(2)), vec![], ctx(), vec!["membership_expiring"]),
        // 5 Dec 05:59 UTC is 4 Dec 23:59 in Mexico City: 6 local days away.
        ("expires in 6 local days", expiring(utc(2026, 12, 5, 5)), vec![], ctx(), vec!["membership_expiring"]),
        // 6 Dec 05:00 UTC is still 5 Dec local: 7 days, the limit, counts.
        ("expires on the 7th local day", expiring(utc(2026, 12, 6, 5)), vec![], ctx(), vec!["membership_expiring"]),
        ("expires on the 8th local day", expiring(utc(2026, 12, 6, 7)), vec![], ctx(), vec![]),
        ("account deactivated", MemberFacts { user_active: false, ..member() }, vec![], ctx(), vec!["user_inactive"]),
        (
            "joined 13 days ago",
            MemberFacts { created_at: Some(at() - Duration::days(13)), ..member() },
            vec![],
            ctx(),
            vec!["new_member"],
        ),
        (
            "joined 14 days ago",
            MemberFacts { created_at: Some(at() - Duration::days(14)), ..member() },
            vec![],
            ctx(),
            vec![],
        ),
        (
            "an account dated after the scan is not new",
            MemberFacts { created_at: Some(at() + Duration::hours(1)), ..member() },
            vec![],
            ctx(),
            vec![],
        ),
        // 28 Nov 15:00 UTC is 28 Nov in Mexico City.
        (
            "born on 28 Nov",
            MemberFacts { birth_date: Some(date(1990, 11, 28)), ..member() },
            vec![],
            ctx(),
            vec!["birthday"],
        ),
        ("born on 27 Nov", MemberFacts { birth_date: Some(date(1990, 11, 27)), ..member() }, vec![], ctx(), vec![]),
        (
            "the birthday is the gym's local date: 03:00 UTC on 29 Nov is still 28 Nov there",
            MemberFacts { birth_date: Some(date(1990, 11, 28)), ..member() },
            vec![],
            AlertContext { at: utc(2026, 11, 29, 3), data_as_of: None, ..ctx() },
            vec!["birthday"],
        ),
        ("a desk note", member(), vec![note.clone()], ctx(), vec!["desk_note"]),
        (
            "two desk notes",
            member(),
            vec![note.clone(), OpenNote { id: 5, ..note.clone() }],
            ctx(),
            vec!["desk_note", "desk_note"],
        ),
        (
            "data 24 h old",
            member(),
            vec![],
            AlertContext { data_as_of: Some(at() - Duration::hours(24)), ..ctx() },
            vec![],
        ),
        (
            "data 24 h and a minute old",
            member(),
            vec![],
            AlertContext { data_as_of: Some(at() - Duration::minutes(24 * 60 + 1)), ..ctx() },
            vec!["stale_data"],
        ),
        ("never pulled (a demo or imported gym)", member(), vec![], AlertContext { data_as_of: None, ..ctx() }, vec![]),
        (
            "everything at once, in catalogue order",
            MemberFacts {
                user_active: false,
                created_at: Some(at() - Duration::days(1)),
                birth_date: Some(date(2000, 11, 28)),
                ..expiring(at() + Duration::days(1))
            },
            vec![note.clone()],
            AlertContext { data_as_of: Some(at() - Duration::days(3)), ..ctx() },
            vec!["membership_expiring", "user_inactive", "new_member", "birthday", "desk_note", "stale_data"],
        ),
    ];
    for (name, m, notes, c, want) in cases {
        assert_eq!(codes(&raised(&m, &notes, &c, &p)), want, "{name}");
    }
}

#[test]
fn a_limit_of_zero_turns_its_alert_off_and_other_limits_move_the_boundary() {
    let m = MemberFacts {
        created_at: Some(at() - Duration::days(20)),
        membership: Some(MembershipFacts { is_active: true, expires_at: Some(at() + Duration::hours(1)) }),
        ..member()
    };
    let c = AlertContext { data_as_of: Some(at() - Duration::hours(3)), ..ctx() };
    let with = |expiring, new, stale| AlertPolicy {
        expiring_within_days: expiring,
        new_member_days: new,
        stale_after_hours: stale,
        ..AlertPolicy::default()
    };
    let cases = [
        (with(7, 14, 24), vec!["membership_expiring"]),
        (with(0, 14, 24), vec![]),
        (with(0, 21, 24), vec!["new_member"]),
        (with(0, 0, 2), vec!["stale_data"]),
        (with(1, 30, 2), vec!["membership_expiring", "new_member", "stale_data"]),
    ];
    for (p, want) in cases {
        assert_eq!(codes(&raised(&m, &[], &c, &p)), want, "{p:?}");
    }
}

#[test]
fn birthdays_on_29_february_are_kept_on_28_february_in_other_years() {
    let born = date(2004, 2, 29);
    let cases = [
        (date(2027, 2, 28), true),
        (date(2027, 3, 1), false),
        (date(2028, 2, 28), false),
        (date(2028, 2, 29), true),
        (date(2004, 2, 29), true),
        (date(2003, 2, 28), false), // before they were born
    ];
    for (today, want) in cases {
        assert_eq!(is_birthday(born, today), want, "{today}");
    }
}

fn session(id: i64) -> SessionFacts {
    SessionFacts {
        id,
        class_id: Some(7),
        start: at(),
        end: at() + Duration::hours(1),
        status: SessionStatus::Scheduled,
        participation: None,
    }
}

fn scan(override_reason: Option<&str>) -> Request {
    Request {
        credential: Credential::Code(MemberCode::parse(CODE).unwrap()),
        session_id: override_reason.map(|_| 10),
        at: at(),
        override_reason: override_reason.map(str::to_owned),
    }
}

fn policy(kind: AlertKind, action: AlertAction) -> Policy {
    let mut alerts = AlertPolicy::default();
    match kind {
        AlertKind::MembershipInactive => alerts.actions.membership_inactive = action,
        AlertKind::MembershipExpired => alerts.actions.membership_expired = action,
        AlertKind::MembershipExpiring => alerts.actions.membership_expiring = action,
        AlertKind::UserInactive => alerts.actions.user_inactive = action,
        AlertKind::NoStoredCode => alerts.actions.no_stored_code = action,
        AlertKind::NewMember => alerts.actions.new_member = action,
        AlertKind::Birthday => alerts.actions.birthday = action,
        AlertKind::DeskNote => alerts.actions.desk_note = action,
        AlertKind::StaleData => alerts.actions.stale_data = action,
    }
    assert_eq!(alerts.actions.get(kind), action);
    Policy { alerts, ..Policy::default() }
}

/// Facts under which exactly `kind` is raised.
fn raising(kind: AlertKind) -> Facts {
    let m = member();
    let member = match kind {
        AlertKind::MembershipInactive => {
            MemberFacts { membership: Some(MembershipFacts { is_active: false, expires_at: None }), ..m }
        }
        AlertKind::MembershipExpired => MemberFacts {
            membership: Some(MembershipFacts { is_active: true, expires_at: Some(at() - Duration::days(3)) }),
            ..m
        },
        AlertKind::MembershipExpiring => MemberFacts {
            membership: Some(MembershipFacts { is_active: true, expires_at: Some(at() + Duration::days(3)) }),
            ..m
        },
        AlertKind::UserInactive => MemberFacts { user_active: false, ..m },
        AlertKind::NoStoredCode => MemberFacts { qr_digest: None, ..m },
        AlertKind::NewMember => MemberFacts { created_at: Some(at() - Duration::days(2)), ..m },
        AlertKind::Birthday => MemberFacts { birth_date: Some(date(1999, 11, 28)), ..m },
        AlertKind::DeskNote | AlertKind::StaleData => m,
    };
    Facts {
        member: Some(member),
        explicit: Some(session(10)),
        candidates: vec![session(10)],
        notes: match kind {
            AlertKind::DeskNote => vec![OpenNote { id: 1, text: "ask for the new card".into(), written_at: at() }],
            _ => vec![],
        },
        tz: Some(chrono_tz::America::Mexico_City),
        data_as_of: Some(match kind {
            AlertKind::StaleData => at() - Duration::days(2),
            _ => at() - Duration::minutes(5),
        }),
        ..Facts::default()
    }
}

#[test]
fn every_alert_allows_warns_or_blocks_as_the_gym_sets_it_and_a_block_can_be_overridden() {
    for &kind in AlertKind::ALL {
        let facts = raising(kind);
        for action in [AlertAction::Allow, AlertAction::Warn, AlertAction::Block] {
            let p = policy(kind, action);
            let d = decide(&scan(None), &facts, &p);
            let shown = match &d {
                Decision::Accept { warnings, .. } | Decision::Refuse { warnings, .. } => codes(warnings),
            };
            assert_eq!(shown, vec![kind.as_str()], "{kind} {action:?}: the alert is shown whatever the action");
            let want = if action == AlertAction::Block { refusal(kind) } else { Outcome::CheckedIn };
            assert_eq!(d.outcome(), want, "{kind} {action:?}");
            if action == AlertAction::Block {
                let d = decide(&scan(Some("seen the receipt")), &facts, &p);
                match d {
                    Decision::Accept { warnings, .. } => {
                        assert_eq!(
                            warnings.last(),
                            Some(&Warning::Override { refused: want, reason: "seen the receipt".into() })
                        );
                    }
                    other => panic!("{kind}: an override of a block must check in, got {other:?}"),
                }
            }
        }
    }
}

#[test]
fn the_first_blocking_alert_in_catalogue_order_names_the_refusal() {
    let mut facts = raising(AlertKind::Birthday);
    facts.notes = raising(AlertKind::DeskNote).notes;
    facts.member.as_mut().unwrap().membership = Some(MembershipFacts { is_active: false, expires_at: None });
    let mut p = Policy::default();
    p.alerts.actions.desk_note = AlertAction::Block;
    assert_eq!(
        decide(&scan(None), &facts, &p).outcome(),
        Outcome::AlertBlocked,
        "the note blocks, the membership warns"
    );
    p.alerts.actions.membership_inactive = AlertAction::Block;
    assert_eq!(decide(&scan(None), &facts, &p).outcome(), Outcome::MembershipInactive, "the membership comes first");
    p.alerts.actions = AlertActions { birthday: AlertAction::Block, ..AlertActions::default() };
    assert_eq!(decide(&scan(None), &facts, &p).outcome(), Outcome::AlertBlocked);
}

#[test]
fn the_policy_reads_older_settings_and_refuses_numbers_out_of_bounds() {
    assert_eq!(AlertPolicy::legacy(false), AlertPolicy::default());
    let blocking = AlertPolicy::legacy(true);
    assert_eq!(blocking.actions.membership_inactive, AlertAction::Block);
    assert_eq!(blocking.actions.membership_expired, AlertAction::Block);
    assert_eq!(blocking.actions.user_inactive, AlertAction::Warn);
    // A stored policy from before an alert existed reads that alert's default.
    let old: AlertPolicy =
        serde_json::from_str(r#"{"actions": {"membership_inactive": "block"}, "expiring_within_days": 3}"#).unwrap();
    assert_eq!(old.actions, AlertActions { membership_inactive: AlertAction::Block, ..AlertActions::default() });
    assert_eq!((old.expiring_within_days, old.new_member_days, old.stale_after_hours), (3, 14, 24));
    let cases = [
        (AlertPolicy { expiring_within_days: EXPIRING_MAX_DAYS, ..AlertPolicy::default() }, true),
        (AlertPolicy { expiring_within_days: EXPIRING_MAX_DAYS + 1, ..AlertPolicy::default() }, false),
        (AlertPolicy { new_member_days: NEW_MEMBER_MAX_DAYS + 1, ..AlertPolicy::default() }, false),
        (AlertPolicy { stale_after_hours: 0, ..AlertPolicy::default() }, false),
        (AlertPolicy { stale_after_hours: STALE_MAX_HOURS, ..AlertPolicy::default() }, true),
        (AlertPolicy { stale_after_hours: STALE_MAX_HOURS + 1, ..AlertPolicy::default() }, false),
    ];
    for (p, ok) in cases {
        assert_eq!(p.validate().is_ok(), ok, "{p:?}");
    }
}

#[test]
fn every_alert_code_is_a_warning_code_with_both_languages() {
    for &kind in AlertKind::ALL {
        let facts = raising(kind);
        let d = decide(&scan(None), &facts, &Policy::default());
        let Decision::Accept { warnings, .. } = d else { panic!("{kind}: {d:?}") };
        let w = &warnings[0];
        assert_eq!(w.alert_kind(), Some(kind));
        assert_eq!(w.code().as_str(), kind.as_str(), "the warning's code is the alert's");
        assert_ne!(w.message(crate::domain::Lang::Es), w.message(crate::domain::Lang::En), "{kind} untranslated");
    }
}
