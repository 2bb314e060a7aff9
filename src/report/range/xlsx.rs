//! The range report as XLSX: a summary sheet, then a sheet per table (visits
//! per day, the heat map as a weekday x hour table shaded by a colour scale,
//! classes, members, churn risk), with the day report's styles: styled,
//! frozen headings, autofilters, real date-time cells holding local time,
//! text never stored as a formula.

use super::labels::{self as range_labels, labels as range};
use super::RangeReport;
use crate::domain::Lang;
use crate::report::labels::labels;
use crate::report::xlsx::{fit, header, opt_str, serial, time, Styles};
use crate::report::Result;
use chrono::Datelike;
use rust_xlsxwriter::{Color, ConditionalFormat2ColorScale, Format, Workbook, Worksheet};

pub fn render(r: &RangeReport, lang: Lang) -> Result<Vec<u8>> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    summary(wb.add_worksheet(), r, lang, &st)?;
    per_day(wb.add_worksheet(), r, lang, &st)?;
    heat(wb.add_worksheet(), r, lang, &st)?;
    classes(wb.add_worksheet(), r, lang, &st)?;
    members(wb.add_worksheet(), r, lang, &st)?;
    churn(wb.add_worksheet(), r, lang, &st)?;
    Ok(wb.save_to_buffer()?)
}

fn summary(ws: &mut Worksheet, r: &RangeReport, lang: Lang, st: &Styles) -> Result<()> {
    let (l, rl) = (labels(lang), range(lang));
    ws.set_name(l.summary)?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 22)?;
    ws.write_string_with_format(0, 0, rl.title, &st.title)?;
    ws.write_string_with_format(1, 0, l.gym, &st.bold)?;
    ws.write_string(1, 1, &r.gym_name)?;
    ws.write_string_with_format(2, 0, rl.from, &st.bold)?;
    ws.write_number_with_format(2, 1, serial(r.from.and_hms_opt(0, 0, 0).expect("valid")), &st.date)?;
    ws.write_string_with_format(3, 0, rl.to, &st.bold)?;
    ws.write_number_with_format(3, 1, serial(r.to.and_hms_opt(0, 0, 0).expect("valid")), &st.date)?;
    ws.write_string_with_format(4, 0, l.timezone, &st.bold)?;
    ws.write_string(4, 1, &r.timezone)?;
    ws.write_string_with_format(5, 0, l.generated, &st.bold)?;
    time(ws, 5, 1, &r.generated_at, &st.datetime)?;
    ws.write_string(6, 0, rl.data_note)?;
    ws.write_string_with_format(8, 0, l.totals, &st.header)?;
    ws.write_string_with_format(8, 1, l.value, &st.header)?;
    for (i, (label, n)) in super::totals_rows(r, lang).into_iter().enumerate() {
        ws.write_string(9 + i as u32, 0, label)?;
        ws.write_number(9 + i as u32, 1, n as f64)?;
    }
    Ok(())
}

fn per_day(ws: &mut Worksheet, r: &RangeReport, lang: Lang, st: &Styles) -> Result<()> {
    let (l, rl) = (labels(lang), range(lang));
    ws.set_name(rl.per_day)?;
    header(ws, &[(l.date, 12.0), (rl.weekday, 12.0), (rl.visits, 10.0), (rl.distinct, 18.0)], st)?;
    for (i, d) in r.days.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_number_with_format(row, 0, serial(d.date.and_hms_opt(0, 0, 0).expect("valid")), &st.date)?;
        ws.write_string(row, 1, rl.weekdays[d.date.weekday().num_days_from_monday() as usize])?;
        ws.write_number(row, 2, d.visits as f64)?;
        ws.write_number(row, 3, d.members as f64)?;
    }
    ws.autofilter(0, 0, r.days.len() as u32, 3)?;
    Ok(())
}

