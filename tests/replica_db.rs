//! The replica as a file: durability, schema guards, corruption, atomic
//! imports, gym isolation and the desk rules that need real data.

mod support;

use frontdesk::db::{gym, members, outbox, participations, Db};
use frontdesk::domain::ParticipationStatus;
use frontdesk::replica;
use frontdesk::snapshot::Snapshot;
use frontdesk::Error;
use support::*;

#[test]
fn a_check_in_is_on_disk_when_the_verdict_returns() {
    let mut r = TempReplica::with(&small_gym());
    let v = r.scan("U123_ab12cd34", None, t(15, 0));
    assert!(v.success);
    // Reopen the file: the participation and its event are there.
    let r = r.reopen();
    let events = outbox::list(r.db.conn(), None).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].payload.qr_code.as_deref(), Some("U123_ab12cd34"));
    assert_eq!(events[0].scanned_at, t(15, 0));
    assert!(participations::get(r.db.conn(), 10, 123).unwrap().is_some());
    let mode: String = r.db.conn().query_row("PRAGMA journal_mode", [], |x| x.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = r.db.conn().query_row("PRAGMA synchronous", [], |x| x.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
}

#[test]
fn a_database_from_a_newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(Db::open_in_dir(dir.path()).unwrap());
    let path = dir.path().join("frontdesk.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (99, 'future', '', '0')",
            [],
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Db::open(&path) {
        Err(Error::NewerSchema { found: 99, supported }) => assert!(supported < 99),
        Err(other) => panic!("wrong error {other}"),
        Ok(_) => panic!("a newer schema must not open"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is not modified");
}

#[test]
fn a_file_that_is_not_a_database_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk.db");
    std::fs::write(&path, b"this is a spreadsheet, not a database, but it is long enough to look like a header...")
        .unwrap();
    let err = Db::open(&path).err().expect("must not open");
    assert_eq!(err.code(), "db_corrupt", "{err}");
    assert!(err.to_string().contains("frontdesk.db"), "names the file: {err}");
}

#[test]
fn a_damaged_database_is_detected() {
    let mut r = TempReplica::with(&small_gym());
    r.scan("U123_ab12cd34", None, t(15, 0));
    let path = r.db.path().unwrap().to_owned();
    drop(r.db);
    // Overwrite the middle of the file (past the header) with garbage.
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192, "a multi-page file");
    for b in &mut bytes[4096..8192] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let result = Db::open(&path).and_then(|db| db.integrity_check());
    let err = result.err().expect("damage is reported");
    assert_eq!(err.code(), "db_corrupt", "{err}");
}

#[test]
fn a_malformed_snapshot_names_the_json_path_and_leaves_the_replica_alone() {
    let r = TempReplica::with(&small_gym());
    let mut doc: serde_json::Value = serde_json::from_str(&small_gym().to_json()).unwrap();
    doc["members"][1]["id"] = serde_json::json!("not a number");
    let err = Snapshot::from_json(&doc.to_string()).unwrap_err();
    match &err {
        Error::Snapshot { path, .. } => assert_eq!(path, "members[1].id"),
        other => panic!("{other}"),
    }
    let mut doc: serde_json::Value = serde_json::from_str(&small_gym().to_json()).unwrap();
    doc["gym"]["timezone"] = serde_json::json!("Mars/Olympus");
    match Snapshot::from_json(&doc.to_string()).unwrap_err() {
        Error::Snapshot { path, .. } => assert_eq!(path, "gym.timezone"),
        other => panic!("{other}"),
    }
    assert_eq!(members::count(r.db.conn()).unwrap(), 3, "untouched");
}

#[test]
fn unknown_fields_are_ignored_and_membership_and_code_may_be_missing() {
    let text = r#"{"gym": {"id": 1, "name": "G", "timezone": "UTC", "extra": 1},
        "members": [{"id": 5, "email": null, "first_name": "A", "last_name": "B", "picture": null,
                     "is_active": true, "gym_role": "MEMBER", "qr_code": null, "new_field": [1,2]}],
        "sessions": [], "participations": []}"#;
    let snap = Snapshot::from_json(text).unwrap();
    assert!(snap.members[0].membership.is_none() && snap.members[0].qr_code.is_none());
}

