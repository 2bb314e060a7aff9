//! Automatic backups of the replica and restoring the newest one when the
//! database is found damaged. A backup is a consistent copy made by SQLite
//! itself (`VACUUM INTO`), kept in `<data dir>/backups/`; the newest few are
//! kept. Restoring never deletes the damaged file: it is moved aside so
//! nothing in it is lost for good.
//!
//! Windows: a replica some process still holds open (the app, while the CLI
//! restores) cannot be moved. The restore then puts back whatever it had
//! already moved and fails with [`Error::InUse`]; it never leaves a backup
//! beside the damaged database's WAL, which SQLite would replay into it.

use super::{Db, DB_FILE};
use crate::error::{Error, Result};
use crate::platform_fs;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

pub const BACKUP_DIR: &str = "backups";
/// How many backups are kept.
pub const KEEP: usize = 5;

fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

/// Writes a consistent copy of the replica to `<data dir>/backups/` and prunes
/// old ones, keeping [`KEEP`] in all, the new one among them.
pub fn create(db: &Db, data_dir: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let dir = backup_dir(data_dir);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = dir.join(format!("frontdesk-{}.db", now.format("%Y%m%dT%H%M%S%.3fZ")));
    let tmp = path.with_extension("db.partial");
    let _ = std::fs::remove_file(&tmp);
    db.conn().execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
    platform_fs::rename_replacing(&tmp, &path).map_err(|e| Error::io(&path, e))?;
    platform_fs::sync_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    // The one just made is always kept, with the KEEP - 1 newest others: after the
    // clock went back, the others' names sort after it, and pruning by name alone
    // would delete the only backup of the replica as it is now.
    for old in list(data_dir)?.into_iter().filter(|p| *p != path).skip(KEEP - 1) {
        let _ = std::fs::remove_file(old);
    }
    Ok(path)
}

/// Backups, newest first.
pub fn list(data_dir: &Path) -> Result<Vec<PathBuf>> {
    let dir = backup_dir(data_dir);
    let mut found: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("frontdesk-") && n.ends_with(".db"))
            })
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => vec![],
        Err(e) => return Err(Error::io(&dir, e)),
    };
    // The names embed a sortable UTC time stamp.
    found.sort();
    found.reverse();
    Ok(found)
}

/// How old the newest backup may be before the desk makes another.
pub const MAX_AGE: chrono::Duration = chrono::Duration::hours(24);

/// When a backup was made, read from its name (the clock that made it, not
/// the file system's times, which a copied data folder does not keep).
pub fn made_at(path: &Path) -> Option<DateTime<Utc>> {
    let stamp = path.file_name()?.to_str()?.strip_prefix("frontdesk-")?.strip_suffix(".db")?;
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S%.3fZ").ok().map(|t| t.and_utc())
}

/// Makes a backup unless one younger than [`MAX_AGE`] exists, as of `now`
/// (the injected clock). A backup stamped in the future (the clock went back)
/// does not count as fresh. Checks the replica's integrity first, so a
/// damaged replica never replaces a good backup. Returns the new backup.
pub fn keep_fresh(db: &Db, data_dir: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let newest = list(data_dir)?.first().and_then(|p| made_at(p));
    if newest.is_some_and(|t| t <= now && now - t < MAX_AGE) {
        return Ok(None);
    }
    db.integrity_check()?;
    create(db, data_dir, now).map(Some)
}

/// Replaces the replica with the newest backup that opens and passes the
/// integrity check. The current file (and its WAL) is moved aside as
/// `frontdesk.db.damaged-<time>`. Returns the backup used.
pub fn restore_latest(data_dir: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let db_path = data_dir.join(DB_FILE);
    for candidate in list(data_dir)? {
        let ok = Db::open(&candidate).and_then(|db| db.integrity_check()).is_ok();
        if !ok {
            tracing::warn!(backup = %candidate.display(), "skipping a backup that does not pass the integrity check");
            continue;
        }
        let stamp = now.format("%Y%m%dT%H%M%SZ");
        move_aside(&db_path, &stamp.to_string())?;
        // Copied next to the target first, so a failed copy (disk full) leaves
        // no half database under the replica's name.
        let partial = data_dir.join(format!("{DB_FILE}.restoring"));
        std::fs::copy(&candidate, &partial).map_err(|e| Error::io(&partial, e))?;
        // Opened for writing: Windows flushes only a handle that may write.
        std::fs::OpenOptions::new()
            .write(true)
            .open(&partial)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(&partial, e))?;
        platform_fs::rename_replacing(&partial, &db_path).map_err(|e| Error::io(&db_path, e))?;
        platform_fs::sync_dir(data_dir).map_err(|e| Error::io(data_dir, e))?;
        return Ok(candidate);
    }
    Err(Error::Invalid(format!("no usable backup in {}", backup_dir(data_dir).display())))
}

