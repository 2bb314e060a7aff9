//! The print view: one self-contained HTML page (inline CSS, no scripts, no
//! external resources) that `frontdesk report --format html` writes and the
//! desktop app shows in an iframe and prints on A4. Every value from the
//! replica is escaped.

use super::day::{DayReport, LocalTime};
use super::labels::{self, labels};
use crate::domain::Lang;
use std::fmt::Write;

pub(crate) const CSS: &str = "\
*{box-sizing:border-box}\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:11pt;color:#1a1a1a;margin:16px}\
h1{font-size:18pt;margin:0 0 4px}\
h2{font-size:13pt;margin:18px 0 6px;border-bottom:2px solid #1f4e79;padding-bottom:2px}\
.meta{color:#444;margin:0 0 8px}\
.meta span{margin-right:16px}\
.alert{border:2px solid #c00000;background:#fdecea;color:#8b0000;font-weight:bold;padding:8px 10px;margin:8px 0}\
.ok{color:#2e7d32;margin:8px 0}\
table{border-collapse:collapse;width:100%;font-size:9.5pt}\
th,td{border:1px solid #c8c8c8;padding:3px 5px;text-align:left;vertical-align:top}\
th{background:#1f4e79;color:#fff}\
td.n{text-align:right;font-variant-numeric:tabular-nums}\
tr.cancelled td{color:#888;text-decoration:line-through}\
tr.cancelled td.st{text-decoration:none;font-weight:bold}\
td.unsynced{color:#c00000;font-weight:bold}\
.totals{width:auto;min-width:50%}\
.empty{color:#666;font-style:italic}\
.note{color:#444;font-size:9pt;margin:4px 0}\
small{color:#666}\
@page{size:A4;margin:12mm}\
@media print{body{margin:0;font-size:10pt}thead{display:table-header-group}tr{break-inside:avoid}\
.alert{-webkit-print-color-adjust:exact;print-color-adjust:exact}th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\
";

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A time as staff read it: `HH:MM`, with the offset on a clock-change day
/// (when the same wall-clock time can happen twice).
fn hm(t: &LocalTime, clock_change: bool) -> String {
    if clock_change {
        format!("{} <small>{}</small>", t.hm(), escape(&t.offset_label()))
    } else {
        t.hm()
    }
}

