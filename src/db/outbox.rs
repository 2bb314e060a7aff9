//! The `outbox` table: every desk check-in, durably queued for the central
//! API in the same transaction that records it. Events move from `queued` to
//! `sent`, or to `parked` (with the reason) when the backend cannot take them;
//! nothing is ever deleted silently.

use super::clock_check::ClockFlag;
use super::parse_col;
use crate::domain::{Lang, OutboxReason, Source};
use crate::error::{Error, Result};
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum OutboxState {
    Queued,
    Sent,
    Parked,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sent => "sent",
            OutboxState::Parked => "parked",
        }
    }
}

impl fmt::Display for OutboxState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OutboxState {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "queued" => Ok(OutboxState::Queued),
            "sent" => Ok(OutboxState::Sent),
            "parked" => Ok(OutboxState::Parked),
            other => Err(format!("unknown outbox state {other:?}")),
        }
    }
}

/// What is sent to the central API for one check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckInPayload {
    pub event_id: String,
    pub gym_id: i64,
    pub member_id: i64,
    pub session_id: i64,
    /// The scanned code, needed to replay through the plain API; None for
    /// manual entries, and cleared once the event has synced.
    pub qr_code: Option<String>,
    #[serde(with = "crate::time::serde_utc")]
    pub scanned_at: DateTime<Utc>,
    pub method: Source,
    pub override_reason: Option<String>,
    pub device_id: String,
    pub new_participation: bool,
    /// Warning codes shown with the verdict (e.g. `membership_expired`), for reports.
    #[serde(default)]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxEvent {
    pub seq: i64,
    pub event_id: String,
    pub gym_id: i64,
    pub member_id: i64,
    pub session_id: i64,
    #[serde(with = "crate::time::serde_utc")]
    pub scanned_at: DateTime<Utc>,
    pub state: OutboxState,
    pub attempts: i64,
    #[serde(with = "crate::time::serde_utc")]
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    #[serde(with = "crate::time::serde_utc")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::time::serde_utc::option")]
    pub sent_at: Option<DateTime<Utc>>,
    /// How the check-in was taken (camera, scanner, manual, override).
    pub method: Source,
    /// Set when the desk's clock was doubtful as this was recorded (see `clock_check`).
    pub clock_flag: Option<ClockFlag>,
    /// Server time minus desk time when flagged (ms); negative for a backwards jump.
    pub clock_offset_ms: Option<i64>,
    /// Why it is parked or waiting, as a stable code (`OutboxReason::code`); None once sent.
    pub park_code: Option<&'static str>,
    /// Which endpoint took it (`batch`, `check_in`, `attendance`, `booked`), once sent.
    pub sent_via: Option<String>,
    #[serde(skip)]
    pub reason: Option<OutboxReason>,
    #[serde(skip)]
    pub payload: CheckInPayload,
}

impl OutboxEvent {
    /// `last_error` in `lang`: the stored reason rendered, else the stored text
    /// (events parked before reasons had codes).
    pub fn last_error_in(&self, lang: Lang) -> Option<String> {
        match (&self.reason, self.state) {
            (_, OutboxState::Sent) => None,
            (Some(r), _) => Some(r.message(lang)),
            (None, _) => self.last_error.clone(),
        }
    }

    /// The event with `last_error` in `lang` (for `outbox --json` and the views).
    pub fn localised(mut self, lang: Lang) -> OutboxEvent {
        self.last_error = self.last_error_in(lang);
        self
    }
}

const COLS: &str = "seq, event_id, gym_id, member_id, session_id, scanned_at, state, attempts,
    next_attempt_at, last_error, created_at, sent_at, payload, clock_flag, clock_offset_ms, reason, sent_via";

/// The columns `from_row` reads, each prefixed with `alias.` (for joins).
pub fn cols_of(alias: &str) -> String {
    COLS.split(',').map(|c| format!("{alias}.{}", c.trim())).collect::<Vec<_>>().join(", ")
}

/// Number of columns `from_row` reads; a join's own columns follow them.
pub const COL_COUNT: usize = 17;

