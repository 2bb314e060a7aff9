//! The CSV export, written for Excel and LibreOffice as much as for scripts:
//! UTF-8 with a byte-order mark (so Excel keeps the accents), RFC 4180
//! quoting, CRLF line ends, and text cells that would start a formula
//! (`=`, `+`, `-`, `@`, tab, CR) prefixed with a single quote.
//!
//! Layout ([`Table::All`], the default): a header block (title, gym, date,
//! zone, generation time, and the unsynced warning when there is one), then
//! three sections separated by an empty line, each a title row, a heading
//! row and its rows: sessions, check-ins, totals, and desk notes on a day that
//! has some. [`Table::Sessions`], [`Table::CheckIns`], [`Table::Totals`] and
//! [`Table::Notes`] give one bare table (heading row
//! plus rows, nothing else) for scripts and pivot tables; every check-in row
//! still carries its sync state.
//!
//! Times are local wall-clock `YYYY-MM-DD HH:MM:SS` (which spreadsheets read
//! as date-times) with the UTC offset in the next column, so the repeated
//! hour of a fall-back day stays unambiguous.

use super::day::{DayReport, LocalTime};
use super::labels::{self, labels};
use crate::domain::{Lang, Source};
use std::borrow::Cow;
use std::str::FromStr;

/// Which part of the report a CSV file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Table {
    #[default]
    All,
    Sessions,
    CheckIns,
    Totals,
    Notes,
}

impl FromStr for Table {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "all" => Ok(Table::All),
            "sessions" => Ok(Table::Sessions),
            "check-ins" | "checkins" | "check_ins" => Ok(Table::CheckIns),
            "totals" => Ok(Table::Totals),
            "notes" => Ok(Table::Notes),
            other => Err(format!("unknown table {other:?} (use all, sessions, check-ins, totals or notes)")),
        }
    }
}

pub(crate) const BOM: &str = "\u{feff}";
pub(crate) const EOL: &str = "\r\n";

/// The whole report in the default sectioned layout.
pub fn render(report: &DayReport, lang: Lang) -> String {
    render_table(report, lang, Table::All)
}

/// The report, or one of its tables.
pub fn render_table(report: &DayReport, lang: Lang, table: Table) -> String {
    let mut w = Writer { out: String::with_capacity(256 + report.check_ins.len() * 160) };
    w.out.push_str(BOM);
    let l = labels(lang);
    match table {
        Table::All => {
            w.row(&[
                l.title.into(),
                report.gym_name.as_str().into(),
                report.date.to_string().into(),
                report.timezone.as_str().into(),
            ]);
            w.row(&[
                l.generated.into(),
                report.generated_at.ymd_hms().into(),
                report.generated_at.offset_label().into(),
            ]);
            if report.has_unsynced() {
                w.row(&[labels::unsynced_banner(lang, report.totals.queued, report.totals.parked).into()]);
            }
            let mut sections =
                vec![(l.sessions, Table::Sessions), (l.check_ins, Table::CheckIns), (l.totals, Table::Totals)];
            // Only a day with desk notes has the section: other days' files are as before notes.
            if !report.notes.is_empty() {
                sections.push((l.notes, Table::Notes));
            }
            for (title, t) in sections {
                w.out.push_str(EOL);
                w.row(&[title.into()]);
                w.table(report, lang, t);
            }
        }
        t => w.table(report, lang, t),
    }
    w.out
}

/// A cell: text (neutralised and quoted as needed) or a number.
pub(crate) enum Cell<'a> {
    Text(Cow<'a, str>),
    Int(i64),
    Empty,
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Self {
        Cell::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Cell<'_> {
    fn from(s: String) -> Self {
        Cell::Text(Cow::Owned(s))
    }
}

impl From<i64> for Cell<'_> {
    fn from(n: i64) -> Self {
        Cell::Int(n)
    }
}

impl<'a, T: Into<Cell<'a>>> From<Option<T>> for Cell<'a> {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(Cell::Empty)
    }
}

/// Rows of cells into one CSV text (shared with the range report).
pub(crate) struct Writer {
    pub(crate) out: String,
}

