//! Automatic backups of the replica and restoring the newest one when the
//! database is found damaged. A backup is a consistent copy made by SQLite
//! itself (`VACUUM INTO`), kept in `<data dir>/backups/`; the newest few are
//! kept. Restoring never deletes the damaged file: it is moved aside so
//! nothing in it is lost for good.

use super::{Db, DB_FILE};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

pub const BACKUP_DIR: &str = "backups";
/// How many backups are kept.
pub const KEEP: usize = 5;

fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

/// Writes a consistent copy of the replica to `<data dir>/backups/` and prunes old ones.
pub fn create(db: &Db, data_dir: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let dir = backup_dir(data_dir);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = dir.join(format!("frontdesk-{}.db", now.format("%Y%m%dT%H%M%S%.3fZ")));
    let tmp = path.with_extension("db.partial");
    let _ = std::fs::remove_file(&tmp);
    db.conn().execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
    std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
    for old in list(data_dir)?.into_iter().skip(KEEP) {
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
        for suffix in ["", "-wal", "-shm"] {
            let from = PathBuf::from(format!("{}{suffix}", db_path.display()));
            if from.exists() {
                let to = PathBuf::from(format!("{}.damaged-{stamp}{suffix}", db_path.display()));
                std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
            }
        }
        std::fs::copy(&candidate, &db_path).map_err(|e| Error::io(&db_path, e))?;
        return Ok(candidate);
    }
    Err(Error::Invalid(format!("no usable backup in {}", backup_dir(data_dir).display())))
}
