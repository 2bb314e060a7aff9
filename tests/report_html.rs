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