/// Moves the replica and its WAL and shared-memory files to
/// `<name>.damaged-<stamp>[-wal|-shm]`, all or none: when one cannot be moved
/// (Windows, still open somewhere) the ones already moved are put back.
fn move_aside(db_path: &Path, stamp: &str) -> Result<()> {
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", db_path.display()));
        if !from.exists() {
            continue;
        }
        let to = PathBuf::from(format!("{}.damaged-{stamp}{suffix}", db_path.display()));
        if let Err(e) = platform_fs::rename_replacing(&from, &to) {
            for (back_to, back_from) in moved.iter().rev() {
                if let Err(undo) = std::fs::rename(back_from, back_to) {
                    tracing::error!(file = %back_from.display(), error = %undo, "could not put a moved replica file back");
                }
            }
            return Err(if platform_fs::is_in_use(&e) { Error::InUse { path: from } } else { Error::io(&from, e) });
        }
        moved.push((from, to));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::settings;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    /// A replica with one recognisable value and one backup of it.
    fn replica_with_backup(dir: &Path) -> Db {
        let mut db = Db::open_in_dir(dir).unwrap();
        db.write(|tx| settings::set(tx, settings::LANG, "es")).unwrap();
        create(&db, dir, at(0)).unwrap();
        db
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        n.sort();
        n
    }

    #[test]
    fn restore_keeps_the_damaged_file_aside_and_brings_the_backup_back() {
        let dir = tempfile::tempdir().unwrap();
        drop(replica_with_backup(dir.path()));
        std::fs::write(dir.path().join(DB_FILE), b"not a database at all").unwrap();
        let used = restore_latest(dir.path(), at(60)).unwrap();
        assert!(used.starts_with(dir.path().join(BACKUP_DIR)), "{}", used.display());
        let db = Db::open_in_dir(dir.path()).unwrap();
        assert_eq!(settings::get(db.conn(), settings::LANG).unwrap().as_deref(), Some("es"));
        let aside = dir.path().join(format!("{DB_FILE}.damaged-{}", at(60).format("%Y%m%dT%H%M%SZ")));
        assert_eq!(std::fs::read(&aside).unwrap(), b"not a database at all");
        assert!(!names(dir.path()).iter().any(|n| n.ends_with(".restoring")), "{:?}", names(dir.path()));
    }

    /// Windows: the CLI restoring while the app still holds the replica. The
    /// open database, its WAL and its data stay exactly where they were.
    #[cfg(windows)]
    #[test]
    fn a_replica_still_open_is_left_in_place_and_the_error_says_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let mut held = replica_with_backup(dir.path());
        held.write(|tx| settings::set(tx, settings::LANG, "en")).unwrap();
        let before = names(dir.path());
        assert!(before.contains(&format!("{DB_FILE}-wal")), "{before:?}");
        let e = restore_latest(dir.path(), at(60)).unwrap_err();
        assert_eq!(e.code(), "file_in_use", "{e}");
        assert_eq!(names(dir.path()), before);
        // The holder goes on working on the same file, with its newest write.
        assert_eq!(settings::get(held.conn(), settings::LANG).unwrap().as_deref(), Some("en"));
        held.write(|tx| settings::set(tx, settings::LANG, "es")).unwrap();
        drop(held);
        // Closed: the restore goes through.
        restore_latest(dir.path(), at(120)).unwrap();
    }

    #[test]
    fn a_backup_is_kept_no_older_than_a_day_on_the_injected_clock() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open_in_dir(dir.path()).unwrap();
        let first = keep_fresh(&db, dir.path(), at(0)).unwrap().expect("no backup yet: one is made");
        assert_eq!(made_at(&first), Some(at(0)));
        assert_eq!(keep_fresh(&db, dir.path(), at(23 * 3600)).unwrap(), None, "23 h old: still fresh");
        let second = keep_fresh(&db, dir.path(), at(24 * 3600)).unwrap().expect("a day old: a new one");
        assert_eq!(made_at(&second), Some(at(24 * 3600)));
        // The clock went back a week: the newest backup is "from the future" and proves nothing.
        assert!(keep_fresh(&db, dir.path(), at(-7 * 24 * 3600)).unwrap().is_some());
        assert_eq!(list(dir.path()).unwrap().len(), 3);
        assert_eq!(made_at(Path::new("frontdesk-notatime.db")), None);
    }

    #[test]
    fn after_the_clock_went_back_the_new_backup_is_kept_and_the_count_stays_five() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open_in_dir(dir.path()).unwrap();
        for day in 1..=KEEP as i64 {
            create(&db, dir.path(), at(day * 24 * 3600)).unwrap();
        }
        let now = create(&db, dir.path(), at(0)).unwrap();
        let kept = list(dir.path()).unwrap();
        assert_eq!(kept.len(), KEEP);
        assert!(kept.contains(&now), "the backup of the replica as it is now survives its own pruning: {kept:?}");
        assert!(!kept.iter().any(|p| made_at(p) == Some(at(24 * 3600))), "the oldest of the others went");
        // In order, the usual case: the oldest goes.
        let later = create(&db, dir.path(), at(30 * 24 * 3600)).unwrap();
        assert_eq!(list(dir.path()).unwrap().first(), Some(&later));
        assert_eq!(list(dir.path()).unwrap().len(), KEEP);
    }
}
