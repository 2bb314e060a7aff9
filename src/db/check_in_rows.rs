//! The one check-in query: attended participations joined with their member,
//! session and outbox event (four tables). The reception screen's recent list
//! (`views`) and the reports (`report::day`) both read it, and the two
//! readings that decide what a row means (has it reached the server? which
//! warnings does it carry?) are made here once.

use crate::db::clock_check::ClockFlag;
use crate::db::members::display_name;
use crate::db::outbox::OutboxState;
use crate::db::parse_col;
use crate::domain::Source;
use crate::error::Result;
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};
use serde::Deserialize;

/// Which check-ins to read.
#[derive(Debug, Clone, Copy)]
pub enum Filter {
    /// All of gym `gym_id` (the server's too) whose attendance time (else,
    /// when the server sent none, the session's start) is in `[from, to)`,
    /// oldest first.
    Day { gym_id: i64, from: DateTime<Utc>, to: DateTime<Utc> },
    /// The desk's own latest ones, newest first.
    RecentAtDesk { limit: usize },
}

/// Whether a check-in has reached the central API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    Synced,
    Queued,
    Parked,
    /// A demo gym's check-in: it stays on the desk and is never sent.
    Demo,
}

#[derive(Debug, Clone)]
pub struct CheckInRow {
    pub event_id: Option<String>,
    pub at: DateTime<Utc>,
    pub member_id: i64,
    pub member_name: String,
    pub session_id: i64,
    pub class_name: Option<String>,
    pub source: Source,
    pub override_reason: Option<String>,
    pub server_id: Option<i64>,
    /// None for a demo check-in (it is never sent) or a row with no event.
    pub outbox_state: Option<OutboxState>,
    /// A demo gym's check-in (`outbox.demo`).
    pub demo: bool,
    /// Warning codes recorded with the verdict.
    pub warnings: Vec<String>,
    pub clock_flag: Option<ClockFlag>,
    /// Who entered it by hand or overrode it, who approved the override,
    /// who dismissed it while parked (names as they were; V10).
    pub staff: Option<String>,
    pub approved_by: Option<String>,
    pub dismissed_by: Option<String>,
}

impl CheckInRow {
    /// Has it reached the server? A server row has; a desk row by its
    /// outbox event, or, when the event is gone, by whether the server gave
    /// it an id.
    pub fn delivery(&self) -> Delivery {
        match (self.source, self.outbox_state) {
            _ if self.demo => Delivery::Demo,
            (Source::Server, _) | (_, Some(OutboxState::Sent)) => Delivery::Synced,
            (_, Some(OutboxState::Parked)) => Delivery::Parked,
            (_, Some(OutboxState::Queued)) => Delivery::Queued,
            (_, None) if self.server_id.is_some() => Delivery::Synced,
            (_, None) => Delivery::Queued,
        }
    }

    /// The recorded warnings, plus `clock_skew` / `clock_backwards` when the
    /// scan time is doubtful (the desk's clock was wrong).
    pub fn warnings_with_clock(&self) -> Vec<String> {
        let mut w = self.warnings.clone();
        if let Some(flag) = self.clock_flag {
            w.push(format!("clock_{}", flag.as_str()));
        }
        w
    }
}

/// The parts of an outbox payload a check-in row shows. Lenient: an older
/// payload without warnings still reads.
#[derive(Deserialize, Default)]
struct PayloadView {
    #[serde(default)]
    warnings: Vec<String>,
}

const SELECT: &str = "SELECT p.event_id, COALESCE(p.attendance_time, s.start_time) AS at, p.member_id,
        m.first_name, m.last_name, m.email, p.session_id, s.class_name, p.source, p.override_reason,
        p.server_id, CASE WHEN o.demo = 1 THEN NULL ELSE o.state END, o.payload, o.clock_flag,
        COALESCE(o.demo, 0), o.staff, o.approved_by, o.dismissed_by
     FROM participations p
     LEFT JOIN sessions s ON s.id = p.session_id
     LEFT JOIN members m ON m.id = p.member_id
     LEFT JOIN outbox o ON o.event_id = p.event_id";

fn from_row(r: &Row) -> rusqlite::Result<CheckInRow> {
    let member_id: i64 = r.get(2)?;
    let (first, last, email): (Option<String>, Option<String>, Option<String>) = (r.get(3)?, r.get(4)?, r.get(5)?);
    let payload: Option<String> = r.get(12)?;
    Ok(CheckInRow {
        event_id: r.get(0)?,
        at: from_ms(r.get::<_, Option<i64>>(1)?.unwrap_or(0)),
        member_id,
        member_name: display_name(first.as_deref(), last.as_deref(), email.as_deref(), member_id),
        session_id: r.get(6)?,
        class_name: r.get(7)?,
        source: parse_col(8, r.get(8)?)?,
        override_reason: r.get(9)?,
        server_id: r.get(10)?,
        outbox_state: r.get::<_, Option<String>>(11)?.map(|s| parse_col(11, s)).transpose()?,
        warnings: payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<PayloadView>(p).ok())
            .unwrap_or_default()
            .warnings,
        clock_flag: r.get::<_, Option<String>>(13)?.as_deref().and_then(ClockFlag::parse),
        demo: r.get::<_, i64>(14)? != 0,
        staff: r.get(15)?,
        approved_by: r.get(16)?,
        dismissed_by: r.get(17)?,
    })
}

/// The check-ins `filter` selects, in its order, in one statement.
pub fn read(conn: &Connection, filter: Filter) -> Result<Vec<CheckInRow>> {
    match filter {
        Filter::Day { gym_id, from, to } => {
            let mut stmt = conn.prepare_cached(&format!(
                "{SELECT} WHERE p.gym_id = ?1 AND p.status = 'attended' AND at >= ?2 AND at < ?3
                 ORDER BY at, p.local_id"
            ))?;
            let rows = stmt.query_map(params![gym_id, to_ms(from), to_ms(to)], from_row)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        }
        Filter::RecentAtDesk { limit } => {
            let mut stmt = conn.prepare_cached(&format!(
                "{SELECT} WHERE p.source != 'server' AND p.status = 'attended'
                 ORDER BY p.attendance_time DESC, p.local_id DESC LIMIT ?1"
            ))?;
            let rows = stmt.query_map([limit as i64], from_row)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        }
    }
}
