//! The range report as CSV, written the way the day report's is (UTF-8 with
//! a byte-order mark, RFC 4180 quoting, CRLF, formula-like text neutralised):
//! a header block, then one section per table separated by an empty line:
//! visits per day, the heat map (a row per weekday, a column per hour),
//! classes, members, churn risk.

use super::labels::{self as range_labels, labels as range};
use super::RangeReport;
use crate::domain::Lang;
use crate::report::csv::{Cell, Writer, BOM, EOL};
use crate::report::labels::labels;

pub fn render(r: &RangeReport, lang: Lang) -> String {
    let (l, rl) = (labels(lang), range(lang));
    let mut w = Writer { out: String::with_capacity(4096 + r.members.len() * 64 + r.churn.len() * 96) };
    w.out.push_str(BOM);
    w.row(&[rl.title.into(), r.gym_name.as_str().into(), r.timezone.as_str().into()]);
    w.row(&[rl.from.into(), r.from.to_string().into(), rl.to.into(), r.to.to_string().into()]);
    w.row(&[l.generated.into(), r.generated_at.ymd_hms().into(), r.generated_at.offset_label().into()]);
    w.row(&[rl.data_note.into()]);
    let section = |w: &mut Writer, title: &str| {
        w.out.push_str(EOL);
        w.row(&[title.to_owned().into()]);
    };

    section(&mut w, l.totals);
    for (label, n) in super::totals_rows(r, lang) {
        w.row(&[label.into(), n.into()]);
    }

    section(&mut w, rl.per_day);
    w.row(&[l.date.into(), rl.weekday.into(), rl.visits.into(), rl.distinct.into()]);
    for d in &r.days {
        let weekday = rl.weekdays[chrono::Datelike::weekday(&d.date).num_days_from_monday() as usize];
        w.row(&[d.date.to_string().into(), weekday.into(), d.visits.into(), d.members.into()]);
    }

    section(&mut w, rl.heat);
    let mut head: Vec<Cell> = vec![rl.weekday.into()];
    head.extend((0..24).map(|h| Cell::from(format!("{h:02}"))));
    w.row(&head);
    for (day, hours) in rl.weekdays.iter().zip(&r.heat) {
        let mut row: Vec<Cell> = vec![(*day).into()];
        row.extend(hours.iter().map(|n| Cell::from(*n)));
        w.row(&row);
    }

    section(&mut w, rl.classes);
    w.row(&[
        l.class.into(),
        rl.sessions.into(),
        rl.cancelled.into(),
        rl.capacity.into(),
        rl.attended.into(),
        rl.utilisation.into(),
        rl.no_shows.into(),
        rl.walk_ins.into(),
    ]);
    for c in &r.classes {
        w.row(&[
            c.class_name.as_str().into(),
            c.sessions.into(),
            c.cancelled.into(),
            c.capacity.into(),
            c.attended.into(),
            range_labels::percent(lang, c.utilisation()).into(),
            c.no_shows.into(),
            c.walk_ins.into(),
        ]);
    }

    section(&mut w, rl.members);
    w.row(&[l.member.into(), l.member_id.into(), rl.visits.into(), rl.last_visit.into(), l.offset.into()]);
    for m in &r.members {
        w.row(&[
            m.name.as_str().into(),
            m.member_id.into(),
            m.visits.into(),
            m.last_visit.ymd_hms().into(),
            m.last_visit.offset_label().into(),
        ]);
    }

    section(&mut w, rl.churn);
    w.row(&[range_labels::churn_note(lang, r.churn_days).into()]);
    w.row(&[
        l.member.into(),
        l.member_id.into(),
        rl.membership.into(),
        rl.expires.into(),
        rl.last_visit.into(),
        rl.days_since.into(),
    ]);
    for c in &r.churn {
        w.row(&[
            c.name.as_str().into(),
            c.member_id.into(),
            c.membership_type.as_deref().into(),
            c.expires_at.map(|e| e.local.format("%Y-%m-%d").to_string()).into(),
            c.last_visit.map(|v| v.ymd_hms()).unwrap_or_else(|| rl.never.to_owned()).into(),
            c.days_since.into(),
        ]);
    }
    w.out
}
