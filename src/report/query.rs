//! The report's own read-only queries on the replica. Each fetches a whole
//! day in one statement (joins rather than a query per row), so a day with
//! thousands of check-ins stays fast.

use super::day::{CheckInLine, LocalTime, SessionLine, SyncState};
use super::Result;
use crate::db::members::display_name;
use crate::db::parse_col;
use crate::domain::{SessionStatus, Source};
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection};
use serde::Deserialize;

pub(super) struct SessionRaw {
    id: i64,
    class_name: Option<String>,
    start: i64,
    end: i64,
    room: Option<String>,
    capacity: Option<i64>,
    status: SessionStatus,
    registered: i64,
    attended: i64,
    no_shows: i64,
    walk_ins: i64,
}

impl SessionRaw {
    pub(super) fn into_line(self, tz: Tz) -> SessionLine {
        let cancelled = self.status == SessionStatus::Cancelled;
        SessionLine {
            id: self.id,
            class_name: self.class_name.unwrap_or_else(|| format!("#{}", self.id)),
            start: LocalTime::new(from_ms(self.start), tz),
            end: LocalTime::new(from_ms(self.end), tz),
            room: self.room,
            capacity: self.capacity,
            status: self.status,
            registered: self.registered,
            attended: self.attended,
            no_shows: if cancelled { 0 } else { self.no_shows },
            walk_ins: self.walk_ins,
        }
    }
}

/// Sessions of the gym starting in `[from, to)`, with their participation counts.
pub(super) fn sessions(
    conn: &Connection,
    gym_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<SessionRaw>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.class_name, s.start_time, s.end_time, s.room,
                COALESCE(s.override_capacity, s.max_capacity), s.status,
                COUNT(p.local_id) FILTER (WHERE p.registration_time IS NOT NULL AND p.status != 'cancelled'),
                COUNT(p.local_id) FILTER (WHERE p.status = 'attended'),
                COUNT(p.local_id) FILTER (WHERE p.registration_time IS NOT NULL
                                          AND p.status IN ('registered', 'no_show')),
                COUNT(p.local_id) FILTER (WHERE p.status = 'attended' AND p.registration_time IS NULL)
         FROM sessions s LEFT JOIN participations p ON p.session_id = s.id
         WHERE s.gym_id = ?1 AND s.start_time >= ?2 AND s.start_time < ?3
         GROUP BY s.id
         ORDER BY s.start_time, s.id",
    )?;
    let rows = stmt.query_map(params![gym_id, to_ms(from), to_ms(to)], |r| {
        Ok(SessionRaw {
            id: r.get(0)?,
            class_name: r.get(1)?,
            start: r.get(2)?,
            end: r.get(3)?,
            room: r.get(4)?,
            capacity: r.get(5)?,
            status: parse_col(6, r.get(6)?)?,
            registered: r.get(7)?,
            attended: r.get(8)?,
            no_shows: r.get(9)?,
            walk_ins: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The parts of an outbox payload a report shows. Lenient: an older payload
/// without warnings still reads.
#[derive(Deserialize, Default)]
struct PayloadView {
    #[serde(default)]
    warnings: Vec<String>,
}

pub(super) struct CheckInRaw {
    at: i64,
    member_id: i64,
    first: Option<String>,
    last: Option<String>,
    email: Option<String>,
    session_id: i64,
    class_name: Option<String>,
    source: Source,
    override_reason: Option<String>,
    server_id: Option<i64>,
    outbox_state: Option<String>,
    payload: Option<String>,
    clock_flag: Option<String>,
}

impl CheckInRaw {
    pub(super) fn into_line(self, tz: Tz) -> CheckInLine {
        let sync = match (self.source, self.outbox_state.as_deref()) {
            (Source::Server, _) | (_, Some("sent")) => SyncState::Synced,
            (_, Some("parked")) => SyncState::Parked,
            (_, Some(_)) => SyncState::Queued,
            // A desk row whose event is gone: synced if the server gave it an id.
            (_, None) if self.server_id.is_some() => SyncState::Synced,
            (_, None) => SyncState::Queued,
        };
        let mut warnings = self
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<PayloadView>(p).ok())
            .unwrap_or_default()
            .warnings;
        // A doubtful scan time (the desk's clock was wrong) is shown as a warning.
        if let Some(flag) = self.clock_flag {
            warnings.push(format!("clock_{flag}"));
        }
        CheckInLine {
            at: LocalTime::new(from_ms(self.at), tz),
            member_name: display_name(
                self.first.as_deref(),
                self.last.as_deref(),
                self.email.as_deref(),
                self.member_id,
            ),
            member_id: self.member_id,
            session_id: self.session_id,
            class_name: self.class_name.unwrap_or_else(|| format!("#{}", self.session_id)),
            method: self.source,
            override_reason: self.override_reason.filter(|r| !r.trim().is_empty()),
            warnings,
            sync,
        }
    }
}

/// Attended participations of the gym whose attendance time (else, when the
/// server sent none, the session's start) falls in `[from, to)`, in time order.
pub(super) fn check_ins(
    conn: &Connection,
    gym_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<CheckInRaw>> {
    let mut stmt = conn.prepare_cached(
        "SELECT COALESCE(p.attendance_time, s.start_time) AS at, p.member_id, m.first_name, m.last_name, m.email,
                p.session_id, s.class_name, p.source, p.override_reason, p.server_id, o.state, o.payload,
                o.clock_flag
         FROM participations p
         LEFT JOIN sessions s ON s.id = p.session_id
         LEFT JOIN members m ON m.id = p.member_id
         LEFT JOIN outbox o ON o.event_id = p.event_id
         WHERE p.gym_id = ?1 AND p.status = 'attended' AND at >= ?2 AND at < ?3
         ORDER BY at, p.local_id",
    )?;
    let rows = stmt.query_map(params![gym_id, to_ms(from), to_ms(to)], |r| {
        Ok(CheckInRaw {
            at: r.get(0)?,
            member_id: r.get(1)?,
            first: r.get(2)?,
            last: r.get(3)?,
            email: r.get(4)?,
            session_id: r.get(5)?,
            class_name: r.get(6)?,
            source: parse_col(7, r.get(7)?)?,
            override_reason: r.get(8)?,
            server_id: r.get(9)?,
            outbox_state: r.get(10)?,
            payload: r.get(11)?,
            clock_flag: r.get(12)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
