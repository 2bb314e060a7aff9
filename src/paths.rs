//! Where the desk keeps its data by default: the OS data directory
//! (`~/.local/share/frontdesk` on Linux, `%APPDATA%\FrontDesk\frontdesk\data`
//! on Windows), unless `--data-dir` or `FRONTDESK_DATA_DIR` says otherwise.

use std::path::PathBuf;

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
