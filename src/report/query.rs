//! The report's own read-only query on the replica: a day's sessions with
//! their counts, in one statement (a join rather than a query per row). The
//! day's check-ins come from `db::check_in_rows`, shared with the reception
//! screen. Rows only: `day` turns them into report lines (one direction).

use super::Result;
use crate::db::parse_col;
use crate::domain::SessionStatus;
use crate::time::to_ms;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

/// One session of the day with its participation counts, as stored.
pub(super) struct SessionRaw {
    pub id: i64,
    pub class_name: Option<String>,
    pub start: i64,
    pub end: i64,
    pub room: Option<String>,
    pub capacity: Option<i64>,
    pub status: SessionStatus,
    pub registered: i64,
    pub attended: i64,
    /// Booked (not cancelled) and not checked in: no-shows or pending,
    /// depending on whether the session has ended (`day` decides).
    pub absent: i64,
    pub walk_ins: i64,
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
            absent: r.get(9)?,
            walk_ins: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
