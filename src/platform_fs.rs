//! File-system rules that differ between Linux and Windows, kept in one place
//! so that the backups, the restore of a backup and the report export behave
//! alike on both:
//!
//! - Linux makes a rename durable only once the directory itself is fsynced;
//!   Windows has no directory handle to fsync (NTFS journals the rename), so
//!   [`sync_dir`] does nothing there.
//! - Windows refuses to rename over, rename or delete a file that another
//!   program holds open without sharing it for deletion (SQLite holding the
//!   replica, Excel holding a report). [`is_in_use`] recognises that refusal
//!   so callers can say "close it and try again" instead of a bare OS error,
//!   and [`rename_replacing`] retries it briefly first, since virus scanners
//!   and the search indexer hold new files for a moment.
//! - Windows (and macOS) paths are case-insensitive: [`same_file`] compares
//!   what the file system resolves, not the spelling.

use std::io;
use std::path::Path;

/// Makes the entries of `dir` (a rename or a new file in it) durable.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Windows cannot open a directory as a file to fsync it; NTFS journals
/// renames itself, so there is nothing to do.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Whether `e` is Windows refusing because another program has the file
/// open (or locked, or mapped). Always false elsewhere: Linux lets open
/// files be renamed and deleted.
pub fn is_in_use(e: &io::Error) -> bool {
    if cfg!(windows) {
        // ERROR_ACCESS_DENIED (a rename over a file open without
        // FILE_SHARE_DELETE), ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION,
        // ERROR_USER_MAPPED_FILE.
        matches!(e.raw_os_error(), Some(5 | 32 | 33 | 1224))
    } else {
        false
    }
}

/// Renames `from` to `to`, replacing `to`. On Windows a refusal because a
/// file is in use is retried a few times (about half a second in all) before
/// it is returned: scanners let go quickly, a program the user has open does not.
pub fn rename_replacing(from: &Path, to: &Path) -> io::Result<()> {
    let mut attempt = 0;
    loop {
        match std::fs::rename(from, to) {
            Err(e) if is_in_use(&e) && attempt < 5 => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

/// Whether `a` and `b` name the same existing file, however they are spelt
/// (case on Windows, `..`, links). False when either does not exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn same_file_follows_the_file_system_not_the_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("Frontdesk.db");
        fs::write(&f, "x").unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(same_file(&f, &dir.path().join("sub").join("..").join("Frontdesk.db")));
        assert!(same_file(&f, &f));
        assert!(!same_file(&f, &dir.path().join("other.db")));
        assert!(!same_file(&dir.path().join("missing"), &dir.path().join("missing")));
        // Windows: another spelling of the same name is the same file.
        assert_eq!(same_file(&f, &dir.path().join("FRONTDESK.DB")), cfg!(windows));
    }

    #[test]
    fn sync_dir_accepts_a_directory_and_reports_a_missing_one_on_unix() {
        let dir = tempfile::tempdir().unwrap();
        sync_dir(dir.path()).unwrap();
        assert_eq!(sync_dir(&dir.path().join("missing")).is_err(), cfg!(unix));
    }

    #[test]
    fn a_plain_rename_replaces_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::write(&a, "new").unwrap();
        fs::write(&b, "old").unwrap();
        rename_replacing(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(&b).unwrap(), "new");
        assert!(!a.exists());
    }

    /// What Excel does to a workbook it has open: no sharing for deletion,
    /// so nothing may be renamed over it.
    #[cfg(windows)]
    #[test]
    fn a_file_held_open_without_delete_sharing_is_reported_in_use() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::write(&a, "new").unwrap();
        fs::write(&b, "old").unwrap();
        let held = fs::OpenOptions::new().read(true).share_mode(1 /* FILE_SHARE_READ */).open(&b).unwrap();
        let e = rename_replacing(&a, &b).unwrap_err();
        assert!(is_in_use(&e), "{e:?}");
        drop(held);
        rename_replacing(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(&b).unwrap(), "new");
    }

    #[test]
    fn in_use_is_a_windows_refusal_only() {
        let e = io::Error::from_raw_os_error(32);
        assert_eq!(is_in_use(&e), cfg!(windows));
        assert!(!is_in_use(&io::Error::new(io::ErrorKind::NotFound, "x")));
    }
}