/// The heat map as a table: a row per weekday, a column per hour, shaded
/// from white to the header's blue by a colour scale (so the chart is the table).
fn heat(ws: &mut Worksheet, r: &RangeReport, lang: Lang, st: &Styles) -> Result<()> {
    let rl = range(lang);
    // Sheet names are at most 31 characters: the short form.
    ws.set_name(match lang {
        Lang::Es => "Mapa de calor",
        Lang::En => "Heat map",
    })?;
    let mut cols: Vec<(String, f64)> = vec![(rl.weekday.to_owned(), 12.0)];
    cols.extend((0..24).map(|h| (format!("{h:02}"), 5.0)));
    let cols: Vec<(&str, f64)> = cols.iter().map(|(s, w)| (s.as_str(), *w)).collect();
    header(ws, &cols, st)?;
    for (d, (day, hours)) in rl.weekdays.iter().zip(&r.heat).enumerate() {
        let row = 1 + d as u32;
        ws.write_string_with_format(row, 0, *day, &st.bold)?;
        for (h, n) in hours.iter().enumerate() {
            ws.write_number(row, 1 + h as u16, *n as f64)?;
        }
    }
    let scale =
        ConditionalFormat2ColorScale::new().set_minimum_color(Color::White).set_maximum_color(Color::RGB(0x1F4E79));
    ws.add_conditional_format(1, 1, 7, 24, &scale)?;
    ws.write_string(9, 0, rl.heat_note)?;
    Ok(())
}

fn classes(ws: &mut Worksheet, r: &RangeReport, lang: Lang, st: &Styles) -> Result<()> {
    let (l, rl) = (labels(lang), range(lang));
    ws.set_name(rl.classes)?;
    header(
        ws,
        &[
            (l.class, fit(l.class, r.classes.iter().map(|c| c.class_name.as_str()), 12.0, 40.0)),
            (rl.sessions, 10.0),
            (rl.cancelled, 11.0),
            (rl.capacity, 10.0),
            (rl.attended, 12.0),
            (rl.utilisation, 11.0),
            (rl.no_shows, 13.0),
            (rl.walk_ins, 12.0),
        ],
        st,
    )?;
    let percent = Format::new().set_num_format("0%");
    for (i, c) in r.classes.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, &c.class_name)?;
        for (col, n) in [(1, c.sessions), (2, c.cancelled), (3, c.capacity), (4, c.attended)] {
            ws.write_number(row, col, n as f64)?;
        }
        if let Some(u) = c.utilisation() {
            ws.write_number_with_format(row, 5, u, &percent)?;
        }
        ws.write_number(row, 6, c.no_shows as f64)?;
        ws.write_number(row, 7, c.walk_ins as f64)?;
    }
    ws.autofilter(0, 0, r.classes.len() as u32, 7)?;
    Ok(())
}

fn members(ws: &mut Worksheet, r: &RangeReport, lang: Lang, st: &Styles) -> Result<()> {
    let (l, rl) = (labels(lang), range(lang));
    ws.set_name(rl.members)?;
    header(
        ws,
        &[
            (l.member, fit(l.member, r.members.iter().map(|m| m.name.as_str()), 14.0, 40.0)),
            (l.member_id, 11.0),
            (rl.visits, 9.0),
            (rl.last_visit, 18.0),
            (l.offset, 12.0),
        ],
        st,
    )?;
    for (i, m) in r.members.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, &m.name)?;
        ws.write_number(row, 1, m.member_id as f64)?;
        ws.write_number(row, 2, m.visits as f64)?;
        time(ws, row, 3, &m.last_visit, &st.datetime)?;
    }
    ws.autofilter(0, 0, r.members.len() as u32, 4)?;
    Ok(())
}

fn churn(ws: &mut Worksheet, r: &RangeReport, lang: Lang, st: &Styles) -> Result<()> {
    let (l, rl) = (labels(lang), range(lang));
    ws.set_name(rl.churn)?;
    header(
        ws,
        &[
            (l.member, fit(l.member, r.churn.iter().map(|c| c.name.as_str()), 14.0, 40.0)),
            (l.member_id, 11.0),
            (rl.membership, 13.0),
            (rl.expires, 12.0),
            (rl.last_visit, 18.0),
            (rl.days_since, 14.0),
        ],
        st,
    )?;
    for (i, c) in r.churn.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, &c.name)?;
        ws.write_number(row, 1, c.member_id as f64)?;
        opt_str(ws, row, 2, c.membership_type.as_deref())?;
        if let Some(e) = &c.expires_at {
            ws.write_number_with_format(row, 3, serial(e.local.date().and_hms_opt(0, 0, 0).expect("valid")), &st.date)?;
        }
        match (&c.last_visit, c.days_since) {
            (Some(v), Some(days)) => {
                ws.write_number_with_format(row, 4, serial(v.local), &st.datetime)?;
                ws.write_number(row, 5, days as f64)?;
            }
            _ => {
                ws.write_string_with_format(row, 4, rl.never, &st.alert)?;
            }
        }
    }
    let last = r.churn.len() as u32;
    ws.autofilter(0, 0, last, 5)?;
    ws.write_string(last + 2, 0, range_labels::churn_note(lang, r.churn_days))?;
    Ok(())
}
