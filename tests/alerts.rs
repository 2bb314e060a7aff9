//! The alert catalogue on a real SQLite replica, through the desk service:
//! a birthday and a new member taken from the pulled member data, desk notes
//! that survive a replica swap and show until cleared, stale data measured
//! from the last pull, each at the level the gym set, and the notes in the
//! day's report.

mod support;

use chrono::{Duration, NaiveDate};
use frontdesk::clock::FixedClock;
use frontdesk::db::{sync_status, Db};
use frontdesk::desk::{Desk, DeskError};
use frontdesk::desk_settings;
use frontdesk::domain::{AlertAction, Lang, Outcome};
use frontdesk::report::{self, Format};
use support::*;

/// Ana (123) born on 28 Nov, joined 3 days before the 15:00 scan; José (124) and Test (125) neither.
fn gym() -> frontdesk::snapshot::Snapshot {
    let mut snap = small_gym();
    snap.members[0].birth_date = NaiveDate::from_ymd_opt(1991, 11, 28);
    snap.members[0].created_at = Some(t(15, 0) - Duration::days(3));
    snap.members[2].birth_date = NaiveDate::from_ymd_opt(1991, 11, 29);
    snap
}

fn codes(v: &frontdesk::checkin::Verdict) -> Vec<(String, AlertAction)> {
    v.warnings.iter().map(|w| (w.code.to_string(), w.level)).collect()
}

fn set(db: &Db, f: impl FnOnce(&mut desk_settings::DeskSettings)) {
    let mut s = desk_settings::load(db.conn(), Lang::Es).unwrap();
    f(&mut s);
    desk_settings::save(db.conn(), &s).unwrap();
}

#[test]
fn a_birthday_and_a_new_member_are_notes_on_a_green_card_by_default_and_block_when_the_gym_says() {
    let mut r = TempReplica::with(&gym());
    let v = r.scan("U123_ab12cd34", None, t(15, 0));
    assert!(v.success);
    assert_eq!(
        codes(&v),
        vec![("new_member".into(), AlertAction::Allow), ("birthday".into(), AlertAction::Allow)],
        "28 Nov 15:00 UTC is 28 Nov 09:00 in Mexico City"
    );
    assert_eq!(v.warnings[0].at, Some(t(15, 0) - Duration::days(3)));
    assert!(r.scan("U125_test1234", None, t(15, 1)).warnings.is_empty(), "born on the 29th");
    // The recent list keeps codes; their levels come from the gym's settings.
    let recent = frontdesk::views::recent_check_ins(r.db.conn(), 5).unwrap();
    let ana = recent.iter().find(|c| c.member_id == 123).unwrap();
    assert_eq!(ana.warnings, ["new_member", "birthday"]);
    assert_eq!(ana.warning_levels, [AlertAction::Allow, AlertAction::Allow]);

    // The gym blocks on birthdays (a promotion at reception, say): a refusal staff may override.
    let mut snap = gym();
    snap.members[2].birth_date = NaiveDate::from_ymd_opt(1991, 11, 28);
    let r = TempReplica::with(&snap);
    set(&r.db, |s| s.alerts.actions.birthday = AlertAction::Block);
    let mut r = r.reopen();
    let blocked = r.scan("U125_test1234", None, t(15, 2));
    assert_eq!(blocked.code, Outcome::AlertBlocked);
    assert_eq!(codes(&blocked), vec![("birthday".into(), AlertAction::Block)]);
    assert!(blocked.event_id.is_none(), "a refusal queues nothing");
}

