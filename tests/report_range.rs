//! The range report on the report fixtures' real replica (Madrid, around the
//! October 2026 clock change): it agrees with the day report on a single
//! day, counts visits per local day and hour, computes utilisation and churn
//! risk, renders the same numbers in CSV, XLSX and HTML (golden snapshots of
//! CSV and HTML), and the CLI writes it or refuses a bad range with exit 2.

mod report_support;
#[path = "support/spawn_retry.rs"]
mod spawn_retry;

use calamine::{Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use frontdesk::domain::Lang;
use frontdesk::report::range::{self, RangeParams, RangeReport};
use frontdesk::report::Format;
use report_support::*;
use std::process::Command;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn range_at(db: &frontdesk::db::Db, from: &str, to: &str, now: &str) -> RangeReport {
    RangeReport::build(db.conn(), RangeParams::new(d(from), d(to)), t(now)).unwrap()
}

#[test]
fn one_day_agrees_with_the_day_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_replica(dir.path());
    let day = report(&db);
    let r = range_at(&db, DAY, DAY, "2026-10-26T08:00:00Z");
    assert_eq!(r.days.len(), 1);
    assert_eq!(r.totals.visits, day.check_ins.len() as i64);
    assert_eq!(r.days[0].visits, day.check_ins.len() as i64);
    assert_eq!(r.totals.sessions, day.totals.sessions);
    assert_eq!(r.totals.cancelled_sessions, day.totals.cancelled_sessions);
    assert_eq!(r.totals.no_shows, day.totals.no_shows);
    assert_eq!(r.totals.walk_ins, day.totals.walk_ins);
    assert_eq!(r.classes.iter().map(|c| c.attended).sum::<i64>(), day.totals.attended);
    assert_eq!(r.heat.iter().flatten().sum::<i64>(), r.totals.visits, "every visit is in one heat-map cell");
    let mut day_members: Vec<i64> = day.check_ins.iter().map(|c| c.member_id).collect();
    day_members.sort();
    day_members.dedup();
    assert_eq!(r.totals.distinct_members, day_members.len() as i64);
    assert_eq!(r.days[0].members, day_members.len() as i64);
}

#[test]
fn visits_fall_on_local_days_and_hours_and_classes_show_their_utilisation() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_replica(dir.path());
    let r = range_at(&db, "2026-10-24", "2026-10-26", "2026-10-27T08:00:00Z");
    let per_day: Vec<(String, i64)> = r.days.iter().map(|d| (d.date.to_string(), d.visits)).collect();
    // 21:35 UTC on the 24th is 23:35 in Madrid (summer time): the 24th; 23:05 UTC on the 25th is
    // 00:05 on the 26th (winter time).
    assert_eq!(per_day[0], ("2026-10-24".into(), 1));
    assert_eq!(per_day[2], ("2026-10-26".into(), 1));
    // Saturday 24th at 23:00 local; Monday 26th at 00:00 local.
    assert_eq!(r.heat[5][23], 1, "Saturday 23:00");
    assert_eq!(r.heat[0][0], 1, "Monday 00:00");
    let pilates = r.classes.iter().find(|c| c.class_name == "Pilates").unwrap();
    assert_eq!((pilates.sessions, pilates.capacity), (1, 8), "the session's override capacity");
    assert_eq!(pilates.utilisation(), Some(pilates.attended as f64 / 8.0));
    let spinning = r.classes.iter().find(|c| c.class_name == "Spinning").unwrap();
    assert_eq!((spinning.sessions, spinning.cancelled, spinning.capacity), (0, 1, 0));
    assert_eq!(spinning.utilisation(), None, "a cancelled class offers no places");
    let top = &r.members[0];
    assert!(r.members.windows(2).all(|w| w[0].visits >= w[1].visits), "most visits first");
    assert!(top.visits >= 1);
}

/// The fixtures' replica with member 7, a paid member who never came.
fn replica_with_a_stranger(dir: &std::path::Path) -> frontdesk::db::Db {
    let mut snap = snapshot();
    let paid =
        frontdesk::snapshot::ApiMembership { is_active: true, membership_type: Some("paid".into()), expires_at: None };
    snap.members.push(member(7, "Nadie", "Nunca", true, Some(paid)));
    build_replica_from(dir, &snap)
}

#[test]
fn paid_members_who_have_not_come_in_n_days_are_at_risk() {
    let dir = tempfile::tempdir().unwrap();
    let db = replica_with_a_stranger(dir.path());
    let p = |churn_days| RangeParams { churn_days, ..RangeParams::new(d("2026-11-09"), d("2026-11-12")) };
    // Two weeks and more after everyone's last visit (24-25 October).
    let r = RangeReport::build(db.conn(), p(14), t("2026-11-13T08:00:00Z")).unwrap();
    let mut at_risk: Vec<i64> = r.churn.iter().map(|c| c.member_id).collect();
    assert_eq!(r.churn[0].member_id, 7, "never seen comes first");
    assert_eq!((r.churn[0].last_visit, r.churn[0].days_since), (None, None));
    assert!(r.churn[1..].windows(2).all(|w| w[0].days_since >= w[1].days_since), "longest absence first");
    assert!(r.churn[1..].iter().all(|c| c.days_since.unwrap() >= 14));
    at_risk.sort();
    // Member 3's paid membership expired on 1 October: not a member to win back.
    assert_eq!(at_risk, [1, 2, 4, 5, 6, 7]);
    assert_eq!(r.totals.churn_risk, 6);
    // Measured from the end of the range (12 November, local), not from now.
    let five = r.churn.iter().find(|c| c.member_id == 5).unwrap();
    assert_eq!(five.days_since, Some(18), "25 October 00:35 UTC to the end of 12 November");
    // A month's limit: only the stranger.
    let r30 = RangeReport::build(db.conn(), p(30), t("2026-11-13T08:00:00Z")).unwrap();
    assert_eq!(r30.churn.iter().map(|c| c.member_id).collect::<Vec<_>>(), [7]);
    // A range still running is measured from now: on 26 October nobody but the stranger.
    let now =
        RangeReport::build(db.conn(), RangeParams::new(d("2026-10-20"), d("2026-10-31")), t("2026-10-26T08:00:00Z"))
            .unwrap();
    assert_eq!(now.churn.iter().map(|c| c.member_id).collect::<Vec<_>>(), [7]);
    assert_eq!(now.churn_as_of.utc, t("2026-10-26T08:00:00Z"));
}

