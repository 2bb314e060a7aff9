//! `frontdesk report` end to end: output to stdout and to files, and the
//! error paths (bad date, unknown format, unwritable path), which must exit
//! with 2, say what is wrong and leave no file behind.

mod report_support;
#[path = "support/spawn_retry.rs"]
mod spawn_retry;

use report_support::*;
use std::path::Path;
use std::process::{Command, Output};

fn frontdesk(data: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.arg("--data-dir").arg(data).arg("report").args(args).env_remove("FRONTDESK_LANG");
    spawn_retry::output(&mut cmd).unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn setup() -> (tempfile::TempDir, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    drop(build_replica(data.path()));
    (data, tempfile::tempdir().unwrap())
}

#[test]
fn csv_goes_to_stdout() {
    let (data, _) = setup();
    let out = frontdesk(data.path(), &["--date", DAY, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("\u{feff}Attendance report,"));
    assert!(text.contains("José Núñez Peña"));
}

#[test]
fn one_table_only() {
    let (data, _) = setup();
    let out = frontdesk(data.path(), &["--date", DAY, "--table", "sessions", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("\u{feff}Session,Class,"));
    assert_eq!(text.lines().count(), 6);
}

#[test]
fn xlsx_and_html_files() {
    let (data, out_dir) = setup();
    let xlsx = out_dir.path().join("día.xlsx");
    let out = frontdesk(data.path(), &["--date", DAY, "--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip container");
    let html = out_dir.path().join("r.html");
    let out = frontdesk(data.path(), &["--date", DAY, "--format", "html", "--out", html.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&html).unwrap().contains("<html lang=\"es\">"));
    assert_eq!(names(out_dir.path()), ["día.xlsx", "r.html"], "no temporary files left");
}

#[test]
fn bad_date_exits_2_and_writes_nothing() {
    let (data, out_dir) = setup();
    let target = out_dir.path().join("r.csv");
    for bad in ["2026-02-30", "25/10/2026", "yesterday"] {
        let out = frontdesk(data.path(), &["--date", bad, "--out", target.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"), "{bad}");
        assert!(out.stdout.is_empty());
    }
    assert!(names(out_dir.path()).is_empty());
}

#[test]
fn unknown_format_exits_2_and_keeps_an_existing_file() {
    let (data, out_dir) = setup();
    let target = out_dir.path().join("r.pdf");
    std::fs::write(&target, "previous").unwrap();
    let out = frontdesk(data.path(), &["--date", DAY, "--format", "pdf", "--out", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("csv, xlsx or html"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "previous");
    assert_eq!(names(out_dir.path()), ["r.pdf"]);
}

#[test]
fn unwritable_paths_exit_2_and_leave_no_file() {
    let (data, out_dir) = setup();
    let missing = out_dir.path().join("no/such/dir/r.csv");
    let out = frontdesk(data.path(), &["--date", DAY, "--out", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    // The target is a directory: the rename cannot happen, and the temporary file goes.
    let sub = out_dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let out = frontdesk(data.path(), &["--date", DAY, "--format", "xlsx", "--out", sub.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the report"));
    assert_eq!(names(out_dir.path()), ["sub"]);
    assert!(names(&sub).is_empty());
}

#[test]
fn table_only_with_csv() {
    let (data, _) = setup();
    let out = frontdesk(data.path(), &["--date", DAY, "--format", "html", "--table", "totals"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--table"));
}

/// `--out` naming the desk's own database is refused before anything is
/// written, however it is spelt: on Windows `FRONTDESK.DB` is the same file.
#[test]
fn a_report_over_the_replica_is_refused_and_the_replica_kept() {
    let (data, _) = setup();
    let db = data.path().join("frontdesk.db");
    let before = std::fs::read(&db).unwrap();
    let mut spellings = vec![db.clone()];
    if cfg!(windows) {
        spellings.push(data.path().join("FRONTDESK.DB"));
    }
    for out_path in spellings {
        let out = frontdesk(data.path(), &["--date", DAY, "--out", out_path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}: {}", out_path.display(), String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to write the report over"));
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