#[test]
fn a_desk_note_shows_on_every_check_in_until_cleared_and_survives_a_pull() {
    let mut r = TempReplica::with(&gym());
    let clock = FixedClock::new(t(14, 50));
    let note = Desk::new(&mut r.db, &clock, Lang::Es).add_note(125, "  pedir la tarjeta nueva ", Some("Ana")).unwrap();
    assert_eq!(note.text, "pedir la tarjeta nueva");
    assert!(matches!(
        Desk::new(&mut r.db, &clock, Lang::Es).add_note(999, "x", None),
        Err(DeskError::Core(frontdesk::Error::Invalid(_)))
    ));

    // A pull swaps the member table: the note is not tied to it.
    frontdesk::replica::replace(&mut r.db, &gym()).unwrap();
    let v = r.scan("U125_test1234", None, t(15, 0));
    assert!(v.success, "a desk note warns by default");
    assert_eq!(codes(&v), vec![("desk_note".into(), AlertAction::Warn)]);
    assert_eq!((v.warnings[0].note_id, v.warnings[0].text.as_deref()), (Some(note.id), Some("pedir la tarjeta nueva")));

    let clock = FixedClock::new(t(15, 5));
    let mut desk = Desk::new(&mut r.db, &clock, Lang::Es);
    assert_eq!(desk.member_notes(125).unwrap().len(), 1);
    desk.clear_note(note.id, None).unwrap();
    assert!(matches!(desk.clear_note(note.id, None), Err(DeskError::NoOpenNote(_))), "cleared once");
    assert!(desk.member_notes(125).unwrap().is_empty());

    // The day's report keeps the note, who wrote and cleared it (this desk), and when.
    let csv =
        String::from_utf8(desk.render_report(NaiveDate::from_ymd_opt(2026, 11, 28), Format::Csv).unwrap()).unwrap();
    assert!(csv.contains("Notas de recepción"), "{csv}");
    assert!(csv.contains("pedir la tarjeta nueva"));
    let html =
        String::from_utf8(desk.render_report(NaiveDate::from_ymd_opt(2026, 11, 28), Format::Html).unwrap()).unwrap();
    assert!(html.contains("Las notas se quedan en esta recepción"));
    let day = report::DayReport::build(r.db.conn(), NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(), t(16, 0)).unwrap();
    assert_eq!(day.notes.len(), 1);
    assert_eq!(day.notes[0].cleared.map(|c| c.utc), Some(t(15, 5)));
    assert_eq!(day.notes[0].member_name, "Test User");

    // Once cleared, the next check-in is plain.
    let again = r.scan("U123_ab12cd34", None, t(15, 10));
    assert!(again.warnings.iter().all(|w| w.code != "desk_note"));
}

#[test]
fn member_data_older_than_the_gyms_limit_warns_and_the_verdict_says_as_of_when() {
    let mut r = TempReplica::with(&gym());
    let v = r.scan("U125_test1234", None, t(15, 0));
    assert_eq!(v.data_as_of, None, "an imported gym was never pulled: nothing to call stale");
    assert!(v.warnings.is_empty());

    sync_status::record_pull(r.db.conn(), t(15, 0) - Duration::hours(30)).unwrap();
    let v = r.scan("U125_test1234", None, t(15, 1));
    assert_eq!(v.data_as_of, Some(t(15, 0) - Duration::hours(30)));
    assert_eq!(codes(&v), vec![("stale_data".into(), AlertAction::Warn)], "30 h against the 24 h default");

    set(&r.db, |s| s.alerts.stale_after_hours = 48);
    let v = r.scan("U123_ab12cd34", None, t(15, 2));
    assert!(v.warnings.iter().all(|w| w.code != "stale_data"), "under the gym's 48 h");
    assert_eq!(v.data_as_of, Some(t(15, 0) - Duration::hours(30)));

    let refused = r.scan("U999_nobody00", None, t(15, 3));
    assert_eq!(refused.code, Outcome::NotAMember);
    assert_eq!(refused.data_as_of, None, "no member, no member data to date");
}

#[test]
fn an_override_lets_a_blocked_member_in_and_records_the_alerts_with_the_check_in() {
    let mut r = TempReplica::with(&gym());
    set(&r.db, |s| s.alerts.actions.new_member = AlertAction::Block);
    let v = r.scan("U123_ab12cd34", None, t(15, 0));
    assert_eq!(v.code, Outcome::AlertBlocked);
    let clock = FixedClock::new(t(15, 1));
    let v = Desk::new(&mut r.db, &clock, Lang::En)
        .manual(123, Some(10), Some("welcome tour done".into()), None, None)
        .unwrap();
    assert!(v.success);
    let codes: Vec<_> = v.warnings.iter().map(|w| w.code.to_string()).collect();
    assert_eq!(codes, ["new_member", "birthday", "override"]);
    let payload: String = r.db.conn().query_row("SELECT payload FROM outbox", [], |row| row.get(0)).unwrap();
    let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(payload["warnings"], serde_json::json!(["new_member", "birthday", "override"]));
}
