//! The XLSX export: a summary sheet (the day, the unsynced warning, the
//! totals), then one sheet per table (sessions, check-ins, and desk notes on
//! a day that has some), each with a styled, frozen heading row, an
//! autofilter and widths that fit the data.
//!
//! Times are real spreadsheet date-times holding the LOCAL wall-clock time
//! (spreadsheets have no time zones), with the UTC offset as text in the next
//! column. Text cells are stored as strings, never formulas, so a name such
//! as `=1+1` cannot run as one.

use super::day::{DayReport, LocalTime};
use super::labels::{self, labels};
use super::Result;
use crate::domain::Lang;
use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet};

const DATETIME: &str = "yyyy-mm-dd hh:mm";
const DATETIME_SECS: &str = "yyyy-mm-dd hh:mm:ss";

pub(crate) struct Styles {
    pub(crate) header: Format,
    pub(crate) title: Format,
    pub(crate) bold: Format,
    pub(crate) datetime: Format,
    pub(crate) datetime_secs: Format,
    pub(crate) date: Format,
    pub(crate) alert: Format,
    pub(crate) ok: Format,
    pub(crate) cancelled: Format,
}

impl Styles {
    pub(crate) fn new() -> Self {
        Styles {
            header: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0x1F4E79))
                .set_border_bottom(FormatBorder::Medium),
            title: Format::new().set_bold().set_font_size(16),
            bold: Format::new().set_bold(),
            datetime: Format::new().set_num_format(DATETIME),
            datetime_secs: Format::new().set_num_format(DATETIME_SECS),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            alert: Format::new().set_bold().set_font_color(Color::RGB(0xC00000)),
            ok: Format::new().set_font_color(Color::RGB(0x2E7D32)),
            cancelled: Format::new().set_font_color(Color::RGB(0x9E9E9E)).set_italic(),
        }
    }
}

/// The report as an .xlsx file's bytes.
pub fn render(report: &DayReport, lang: Lang) -> Result<Vec<u8>> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    summary(wb.add_worksheet(), report, lang, &st)?;
    sessions(wb.add_worksheet(), report, lang, &st)?;
    check_ins(wb.add_worksheet(), report, lang, &st)?;
    if !report.notes.is_empty() {
        notes(wb.add_worksheet(), report, lang, &st)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Excel's serial date-time (days since 1899-12-30) of a naive local time.
pub fn serial(t: NaiveDateTime) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid").and_hms_opt(0, 0, 0).expect("valid");
    (t - epoch).num_milliseconds() as f64 / 86_400_000.0
}

pub(crate) fn header(ws: &mut Worksheet, cols: &[(&str, f64)], st: &Styles) -> Result<()> {
    for (i, (name, width)) in cols.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *name, &st.header)?;
        ws.set_column_width(i as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A column width that fits the longest of `texts` (in characters), within bounds.
pub(crate) fn fit<'a>(heading: &str, texts: impl Iterator<Item = &'a str>, min: f64, max: f64) -> f64 {
    let longest = texts.map(|t| t.chars().count()).max().unwrap_or(0).max(heading.chars().count());
    (longest as f64 + 2.0).clamp(min, max)
}

pub(crate) fn time(ws: &mut Worksheet, row: u32, col: u16, t: &LocalTime, fmt: &Format) -> Result<()> {
    ws.write_number_with_format(row, col, serial(t.local), fmt)?;
    ws.write_string(row, col + 1, t.offset_label())?;
    Ok(())
}

pub(crate) fn opt_str(ws: &mut Worksheet, row: u32, col: u16, v: Option<&str>) -> Result<()> {
    if let Some(v) = v {
        ws.write_string(row, col, v)?;
    }
    Ok(())
}

fn summary(ws: &mut Worksheet, r: &DayReport, lang: Lang, st: &Styles) -> Result<()> {
    let l = labels(lang);
    ws.set_name(l.summary)?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 22)?;
    ws.set_column_width(2, 12)?;
    ws.write_string_with_format(0, 0, l.title, &st.title)?;
    let info: [(&str, &str); 2] = [(l.gym, &r.gym_name), (l.timezone, &r.timezone)];
    ws.write_string_with_format(1, 0, info[0].0, &st.bold)?;
    ws.write_string(1, 1, info[0].1)?;
    ws.write_string_with_format(2, 0, l.date, &st.bold)?;
    let midnight = r.date.and_hms_opt(0, 0, 0).expect("valid");
    ws.write_number_with_format(2, 1, serial(midnight), &st.date)?;
    ws.write_string_with_format(3, 0, info[1].0, &st.bold)?;
    ws.write_string(3, 1, info[1].1)?;
    ws.write_string_with_format(4, 0, l.day_hours, &st.bold)?;
    ws.write_number(4, 1, r.hours() as f64)?;
    ws.write_string_with_format(5, 0, l.generated, &st.bold)?;
    time(ws, 5, 1, &r.generated_at, &st.datetime)?;
    if r.has_unsynced() {
        ws.write_string_with_format(6, 0, labels::unsynced_banner(lang, r.totals.queued, r.totals.parked), &st.alert)?;
    } else {
        ws.write_string_with_format(6, 0, l.all_synced, &st.ok)?;
    }
    ws.write_string_with_format(8, 0, l.totals, &st.header)?;
    ws.write_string_with_format(8, 1, l.value, &st.header)?;
    for (i, (label, value)) in super::csv::totals_rows(r, lang).into_iter().enumerate() {
        ws.write_string(9 + i as u32, 0, label)?;
        ws.write_number(9 + i as u32, 1, value as f64)?;
    }
    Ok(())
}