#[test]
fn a_second_import_keeps_the_desks_check_ins_and_their_events() {
    let mut r = TempReplica::with(&small_gym());
    assert!(r.scan("U123_ab12cd34", None, t(15, 0)).success);
    // The server has not seen the check-in: its snapshot says "registered".
    let mut snap = small_gym();
    snap.participations.push(participation(77, 10, 123, ParticipationStatus::Registered));
    let stats = replica::replace(&mut r.db, &snap).unwrap();
    assert_eq!(stats.desk_check_ins_kept, 1);
    let p = participations::get(r.db.conn(), 10, 123).unwrap().unwrap();
    assert_eq!(p.status, ParticipationStatus::Attended, "the desk's check-in wins");
    assert_eq!(p.server_id, Some(77));
    assert_eq!(outbox::counts(r.db.conn()).unwrap().queued, 1);
}

#[test]
fn a_desk_never_mixes_gyms_while_check_ins_are_unsent() {
    let mut r = TempReplica::with(&small_gym());
    assert!(r.scan("U123_ab12cd34", None, t(15, 0)).success);
    let mut other = small_gym();
    other.gym.id = 2;
    other.gym.name = "Other".into();
    for s in &mut other.sessions {
        s.session.gym_id = 2;
    }
    match replica::replace(&mut r.db, &other) {
        Err(Error::GymMismatch { replica: 1, incoming: 2, pending: 1 }) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(gym::require(r.db.conn()).unwrap().id, 1, "old gym still in place");
}

#[test]
fn another_gyms_session_is_not_found_and_a_gym_field_mismatch_is_refused() {
    let mut snap = small_gym();
    snap.sessions.push(session(20, 2, t(15, 0), "Foreign"));
    match Snapshot::from_json(&snap.to_json()).unwrap_err() {
        Error::Snapshot { path, .. } => assert_eq!(path, "sessions[1].session.gym_id"),
        e => panic!("{e}"),
    }
    // Even if a foreign session were in the table, the rules never see it.
    let mut r = TempReplica::with(&small_gym());
    r.db.conn()
        .execute(
            "INSERT INTO sessions (id, gym_id, start_time, end_time, status) VALUES (20, 2, ?1, ?1, 'scheduled')",
            [frontdesk::time::to_ms(t(15, 0))],
        )
        .unwrap();
    let v = r.scan("U123_ab12cd34", Some(20), t(15, 0));
    assert_eq!(v.code.code(), "session_not_found");
}

#[test]
fn forged_codes_never_reach_the_outbox() {
    let mut r = TempReplica::with(&small_gym());
    let v = r.scan("U123_anything", None, t(15, 0));
    assert_eq!(v.code.code(), "invalid_code");
    assert_eq!(outbox::counts(r.db.conn()).unwrap().queued, 0);
    assert!(participations::get(r.db.conn(), 10, 123).unwrap().is_none());
    // The replica stores digests, never the code itself.
    let stored: Vec<u8> =
        r.db.conn().query_row("SELECT qr_digest FROM members WHERE id = 123", [], |x| x.get(0)).unwrap();
    assert_eq!(stored.len(), 32);
    let dump = std::fs::read(r.db.path().unwrap()).unwrap();
    assert!(!dump.windows(12).any(|w| w == b"U123_ab12cd3"), "no clear-text code in the file");
}

#[test]
fn a_member_without_code_checks_in_with_a_warning() {
    let mut r = TempReplica::with(&small_gym());
    // Five minutes before the start: a walk-in the server can still book (at the start, on a
    // server known to be GymAPI as deployed, the card would also say "to be entered by hand").
    let v = r.scan("U124_whatever", None, t(14, 55));
    assert!(v.success);
    assert_eq!(v.warnings.iter().map(|w| w.code).collect::<Vec<_>>(), ["no_stored_code"]);
    assert_eq!(v.member.unwrap().name, "José López");
}

#[test]
fn member_search_ignores_accents_and_case() {
    let r = TempReplica::with(&small_gym());
    let hits = members::search(r.db.conn(), "lopez", 10).unwrap();
    assert_eq!(hits.iter().map(|m| m.id).collect::<Vec<_>>(), [124]);
    assert_eq!(members::search(r.db.conn(), "JOSE lóp", 10).unwrap().len(), 1);
    assert_eq!(members::search(r.db.conn(), "123", 10).unwrap()[0].id, 123);
    assert!(members::search(r.db.conn(), "nadie", 10).unwrap().is_empty());
    assert!(members::search(r.db.conn(), "%", 10).unwrap().is_empty(), "LIKE wildcards are literal");
}

#[test]
fn a_read_only_database_refuses_the_check_in_with_a_clear_error() {
    let r = TempReplica::with(&small_gym());
    let dir = r.dir.path().to_owned();
    drop(r.db);
    if !cfg!(unix) || nix_is_root() {
        // root ignores file permissions, and Windows has no mode bits to take
        // away; use SQLite's own read-only mode instead.
        let c =
            rusqlite::Connection::open_with_flags(dir.join("frontdesk.db"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .unwrap();
        let err = c.execute("DELETE FROM members", []).unwrap_err();
        assert_eq!(Error::from(err).code(), "db_read_only");
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).unwrap();
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        let result = Db::open_in_dir(&dir);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(result.is_err());
    }
}

fn nix_is_root() -> bool {
    std::process::Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0")).unwrap_or(false)
}

#[test]
fn a_full_disk_refuses_the_check_in_and_harms_nothing_already_queued() {
    let mut r = TempReplica::with(&small_gym());
    assert!(r.scan("U123_ab12cd34", None, t(15, 0)).success);
    // Simulate a full disk: the file may not grow past its current size, and
    // padding fills what little room is left in its pages.
    let pages: i64 = r.db.conn().query_row("PRAGMA page_count", [], |x| x.get(0)).unwrap();
    r.db.conn().query_row(&format!("PRAGMA max_page_count = {}", pages + 2), [], |_| Ok(())).unwrap();
    // Fill every table the check-in writes (and its indexes) until SQLite says full.
    let pads = [
        "INSERT INTO settings (key, value) VALUES ('pad' || ?1, 'x')",
        "INSERT INTO participations (session_id, member_id, gym_id, status, source) VALUES (-1, ?1, 1, 'registered', 'server')",
        "INSERT INTO outbox (event_id, gym_id, member_id, session_id, scanned_at, payload, next_attempt_at, created_at, state)
         VALUES ('pad-' || ?1, 1, ?1, -1, 0, '{}', 0, 0, 'sent')",
    ];
    for sql in pads {
        let mut full = false;
        for i in 0..200_000i64 {
            if let Err(e) = r.db.conn().execute(sql, [i]) {
                assert_eq!(frontdesk::Error::from(e).code(), "disk_full");
                full = true;
                break;
            }
        }
        assert!(full, "the page budget ran out");
    }
    let v = frontdesk::checkin::check_in(
        &mut r.db,
        &frontdesk::clock::FixedClock::new(t(15, 1)),
        &frontdesk::checkin::CheckInRequest::scan("U125_test1234", frontdesk::domain::Source::Camera),
        frontdesk::domain::Lang::En,
    );
    let err = v.expect_err("no green verdict without a durable write");
    assert_eq!(err.code(), "disk_full", "{err}");
    assert!(err.to_string().contains("not saved"), "says the check-in was not saved: {err}");
    assert!(participations::get(r.db.conn(), 10, 125).unwrap().is_none(), "nothing half-written");
    let queued = outbox::list(r.db.conn(), Some(frontdesk::db::outbox::OutboxState::Queued)).unwrap();
    assert_eq!(queued.len(), 1, "the earlier check-in is still queued, alone");
    assert_eq!(queued[0].member_id, 123);
    drop(r.db);
    Db::open_in_dir(r.dir.path()).unwrap().integrity_check().unwrap();
}

#[test]
fn a_scanned_code_is_cleared_from_the_outbox_once_sent() {
    let mut r = TempReplica::with(&small_gym());
    let v = r.scan("U123_ab12cd34", None, t(15, 0));
    let id = v.event_id.unwrap();
    assert_eq!(outbox::get(r.db.conn(), &id).unwrap().unwrap().payload.qr_code.as_deref(), Some("U123_ab12cd34"));
    outbox::mark_sent(r.db.conn(), &id, t(15, 2), "check_in").unwrap();
    let sent = outbox::get(r.db.conn(), &id).unwrap().unwrap();
    assert_eq!(sent.state, frontdesk::db::outbox::OutboxState::Sent);
    assert_eq!(sent.payload.qr_code, None, "the credential is gone once the server has the check-in");
    assert_eq!((sent.payload.member_id, sent.payload.scanned_at), (123, t(15, 0)), "the facts stay for reports");
    let raw: String =
        r.db.conn().query_row("SELECT payload FROM outbox WHERE event_id = ?1", [&id], |x| x.get(0)).unwrap();
    assert!(!raw.contains("ab12cd34"));
}

#[test]
fn a_genuine_code_from_another_gym_is_refused() {
    // Gym 2 has its own member 900 with a real, well-formed code.
    let mut other = small_gym();
    other.gym.id = 2;
    other.members = vec![member(900, "Otra", "Persona", Some("U900_cafe1234"))];
    other.sessions = vec![session(50, 2, t(15, 0), "Spinning")];
    other.validate().unwrap();
    // This desk holds gym 1 only: the code is well formed, the member is not ours.
    let mut r = TempReplica::with(&small_gym());
    let v = r.scan("U900_cafe1234", None, t(15, 0));
    assert_eq!(v.code.code(), "not_a_member");
    assert_eq!(outbox::counts(r.db.conn()).unwrap().queued, 0);
    // And the other gym's snapshot cannot be mixed in while this desk has unsent check-ins.
    assert!(r.scan("U123_ab12cd34", None, t(15, 0)).success);
    assert_eq!(replica::replace(&mut r.db, &other).unwrap_err().code(), "gym_mismatch");
}

/// A gym of `n` members 1..=n named `first` (more than one shadow-table chunk when n > 1,000).
fn big_gym(n: i64, first: &str) -> Snapshot {
    let mut snap = small_gym();
    snap.members = (1..=n).map(|id| member(id, first, "Big", Some(&format!("U{id}_big{id}")))).collect();
    snap
}

fn tables(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
}

fn columns(conn: &rusqlite::Connection, table: &str) -> Vec<(String, String, bool, Option<String>, i64)> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})")).unwrap();
    stmt.query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn a_big_swap_writes_its_members_ahead_and_readers_see_the_old_gym_until_one_commit() {
    let mut r = TempReplica::with(&big_gym(2_500, "Old"));
    assert!(r.scan("U123_big123", None, t(15, 0)).success);
    let reader = Db::open_in_dir(r.dir.path()).unwrap();
    let name_of_7 = |db: &Db| members::summary(db.conn(), 7).unwrap().unwrap().name;
    let mut seen_in_the_last_step = None;
    let stats = replica::swap(&mut r.db, &big_gym(3_100, "New"), |_| {
        // The last step, not committed yet: the shadow table's chunks are,
        // and another connection still reads the whole old gym.
        let staged: i64 = reader.conn().query_row("SELECT COUNT(*) FROM members_next", [], |x| x.get(0)).unwrap();
        seen_in_the_last_step = Some((staged, members::count(reader.conn()).unwrap(), name_of_7(&reader)));
        Ok(())
    })
    .unwrap();
    assert_eq!(seen_in_the_last_step, Some((3_100, 2_500, "Old Big".to_owned())));
    assert_eq!(stats.members, 3_100);
    assert_eq!(stats.desk_check_ins_kept, 1);
    assert_eq!(members::count(reader.conn()).unwrap(), 3_100);
    assert_eq!(name_of_7(&reader), "New Big");
    assert!(!tables(reader.conn()).contains(&"members_next".to_owned()));
    // The new members check in by their codes; the desk's check-in was kept.
    assert!(r.scan("U3001_big3001", None, t(15, 1)).success);
    assert_eq!(r.scan("U123_big123", None, t(15, 2)).code.code(), "already_checked_in");
}

