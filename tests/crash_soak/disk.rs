//! What is on disk after a kill, and the checks that must always hold there.

use super::*;
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Event {
    pub(crate) event_id: String,
    pub(crate) member_id: i64,
    pub(crate) session_id: i64,
    pub(crate) scanned_at: i64,
    pub(crate) state: String,
}

/// Opens the replica after a kill and checks what must always hold: it opens,
/// SQLite finds it intact, `frontdesk doctor` agrees, and the outbox and the
/// desk's participations are one-to-one with no event and no check-in twice.
pub(crate) fn check_disk(data: &Path, ctx: &str) -> Vec<Event> {
    let db = Db::open_in_dir(data).unwrap_or_else(|e| panic!("{ctx}: the database opens after the kill: {e}"));
    let verdict: String = db.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(verdict, "ok", "{ctx}: integrity_check");
    let events: Vec<Event> = db
        .conn()
        .prepare("SELECT event_id, member_id, session_id, scanned_at, state FROM outbox ORDER BY seq")
        .unwrap()
        .query_map([], |r| {
            Ok(Event {
                event_id: r.get(0)?,
                member_id: r.get(1)?,
                session_id: r.get(2)?,
                scanned_at: r.get(3)?,
                state: r.get(4)?,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let local: HashMap<String, (i64, i64, String)> = db
        .conn()
        .prepare("SELECT event_id, member_id, session_id, status FROM participations WHERE event_id IS NOT NULL")
        .unwrap()
        .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    drop(db);
    let ids: HashSet<&str> = events.iter().map(|e| e.event_id.as_str()).collect();
    assert_eq!(ids.len(), events.len(), "{ctx}: an event exists twice in the outbox");
    let pairs: HashSet<(i64, i64)> = events.iter().map(|e| (e.member_id, e.session_id)).collect();
    assert_eq!(pairs.len(), events.len(), "{ctx}: a member was checked in twice into one session: {events:?}");
    assert_eq!(local.len(), events.len(), "{ctx}: outbox events and desk participations are one-to-one");
    for e in &events {
        let p = local.get(&e.event_id).unwrap_or_else(|| panic!("{ctx}: event {e:?} has no participation"));
        assert_eq!((p.0, p.1), (e.member_id, e.session_id), "{ctx}: participation of {e:?}");
        assert_eq!(p.2, "attended", "{ctx}: participation of {e:?}");
        assert!(["queued", "sent"].contains(&e.state.as_str()), "{ctx}: nothing is parked here: {e:?}");
    }
    let o = frontdesk(data, &["doctor"]);
    assert!(o.status.success(), "{ctx}: frontdesk doctor: {}", text(&o));
    events
}
