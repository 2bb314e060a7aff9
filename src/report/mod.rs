//! Daily attendance reports (issue 6): what happened on one calendar day in
//! the gym's time zone, built once from the replica as a plain model
//! ([`day::DayReport`]) and then rendered as CSV, XLSX or a printable HTML
//! page. The CLI and the desktop app share this code; neither reads the clock
//! in here (the date and "now", from the caller's injected clock, are
//! parameters; "now" is the generation time and tells which sessions have
//! ended, so that bookings of a class still to come are pending, not no-shows).

pub mod csv;
pub mod day;
pub mod html;
pub mod labels;
pub mod output;
mod query;
pub mod range;
pub mod xlsx;

pub use day::{CheckInLine, DayReport, SessionLine, SyncState, Totals};
pub use range::{RangeParams, RangeReport};

use crate::domain::Lang;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// What can go wrong while building or writing a report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] crate::Error),

    #[error("building the spreadsheet failed: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),

    #[error("cannot write the report to {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Windows: the file is open in another program (Excel, a viewer), which
    /// does not let it be replaced. The old file is untouched.
    #[error(
        "cannot write the report to {path}: the file is open in another program (Excel?) or is read-only; \
         close it there and export again (nothing was changed)"
    )]
    InUse { path: PathBuf },

    #[error("the day {0} does not exist in the gym's time zone")]
    NoSuchDay(chrono::NaiveDate),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Core(e.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The file name an export suggests in its save dialog, in the desk's
/// language: `asistencia-2026-11-28.csv`, `attendance-2026-11-28.xlsx`.
pub fn file_name(date: chrono::NaiveDate, format: Format, lang: Lang) -> String {
    format!("{}-{date}.{}", labels::labels(lang).file_stem, format.as_str())
}

/// What the save dialog of an export proposes: a file name and a title, both
/// in the desk's language (the folder is the shell's: `paths::reports_dir`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveSuggestion {
    pub file_name: String,
    pub title: &'static str,
    pub format: Format,
}

impl SaveSuggestion {
    pub fn new(date: chrono::NaiveDate, format: Format, lang: Lang) -> Self {
        SaveSuggestion { file_name: file_name(date, format, lang), title: labels::labels(lang).save_title, format }
    }
}

/// An output format of `frontdesk report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Html,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Csv, Format::Xlsx, Format::Html];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }

    /// Whether the output is text that may go to a terminal.
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Xlsx)
    }

    /// The MIME type the desktop app uses when saving or previewing.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Html => "text/html; charset=utf-8",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            "html" => Ok(Format::Html),
            other => Err(format!("unknown report format {other:?} (use csv, xlsx or html)")),
        }
    }
}

/// ENOSPC on Unix; ERROR_HANDLE_DISK_FULL (39) or ERROR_DISK_FULL (112) on Windows.
fn is_disk_full(e: &std::io::Error) -> bool {
    let codes: &[i32] = if cfg!(windows) { &[39, 112] } else { &[28] };
    e.raw_os_error().is_some_and(|c| codes.contains(&c))
}

impl Error {
    /// The code the UI and scripts see: the core's for a replica failure.
    pub fn code(&self) -> crate::ErrorCode {
        match self {
            Error::Core(e) => e.code(),
            Error::InUse { .. } => crate::ErrorCode::FileInUse,
            // ENOSPC on Unix, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.
            Error::Write { source, .. } if is_disk_full(source) => crate::ErrorCode::DiskFull,
            // The file could not be written there (no such folder, no permission): staff
            // are told to check the folder.
            Error::Write { .. } => crate::ErrorCode::IoError,
            _ => crate::ErrorCode::ReportFailed,
        }
    }
}

/// Renders `report` in `format` with labels in `lang`.
pub fn render(report: &DayReport, format: Format, lang: Lang) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Csv => csv::render(report, lang).into_bytes(),
        Format::Xlsx => xlsx::render(report, lang)?,
        Format::Html => html::render(report, lang).into_bytes(),
    })
}

#[cfg(test)]
mod save_suggestion_tests {
    use super::*;

    #[test]
    fn an_export_is_named_for_its_day_and_format_in_the_desks_language() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let cases = [
            (Format::Csv, Lang::Es, "asistencia-2026-11-28.csv", "Guardar el informe de asistencia"),
            (Format::Xlsx, Lang::Es, "asistencia-2026-11-28.xlsx", "Guardar el informe de asistencia"),
            (Format::Html, Lang::En, "attendance-2026-11-28.html", "Save the attendance report"),
        ];
        for (format, lang, name, title) in cases {
            let s = SaveSuggestion::new(day, format, lang);
            assert_eq!((s.file_name.as_str(), s.title, s.format), (name, title, format), "{format:?} {lang:?}");
        }
    }
}
