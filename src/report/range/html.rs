//! The range report's print view: one self-contained HTML page (the day
//! report's inline CSS, no scripts, no external resources) with its two
//! charts drawn as inline SVG: visits per day as bars, and visits by weekday
//! and hour as a heat map. Each chart carries a <title> and its numbers are
//! also in a table, so it reads on paper and for a screen reader. Every value
//! from the replica is escaped.

use super::labels::{self as range_labels, labels as range};
use super::RangeReport;
use crate::domain::Lang;
use crate::report::html::{escape, head, CSS};
use crate::report::labels::labels;
use std::fmt::Write;

const EXTRA_CSS: &str = "\
svg{display:block;width:100%;max-width:900px;height:auto;margin:4px 0 8px}\
svg text{font-family:inherit;fill:#333}\
.bar{fill:#1f4e79}\
.axis{stroke:#888;stroke-width:1}\
.cell-0{fill:#f2f2f2}\
@media print{svg{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\
";

pub fn render(r: &RangeReport, lang: Lang) -> String {
    let (l, rl) = (labels(lang), range(lang));
    let code = match lang {
        Lang::Es => "es",
        Lang::En => "en",
    };
    let mut h = String::with_capacity(16_384 + r.members.len() * 160 + r.churn.len() * 200);
    let title = format!("{} · {} · {} – {}", rl.title, r.gym_name, r.from, r.to);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}{EXTRA_CSS}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    let _ = writeln!(h, "<h1>{} — {}</h1>", escape(rl.title), escape(&r.gym_name));
    let _ = writeln!(
        h,
        "<p class=\"meta\"><span>{}: <b>{}</b></span><span>{}: <b>{}</b></span><span>{}: {}</span>\
         <span>{}: {}</span><span>{}: {} {}</span></p>",
        escape(rl.from),
        r.from,
        escape(rl.to),
        r.to,
        escape(rl.days),
        r.days.len(),
        escape(l.timezone),
        escape(&r.timezone),
        escape(l.generated),
        escape(&r.generated_at.ymd_hms()),
        escape(&r.generated_at.offset_label()),
    );
    let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(rl.data_note));

    let _ = writeln!(h, "<h2>{}</h2>\n<table class=\"totals\"><tbody>", escape(l.totals));
    for (label, n) in super::totals_rows(r, lang) {
        let _ = writeln!(h, "<tr><td>{}</td><td class=\"n\">{n}</td></tr>", escape(label));
    }
    h.push_str("</tbody></table>\n");

    let _ = writeln!(h, "<h2>{}</h2>", escape(rl.per_day));
    if r.totals.visits == 0 {
        let _ = writeln!(h, "<p class=\"empty\">{}</p>", escape(rl.no_visits));
    } else {
        bars(&mut h, r, lang);
    }

    let _ = writeln!(h, "<h2>{}</h2>", escape(rl.heat));
    heat_map(&mut h, r, lang);
    let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(rl.heat_note));

    let _ = writeln!(h, "<h2>{}</h2>", escape(rl.classes));
    head(
        &mut h,
        &[l.class, rl.sessions, rl.cancelled, rl.capacity, rl.attended, rl.utilisation, rl.no_shows, rl.walk_ins],
    );
    for c in &r.classes {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&c.class_name),
            c.sessions,
            c.cancelled,
            c.capacity,
            c.attended,
            escape(&range_labels::percent(lang, c.utilisation())),
            c.no_shows,
            c.walk_ins,
        );
    }
    h.push_str("</tbody></table>\n");

    let _ = writeln!(h, "<h2>{}</h2>", escape(rl.churn));
    let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(&range_labels::churn_note(lang, r.churn_days)));
    if r.churn.is_empty() {
        let _ = writeln!(h, "<p class=\"empty\">{}</p>", escape(rl.none_at_risk));
    } else {
        head(&mut h, &[l.member, rl.membership, rl.expires, rl.last_visit, rl.days_since]);
        for c in &r.churn {
            let _ = writeln!(
                h,
                "<tr><td>{} <small>#{}</small></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                escape(&c.name),
                c.member_id,
                escape(c.membership_type.as_deref().unwrap_or("")),
                c.expires_at.map(|e| e.local.format("%Y-%m-%d").to_string()).unwrap_or_default(),
                c.last_visit.map(|v| v.local.format("%Y-%m-%d").to_string()).unwrap_or_else(|| escape(rl.never)),
                c.days_since.map(|d| d.to_string()).unwrap_or_default(),
            );
        }
        h.push_str("</tbody></table>\n");
    }

    let _ = writeln!(h, "<h2>{}</h2>", escape(rl.members));
    if r.members.is_empty() {
        let _ = writeln!(h, "<p class=\"empty\">{}</p>", escape(rl.no_visits));
    } else {
        head(&mut h, &[l.member, rl.visits, rl.last_visit]);
        for m in &r.members {
            let _ = writeln!(
                h,
                "<tr><td>{} <small>#{}</small></td><td class=\"n\">{}</td><td>{}</td></tr>",
                escape(&m.name),
                m.member_id,
                m.visits,
                escape(&m.last_visit.local.format("%Y-%m-%d %H:%M").to_string()),
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// Visits per day as vertical bars, with the busiest day's count on the axis
/// and a date label every few bars.
fn bars(h: &mut String, r: &RangeReport, lang: Lang) {
    let rl = range(lang);
    let (w, ht, left, bottom) = (720.0_f64, 180.0_f64, 36.0_f64, 22.0_f64);
    let n = r.days.len().max(1) as f64;
    let max = r.days.iter().map(|d| d.visits).max().unwrap_or(0).max(1) as f64;
    let slot = (w - left) / n;
    let _ = writeln!(
        h,
        "<svg class=\"chart chart--days\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-labelledby=\"days-title\">\
         <title id=\"days-title\">{}</title>",
        escape(rl.per_day)
    );
    let plot = ht - bottom - 8.0;
    let _ = writeln!(
        h,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{y}\" x2=\"{w}\" y2=\"{y}\"/>\
         <text x=\"{x}\" y=\"14\" font-size=\"10\" text-anchor=\"end\">{max}</text>\
         <text x=\"{x}\" y=\"{y}\" font-size=\"10\" text-anchor=\"end\">0</text>",
        y = ht - bottom,
        x = left - 4.0,
    );
    let every = (r.days.len() / 10).max(1);
    for (i, d) in r.days.iter().enumerate() {
        let bh = plot * d.visits as f64 / max;
        let x = left + slot * i as f64 + slot * 0.1;
        let _ = writeln!(
            h,
            "<rect class=\"bar\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\"><title>{} · {} {}</title></rect>",
            ht - bottom - bh,
            slot * 0.8,
            d.date,
            d.visits,
            escape(rl.visits),
        );
        if i % every == 0 {
            let _ = writeln!(
                h,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\">{}</text>",
                x + slot * 0.4,
                ht - 6.0,
                d.date.format("%d/%m")
            );
        }
    }
    h.push_str("</svg>\n");
}

/// Visits by weekday (rows) and hour (columns): each cell's darkness is its
/// share of the busiest cell, and its count is in the cell's tooltip.
fn heat_map(h: &mut String, r: &RangeReport, lang: Lang) {
    let rl = range(lang);
    let (left, top, cell) = (80.0_f64, 16.0_f64, 26.0_f64);
    let (w, ht) = (left + 24.0 * cell, top + 7.0 * cell + 4.0);
    let max = r.heat_max().max(1) as f64;
    let _ = writeln!(
        h,
        "<svg class=\"chart chart--heat\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-labelledby=\"heat-title\">\
         <title id=\"heat-title\">{}</title>",
        escape(rl.heat)
    );
    for hour in (0..24).step_by(3) {
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"11\" font-size=\"9\" text-anchor=\"middle\">{hour:02}</text>",
            left + cell * hour as f64 + cell / 2.0
        );
    }
    for (d, hours) in r.heat.iter().enumerate() {
        let y = top + cell * d as f64;
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            y + cell * 0.65,
            escape(rl.weekdays[d])
        );
        for (hour, n) in hours.iter().enumerate() {
            let x = left + cell * hour as f64;
            let fill = if *n == 0 {
                "class=\"cell-0\"".to_owned()
            } else {
                // From a light to the header's dark blue.
                let s = *n as f64 / max;
                let lerp = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * s).round() as u8;
                format!("fill=\"#{:02x}{:02x}{:02x}\"", lerp(0xd6, 0x1f), lerp(0xe4, 0x4e), lerp(0xf0, 0x79))
            };
            let _ = writeln!(
                h,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" {fill}><title>{} {hour:02}:00 · {n} {}</title></rect>",
                cell - 2.0,
                cell - 2.0,
                escape(rl.weekdays[d]),
                escape(rl.visits),
            );
        }
    }
    h.push_str("</svg>\n");
}
