//! One plain-text page that tells support what state a desk is in: version,
//! where its files are, the replica's size and health, the queue, the sync
//! and clock state, and the recent log. Staff paste it into an e-mail with
//! "Copy diagnostics" (or an admin runs `frontdesk diagnostics`). It never
//! holds the API token or a member's code: the only configuration it shows
//! is the API's address with any credentials stripped, and the log lines go
//! through `logs::redact`.

use crate::db::{backup, clock_check, gym, members, outbox, participations, schema, sessions, sync_status, Db};
use crate::logs;
use crate::time::rfc3339;
use chrono::{DateTime, Utc};
use std::fmt::Write as _;
use std::path::Path;

/// Log lines included at the end.
pub const LOG_LINES: usize = 200;

pub struct Inputs<'a> {
    /// The replica, or why it could not be opened.
    pub db: Result<&'a Db, String>,
    pub data_dir: &'a Path,
    pub log_dir: &'a Path,
    pub now: DateTime<Utc>,
    /// What the caller adds: "app", "camera", "api url"…; values are redacted too.
    pub extra: Vec<(String, String)>,
}

/// The page. Infallible: whatever cannot be read is reported as such.
pub fn collect(i: &Inputs) -> String {
    let mut out = String::new();
    let mut line = |k: &str, v: String| {
        let _ = writeln!(out, "{k:<14} {}", logs::redact(&v));
    };
    line("front desk", format!("{} ({} {})", env!("CARGO_PKG_VERSION"), std::env::consts::OS, std::env::consts::ARCH));
    line("generated", format!("{} (desk clock)", rfc3339(i.now)));
    line("data dir", i.data_dir.display().to_string());
    line("log dir", i.log_dir.display().to_string());
    for (k, v) in &i.extra {
        line(k, v.clone());
    }
    match &i.db {
        Ok(db) => {
            for (k, v) in replica_facts(db, i.data_dir) {
                line(&k, v);
            }
        }
        Err(e) => line("database", format!("NOT OPEN: {e}")),
    }
    let _ = writeln!(out, "\n--- last {LOG_LINES} log lines (secrets removed) ---");
    let lines = logs::recent_lines(i.log_dir, LOG_LINES);
    if lines.is_empty() {
        let _ = writeln!(out, "(no log files)");
    }
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
    out
}

fn replica_facts(db: &Db, data_dir: &Path) -> Vec<(String, String)> {
    let c = db.conn();
    let show = |r: crate::error::Result<String>| r.unwrap_or_else(|e| format!("unreadable: {e}"));
    let mut v = Vec::new();
    let size = db.path().and_then(|p| std::fs::metadata(p).ok()).map(|m| m.len());
    v.push((
        "database".into(),
        format!(
            "{} ({} bytes, schema v{} of v{})",
            db.path().map(|p| p.display().to_string()).unwrap_or_else(|| "in memory".into()),
            size.map_or("?".into(), |s| s.to_string()),
            schema::applied_version(c).map_or("?".into(), |n| n.to_string()),
            schema::supported_version()
        ),
    ));
    v.push((
        "integrity".into(),
        match c.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)) {
            Ok(s) => s,
            Err(e) => format!("check failed: {e}"),
        },
    ));
    v.push((
        "gym".into(),
        show(gym::get(c).map(|g| g.map_or("none".into(), |g| format!("#{} {} ({})", g.id, g.name, g.timezone)))),
    ));
    v.push((
        "replica".into(),
        show((|| {
            Ok(format!(
                "{} members, {} sessions, {} participations",
                members::count(c)?,
                sessions::count(c)?,
                participations::count(c)?
            ))
        })()),
    ));
    v.push((
        "outbox".into(),
        show(outbox::counts(c).map(|n| {
            let demo = if n.demo > 0 { format!("; {} demo check-ins (never sent)", n.demo) } else { String::new() };
            format!("{} queued, {} sent, {} parked{demo}", n.queued, n.sent, n.parked)
        })),
    ));
    v.push((
        "sync".into(),
        show(sync_status::get(c).map(|s| {
            format!(
                "online={} offline_since={} last_success={} last_pull={} last_error={}",
                s.online.map_or("unknown".into(), |o| o.to_string()),
                s.offline_since.map_or("-".into(), rfc3339),
                s.last_success_at.map_or("-".into(), rfc3339),
                s.last_pull_at.map_or("-".into(), rfc3339),
                s.last_error.unwrap_or_else(|| "-".into())
            )
        })),
    ));
    v.push((
        "clock".into(),
        show(clock_check::summary(c).map(|s| {
            let state = match s.state {
                clock_check::ClockState::Unknown => "not compared with the server yet".to_owned(),
                clock_check::ClockState::Ok { offset_ms } => format!("agrees with the server ({offset_ms} ms)"),
                clock_check::ClockState::Skewed { offset_ms } => format!("SKEWED: server minus desk = {offset_ms} ms"),
                clock_check::ClockState::WentBackwards { by_ms } => format!("WENT BACKWARDS by {by_ms} ms"),
            };
            format!("{state}; {} check-ins with doubtful times", s.flagged)
        })),
    ));
    v.push((
        "backups".into(),
        match backup::list(data_dir) {
            Ok(list) => format!(
                "{} kept; newest {}",
                list.len(),
                list.first().and_then(|p| p.file_name()).map_or("-".into(), |n| n.to_string_lossy().into_owned())
            ),
            Err(e) => format!("unreadable: {e}"),
        },
    ));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_the_facts_and_no_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open_in_dir(dir.path()).unwrap();
        crate::demo::install(
            &mut db,
            &crate::demo::DemoOptions {
                members: 30,
                date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
                seed: 1,
            },
        )
        .unwrap();
        let logs_dir = dir.path().join("logs");
        std::fs::create_dir_all(&logs_dir).unwrap();
        std::fs::write(
            logs_dir.join("frontdesk.2026-11-28.log"),
            "INFO sync: POST /attendance Authorization: Bearer tok-SECRET-42\nWARN scan: refused U1003_deadbeef00\n",
        )
        .unwrap();
        let page = collect(&Inputs {
            db: Ok(&db),
            data_dir: dir.path(),
            log_dir: &logs_dir,
            now: crate::time::parse_utc("2026-11-28T10:00:00Z").unwrap(),
            extra: vec![("api".into(), "https://desk:pw@gym.example/api/v1".into())],
        });
        assert!(page.contains("30 members"), "{page}");
        assert!(page.contains("integrity      ok"), "{page}");
        assert!(page.contains("not compared with the server yet"), "{page}");
        assert!(page.contains("Bearer [redacted]") && page.contains("U1003_…"), "{page}");
        for secret in ["tok-SECRET-42", "deadbeef00", ":pw@"] {
            assert!(!page.contains(secret), "{secret} leaked:\n{page}");
        }

        let missing = collect(&Inputs {
            db: Err("database disk image is malformed".into()),
            data_dir: dir.path(),
            log_dir: &dir.path().join("nowhere"),
            now: chrono::Utc::now(),
            extra: vec![],
        });
        assert!(missing.contains("NOT OPEN: database disk image is malformed"), "{missing}");
        assert!(missing.contains("(no log files)"), "{missing}");
    }
}
