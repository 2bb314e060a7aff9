//! The XLSX export read back with calamine: sheet names and order, headings,
//! real date-time cells holding the local wall-clock time, numbers as
//! numbers, text stored as text (formula-like names included), and the
//! summary's totals and unsynced warning.

mod report_support;

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use frontdesk::domain::Lang;
use frontdesk::report::xlsx::render;
use report_support::*;
use std::io::Cursor;

fn workbook(lang: Lang) -> Xlsx<Cursor<Vec<u8>>> {
    let dir = tempfile::tempdir().unwrap();
    open(&report(&build_replica(dir.path())), lang)
}

fn open(r: &frontdesk::report::DayReport, lang: Lang) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(render(r, lang).unwrap())).unwrap()
}

fn cell(range: &Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match cell(range, row, col) {
        Data::String(s) => s,
        other => panic!("({row},{col}) is not text: {other:?}"),
    }
}

/// The naive local date-time a date-time cell shows.
fn datetime(range: &Range<Data>, row: u32, col: u32) -> NaiveDateTime {
    match cell(range, row, col) {
        Data::DateTime(d) => {
            assert!(d.is_datetime());
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap().and_hms_opt(0, 0, 0).unwrap();
            epoch + chrono::Duration::milliseconds((d.as_f64() * 86_400_000.0).round() as i64)
        }
        other => panic!("({row},{col}) is not a date-time: {other:?}"),
    }
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

#[test]
fn sheets_in_order_with_headings() {
    let mut wb = workbook(Lang::Es);
    assert_eq!(wb.sheet_names(), ["Resumen", "Sesiones", "Check-ins", "Notas de recepción"]);
    let s = wb.worksheet_range("Sesiones").unwrap();
    assert_eq!(text(&s, 0, 1), "Clase");
    assert_eq!(s.height(), 1 + 5);
    let c = wb.worksheet_range("Check-ins").unwrap();
    assert_eq!(text(&c, 0, 0), "Hora");
    assert_eq!(text(&c, 0, 9), "Sincronización");
    assert_eq!(c.height(), 1 + 5);
}

#[test]
fn times_are_local_date_times_with_their_offset() {
    let mut wb = workbook(Lang::En);
    let s = wb.worksheet_range("Sessions").unwrap();
    // Both 02:30 classes of the fall-back day read 02:30 local; the offset tells them apart.
    assert_eq!(datetime(&s, 1, 2), local("2026-10-25 02:30:00"));
    assert_eq!(text(&s, 1, 3), "UTC+02:00");
    assert_eq!(datetime(&s, 2, 2), local("2026-10-25 02:30:00"));
    assert_eq!(text(&s, 2, 3), "UTC+01:00");
    assert_eq!(datetime(&s, 5, 4), local("2026-10-26 00:30:00"), "end of the 23:30 class");
    let c = wb.worksheet_range("Check-ins").unwrap();
    assert_eq!(datetime(&c, 3, 0), local("2026-10-25 10:05:00"));
    assert_eq!(datetime(&c, 5, 0), local("2026-10-25 22:00:00"));
}

#[test]
fn numbers_text_and_formula_like_names() {
    let mut wb = workbook(Lang::En);
    let s = wb.worksheet_range("Sessions").unwrap();
    assert_eq!(cell(&s, 3, 6), Data::Float(8.0), "override capacity");
    assert_eq!(text(&s, 4, 7), "CANCELLED");
    let counts: Vec<Data> = (8..13).map(|col| cell(&s, 3, col)).collect();
    assert_eq!(counts, [2.0, 2.0, 1.0, 0.0, 1.0].map(Data::Float));
    let c = wb.worksheet_range("Check-ins").unwrap();
    // Stored as plain text, so the spreadsheet shows it and never evaluates it.
    assert_eq!(text(&c, 2, 2), "=HYPERLINK(\"http://x\") +Malo");
    assert_eq!(text(&c, 1, 2), "@Luis -Díaz");
    assert_eq!(text(&c, 4, 2), "Zoë O'Brien <b>");
    assert_eq!(cell(&c, 4, 3), Data::Float(3.0));
    assert_eq!(text(&c, 4, 8), "Membership expired");
    assert_eq!(text(&c, 4, 9), "Parked");
    assert_eq!(text(&c, 5, 6), "Staff override");
    assert_eq!(text(&c, 5, 7), "-2+3 viene con Óscar");
    assert!(wb.worksheet_formula("Check-ins").unwrap().used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn desk_notes_of_the_day_with_who_wrote_and_cleared_them() {
    let mut wb = workbook(Lang::En);
    let n = wb.worksheet_range("Desk notes").unwrap();
    assert_eq!(n.height(), 1 + 2, "the day before's note is not in this day's report");
    assert_eq!(text(&n, 0, 4), "Note");
    assert_eq!(
        datetime(&n, 1, 0),
        local("2026-10-25 10:11:00"),
        "09:11 UTC is 10:11 in Madrid (UTC+01:00 since 01:00 UTC)"
    );
    assert_eq!(text(&n, 1, 2), "Zoë O'Brien <b>");
    assert_eq!(text(&n, 1, 4), "Firmar la exención pendiente");
    assert_eq!(text(&n, 1, 5), "recepcion-1");
    assert_eq!(datetime(&n, 1, 6), local("2026-10-25 18:00:00"), "cleared at 17:00 UTC");
    assert_eq!(text(&n, 1, 7), "Marta", "the staff member when known, else the desk");
    assert_eq!(text(&n, 2, 4), "=Pedir la tarjeta nueva, \"perdida\"");
    assert_eq!(cell(&n, 2, 6), Data::Empty, "still open");
    assert!(wb.worksheet_formula("Desk notes").unwrap().used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn the_summary_has_the_warning_and_the_totals() {
    let mut wb = workbook(Lang::Es);
    let r = wb.worksheet_range("Resumen").unwrap();
    assert_eq!(text(&r, 0, 0), "Informe de asistencia");
    assert_eq!(text(&r, 1, 1), "Gimnasio Peña & Cía");
    assert_eq!(datetime(&r, 2, 1), local("2026-10-25 00:00:00"));
    assert_eq!(cell(&r, 4, 1), Data::Float(25.0), "hours in the day");
    assert_eq!(datetime(&r, 5, 1), local("2026-10-26 09:00:00"), "generated, local");
    assert!(text(&r, 6, 0).starts_with("ATENCIÓN"));
    let totals: Vec<(String, Data)> = (9..r.height() as u32).map(|row| (text(&r, row, 0), cell(&r, row, 1))).collect();
    let get = |label: &str| totals.iter().find(|(l, _)| l == label).map(|(_, v)| v.clone());
    assert_eq!(get("Asistieron"), Some(Data::Float(5.0)));
    assert_eq!(get("No asistieron"), Some(Data::Float(2.0)));
    assert_eq!(get("Pendientes"), Some(Data::Float(0.0)), "every class has ended");
    assert_eq!(get("Sin reserva"), Some(Data::Float(3.0)));
    assert_eq!(get("Sesiones canceladas"), Some(Data::Float(1.0)));
}

/// Before Boxeo starts its two bookings are pending, in its row and in the
/// summary, and the no-shows are only those of the classes that have ended.
#[test]
fn a_class_still_to_come_has_pending_bookings() {
    let dir = tempfile::tempdir().unwrap();
    let r = report_at(&build_replica_with_evening_bookings(dir.path()), t(BEFORE_BOXEO));
    let mut wb = open(&r, Lang::En);
    let s = wb.worksheet_range("Sessions").unwrap();
    let heads: Vec<String> = (8..13).map(|col| text(&s, 0, col)).collect();
    assert_eq!(heads, ["Registered", "Attended", "No-shows", "Pending", "Walk-ins"]);
    let counts: Vec<Data> = (8..13).map(|col| cell(&s, 5, col)).collect();
    assert_eq!(counts, [2.0, 1.0, 0.0, 2.0, 1.0].map(Data::Float), "Boxeo");
    let mut wb = open(&r, Lang::Es);
    let sum = wb.worksheet_range("Resumen").unwrap();
    let get =
        |label: &str| (9..sum.height() as u32).find(|&row| text(&sum, row, 0) == label).map(|row| cell(&sum, row, 1));
    assert_eq!(get("No asistieron"), Some(Data::Float(2.0)));
    assert_eq!(get("Pendientes"), Some(Data::Float(2.0)));
}
