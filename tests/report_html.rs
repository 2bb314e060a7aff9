//! The print view: golden snapshots in both languages, escaping, the
//! unsynced banner, cancelled sessions and the offsets of a clock-change day.

mod report_support;

use frontdesk::domain::Lang;
use frontdesk::report::html::render;
use report_support::*;

#[test]
fn snapshots_in_spanish_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let r = report(&build_replica(dir.path()));
    assert_snapshot("report_html_es", &render(&r, Lang::Es));
    assert_snapshot("report_html_en", &render(&r, Lang::En));
}

#[test]
fn everything_from_the_replica_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let html = render(&report(&build_replica(dir.path())), Lang::En);
    assert!(html.contains("Zoë O&#39;Brien &lt;b&gt;"));
    assert!(!html.contains("<b>\n") && !html.contains("O'Brien <b>"));
    assert!(html.contains("Gimnasio Peña &amp; Cía"));
    assert!(html.contains("Ring &quot;B&quot;"));
    assert!(!html.contains("<script"));
}

#[test]
fn banner_cancelled_sessions_and_print_css() {
    let dir = tempfile::tempdir().unwrap();
    let html = render(&report(&build_replica(dir.path())), Lang::Es);
    let banner = html.find("class=\"alert\"").expect("unsynced banner");
    assert!(banner < html.find("<h2>").unwrap(), "the banner comes before the tables");
    assert!(html.contains("<tr class=\"cancelled\">"));
    assert!(html.contains("CANCELADA"));
    assert!(html.contains("@media print") && html.contains("size:A4"));
    assert!(html.contains("<html lang=\"es\">"));
    // A 25-hour day shows offsets so the two 02:30 classes differ.
    assert!(html.contains("02:30 <small>UTC+02:00</small>") && html.contains("02:30 <small>UTC+01:00</small>"));
}

/// Before Boxeo starts, its two bookings are pending in the print view, and
/// a note says what pending means; once every class has ended there is none.
#[test]
fn a_class_still_to_come_has_pending_bookings() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_replica_with_evening_bookings(dir.path());
    let html = render(&report_at(&db, t(BEFORE_BOXEO)), Lang::Es);
    assert!(html.contains("<th>No asistieron</th><th>Pendientes</th><th>Sin reserva</th>"), "{html}");
    let boxeo = html.lines().find(|l| l.contains("Boxeo, técnica")).unwrap();
    assert!(
        boxeo.ends_with("<td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">2</td><td class=\"n\">1</td></tr>"),
        "{boxeo}"
    );
    assert!(html.contains("<tr><td>No asistieron</td><td class=\"n\">2</td></tr>"));
    assert!(html.contains("<tr><td>Pendientes</td><td class=\"n\">2</td></tr>"));
    assert!(html.contains("<p class=\"note\">Pendientes: reservas sin check-in"));
    let en = render(&report_at(&db, t(BEFORE_BOXEO)), Lang::En);
    assert!(en.contains("<th>No-shows</th><th>Pending</th><th>Walk-ins</th>"));
    assert!(en.contains("<p class=\"note\">Pending: bookings not checked in"));
    let later = render(&report(&db), Lang::Es);
    assert!(later.contains("<tr><td>No asistieron</td><td class=\"n\">4</td></tr>"));
    assert!(later.contains("<tr><td>Pendientes</td><td class=\"n\">0</td></tr>"));
    assert!(!later.contains("class=\"note\""));
}
