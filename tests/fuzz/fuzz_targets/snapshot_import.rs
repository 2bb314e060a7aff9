//! Fuzz target `snapshot_import`: `frontdesk import` and the reference
//! server's snapshot loading. Every input goes through the same parse and
//! validation as the real import (`Snapshot::from_json`); every input that
//! validates is also swapped into a real replica (`replica::replace` on an
//! in-memory SQLite database with the app's migrations), and must survive
//! the dump/load round trip the reference server does (`to_json`).
#![no_main]

use frontdesk::db::Db;
use frontdesk::replica;
use frontdesk::snapshot::Snapshot;
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;

thread_local! {
    // One replica for the whole run: opening it runs the migrations, which
    // would dominate each execution. Every import replaces the gym data, so
    // what one input leaves behind does not change what the next one does.
    static DB: RefCell<Db> = RefCell::new(Db::open_in_memory().expect("in-memory replica"));
}

fuzz_target!(|data: &[u8]| {
    frontdesk_fuzz::linked();
    // The import reads the file with `read_to_string`: non-UTF-8 never gets here.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(snap) = Snapshot::from_json(text) else { return };

    match Snapshot::from_json(&snap.to_json()) {
        Ok(again) => assert_eq!(again, snap, "dump and load changed the snapshot"),
        Err(e) => panic!("a valid snapshot does not load after a dump: {e}"),
    }

    DB.with(|db| {
        let mut db = db.borrow_mut();
        let stats = replica::replace(&mut db, &snap).expect("a validated snapshot imports");
        assert_eq!(stats.gym_id, snap.gym.id);
        assert_eq!(stats.members, snap.members.len());
        assert_eq!(stats.sessions, snap.sessions.len());
        assert_eq!(stats.participations, snap.participations.len());
    });
});
