//! Read models for the reception screen: today's classes with their counts,
//! the latest check-ins with their sync state, and the outbox with member
//! names. Queries only; the UI and the CLI render them.

use crate::db::clock_check::ClockFlag;
use crate::db::outbox::{self, OutboxState};
use crate::db::sessions::{self, SessionRow};
use crate::db::{gym, members, participations};
use crate::domain::Source;
use crate::error::Result;
use crate::time::from_ms;
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionView {
    pub id: i64,
    pub class_name: Option<String>,
    #[serde(with = "crate::time::serde_utc")]
    pub start_time: DateTime<Utc>,
    #[serde(with = "crate::time::serde_utc")]
    pub end_time: DateTime<Utc>,
    pub room: Option<String>,
    pub status: crate::domain::SessionStatus,
    pub capacity: Option<i64>,
    pub registered: i64,
    pub attended: i64,
}

/// The local calendar day containing `now` in the gym's zone, as a UTC range.
pub fn local_day_bounds(tz: chrono_tz::Tz, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let day = now.with_timezone(&tz).date_naive();
    let start_of = |d: chrono::NaiveDate| {
        tz.from_local_datetime(&d.and_time(NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            // A day that starts inside a DST gap begins at the first valid instant.
            .unwrap_or_else(|| Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN)) + Duration::hours(1))
    };
    (start_of(day), start_of(day + Duration::days(1)))
}

/// Today's sessions (in the gym's time zone) with registered/attended counts.
pub fn today_sessions(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<SessionView>> {
    let gym = gym::require(conn)?;
    let (from, to) = local_day_bounds(gym.tz(), now);
    sessions::starting_between(conn, gym.id, from, to)?
        .into_iter()
        .map(|s: SessionRow| {
            let (registered, attended) = participations::session_counts(conn, s.id)?;
            Ok(SessionView {
                id: s.id,
                capacity: s.capacity(),
                class_name: s.class_name,
                start_time: s.start_time,
                end_time: s.end_time,
                room: s.room,
                status: s.status,
                registered,
                attended,
            })
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckInView {
    pub event_id: Option<String>,
    #[serde(with = "crate::time::serde_utc")]
    pub at: DateTime<Utc>,
    pub member_id: i64,
    pub member_name: String,
    pub session_id: i64,
    pub class_name: Option<String>,
    pub method: Source,
    pub success: bool,
    pub code: &'static str,
    pub warnings: Vec<String>,
    pub sync_state: Option<OutboxState>,
    /// The desk's clock was doubtful when this was recorded (see `clock_check`).
    pub clock_flag: Option<ClockFlag>,
}

/// The desk's latest check-ins, newest first.
pub fn recent_check_ins(conn: &Connection, limit: usize) -> Result<Vec<CheckInView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.event_id, p.attendance_time, p.member_id, m.first_name, m.last_name, m.email,
                p.session_id, s.class_name, p.source, o.state, o.payload, o.clock_flag
         FROM participations p
         LEFT JOIN members m ON m.id = p.member_id
         LEFT JOIN sessions s ON s.id = p.session_id
         LEFT JOIN outbox o ON o.event_id = p.event_id
         WHERE p.source != 'server' AND p.status = 'attended'
         ORDER BY p.attendance_time DESC, p.local_id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        let member_id: i64 = r.get(2)?;
        let first: Option<String> = r.get(3)?;
        let last: Option<String> = r.get(4)?;
        let email: Option<String> = r.get(5)?;
        let source: String = r.get(8)?;
        let state: Option<String> = r.get(9)?;
        let payload: Option<String> = r.get(10)?;
        let warnings = payload
            .and_then(|p| serde_json::from_str::<outbox::CheckInPayload>(&p).ok())
            .map(|p| p.warnings)
            .unwrap_or_default();
        Ok(CheckInView {
            event_id: r.get(0)?,
            at: from_ms(r.get::<_, Option<i64>>(1)?.unwrap_or(0)),
            member_id,
            member_name: members::display_name(first.as_deref(), last.as_deref(), email.as_deref(), member_id),
            session_id: r.get(6)?,
            class_name: r.get(7)?,
            method: crate::db::parse_col(8, source)?,
            success: true,
            code: "checked_in",
            warnings,
            sync_state: state.map(|s| crate::db::parse_col(9, s)).transpose()?,
            clock_flag: r.get::<_, Option<String>>(11)?.as_deref().and_then(ClockFlag::parse),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxView {
    pub event_id: String,
    pub state: OutboxState,
    pub member_id: i64,
    pub member_name: Option<String>,
    pub session_id: i64,
    #[serde(with = "crate::time::serde_utc")]
    pub scanned_at: DateTime<Utc>,
    pub attempts: i64,
    pub last_error: Option<String>,
    /// The scan time is doubtful: the desk's clock was wrong ("skew") or went back ("backwards").
    pub clock_flag: Option<ClockFlag>,
}

/// Outbox events (optionally of one state) with member names, oldest first;
/// parked events staff dismissed are left out (they stay in the reports).
pub fn outbox_items(conn: &Connection, state: Option<OutboxState>) -> Result<Vec<OutboxView>> {
    let dismissed: std::collections::HashSet<String> = conn
        .prepare_cached("SELECT event_id FROM outbox WHERE dismissed_at IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    outbox::list(conn, state)?
        .into_iter()
        .filter(|e| !dismissed.contains(&e.event_id))
        .map(|e| {
            Ok(OutboxView {
                member_name: members::summary(conn, e.member_id)?.map(|m| m.name),
                event_id: e.event_id,
                state: e.state,
                member_id: e.member_id,
                session_id: e.session_id,
                scanned_at: e.scanned_at,
                attempts: e.attempts,
                last_error: e.last_error,
                clock_flag: e.clock_flag,
            })
        })
        .collect()
}
