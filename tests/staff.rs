//! Staff profiles on a real SQLite replica, through the desk service: the
//! admin sets them up (the first profile is an admin's, PINs and names are
//! unique, the last admin stays), staff sign in with their PIN behind the
//! wrong-PIN lockout, the desk locks when idle, an override needs the PIN of
//! someone allowed to override, and who did what reaches the outbox row and
//! the day's report, never the payload sent to GymAPI.

mod support;

use chrono::Duration;
use frontdesk::clock::{Clock, FixedClock};
use frontdesk::db::staff::Role;
use frontdesk::db::Db;
use frontdesk::desk::{Desk, DeskResult};
use frontdesk::desk_settings;
use frontdesk::domain::{AlertAction, Lang, Outcome};
use frontdesk::report::Format;
use frontdesk::shift::{Need, Shift};
use support::*;

fn code<T: std::fmt::Debug>(r: DeskResult<T>) -> String {
    r.unwrap_err().code().to_string()
}

/// Zoe (admin, 1111), Luis (supervisor, 2222), Ana (reception, 3333); Zoe on shift.
fn staffed(db: &mut Db, clock: &FixedClock, shift: &mut Shift) {
    let mut d = Desk::new(db, clock, Lang::Es);
    d.add_staff(shift, "Zoe Ruiz", Role::Admin, "1111").unwrap();
    d.add_staff(shift, "Luis Gómez", Role::Supervisor, "2222").unwrap();
    d.add_staff(shift, "Ana Pérez", Role::Reception, "3333").unwrap();
}

/// The small gym with José (124) a new member (joined 3 days before the 15:00 class).
fn new_jose() -> frontdesk::snapshot::Snapshot {
    let mut snap = small_gym();
    snap.members[1].created_at = Some(t(15, 0) - Duration::days(3));
    snap
}

fn id_of(db: &mut Db, clock: &FixedClock, name: &str) -> i64 {
    Desk::new(db, clock, Lang::Es).staff_list().unwrap().into_iter().find(|s| s.name == name).unwrap().id
}

#[test]
fn the_admin_sets_up_profiles_and_the_rules_about_them_hold() {
    let mut r = TempReplica::with(&small_gym());
    let clock = FixedClock::new(t(15, 0));
    let mut shift = Shift::default();
    let mut d = Desk::new(&mut r.db, &clock, Lang::Es);
    assert_eq!(d.require(&mut shift, Need::Admin).unwrap(), None, "no profiles: the desk is open and records nobody");
    assert_eq!(code(d.add_staff(&mut shift, "Ana", Role::Reception, "3333")), "invalid_argument", "first an admin");
    let zoe = d.add_staff(&mut shift, "Zoe Ruiz", Role::Admin, "1111").unwrap();
    let v = d.shift_view(&mut shift).unwrap();
    assert_eq!((v.profiles, v.staff.map(|s| s.id), v.locked, v.admin), (true, Some(zoe.id), false, true));
    assert_eq!(code(d.add_staff(&mut shift, "Luis", Role::Supervisor, "1111")), "invalid_argument", "PINs unique");
    assert_eq!(code(d.add_staff(&mut shift, "zoe ruiz", Role::Supervisor, "4444")), "invalid_argument", "names unique");
    assert_eq!(code(d.add_staff(&mut shift, "Luis", Role::Supervisor, "12")), "invalid_argument", "4-6 digits");
    let luis = d.add_staff(&mut shift, "Luis", Role::Supervisor, "2222").unwrap();
    assert_eq!(code(d.update_staff(&mut shift, zoe.id, Role::Reception, None)), "invalid_argument", "the last admin");
    assert_eq!(code(d.remove_staff(&mut shift, zoe.id)), "invalid_argument", "the last admin with others left");
    assert_eq!(code(d.update_staff(&mut shift, luis.id, Role::Supervisor, Some("1111"))), "invalid_argument");
    d.update_staff(&mut shift, luis.id, Role::Admin, Some("2468")).unwrap();
    d.remove_staff(&mut shift, zoe.id).unwrap();
    assert!(d.shift_view(&mut shift).unwrap().locked, "Zoe was on shift and her profile is gone");
    assert_eq!(code(d.add_staff(&mut shift, "Eva", Role::Reception, "5555")), "desk_locked");
    d.sign_in(&mut shift, luis.id, "2468").unwrap();
    assert_eq!(code(d.sign_in(&mut shift, zoe.id, "1111")), "not_found", "a removed profile signs nobody in");
    d.remove_staff(&mut shift, luis.id).unwrap();
    let open = d.shift_view(&mut shift).unwrap();
    assert_eq!((open.profiles, open.locked, open.admin), (false, false, true), "the last profile gone: open again");
}