pub fn from_row(r: &Row) -> rusqlite::Result<OutboxEvent> {
    let payload: String = r.get(12)?;
    let payload: CheckInPayload = serde_json::from_str(&payload)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(12, rusqlite::types::Type::Text, e.into()))?;
    Ok(OutboxEvent {
        seq: r.get(0)?,
        event_id: r.get(1)?,
        gym_id: r.get(2)?,
        member_id: r.get(3)?,
        session_id: r.get(4)?,
        scanned_at: from_ms(r.get(5)?),
        state: parse_col(6, r.get(6)?)?,
        attempts: r.get(7)?,
        next_attempt_at: from_ms(r.get(8)?),
        last_error: r.get(9)?,
        created_at: from_ms(r.get(10)?),
        sent_at: r.get::<_, Option<i64>>(11)?.map(from_ms),
        method: payload.method,
        clock_flag: r.get::<_, Option<String>>(13)?.as_deref().and_then(ClockFlag::parse),
        clock_offset_ms: r.get(14)?,
        // A reason this build cannot read (written by a newer one) falls back to `last_error`.
        reason: r.get::<_, Option<String>>(15)?.and_then(|j| serde_json::from_str::<OutboxReason>(&j).ok()),
        sent_via: r.get(16)?,
        park_code: None,
        payload,
    })
    .map(|mut e| {
        e.park_code = e.reason.as_ref().filter(|r| r.is_park() && e.state == OutboxState::Parked).map(|r| r.code());
        e
    })
}

/// Whether a check-in belongs to a real gym, or to the demo gym (then it
/// never leaves the desk: see migrations/V6__demo_check_ins.sql).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Server,
    DemoOnly,
}

/// Queues a check-in, due immediately (a demo one is recorded, never due).
pub fn enqueue(conn: &Connection, p: &CheckInPayload, now: DateTime<Utc>, audience: Audience) -> Result<()> {
    let json = serde_json::to_string(p).map_err(|e| Error::Db(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO outbox (event_id, gym_id, member_id, session_id, scanned_at, payload, state,
             attempts, next_attempt_at, created_at, demo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued', 0, ?7, ?7, ?8)",
    )?
    .execute(params![
        p.event_id,
        p.gym_id,
        p.member_id,
        p.session_id,
        to_ms(p.scanned_at),
        json,
        to_ms(now),
        audience == Audience::DemoOnly
    ])?;
    Ok(())
}

/// The demo gym is being replaced: its check-ins go (they were never sent).
pub fn delete_demo(conn: &Connection) -> Result<usize> {
    Ok(conn.execute("DELETE FROM outbox WHERE demo = 1", [])?)
}

pub fn get(conn: &Connection, event_id: &str) -> Result<Option<OutboxEvent>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} FROM outbox WHERE event_id = ?1"))?;
    Ok(stmt.query_row([event_id], from_row).optional()?)
}

/// Events in queue order, optionally of one state (demo check-ins are not
/// in the queue).
pub fn list(conn: &Connection, state: Option<OutboxState>) -> Result<Vec<OutboxEvent>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM outbox WHERE (?1 IS NULL OR state = ?1) AND demo = 0 ORDER BY seq"
    ))?;
    let rows = stmt.query_map([state.map(|s| s.as_str())], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Queued events whose next attempt is due at `now`, oldest first. Never a
/// demo check-in: that is what keeps demo data on the desk.
pub fn due(conn: &Connection, now: DateTime<Utc>, limit: usize) -> Result<Vec<OutboxEvent>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM outbox WHERE state = 'queued' AND demo = 0 AND next_attempt_at <= ?1 ORDER BY seq LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![to_ms(now), limit as i64], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub queued: i64,
    pub sent: i64,
    pub parked: i64,
    /// Check-ins on the demo gym: kept on the desk, never sent, in none of the above.
    pub demo: i64,
}