#[test]
fn a_refused_swap_leaves_no_shadow_table_and_the_old_members() {
    let mut r = TempReplica::with(&big_gym(1_500, "Old"));
    assert!(r.scan("U1_big1", None, t(15, 0)).success);
    let mut other = big_gym(1_200, "Other");
    other.gym.id = 2;
    for s in &mut other.sessions {
        s.session.gym_id = 2;
    }
    assert_eq!(replica::replace(&mut r.db, &other).unwrap_err().code(), "gym_mismatch");
    assert!(!tables(r.db.conn()).contains(&"members_next".to_owned()), "{:?}", tables(r.db.conn()));
    assert_eq!(members::count(r.db.conn()).unwrap(), 1_500);
    assert_eq!(members::summary(r.db.conn(), 1).unwrap().unwrap().name, "Old Big");
}

/// What a swap that died after its first chunk leaves: a shadow table with one stale member (9).
fn leave_a_shadow_table(db: &mut Db) {
    db.write(|tx| {
        members::begin_next(tx)?;
        members::insert_next(tx, &[replica::member_row(&member(9, "Stale", "Row", None))])
    })
    .unwrap();
}

#[test]
fn a_shadow_table_left_by_an_interrupted_swap_is_started_again() {
    let mut r = TempReplica::with(&small_gym());
    leave_a_shadow_table(&mut r.db);
    let stats = replica::replace(&mut r.db, &big_gym(1_001, "Fresh")).unwrap();
    assert_eq!(stats.members, 1_001);
    assert_eq!(members::count(r.db.conn()).unwrap(), 1_001);
    assert_eq!(members::summary(r.db.conn(), 9).unwrap().unwrap().name, "Fresh Big");
}