#[test]
fn staff_sign_in_with_their_pin_five_wrong_ones_lock_it_even_after_a_restart_and_idle_time_locks_the_desk() {
    let mut r = TempReplica::with(&small_gym());
    let clock = FixedClock::new(t(15, 0));
    let mut shift = Shift::default();
    staffed(&mut r.db, &clock, &mut shift);
    let ana = id_of(&mut r.db, &clock, "Ana Pérez");
    let mut shift = Shift::default(); // the app restarted: nobody on shift
    let mut d = Desk::new(&mut r.db, &clock, Lang::Es);
    assert!(d.shift_view(&mut shift).unwrap().locked);
    assert_eq!(code(d.require(&mut shift, Need::Staff)), "desk_locked");
    let e = d.sign_in(&mut shift, ana, "1111").unwrap_err();
    assert_eq!((e.code().as_str(), e.to_string().contains("4 tries left")), ("unauthorized", true), "{e}");
    let v = d.sign_in(&mut shift, ana, "3333").unwrap();
    assert_eq!((v.staff.unwrap().name.as_str(), v.locked, v.admin), ("Ana Pérez", false, false));
    assert_eq!(d.require(&mut shift, Need::Staff).unwrap().as_deref(), Some("Ana Pérez"));
    assert_eq!(code(d.require(&mut shift, Need::Admin)), "admin_required");
    assert_eq!(code(d.raise_admin(&mut shift, "2222")), "unauthorized", "a supervisor is not an admin");
    assert!(d.raise_admin(&mut shift, "1111").unwrap().admin);
    d.lock_desk(&mut shift).unwrap();
    assert_eq!(code(d.require(&mut shift, Need::Staff)), "desk_locked", "the lock key");
    for _ in 0..4 {
        assert_eq!(code(d.sign_in(&mut shift, ana, "0000")), "unauthorized");
    }
    assert_eq!(code(d.sign_in(&mut shift, ana, "0000")), "rate_limited");
    let mut r = r.reopen();
    let mut d = Desk::new(&mut r.db, &clock, Lang::Es);
    assert_eq!(code(d.sign_in(&mut shift, ana, "3333")), "rate_limited", "the count is in the replica");

    let later = FixedClock::new(t(15, 1) + frontdesk::pin::lockout());
    let mut d = Desk::new(&mut r.db, &later, Lang::Es);
    d.sign_in(&mut shift, ana, "3333").unwrap();
    // The gym's idle lock (10 minutes by default): 9 minutes is fine, 10 locks.
    let t9 = FixedClock::new(later.now() + Duration::minutes(9));
    assert!(Desk::new(&mut r.db, &t9, Lang::Es).require(&mut shift, Need::Staff).is_ok());
    let t19 = FixedClock::new(t9.now() + Duration::minutes(10));
    assert_eq!(code(Desk::new(&mut r.db, &t19, Lang::Es).require(&mut shift, Need::Staff)), "desk_locked");
    // With the idle lock off, a desk stays open.
    let mut s = desk_settings::load(r.db.conn(), Lang::Es).unwrap();
    s.idle_lock_minutes = 0;
    desk_settings::save(r.db.conn(), &s).unwrap();
    Desk::new(&mut r.db, &t19, Lang::Es).sign_in(&mut shift, ana, "3333").unwrap();
    let next_day = FixedClock::new(t19.now() + Duration::hours(20));
    assert!(Desk::new(&mut r.db, &next_day, Lang::Es).require(&mut shift, Need::Staff).is_ok());
}