/// The report as a complete HTML document.
pub fn render(r: &DayReport, lang: Lang) -> String {
    let l = labels(lang);
    let dst = r.hours() != 24;
    let mut h = String::with_capacity(4096 + r.check_ins.len() * 400);
    let code = match lang {
        Lang::Es => "es",
        Lang::En => "en",
    };
    let title = format!("{} · {} · {}", l.title, r.gym_name, r.date);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    let _ = writeln!(h, "<h1>{} — {}</h1>", escape(l.title), escape(&r.gym_name));
    let _ = writeln!(
        h,
        "<p class=\"meta\"><span>{}: <b>{}</b></span><span>{}: {}</span><span>{}: {}</span><span>{}: {} {}</span></p>",
        escape(l.date),
        r.date,
        escape(l.timezone),
        escape(&r.timezone),
        escape(l.day_hours),
        r.hours(),
        escape(l.generated),
        escape(&r.generated_at.ymd_hms()),
        escape(&r.generated_at.offset_label()),
    );
    if r.has_unsynced() {
        let banner = labels::unsynced_banner(lang, r.totals.queued, r.totals.parked);
        let _ = writeln!(h, "<div class=\"alert\" role=\"alert\">{}</div>", escape(&banner));
    } else {
        let _ = writeln!(h, "<p class=\"ok\">{}</p>", escape(l.all_synced));
    }

    // Totals first: the owner reads them before the detail.
    let _ = writeln!(h, "<h2>{}</h2>\n<table class=\"totals\"><tbody>", escape(l.totals));
    for (label, value) in super::csv::totals_rows(r, lang) {
        let _ = writeln!(h, "<tr><td>{}</td><td class=\"n\">{value}</td></tr>", escape(&label));
    }
    h.push_str("</tbody></table>\n");

    let _ = writeln!(h, "<h2>{}</h2>", escape(l.sessions));
    if r.sessions.is_empty() {
        let _ = writeln!(h, "<p class=\"empty\">{}</p>", escape(l.no_sessions));
    } else {
        head(
            &mut h,
            &[
                l.start,
                l.end,
                l.class,
                l.room,
                l.capacity,
                l.status,
                l.registered,
                l.attended,
                l.no_shows,
                l.pending,
                l.walk_ins,
            ],
        );
        for s in &r.sessions {
            let class = if s.is_cancelled() { " class=\"cancelled\"" } else { "" };
            let _ = writeln!(
                h,
                "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"st\">{}</td>\
                 <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td></tr>",
                hm(&s.start, dst),
                hm(&s.end, dst),
                escape(&s.class_name),
                escape(s.room.as_deref().unwrap_or("")),
                s.capacity.map(|c| c.to_string()).unwrap_or_default(),
                escape(labels::session_status(lang, s.status)),
                s.registered,
                s.attended,
                s.no_shows,
                s.pending,
                s.walk_ins,
            );
        }
        h.push_str("</tbody></table>\n");
        if r.totals.pending > 0 {
            let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(l.pending_note));
        }
    }

    let _ = writeln!(h, "<h2>{}</h2>", escape(l.check_ins));
    if r.check_ins.is_empty() {
        let _ = writeln!(h, "<p class=\"empty\">{}</p>", escape(l.no_check_ins));
    } else {
        head(&mut h, &[l.time, l.member, l.member_id, l.class, l.method, l.warnings, l.sync, l.staff]);
        for c in &r.check_ins {
            let mut method = escape(labels::method(lang, c.method));
            if let Some(reason) = &c.override_reason {
                let _ = write!(method, ": <i>{}</i>", escape(reason));
            }
            let sync_class = if matches!(c.sync, super::SyncState::Synced | super::SyncState::Demo) {
                ""
            } else {
                " class=\"unsynced\""
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{} <small>#{}</small></td><td>{method}</td>\
                 <td>{}</td><td{sync_class}>{}</td><td>{}</td></tr>",
                hm(&c.at, dst),
                escape(&c.member_name),
                c.member_id,
                escape(&c.class_name),
                c.session_id,
                escape(&labels::warnings(lang, &c.warnings)),
                escape(labels::sync(lang, c.sync)),
                escape(&labels::staff(lang, c)),
            );
        }
        h.push_str("</tbody></table>\n");
    }
    if !r.notes.is_empty() {
        let _ = writeln!(h, "<h2>{}</h2>", escape(l.notes));
        head(&mut h, &[l.written, l.member, l.note, l.written_by, l.cleared]);
        for n in &r.notes {
            let cleared = match (&n.cleared, &n.cleared_by) {
                (Some(c), Some(by)) => format!("{} ({})", hm(c, dst), escape(by)),
                (Some(c), None) => hm(c, dst),
                (None, _) => String::new(),
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{} <small>#{}</small></td><td>{}</td><td>{}</td><td>{cleared}</td></tr>",
                hm(&n.written, dst),
                escape(&n.member_name),
                n.member_id,
                escape(&n.text),
                escape(&n.written_by),
            );
        }
        h.push_str("</tbody></table>\n");
        let _ = writeln!(h, "<p class=\"note notes-local\">{}</p>", escape(l.notes_local));
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// Opens a table with its heading row (shared with the range report).
pub(crate) fn head(h: &mut String, cols: &[&str]) {
    h.push_str("<table>\n<thead><tr>");
    for c in cols {
        let _ = write!(h, "<th>{}</th>", escape(c));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<b onclick=\"x\">O'Hara & co</b>"),
            "&lt;b onclick=&quot;x&quot;&gt;O&#39;Hara &amp; co&lt;/b&gt;"
        );
    }
}