fn sessions(ws: &mut Worksheet, r: &DayReport, lang: Lang, st: &Styles) -> Result<()> {
    let l = labels(lang);
    ws.set_name(l.sessions)?;
    let class_w = fit(l.class, r.sessions.iter().map(|s| s.class_name.as_str()), 12.0, 40.0);
    let room_w = fit(l.room, r.sessions.iter().filter_map(|s| s.room.as_deref()), 10.0, 30.0);
    header(
        ws,
        &[
            (l.session, 9.0),
            (l.class, class_w),
            (l.start, 17.0),
            (l.offset, 12.0),
            (l.end, 17.0),
            (l.room, room_w),
            (l.capacity, 11.0),
            (l.status, 13.0),
            (l.registered, 11.0),
            (l.attended, 11.0),
            (l.no_shows, 13.0),
            (l.pending, 12.0),
            (l.walk_ins, 12.0),
        ],
        st,
    )?;
    for (i, s) in r.sessions.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_number(row, 0, s.id as f64)?;
        ws.write_string(row, 1, &s.class_name)?;
        time(ws, row, 2, &s.start, &st.datetime)?;
        ws.write_number_with_format(row, 4, serial(s.end.local), &st.datetime)?;
        opt_str(ws, row, 5, s.room.as_deref())?;
        if let Some(c) = s.capacity {
            ws.write_number(row, 6, c as f64)?;
        }
        let status = labels::session_status(lang, s.status);
        if s.is_cancelled() {
            ws.write_string_with_format(row, 7, status, &st.cancelled)?;
        } else {
            ws.write_string(row, 7, status)?;
        }
        for (col, n) in [(8, s.registered), (9, s.attended), (10, s.no_shows), (11, s.pending), (12, s.walk_ins)] {
            ws.write_number(row, col, n as f64)?;
        }
    }
    ws.autofilter(0, 0, r.sessions.len() as u32, 12)?;
    Ok(())
}

fn check_ins(ws: &mut Worksheet, r: &DayReport, lang: Lang, st: &Styles) -> Result<()> {
    let l = labels(lang);
    ws.set_name(l.check_ins)?;
    let warnings: Vec<String> = r.check_ins.iter().map(|c| labels::warnings(lang, &c.warnings)).collect();
    let staff: Vec<String> = r.check_ins.iter().map(|c| labels::staff(lang, c)).collect();
    header(
        ws,
        &[
            (l.time, 20.0),
            (l.offset, 12.0),
            (l.member, fit(l.member, r.check_ins.iter().map(|c| c.member_name.as_str()), 14.0, 40.0)),
            (l.member_id, 11.0),
            (l.session, 9.0),
            (l.class, fit(l.class, r.check_ins.iter().map(|c| c.class_name.as_str()), 12.0, 30.0)),
            (l.method, 26.0),
            (
                l.override_reason,
                fit(l.override_reason, r.check_ins.iter().filter_map(|c| c.override_reason.as_deref()), 14.0, 50.0),
            ),
            (l.warnings, fit(l.warnings, warnings.iter().map(String::as_str), 10.0, 60.0)),
            (l.sync, 14.0),
            (l.staff, fit(l.staff, staff.iter().map(String::as_str), 10.0, 40.0)),
        ],
        st,
    )?;
    for (i, (c, w)) in r.check_ins.iter().zip(&warnings).enumerate() {
        let row = 1 + i as u32;
        time(ws, row, 0, &c.at, &st.datetime_secs)?;
        ws.write_string(row, 2, &c.member_name)?;
        ws.write_number(row, 3, c.member_id as f64)?;
        ws.write_number(row, 4, c.session_id as f64)?;
        ws.write_string(row, 5, &c.class_name)?;
        ws.write_string(row, 6, labels::method(lang, c.method))?;
        opt_str(ws, row, 7, c.override_reason.as_deref())?;
        if !w.is_empty() {
            ws.write_string(row, 8, w)?;
        }
        let sync = labels::sync(lang, c.sync);
        if matches!(c.sync, super::SyncState::Synced | super::SyncState::Demo) {
            ws.write_string(row, 9, sync)?;
        } else {
            ws.write_string_with_format(row, 9, sync, &st.alert)?;
        }
        if !staff[i].is_empty() {
            ws.write_string(row, 10, &staff[i])?;
        }
    }
    ws.autofilter(0, 0, r.check_ins.len() as u32, 10)?;
    Ok(())
}

/// Desk notes written or cleared on the day (a sheet only on a day that has some).
fn notes(ws: &mut Worksheet, r: &DayReport, lang: Lang, st: &Styles) -> Result<()> {
    let l = labels(lang);
    ws.set_name(l.notes)?;
    header(
        ws,
        &[
            (l.written, 20.0),
            (l.offset, 12.0),
            (l.member, fit(l.member, r.notes.iter().map(|n| n.member_name.as_str()), 14.0, 40.0)),
            (l.member_id, 11.0),
            (l.note, fit(l.note, r.notes.iter().map(|n| n.text.as_str()), 20.0, 80.0)),
            (l.written_by, 20.0),
            (l.cleared, 20.0),
            (l.cleared_by, 20.0),
        ],
        st,
    )?;
    for (i, n) in r.notes.iter().enumerate() {
        let row = 1 + i as u32;
        time(ws, row, 0, &n.written, &st.datetime)?;
        ws.write_string(row, 2, &n.member_name)?;
        ws.write_number(row, 3, n.member_id as f64)?;
        ws.write_string(row, 4, &n.text)?;
        ws.write_string(row, 5, &n.written_by)?;
        if let Some(c) = &n.cleared {
            ws.write_number_with_format(row, 6, serial(c.local), &st.datetime)?;
        }
        opt_str(ws, row, 7, n.cleared_by.as_deref())?;
    }
    ws.autofilter(0, 0, r.notes.len() as u32, 7)?;
    Ok(())
}