impl Writer {
    pub(crate) fn row(&mut self, cells: &[Cell]) {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            match c {
                Cell::Text(s) => push_text(&mut self.out, s),
                Cell::Int(n) => self.out.push_str(&n.to_string()),
                Cell::Empty => {}
            }
        }
        self.out.push_str(EOL);
    }

    fn table(&mut self, r: &DayReport, lang: Lang, table: Table) {
        let l = labels(lang);
        let time = |t: &LocalTime| -> [Cell<'static>; 2] { [t.ymd_hms().into(), t.offset_label().into()] };
        match table {
            Table::Sessions => {
                self.row(&[
                    l.session.into(),
                    l.class.into(),
                    l.start.into(),
                    l.offset.into(),
                    l.end.into(),
                    l.room.into(),
                    l.capacity.into(),
                    l.status.into(),
                    l.registered.into(),
                    l.attended.into(),
                    l.no_shows.into(),
                    l.pending.into(),
                    l.walk_ins.into(),
                ]);
                for s in &r.sessions {
                    let [start, offset] = time(&s.start);
                    self.row(&[
                        s.id.into(),
                        s.class_name.as_str().into(),
                        start,
                        offset,
                        s.end.ymd_hms().into(),
                        s.room.as_deref().into(),
                        s.capacity.into(),
                        labels::session_status(lang, s.status).into(),
                        s.registered.into(),
                        s.attended.into(),
                        s.no_shows.into(),
                        s.pending.into(),
                        s.walk_ins.into(),
                    ]);
                }
            }
            Table::CheckIns => {
                self.row(&[
                    l.time.into(),
                    l.offset.into(),
                    l.member.into(),
                    l.member_id.into(),
                    l.session.into(),
                    l.class.into(),
                    l.method.into(),
                    l.override_reason.into(),
                    l.warnings.into(),
                    l.sync.into(),
                    l.staff.into(),
                ]);
                for c in &r.check_ins {
                    let [at, offset] = time(&c.at);
                    self.row(&[
                        at,
                        offset,
                        c.member_name.as_str().into(),
                        c.member_id.into(),
                        c.session_id.into(),
                        c.class_name.as_str().into(),
                        labels::method(lang, c.method).into(),
                        c.override_reason.as_deref().into(),
                        labels::warnings(lang, &c.warnings).into(),
                        labels::sync(lang, c.sync).into(),
                        labels::staff(lang, c).into(),
                    ]);
                }
            }
            Table::Totals => {
                self.row(&[l.item.into(), l.value.into()]);
                for (label, value) in totals_rows(r, lang) {
                    self.row(&[label.into(), value.into()]);
                }
            }
            Table::Notes => {
                self.row(&[
                    l.written.into(),
                    l.offset.into(),
                    l.member.into(),
                    l.member_id.into(),
                    l.note.into(),
                    l.written_by.into(),
                    l.cleared.into(),
                    l.cleared_by.into(),
                ]);
                for n in &r.notes {
                    let [at, offset] = time(&n.written);
                    self.row(&[
                        at,
                        offset,
                        n.member_name.as_str().into(),
                        n.member_id.into(),
                        n.text.as_str().into(),
                        n.written_by.as_str().into(),
                        n.cleared.as_ref().map(|c| c.ymd_hms()).into(),
                        n.cleared_by.as_deref().into(),
                    ]);
                }
            }
            Table::All => unreachable!("sections are written by render_table"),
        }
    }
}

/// The totals as (label, value) pairs, shared with the XLSX and HTML renderers.
pub fn totals_rows(r: &DayReport, lang: Lang) -> Vec<(String, i64)> {
    let l = labels(lang);
    let t = &r.totals;
    let m = |s: Source| format!("{}: {}", l.check_ins, labels::method(lang, s));
    vec![
        (l.sessions.to_owned(), t.sessions),
        (l.cancelled_sessions.to_owned(), t.cancelled_sessions),
        (l.registered.to_owned(), t.registered),
        (l.attended.to_owned(), t.attended),
        (l.no_shows.to_owned(), t.no_shows),
        (l.pending.to_owned(), t.pending),
        (l.walk_ins.to_owned(), t.walk_ins),
        (l.check_ins.to_owned(), t.check_ins),
        (m(Source::Camera), t.by_camera),
        (m(Source::Scanner), t.by_scanner),
        (m(Source::Manual), t.by_manual),
        (m(Source::Override), t.by_override),
        (m(Source::Server), t.by_server),
        (l.with_warnings.to_owned(), t.with_warnings),
        (format!("{}: {}", l.unsynced, l.queued), t.queued),
        (format!("{}: {}", l.unsynced, l.parked), t.parked),
    ]
}

/// Whether a spreadsheet would read `s` as the start of a formula.
pub fn is_formula_like(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// Appends one text cell: neutralised, then quoted per RFC 4180 if needed.
fn push_text(out: &mut String, s: &str) {
    let guard = is_formula_like(s);
    let quote = guard || s.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if s.contains('"') {
        out.push_str(&s.replace('"', "\"\""));
    } else {
        out.push_str(s);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, s);
        out
    }

    #[test]
    fn quoting_and_neutralising() {
        assert_eq!(text("Peña"), "Peña");
        assert_eq!(text("a,b"), "\"a,b\"");
        assert_eq!(text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text("+1"), "\"'+1\"");
        assert_eq!(text("-2"), "\"'-2\"");
        assert_eq!(text("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(text("a=b"), "a=b");
    }

    #[test]
    fn tables_parse() {
        assert_eq!("check-ins".parse::<Table>().unwrap(), Table::CheckIns);
        assert!("pdf".parse::<Table>().is_err());
    }
}
