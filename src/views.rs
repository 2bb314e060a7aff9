//! Read models for the reception screen: today's classes with their counts,
//! the latest check-ins with their sync state, and the outbox with member
//! names. Queries only; the UI and the CLI render them.

use crate::db::check_in_rows;
use crate::db::clock_check::ClockFlag;
use crate::db::outbox::{self, OutboxState};
use crate::db::sessions::{self, SessionRow};
use crate::db::{gym, members, participations, settings};
use crate::domain::{AlertAction, AlertKind, Lang, Source};
use crate::error::Result;
use crate::time::from_ms;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct SessionView {
    pub id: i64,
    pub class_name: Option<String>,
    #[ts(type = "string")]
    #[serde(with = "crate::time::serde_utc")]
    pub start_time: DateTime<Utc>,
    #[ts(type = "string")]
    #[serde(with = "crate::time::serde_utc")]
    pub end_time: DateTime<Utc>,
    pub room: Option<String>,
    pub status: crate::domain::SessionStatus,
    pub capacity: Option<i64>,
    pub registered: i64,
    pub attended: i64,
}

/// Today's sessions (in the gym's time zone) with registered/attended counts.
pub fn today_sessions(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<SessionView>> {
    let gym = gym::require(conn)?;
    let (from, to) = crate::time::local_today_bounds(gym.tz(), now);
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

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct CheckInView {
    pub event_id: Option<String>,
    #[ts(type = "string")]
    #[serde(with = "crate::time::serde_utc")]
    pub at: DateTime<Utc>,
    pub member_id: i64,
    pub member_name: String,
    pub session_id: i64,
    pub class_name: Option<String>,
    pub method: Source,
    pub success: bool,
    pub code: crate::domain::Outcome,
    pub warnings: Vec<String>,
    /// Each warning's level under the gym's alert settings now (the event
    /// keeps only codes): a birthday the gym allows is a note, not amber.
    /// Always sent; optional in TypeScript for rows written before it (absent = warn).
    #[ts(optional, as = "Option<Vec<AlertAction>>")]
    pub warning_levels: Vec<AlertAction>,
    pub sync_state: Option<OutboxState>,
    /// The desk's clock was doubtful when this was recorded (see `clock_check`).
    pub clock_flag: Option<ClockFlag>,
    /// Who entered it by hand, and whose PIN approved its override (desks
    /// with staff profiles).
    pub staff: Option<String>,
    pub approved_by: Option<String>,
}

/// The desk's latest check-ins, newest first (`db::check_in_rows`, the same
/// query the reports read).
pub fn recent_check_ins(conn: &Connection, limit: usize) -> Result<Vec<CheckInView>> {
    let policy = settings::alert_policy(conn)?;
    let level = |code: &String| code.parse::<AlertKind>().map_or(AlertAction::Warn, |k| policy.actions.get(k));
    Ok(check_in_rows::read(conn, check_in_rows::Filter::RecentAtDesk { limit })?
        .into_iter()
        .map(|c| CheckInView {
            sync_state: c.outbox_state,
            event_id: c.event_id,
            at: c.at,
            member_id: c.member_id,
            member_name: c.member_name,
            session_id: c.session_id,
            class_name: c.class_name,
            method: c.source,
            success: true,
            code: crate::domain::Outcome::CheckedIn,
            warning_levels: c.warnings.iter().map(level).collect(),
            warnings: c.warnings,
            clock_flag: c.clock_flag,
            staff: c.staff,
            approved_by: c.approved_by,
        })
        .collect())
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct OutboxView {
    pub event_id: String,
    pub state: OutboxState,
    pub member_id: i64,
    pub member_name: Option<String>,
    pub session_id: i64,
    #[ts(type = "string")]
    #[serde(with = "crate::time::serde_utc")]
    pub scanned_at: DateTime<Utc>,
    pub attempts: i64,
    /// Why it is parked or waiting, in the desk's language.
    pub last_error: Option<String>,
    /// The reason's stable code (`class_full`, ...) for parked events.
    pub park_code: Option<&'static str>,
    /// The class and its start, so staff can find it ("Spinning 18:00").
    pub class_name: Option<String>,
    #[ts(type = "string | null")]
    #[serde(with = "crate::time::serde_utc::option")]
    pub session_start: Option<DateTime<Utc>>,
    /// The scan time is doubtful: the desk's clock was wrong ("skew") or went back ("backwards").
    pub clock_flag: Option<ClockFlag>,
}

/// Outbox events (optionally of one state) with member names and their
/// class, reasons in `lang`, oldest first, in one query; parked events staff
/// dismissed are left out (they stay in the reports).
pub fn outbox_items(conn: &Connection, state: Option<OutboxState>, lang: Lang) -> Result<Vec<OutboxView>> {
    let sql = format!(
        "SELECT {}, m.first_name, m.last_name, m.email, m.id, s.class_name, s.start_time
         FROM outbox o
         LEFT JOIN members m ON m.id = o.member_id
         LEFT JOIN sessions s ON s.id = o.session_id AND s.gym_id = o.gym_id
         WHERE o.dismissed_at IS NULL AND (?1 IS NULL OR o.state = ?1)
         ORDER BY o.seq",
        outbox::cols_of("o")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([state.map(|s| s.as_str())], |r| {
        let e = outbox::from_row(r)?.localised(lang);
        let c = outbox::COL_COUNT;
        let (first, last, email): (Option<String>, Option<String>, Option<String>) =
            (r.get(c)?, r.get(c + 1)?, r.get(c + 2)?);
        let known: Option<i64> = r.get(c + 3)?;
        Ok(OutboxView {
            member_name: known.map(|id| members::display_name(first.as_deref(), last.as_deref(), email.as_deref(), id)),
            class_name: r.get(c + 4)?,
            session_start: r.get::<_, Option<i64>>(c + 5)?.map(from_ms),
            event_id: e.event_id,
            state: e.state,
            member_id: e.member_id,
            session_id: e.session_id,
            scanned_at: e.scanned_at,
            attempts: e.attempts,
            last_error: e.last_error,
            park_code: e.park_code,
            clock_flag: e.clock_flag,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Santiago de Chile springs forward at local midnight: 2026-09-06 has no
    /// 00:00, and its "today" starts at 01:00 local (04:00Z), not earlier.
    #[test]
    fn today_starts_at_the_first_real_time_when_midnight_is_skipped() {
        let tz: chrono_tz::Tz = "America/Santiago".parse().unwrap();
        let noon: DateTime<Utc> = "2026-09-06T15:00:00Z".parse().unwrap();
        let (from, to) = crate::time::local_today_bounds(tz, noon);
        assert_eq!(crate::time::rfc3339(from), "2026-09-06T04:00:00Z");
        assert_eq!(crate::time::rfc3339(to), "2026-09-07T03:00:00Z");
        // A class at 22:00 local the evening before (02:00Z) is not today's.
        let yesterday_evening: DateTime<Utc> = "2026-09-06T02:00:00Z".parse().unwrap();
        assert!(yesterday_evening < from);
        let (a, b) = crate::time::local_day_bounds(tz, "2026-09-06".parse().unwrap()).unwrap();
        assert_eq!((a, b), (from, to), "the reception screen and the reports agree on the day");
    }
}