#[test]
fn an_override_needs_an_allowed_pin_and_who_did_what_reaches_the_outbox_and_the_report_but_not_gymapi() {
    let mut r = TempReplica::with(&new_jose());
    let mut s = desk_settings::load(r.db.conn(), Lang::Es).unwrap();
    s.alerts.actions.new_member = AlertAction::Block;
    desk_settings::save(r.db.conn(), &s).unwrap();
    let clock = FixedClock::new(t(15, 0));
    let mut shift = Shift::default();
    staffed(&mut r.db, &clock, &mut shift);
    let ana = id_of(&mut r.db, &clock, "Ana Pérez");
    let mut d = Desk::new(&mut r.db, &clock, Lang::Es);
    d.sign_in(&mut shift, ana, "3333").unwrap();
    let on_shift = d.require(&mut shift, Need::Staff).unwrap();

    // José (124) joined 3 days ago, and the gym blocks new members: refused, then overridden.
    let refused = d.manual(124, Some(10), None, on_shift.clone(), None).unwrap();
    assert_eq!(refused.code, Outcome::AlertBlocked);
    let reason = Some("pagó en efectivo".to_string());
    assert_eq!(code(d.manual(124, Some(10), reason.clone(), on_shift.clone(), None)), "approval_required");
    assert_eq!(
        code(d.manual(124, Some(10), reason.clone(), on_shift.clone(), Some("3333"))),
        "unauthorized",
        "reception may not"
    );
    let v = d.manual(124, Some(10), reason.clone(), on_shift.clone(), Some("2222")).unwrap();
    assert!(v.success, "{v:?}");
    // Ana (123) by hand, no override.
    let v = d.manual(123, Some(10), None, on_shift.clone(), None).unwrap();
    assert!(v.success);
    d.add_note(125, "pedir la tarjeta nueva", on_shift.as_deref()).unwrap();

    let rows: Vec<(i64, Option<String>, Option<String>, String)> = {
        let mut st =
            r.db.conn().prepare("SELECT member_id, staff, approved_by, payload FROM outbox ORDER BY seq").unwrap();
        st.query_map([], |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?))).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].0, rows[0].1.as_deref(), rows[0].2.as_deref()), (124, Some("Ana Pérez"), Some("Luis Gómez")));
    assert_eq!((rows[1].0, rows[1].1.as_deref(), rows[1].2.as_deref()), (123, Some("Ana Pérez"), None));
    for (_, _, _, payload) in &rows {
        assert!(!payload.contains("Ana") && !payload.contains("Luis"), "staff never goes to GymAPI: {payload}");
    }
    let recent = frontdesk::views::recent_check_ins(r.db.conn(), 5).unwrap();
    let jose = recent.iter().find(|c| c.member_id == 124).unwrap();
    assert_eq!((jose.staff.as_deref(), jose.approved_by.as_deref()), (Some("Ana Pérez"), Some("Luis Gómez")));

    let day = Desk::new(&mut r.db, &clock, Lang::Es).render_report(None, Format::Csv).unwrap();
    let csv = String::from_utf8(day).unwrap();
    assert!(csv.contains("Ana Pérez; autorizó: Luis Gómez"), "{csv}");
    let html = Desk::new(&mut r.db, &clock, Lang::En).render_report(None, Format::Html).unwrap();
    assert!(String::from_utf8(html).unwrap().contains("Ana Pérez; approved by: Luis Gómez"));
    let notes = Desk::new(&mut r.db, &clock, Lang::Es).day_report(None).unwrap().notes;
    assert_eq!(notes[0].written_by, "Ana Pérez");
}

#[test]
fn a_desk_without_profiles_asks_no_pin_for_an_override_and_records_nobody() {
    let mut r = TempReplica::with(&new_jose());
    let mut s = desk_settings::load(r.db.conn(), Lang::Es).unwrap();
    s.alerts.actions.new_member = AlertAction::Block;
    desk_settings::save(r.db.conn(), &s).unwrap();
    let clock = FixedClock::new(t(15, 0));
    let v = Desk::new(&mut r.db, &clock, Lang::Es)
        .manual(124, Some(10), Some("pagó en efectivo".into()), None, None)
        .unwrap();
    assert!(v.success);
    let who: (Option<String>, Option<String>) =
        r.db.conn().query_row("SELECT staff, approved_by FROM outbox", [], |x| Ok((x.get(0)?, x.get(1)?))).unwrap();
    assert_eq!(who, (None, None));
}