#[test]
fn a_shadow_table_that_does_not_hold_the_snapshot_is_never_swapped_in() {
    let mut r = TempReplica::with(&small_gym());
    leave_a_shadow_table(&mut r.db);
    let e = r.db.write(|tx| members::swap_in_next(tx, 3)).unwrap_err();
    assert!(e.to_string().contains("holds 1 rows, not the 3"), "{e}");
    assert_eq!(members::count(r.db.conn()).unwrap(), 3, "the replica's members are untouched");
}

#[test]
fn the_member_table_keeps_its_shape_and_later_migrations_apply_after_swaps() {
    let fresh = Db::open_in_memory().unwrap();
    let mut r = TempReplica::with(&big_gym(1_200, "One"));
    replica::replace(&mut r.db, &big_gym(1_300, "Two")).unwrap();
    assert_eq!(columns(r.db.conn(), "members"), columns(fresh.conn(), "members"), "columns, types, defaults, key");
    // What a later migration would do to the renamed table, then a swap after it.
    r.db.conn().execute("ALTER TABLE members ADD COLUMN later TEXT", []).unwrap();
    replica::replace(&mut r.db, &big_gym(1_100, "Three")).unwrap();
    assert_eq!(columns(r.db.conn(), "members").last().unwrap().0, "later");
    assert_eq!(members::count(r.db.conn()).unwrap(), 1_100);
    // The primary key still refuses a second row with the same id.
    let dup = r.db.conn().execute("INSERT INTO members (id) VALUES (5)", []);
    assert!(dup.is_err());
}
