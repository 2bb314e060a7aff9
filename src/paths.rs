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

/// `~/a/b` (or `~\a\b`) -> `<home>/a/b`, with the platform's separators; any
/// other path is returned as it is. The UI suggests export paths in the home.
pub fn expand_home(path: &str) -> PathBuf {
    let rest = path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\"));
    match (rest, home_dir()) {
        (Some(rest), Some(home)) => rest.split(['/', '\\']).filter(|c| !c.is_empty()).fold(home, |p, c| p.join(c)),
        _ => PathBuf::from(path),
    }
}

/// The folder the UI suggests for reports, in the home: `~/Front Desk`.
pub const REPORTS_DIR: &str = "Front Desk";

/// Before an export to `path`: creates the suggested reports folder
/// (`<home>/Front Desk`) when the path is directly inside it and it does not
/// exist yet, so the first export on a new desk works. Any other folder must
/// exist already: a mistyped folder is an error, not a new tree of folders.
pub fn prepare_report_dir(home: Option<&Path>, path: &Path) -> std::io::Result<()> {
    let Some(dir) = home.map(|h| h.join(REPORTS_DIR)) else { return Ok(()) };
    if path.parent() == Some(dir.as_path()) && !dir.exists() {
        std::fs::create_dir_all(&dir)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_home_path_is_expanded_with_the_platforms_separators() {
        let home = home_dir().expect("a home folder");
        let want = home.join("Front Desk").join("asistencia-2026-11-28.csv");
        assert_eq!(expand_home("~/Front Desk/asistencia-2026-11-28.csv"), want);
        assert_eq!(expand_home("~\\Front Desk\\asistencia-2026-11-28.csv"), want);
        assert_eq!(expand_home("informe ñ.csv"), PathBuf::from("informe ñ.csv"));
        assert_eq!(expand_home("/x/~/y"), PathBuf::from("/x/~/y"));
    }

    #[test]
    fn only_the_suggested_reports_folder_is_created_before_an_export() {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        prepare_report_dir(Some(h), &h.join("Elsewhere").join("a.csv")).unwrap();
        assert!(!h.join("Elsewhere").exists(), "a mistyped folder is not created");
        prepare_report_dir(Some(h), &h.join(REPORTS_DIR).join("sub").join("a.csv")).unwrap();
        assert!(!h.join(REPORTS_DIR).exists(), "only a file directly inside it");
        prepare_report_dir(Some(h), &h.join(REPORTS_DIR).join("asistencia-2026-11-28.csv")).unwrap();
        assert!(h.join(REPORTS_DIR).is_dir());
        prepare_report_dir(None, &h.join("x.csv")).unwrap();
    }
}
