//! The replica database: opening it safely (WAL, fsync on commit, schema
//! version checks, corruption detection) and one module per table.
//!
//! Table modules take a `&Connection` (a `Transaction` derefs to one) so that
//! callers compose them inside a single transaction.

pub mod backup;
pub mod check_in_rows;
pub mod clock_check;
pub mod desk_notes;
pub mod gym;
pub mod member_photos;
pub mod members;
pub mod outbox;
pub mod participations;
pub mod schema;
pub mod server_traits;
pub mod sessions;
pub mod settings;
pub mod staff;
pub mod sync_status;

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The file name of the replica inside the data directory.
pub const DB_FILE: &str = "frontdesk.db";

/// An open replica.
pub struct Db {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Db {
    /// Opens (creating if needed) the replica at `path`, migrating it to this
    /// build's schema. A newer schema or a damaged file is an error, never a panic.
    pub fn open(path: &Path) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| at_path(e.into(), path))?;
        let mut db = Db { conn, path: Some(path.to_owned()) };
        db.prepare().map_err(|e| at_path(e, path))?;
        Ok(db)
    }

    /// Opens the replica in `<data_dir>/frontdesk.db`.
    pub fn open_in_dir(data_dir: &Path) -> Result<Db> {
        Db::open(&data_dir.join(DB_FILE))
    }

    /// A private in-memory replica with every migration applied (tests, benches).
    pub fn open_in_memory() -> Result<Db> {
        let mut db = Db { conn: Connection::open_in_memory()?, path: None };
        db.prepare()?;
        Ok(db)
    }

    fn prepare(&mut self) -> Result<()> {
        // Any read of the header detects a file that is not SQLite at all.
        self.conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))?;
        wait_for_the_lock(&mut self.conn, BUSY_TIMEOUT)?;
        if self.path.is_some() {
            let mode: String = self.conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::Db(format!("could not switch to WAL (journal_mode={mode})")));
            }
        }
        // FULL: in WAL mode every commit is fsynced before it returns, so a
        // verdict shown on screen is on disk.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        schema::migrate(&mut self.conn)?;
        settings::ensure_device_id(&self.conn)?;
        Ok(())
    }

    /// The file behind this replica (None in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in an IMMEDIATE transaction (the write lock is taken up
    /// front, so two desks' processes never deadlock) and commits durably.
    pub fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs SQLite's own consistency check. Slow on big replicas: for start-up
    /// and `frontdesk doctor`, not for every command.
    pub fn integrity_check(&self) -> Result<()> {
        let verdict: String = self.conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(Error::Corrupt { path: self.path.clone().unwrap_or_default(), detail: verdict })
        }
    }
}

/// How long a statement waits for another connection's lock before it
/// fails with `db_busy`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Waits for a lock held by another connection by trying again every
/// millisecond. SQLite's own busy timeout backs off (1, 2, 5, 10, 15, 20,
/// 25 ms...), so a check-in behind a 35 ms write was let in only at 53 ms,
/// and behind a 60 ms one at 78 ms: a verdict waited up to 25 ms longer than
/// the lock was held.
fn wait_for_the_lock(conn: &mut Connection, timeout: Duration) -> Result<()> {
    let mut since = Instant::now();
    conn.busy_handler(Some(move |tries: i32| {
        if tries == 0 {
            since = Instant::now();
        }
        if since.elapsed() >= timeout {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
        true
    }))?;
    Ok(())
}

/// Whether `path` names the replica in `data_dir` or its WAL or shared-memory
/// file, however it is spelt (case-insensitive on Windows): what an export
/// must never overwrite.
pub fn is_replica_file(data_dir: &Path, path: &Path) -> bool {
    ["", "-wal", "-shm"]
        .iter()
        .any(|suffix| crate::platform_fs::same_file(path, &data_dir.join(format!("{DB_FILE}{suffix}"))))
}

/// Attaches the file path to corruption errors so the message says which file.
fn at_path(e: Error, path: &Path) -> Error {
    match e {
        Error::Corrupt { detail, .. } => Error::Corrupt { path: path.to_owned(), detail },
        other => other,
    }
}

/// Parses a stored enum column, mapping an unknown value to a readable error.
pub(crate) fn parse_col<T: std::str::FromStr<Err = String>>(idx: usize, raw: String) -> rusqlite::Result<T> {
    raw.parse()
        .map_err(|e: String| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// Holds the write lock of the replica in `dir` from another connection
    /// until told to let go; says when it has it.
    fn hold_the_lock(dir: &Path) -> (mpsc::Sender<()>, std::thread::JoinHandle<()>) {
        let (held_tx, held) = mpsc::channel();
        let (release, release_rx) = mpsc::channel::<()>();
        let dir = dir.to_owned();
        let t = std::thread::spawn(move || {
            let mut other = Db::open_in_dir(&dir).unwrap();
            other
                .write(|tx| {
                    tx.execute("INSERT INTO settings (key, value) VALUES ('holder', 'x')", [])?;
                    held_tx.send(()).unwrap();
                    release_rx.recv().unwrap();
                    Ok(())
                })
                .unwrap();
        });
        held.recv().unwrap();
        (release, t)
    }

    #[test]
    fn a_write_waits_for_another_connections_lock_and_then_goes_through() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open_in_dir(dir.path()).unwrap();
        let (release, holder) = hold_the_lock(dir.path());
        let let_go = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(150));
            release.send(()).unwrap();
        });
        db.write(|tx| {
            tx.execute("INSERT INTO settings (key, value) VALUES ('waiter', 'y')", [])?;
            Ok(())
        })
        .expect("the write waited for the lock instead of failing");
        let_go.join().unwrap();
        holder.join().unwrap();
        let both: i64 = db
            .conn()
            .query_row("SELECT COUNT(*) FROM settings WHERE key IN ('holder', 'waiter')", [], |r| r.get(0))
            .unwrap();
        assert_eq!(both, 2);
    }

    #[test]
    fn a_lock_held_past_the_timeout_is_a_busy_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open_in_dir(dir.path()).unwrap();
        wait_for_the_lock(&mut db.conn, Duration::from_millis(50)).unwrap();
        let (release, holder) = hold_the_lock(dir.path());
        let e = db.write(|_| Ok(())).unwrap_err();
        release.send(()).unwrap();
        holder.join().unwrap();
        assert!(matches!(e, Error::Busy(_)), "{e:?}");
        assert!(e.is_transient());
        // Once the lock is free the same write goes through.
        db.write(|_| Ok(())).unwrap();
    }
}
