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

/// The data directory: an explicit choice, else the environment, else the OS default.
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| std::env::var_os(ENV_DATA_DIR).filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(default_data_dir)
}
