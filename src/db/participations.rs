//! The `participations` table: who registered for and attended which session,
//! and where each row's state came from (the server, or this desk).

use super::parse_col;
use crate::domain::{ParticipationStatus, Source};
use crate::error::Result;
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

#[derive(Debug, Clone, PartialEq)]
pub struct ParticipationRow {
    pub local_id: i64,
    pub server_id: Option<i64>,
    pub session_id: i64,
    pub member_id: i64,
    pub gym_id: i64,
    pub status: ParticipationStatus,
    pub registration_time: Option<DateTime<Utc>>,
    pub attendance_time: Option<DateTime<Utc>>,
    pub cancellation_time: Option<DateTime<Utc>>,
    pub cancellation_reason: Option<String>,
    pub source: Source,
    pub override_reason: Option<String>,
    pub event_id: Option<String>,
}

const COLS: &str = "local_id, server_id, session_id, member_id, gym_id, status, registration_time,
    attendance_time, cancellation_time, cancellation_reason, source, override_reason, event_id";

fn from_row(r: &Row) -> rusqlite::Result<ParticipationRow> {
    let t = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> { Ok(r.get::<_, Option<i64>>(i)?.map(from_ms)) };
    Ok(ParticipationRow {
        local_id: r.get(0)?,
        server_id: r.get(1)?,
        session_id: r.get(2)?,
        member_id: r.get(3)?,
        gym_id: r.get(4)?,
        status: parse_col(5, r.get(5)?)?,
        registration_time: t(6)?,
        attendance_time: t(7)?,
        cancellation_time: t(8)?,
        cancellation_reason: r.get(9)?,
        source: parse_col(10, r.get(10)?)?,
        override_reason: r.get(11)?,
        event_id: r.get(12)?,
    })
}

pub fn get(conn: &Connection, session_id: i64, member_id: i64) -> Result<Option<ParticipationRow>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLS} FROM participations WHERE session_id = ?1 AND member_id = ?2"))?;
    Ok(stmt.query_row(params![session_id, member_id], from_row).optional()?)
}

/// Records a desk check-in: the member's participation becomes `attended` at
/// `at`, created if there was none. Returns true when a row was created.
#[allow(clippy::too_many_arguments)]
pub fn mark_attended(
    conn: &Connection,
    gym_id: i64,
    session_id: i64,
    member_id: i64,
    at: DateTime<Utc>,
    source: Source,
    override_reason: Option<&str>,
    event_id: &str,
) -> Result<bool> {
    let updated = conn
        .prepare_cached(
            "UPDATE participations SET status = 'attended', attendance_time = ?3, source = ?4,
             override_reason = ?5, event_id = ?6
         WHERE session_id = ?1 AND member_id = ?2",
        )?
        .execute(params![session_id, member_id, to_ms(at), source.as_str(), override_reason, event_id])?;
    if updated > 0 {
        return Ok(false);
    }
    conn.prepare_cached(
        "INSERT INTO participations (session_id, member_id, gym_id, status, attendance_time, source,
             override_reason, event_id)
         VALUES (?1, ?2, ?3, 'attended', ?4, ?5, ?6, ?7)",
    )?
    .execute(params![session_id, member_id, gym_id, to_ms(at), source.as_str(), override_reason, event_id])?;
    Ok(true)
}

/// A participation as the central API reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerParticipation {
    pub id: i64,
    pub session_id: i64,
    pub member_id: i64,
    pub gym_id: i64,
    pub status: ParticipationStatus,
    pub registration_time: Option<DateTime<Utc>>,
    pub attendance_time: Option<DateTime<Utc>>,
    pub cancellation_time: Option<DateTime<Utc>>,
    pub cancellation_reason: Option<String>,
}

/// Drops every row that came from the server; the desk's own rows stay.
pub fn delete_server_rows(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM participations WHERE source = 'server'", [])?;
    Ok(())
}

pub fn delete_all(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM participations", [])?;
    Ok(())
}

/// Merges a server row. Where this desk already recorded an attendance for
/// the same session and member, the desk's check-in stays (it is newer
/// knowledge the server may not have yet) and only the server id is taken.
pub fn merge_from_server(conn: &Connection, p: &ServerParticipation) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO participations (server_id, session_id, member_id, gym_id, status, registration_time,
             attendance_time, cancellation_time, cancellation_reason, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'server')
         ON CONFLICT(session_id, member_id) DO UPDATE SET
             server_id = excluded.server_id,
             registration_time = COALESCE(excluded.registration_time, participations.registration_time),
             status = CASE WHEN participations.status = 'attended' THEN 'attended' ELSE excluded.status END,
             attendance_time = CASE WHEN participations.status = 'attended'
                               THEN participations.attendance_time ELSE excluded.attendance_time END,
             cancellation_time = excluded.cancellation_time,
             cancellation_reason = excluded.cancellation_reason",
    )?
    .execute(params![
        p.id,
        p.session_id,
        p.member_id,
        p.gym_id,
        p.status.as_str(),
        p.registration_time.map(to_ms),
        p.attendance_time.map(to_ms),
        p.cancellation_time.map(to_ms),
        p.cancellation_reason,
    ])?;
    Ok(())
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM participations", [], |r| r.get(0))?)
}

/// Registered (booked, not cancelled) and attended counts for a session.
pub fn session_counts(conn: &Connection, session_id: i64) -> Result<(i64, i64)> {
    let mut stmt = conn.prepare_cached(
        "SELECT COUNT(*) FILTER (WHERE registration_time IS NOT NULL AND status != 'cancelled'),
                COUNT(*) FILTER (WHERE status = 'attended')
         FROM participations WHERE session_id = ?1",
    )?;
    Ok(stmt.query_row([session_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Every participation of a session.
pub fn for_session(conn: &Connection, session_id: i64) -> Result<Vec<ParticipationRow>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLS} FROM participations WHERE session_id = ?1 ORDER BY local_id"))?;
    let rows = stmt.query_map([session_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
