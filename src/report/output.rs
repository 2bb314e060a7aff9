//! Writing a finished report to a file without ever leaving half of one: the
//! bytes go to a temporary file in the same directory, are flushed to disk,
//! and the temporary file is renamed over the target (then the directory is
//! fsynced where that exists). On any failure the temporary file is removed
//! and the target is untouched. On Windows a target open in another program
//! (a report still open in Excel) cannot be replaced: that is
//! [`Error::InUse`], which tells staff to close it, not a bare OS error.

use super::{Error, Result};
use crate::platform_fs;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (see the module comment).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let err = |source: std::io::Error| Error::Write { path: path.to_owned(), source };
    let name = path
        .file_name()
        .ok_or_else(|| err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name")))?;
    if path.is_dir() {
        return Err(err(std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory")));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let (tmp, mut file) = create_temp(&dir, &name.to_string_lossy()).map_err(err)?;
    let result = file.write_all(bytes).and_then(|()| file.sync_all()).and_then(|()| {
        drop(file);
        platform_fs::rename_replacing(&tmp, path)
    });
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        if platform_fs::is_in_use(&e) {
            return Err(Error::InUse { path: path.to_owned() });
        }
        return Err(err(e));
    }
    // The report is complete either way; only its survival of a power cut
    // right now depends on this.
    if let Err(e) = platform_fs::sync_dir(&dir) {
        tracing::warn!(dir = %dir.display(), error = %e, "could not fsync the report's directory");
    }
    Ok(())
}

/// A new, exclusively created hidden file next to the target.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, fs::File)> {
    let mut last = None;
    for _ in 0..8 {
        let tmp = dir.join(format!(".{name}.{}.{:08x}.tmp", std::process::id(), fastrand::u32(..)));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("could not create a temporary file")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_target_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r.csv");
        fs::write(&target, "old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A report still open in Excel on Windows: Excel shares the file for
    /// reading only, so it cannot be replaced. The export says so, leaves the
    /// old report as it was and no temporary file behind.
    #[cfg(windows)]
    #[test]
    fn a_target_open_in_another_program_is_a_clear_error_and_stays_intact() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("asistencia.xlsx");
        fs::write(&target, "old").unwrap();
        let excel = OpenOptions::new().read(true).share_mode(1 /* FILE_SHARE_READ */).open(&target).unwrap();
        let e = write_atomic(&target, b"new").unwrap_err();
        assert!(matches!(e, Error::InUse { .. }), "{e:?}");
        assert!(e.to_string().contains("open in another program"), "{e}");
        drop(excel);
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // Closed: the next export goes through.
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn a_directory_target_fails_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        assert!(write_atomic(&sub, b"x").is_err());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("sub")]);
    }
}
