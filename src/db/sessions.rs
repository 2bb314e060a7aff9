//! The `sessions` table: class sessions with their class name and capacity,
//! and the queries the rules need (candidates in the window, with the
//! member's participation in each).

use super::parse_col;
use crate::domain::rules::window;
use crate::domain::{ParticipationStatus, RecentCheckIn, SessionFacts, SessionStatus};
use crate::error::Result;
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRow {
    pub id: i64,
    pub class_id: Option<i64>,
    pub trainer_id: Option<i64>,
    pub gym_id: i64,
    #[serde(with = "crate::time::serde_utc")]
    pub start_time: DateTime<Utc>,
    #[serde(with = "crate::time::serde_utc")]
    pub end_time: DateTime<Utc>,
    pub room: Option<String>,
    pub status: SessionStatus,
    pub current_participants: i64,
    pub override_capacity: Option<i64>,
    pub class_name: Option<String>,
    pub max_capacity: Option<i64>,
}

impl SessionRow {
    /// The capacity in force: the session's override, else the class's maximum.
    pub fn capacity(&self) -> Option<i64> {
        self.override_capacity.or(self.max_capacity)
    }
}

const COLS: &str = "id, class_id, trainer_id, gym_id, start_time, end_time, room, status,
    current_participants, override_capacity, class_name, max_capacity";

fn from_row(r: &Row) -> rusqlite::Result<SessionRow> {
    Ok(SessionRow {
        id: r.get(0)?,
        class_id: r.get(1)?,
        trainer_id: r.get(2)?,
        gym_id: r.get(3)?,
        start_time: from_ms(r.get(4)?),
        end_time: from_ms(r.get(5)?),
        room: r.get(6)?,
        status: parse_col(7, r.get(7)?)?,
        current_participants: r.get(8)?,
        override_capacity: r.get(9)?,
        class_name: r.get(10)?,
        max_capacity: r.get(11)?,
    })
}

pub fn insert(conn: &Connection, s: &SessionRow) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO sessions ({COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    ))?;
    stmt.execute(params![
        s.id,
        s.class_id,
        s.trainer_id,
        s.gym_id,
        to_ms(s.start_time),
        to_ms(s.end_time),
        s.room,
        s.status.as_str(),
        s.current_participants,
        s.override_capacity,
        s.class_name,
        s.max_capacity,
    ])?;
    Ok(())
}

pub fn delete_all(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM sessions", [])?;
    Ok(())
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM sessions", [], |r| r.get(0))?)
}

/// Session `id` of gym `gym_id`; another gym's session does not exist here.
pub fn get(conn: &Connection, gym_id: i64, id: i64) -> Result<Option<SessionRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} FROM sessions WHERE id = ?1 AND gym_id = ?2"))?;
    Ok(stmt.query_row(params![id, gym_id], from_row).optional()?)
}

/// Sessions of the gym starting in `[from, to)`, by start time.
pub fn starting_between(
    conn: &Connection,
    gym_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<SessionRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM sessions WHERE gym_id = ?1 AND start_time >= ?2 AND start_time < ?3
         ORDER BY start_time, id"
    ))?;
    let rows = stmt.query_map(params![gym_id, to_ms(from), to_ms(to)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn facts_from_row(r: &Row) -> rusqlite::Result<SessionFacts> {
    let participation: Option<String> = r.get(4)?;
    Ok(SessionFacts {
        id: r.get(0)?,
        class_id: r.get(5)?,
        start: from_ms(r.get(1)?),
        end: from_ms(r.get(2)?),
        status: parse_col(3, r.get(3)?)?,
        participation: participation.map(|p| parse_col::<ParticipationStatus>(4, p)).transpose()?,
    })
}

/// Session `id` as the rules see it, with `member_id`'s participation.
pub fn facts(conn: &Connection, gym_id: i64, id: i64, member_id: i64) -> Result<Option<SessionFacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.start_time, s.end_time, s.status, p.status, s.class_id
         FROM sessions s LEFT JOIN participations p ON p.session_id = s.id AND p.member_id = ?3
         WHERE s.id = ?1 AND s.gym_id = ?2",
    )?;
    Ok(stmt.query_row(params![id, gym_id, member_id], facts_from_row).optional()?)
}

/// `member_id`'s latest check-in in this gym (an attended participation, from
/// any desk or the server) with its attendance time in `[at - minutes, at]`,
/// for the "already inside" rule.
pub fn recent_check_in(
    conn: &Connection,
    gym_id: i64,
    member_id: i64,
    at: DateTime<Utc>,
    minutes: u32,
) -> Result<Option<RecentCheckIn>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.start_time, s.end_time, s.status, p.status, s.class_id, p.attendance_time
         FROM participations p JOIN sessions s ON s.id = p.session_id
         WHERE p.member_id = ?1 AND p.gym_id = ?2 AND p.status = 'attended'
           AND p.attendance_time BETWEEN ?3 AND ?4
         ORDER BY p.attendance_time DESC, s.id DESC LIMIT 1",
    )?;
    let since = at - chrono::Duration::minutes(i64::from(minutes));
    Ok(stmt
        .query_row(params![member_id, gym_id, to_ms(since), to_ms(at)], |r| {
            Ok(RecentCheckIn { session: facts_from_row(r)?, at: from_ms(r.get(6)?) })
        })
        .optional()?)
}

/// Every session of the gym starting within the check-in window around `at`
/// (inclusive), with `member_id`'s participation in each.
pub fn candidates(conn: &Connection, gym_id: i64, member_id: i64, at: DateTime<Utc>) -> Result<Vec<SessionFacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.start_time, s.end_time, s.status, p.status, s.class_id
         FROM sessions s LEFT JOIN participations p ON p.session_id = s.id AND p.member_id = ?2
         WHERE s.gym_id = ?1 AND s.start_time BETWEEN ?3 AND ?4
         ORDER BY s.start_time, s.id",
    )?;
    let rows =
        stmt.query_map(params![gym_id, member_id, to_ms(at - window()), to_ms(at + window())], facts_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