pub fn counts(conn: &Connection) -> Result<Counts> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FILTER (WHERE state = 'queued' AND demo = 0),
                COUNT(*) FILTER (WHERE state = 'sent' AND demo = 0),
                COUNT(*) FILTER (WHERE state = 'parked' AND dismissed_at IS NULL AND demo = 0),
                COUNT(*) FILTER (WHERE demo = 1)
           FROM outbox",
        [],
        |r| Ok(Counts { queued: r.get(0)?, sent: r.get(1)?, parked: r.get(2)?, demo: r.get(3)? }),
    )?)
}

/// The server has the check-in (through `via`: `batch`, `check_in`,
/// `attendance` or `booked`). The scanned code is no longer needed, so it is
/// cleared from the stored payload.
pub fn mark_sent(conn: &Connection, event_id: &str, at: DateTime<Utc>, via: &str) -> Result<()> {
    let Some(ev) = get(conn, event_id)? else { return Ok(()) };
    let mut payload = ev.payload;
    payload.qr_code = None;
    let json = serde_json::to_string(&payload).map_err(|e| Error::Db(e.to_string()))?;
    conn.prepare_cached(
        "UPDATE outbox SET state = 'sent', sent_at = ?2, attempts = attempts + 1, last_error = NULL, reason = NULL,
             payload = ?3, sent_via = ?4
         WHERE event_id = ?1",
    )?
    .execute(params![event_id, to_ms(at), json, via])?;
    Ok(())
}

fn reason_json(reason: &OutboxReason) -> Result<String> {
    serde_json::to_string(reason).map_err(|e| Error::Db(e.to_string()))
}

/// A transient failure: try again at `next_at`.
pub fn mark_retry(conn: &Connection, event_id: &str, reason: &OutboxReason, next_at: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, reason = ?3, next_attempt_at = ?4
         WHERE event_id = ?1 AND state = 'queued'",
    )?
    .execute(params![event_id, reason.message(Lang::En), reason_json(reason)?, to_ms(next_at)])?;
    Ok(())
}

/// A permanent failure: park it where staff see it, with the reason.
pub fn park(conn: &Connection, event_id: &str, reason: &OutboxReason) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_error = ?2, reason = ?3 WHERE event_id = ?1",
    )?
    .execute(params![event_id, reason.message(Lang::En), reason_json(reason)?])?;
    Ok(())
}

/// Sent events by the endpoint that took them, sent at or after `since`.
pub fn sent_via_counts(conn: &Connection, since: DateTime<Utc>) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT COALESCE(sent_via, 'unknown'), COUNT(*) FROM outbox WHERE state = 'sent' AND sent_at >= ?1
         GROUP BY 1 ORDER BY 1",
    )?;
    let rows = stmt.query_map([to_ms(since)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Staff dismissed a parked event with a note: it stays parked (and in the
/// reports) but leaves the queue panel and the parked count.
pub fn dismiss(conn: &Connection, event_id: &str, note: &str, staff: Option<&str>, at: DateTime<Utc>) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE outbox SET dismissed_at = ?2, dismiss_note = ?3, dismissed_by = ?4
             WHERE event_id = ?1 AND state = 'parked' AND dismissed_at IS NULL",
        )?
        .execute(params![event_id, to_ms(at), note, staff])?;
    Ok(n > 0)
}

/// Records who entered a check-in by hand (and who approved its override):
/// for the reports only, never in the payload sent to GymAPI.
pub fn set_staff(conn: &Connection, event_id: &str, staff: Option<&str>, approved_by: Option<&str>) -> Result<()> {
    if staff.is_some() || approved_by.is_some() {
        conn.prepare_cached("UPDATE outbox SET staff = ?2, approved_by = ?3 WHERE event_id = ?1")?.execute(params![
            event_id,
            staff,
            approved_by
        ])?;
    }
    Ok(())
}

/// Staff asked to try a parked event again.
pub fn requeue(conn: &Connection, event_id: &str, now: DateTime<Utc>) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE outbox SET state = 'queued', next_attempt_at = ?2, dismissed_at = NULL, dismiss_note = NULL, dismissed_by = NULL
             WHERE event_id = ?1 AND state = 'parked'",
        )?
        .execute(params![event_id, to_ms(now)])?;
    Ok(n > 0)
}
