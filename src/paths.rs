//! Where the desk keeps its data by default: the OS data directory
//! (`~/.local/share/frontdesk` on Linux, `%APPDATA%\FrontDesk\frontdesk\data`
//! on Windows), unless `--data-dir` or `FRONTDESK_DATA_DIR` says otherwise.

use std::path::{Path, PathBuf};

pub const ENV_DATA_DIR: &str = "FRONTDESK_DATA_DIR";

pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("app", "FrontDesk", "frontdesk")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".frontdesk"))
}

/// The data directory someone chose: `explicit` (a `--data-dir` flag), else
/// a non-empty `FRONTDESK_DATA_DIR`. `None` means the OS default applies;
/// the log directory follows a chosen data dir but not the default one.
pub fn explicit_data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit.or_else(|| std::env::var_os(ENV_DATA_DIR).filter(|v| !v.is_empty()).map(PathBuf::from))
}

/// The user's home folder: on Windows the profile folder the OS names
/// (`C:\Users\<name>`; `HOME` is usually unset there, or set by a Unix-like
/// shell to something else); elsewhere `HOME` when set (tests), else the OS's.
pub fn home_dir() -> Option<PathBuf> {
    let os = || directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    let env = || std::env::var_os("HOME").filter(|v| !v.is_empty()).map(PathBuf::from);
    if cfg!(windows) {
        os().or_else(env)
    } else {
        env().or_else(os)
    }
}

/// The folder export dialogs open in, in the home: `~/Front Desk`.
pub const REPORTS_DIR: &str = "Front Desk";

/// The folder an export's save dialog opens in, `<home>/Front Desk`,
/// created first so the dialog can open there on a new desk. `None` with no
/// home folder, or when it cannot be created (the dialog then opens where the
/// OS chooses).
pub fn reports_dir(home: Option<&Path>) -> Option<PathBuf> {
    let dir = home?.join(REPORTS_DIR);
    match std::fs::create_dir_all(&dir) {
        Ok(()) => Some(dir),
        Err(e) => {
            tracing::warn!("cannot create the reports folder {}: {e}", dir.display());
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reports_folder_is_created_in_the_home_and_only_there() {
        let home = tempfile::tempdir().unwrap();
        let want = home.path().join(REPORTS_DIR);
        assert!(!want.exists());
        assert_eq!(reports_dir(Some(home.path())), Some(want.clone()));
        assert!(want.is_dir());
        assert_eq!(reports_dir(Some(home.path())), Some(want), "an existing folder is kept");
        assert_eq!(reports_dir(None), None);
        let file = home.path().join("not-a-folder");
        std::fs::write(&file, b"x").unwrap();
        assert_eq!(reports_dir(Some(&file)), None, "a home that is a file gives no folder");
    }
}
