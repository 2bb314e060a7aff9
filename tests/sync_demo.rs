//! Demo data never leaves the desk. A desk that ran on the demo gym (the
//! README's first run: the demo camera checks demo members in) is then
//! connected to a real gym whose gym id and member ids are the demo's own,
//! the worst case. Its demo check-ins must not reach the server, must not
//! stay in the queue, and must not show up in the real gym's local history;
//! a check-in made after the switch goes out as usual.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{Duration, Utc};
use frontdesk::checkin::{self, CheckInRequest, Input};
use frontdesk::clock::FixedClock;
use frontdesk::db::{settings, Db};
use frontdesk::demo::{self, DemoOptions};
use frontdesk::domain::{Lang, Source};

fn count(data: &std::path::Path, sql: &str) -> i64 {
    Db::open_in_dir(data).unwrap().conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn scan(db: &mut Db, member: i64, session: i64, at: chrono::DateTime<Utc>) -> checkin::Verdict {
    let req = CheckInRequest {
        input: Input::Code(demo::demo_code(member)),
        session_id: Some(session),
        at: Some(at),
        method: Source::Camera,
        override_reason: None,
        who: Default::default(),
    };
    checkin::check_in(db, &FixedClock::new(at), &req, Lang::Es).unwrap()
}

#[test]
fn demo_check_ins_never_reach_a_real_gym_with_the_demos_ids() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let data = dir.path().join("desk");

    // The first run: the desk lays the demo gym and the demo camera checks members in.
    let mut db = Db::open_in_dir(&data).unwrap();
    assert!(demo::keep_fresh(&mut db, now).unwrap());
    let opts = DemoOptions { members: demo::DEFAULT_MEMBERS, date: demo::demo_today(now), seed: 1 };
    let demo_gym = demo::demo_snapshot(&opts);
    let members: Vec<i64> = (demo::FIRST_MEMBER_ID..).take(40).filter(|id| demo::demo_has_code(*id)).take(3).collect();
    assert_eq!(members.len(), 3);
    let class = &demo_gym.sessions.iter().find(|s| s.session.status.as_str() == "scheduled").unwrap().session;
    let mut demo_events = Vec::new();
    for m in &members {
        let v = scan(&mut db, *m, class.id, class.start_time + Duration::minutes(5));
        assert!(v.success, "demo member {m} checks in on the demo gym: {:?} {}", v.code, v.message);
        demo_events.push(v.event_id.unwrap());
    }
    assert_eq!(count(&data, "SELECT COUNT(*) FROM outbox WHERE demo = 1"), 3, "marked as demo when recorded");
    drop(db);
    let queued = outbox(&data);
    assert!(queued.is_empty(), "demo check-ins are not in the queue to send: {queued:?}");

    // The real gym: the demo's own gym id, members and codes, and a class going on now.
    let mut real = demo_gym.clone();
    real.gym.name = "Gimnasio Real".into();
    let live = &mut real.sessions[0].session;
    live.start_time = now - Duration::minutes(10);
    live.end_time = now + Duration::minutes(50);
    live.status = frontdesk::domain::SessionStatus::Scheduled;
    let live_id = live.id;
    let snap = write_snapshot(dir.path(), "real.json", &real);
    let server = Central::start(&[&snap], &[]);

    let o = sync_once(&data, &server, demo::DEMO_GYM_ID, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(server.check_ins().is_empty(), "no demo check-in reached the server: {:?}", server.check_ins());
    assert_eq!(count(&data, "SELECT COUNT(*) FROM outbox"), 0, "the demo check-ins are gone with the demo gym");
    assert_eq!(count(&data, "SELECT COUNT(*) FROM participations WHERE source != 'server'"), 0, "and its history");
    let db = Db::open_in_dir(&data).unwrap();
    assert!(!settings::get_bool(db.conn(), settings::DEMO).unwrap(), "the desk is no longer a demo desk");
    assert_eq!(frontdesk::db::gym::get(db.conn()).unwrap().unwrap().name, "Gimnasio Real");
    drop(db);

    // A check-in on the real gym is queued and sent as usual.
    let mut db = Db::open_in_dir(&data).unwrap();
    let v = scan(&mut db, members[0], live_id, now - Duration::minutes(2));
    assert!(v.success, "{:?} {}", v.code, v.message);
    drop(db);
    assert_eq!(outbox(&data).len(), 1);
    let o = sync_once(&data, &server, demo::DEMO_GYM_ID, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let sent = server.check_ins();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["member_id"], members[0]);
    assert_eq!(sent[0]["session_id"], live_id);
    assert!(!demo_events.contains(&v.event_id.unwrap()));
}