#[test]
fn bad_ranges_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_replica(dir.path());
    let err =
        RangeReport::build(db.conn(), RangeParams::new(d("2026-10-26"), d("2026-10-25")), t("2026-10-27T00:00:00Z"));
    assert!(err.is_err());
    let long = RangeParams::new(d("2025-01-01"), d("2026-10-25"));
    assert!(RangeReport::build(db.conn(), long, t("2026-10-27T00:00:00Z")).is_err());
}

#[test]
fn snapshots_of_the_csv_and_the_print_view() {
    let dir = tempfile::tempdir().unwrap();
    let db = replica_with_a_stranger(dir.path());
    let r = range_at(&db, "2026-10-19", "2026-10-25", "2026-10-26T08:00:00Z");
    let csv = String::from_utf8(range::render(&r, Format::Csv, Lang::Es).unwrap()).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert_snapshot("report_range_csv_es", &csv.trim_start_matches('\u{feff}').replace("\r\n", "\n"));
    let html = String::from_utf8(range::render(&r, Format::Html, Lang::En).unwrap()).unwrap();
    assert_eq!(html.matches("<svg class=\"chart").count(), 2, "the two charts");
    assert_eq!(html.matches("<rect x=").count(), 7 * 24, "one heat-map cell per weekday and hour");
    assert!(!html.contains("<script"), "no scripts in the print view");
    assert!(html.contains("Zoë O&#39;Brien &lt;b&gt;"), "names are escaped");
    assert!(html.contains("Nadie Nunca"), "the stranger is at risk");
    assert_snapshot("report_range_html_en", &html);
}

#[test]
fn the_xlsx_has_a_sheet_per_table_and_the_heat_map_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = replica_with_a_stranger(dir.path());
    let r = range_at(&db, "2026-10-19", "2026-10-25", "2026-10-26T08:00:00Z");
    let bytes = range::render(&r, Format::Xlsx, Lang::En).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["Summary", "Visits per day", "Heat map", "Utilisation per class", "Visits per member", "Churn risk"]
    );
    let days = wb.worksheet_range("Visits per day").unwrap();
    assert_eq!(days.height(), 1 + 7);
    let total: f64 = (1..=7).filter_map(|row| days.get((row, 2)).and_then(|c| c.get_float())).sum();
    assert_eq!(total as i64, r.totals.visits);
    let heat = wb.worksheet_range("Heat map").unwrap();
    let cells: f64 = (1..=7)
        .flat_map(|row| (1..=24).map(move |col| (row, col)))
        .filter_map(|p| heat.get(p).and_then(|c| c.get_float()))
        .sum();
    assert_eq!(cells as i64, r.totals.visits, "the chart as a table");
    assert_eq!(heat.get((0, 0)), Some(&Data::String("Day".into())));
    let churn = wb.worksheet_range("Churn risk").unwrap();
    assert_eq!(churn.get((1, 0)), Some(&Data::String("Nadie Nunca".into())));
    assert_eq!(churn.get((1, 4)), Some(&Data::String("Never".into())), "member 7 never came");
}

fn cli(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.arg("--data-dir").arg(data).arg("report").args(args).env_remove("FRONTDESK_LANG");
    spawn_retry::output(&mut cmd).unwrap()
}

#[test]
fn the_cli_writes_a_range_and_refuses_a_bad_one_with_exit_2() {
    let data = tempfile::tempdir().unwrap();
    drop(build_replica(data.path()));
    let out = cli(data.path(), &["--from", "2026-10-19", "--to", "2026-10-25", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("\u{feff}Attendance report for a period,"), "{text}");
    let files = tempfile::tempdir().unwrap();
    let xlsx = files.path().join("range.xlsx");
    let out = cli(
        data.path(),
        &["--from", "2026-10-19", "--to", "2026-10-25", "--format", "xlsx", "--out", xlsx.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("range report 2026-10-19..2026-10-25"));
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 1000);
    for bad in [
        &["--from", "2026-10-25"][..],
        &["--from", "2026-10-25", "--to", "2026-10-19"],
        &["--date", "2026-10-25", "--from", "2026-10-19", "--to", "2026-10-25"],
        &["--from", "2026-10-19", "--to", "2026-10-25", "--table", "sessions"],
    ] {
        let out = cli(data.path(), bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty(), "{bad:?} wrote a report");
    }
}
