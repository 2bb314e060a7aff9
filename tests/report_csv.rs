//! The CSV export: a golden snapshot of the whole sectioned file, and the
//! properties Excel and LibreOffice rely on (BOM, CRLF, RFC 4180 quoting,
//! formula neutralisation, accents).

mod report_support;

use frontdesk::domain::Lang;
use frontdesk::report::csv::{render, render_table, Table};
use report_support::*;

/// A minimal RFC 4180 reader (quotes, doubled quotes, CRLF) to read our output back.
fn parse(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[test]
fn snapshot_of_the_sectioned_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv = render(&report(&build_replica(dir.path())), Lang::Es);
    assert!(csv.starts_with('\u{feff}'), "UTF-8 BOM first");
    assert!(!csv.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    assert!(csv.ends_with("\r\n"));
    assert_snapshot("report_csv_es", &csv.trim_start_matches('\u{feff}').replace("\r\n", "\n"));
}

#[test]
fn the_unsynced_warning_is_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let rows = parse(render(&report(&build_replica(dir.path())), Lang::En).trim_start_matches('\u{feff}'));
    assert_eq!(rows[0][0], "Attendance report");
    assert!(rows[2][0].starts_with("WARNING:") && rows[2][0].contains(": 3 (2 queued, 1 parked)"), "{:?}", rows[2]);
}

#[test]
fn formula_like_cells_are_neutralised_and_accents_kept() {
    let dir = tempfile::tempdir().unwrap();
    let csv = render_table(&report(&build_replica(dir.path())), Lang::Es, Table::CheckIns);
    let rows = parse(csv.trim_start_matches('\u{feff}'));
    assert_eq!(rows[0][2], "Miembro");
    let names: Vec<&str> = rows[1..].iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        names,
        ["'@Luis -Díaz", "'=HYPERLINK(\"http://x\") +Malo", "José Núñez Peña", "Zoë O'Brien <b>", "Ana Ibáñez"]
    );
    // The override reason starts with '-', and is neutralised too.
    assert_eq!(rows[5][7], "'-2+3 viene con Óscar");
    // Every data row has the heading's width.
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    // No raw formula survives anywhere in the file.
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
        }
    }
}

#[test]
fn cells_with_commas_and_quotes_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let csv = render_table(&report(&build_replica(dir.path())), Lang::En, Table::Sessions);
    assert!(csv.contains("\"Boxeo, técnica\""));
    assert!(csv.contains("\"Ring \"\"B\"\"\""));
    let rows = parse(csv.trim_start_matches('\u{feff}'));
    let boxeo = rows.iter().find(|r| r[0] == "5").unwrap();
    assert_eq!((boxeo[1].as_str(), boxeo[5].as_str()), ("Boxeo, técnica", "Ring \"B\""));
    assert_eq!(rows.len(), 1 + 5);
}

#[test]
fn the_totals_table_alone() {
    let dir = tempfile::tempdir().unwrap();
    let csv = render_table(&report(&build_replica(dir.path())), Lang::En, Table::Totals);
    let rows = parse(csv.trim_start_matches('\u{feff}'));
    let get = |label: &str| rows.iter().find(|r| r[0] == label).map(|r| r[1].clone());
    assert_eq!(get("No-shows").as_deref(), Some("2"));
    assert_eq!(get("Pending").as_deref(), Some("0"), "every class has ended");
    assert_eq!(get("Walk-ins").as_deref(), Some("3"));
    assert_eq!(get("Not synced: Parked").as_deref(), Some("1"));
}

/// Before Boxeo starts, its two bookings are pending (in its row and in the
/// totals), and the day's no-shows are only those of the classes that ended.
#[test]
fn a_class_still_to_come_has_pending_bookings() {
    let dir = tempfile::tempdir().unwrap();
    let r = report_at(&build_replica_with_evening_bookings(dir.path()), t(BEFORE_BOXEO));
    let rows = parse(render_table(&r, Lang::Es, Table::Sessions).trim_start_matches('\u{feff}'));
    assert_eq!(rows[0][8..], ["Inscritos", "Asistieron", "No asistieron", "Pendientes", "Sin reserva"]);
    let boxeo = rows.iter().find(|r| r[0] == "5").unwrap();
    assert_eq!(boxeo[8..], ["2", "1", "0", "2", "1"]);
    let rows = parse(render_table(&r, Lang::En, Table::Totals).trim_start_matches('\u{feff}'));
    let get = |label: &str| rows.iter().find(|r| r[0] == label).map(|r| r[1].clone());
    assert_eq!(get("No-shows").as_deref(), Some("2"));
    assert_eq!(get("Pending").as_deref(), Some("2"));
    assert_eq!(get("Registered").as_deref(), Some("6"));
}
