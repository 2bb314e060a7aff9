//! Is the desk's clock right? A desk records scan times by its own clock,
//! offline, for hours; if that clock is wrong the check-ins land in the wrong
//! class window upstream and the reports lie. This module keeps the evidence:
//! the offset to the central API's clock (measured from the HTTP `Date`
//! header on every sync round) and local backwards jumps seen between two
//! check-ins. Check-ins recorded under a doubtful clock keep their scan time
//! but carry a flag that staff see in the queue and in reports.

use crate::error::Result;
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// Clocks further apart than this are "wrong". The `Date` header has whole
/// seconds and a sync round may take seconds on a slow link; class windows
/// are minutes wide. A minute is well clear of both.
pub const TOLERANCE: Duration = Duration::seconds(60);

/// Why a check-in's scan time is doubtful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum ClockFlag {
    /// Recorded while the desk's clock differed from the server's.
    Skew,
    /// Recorded after the desk's clock went backwards.
    Backwards,
}

impl ClockFlag {
    pub fn as_str(self) -> &'static str {
        match self {
            ClockFlag::Skew => "skew",
            ClockFlag::Backwards => "backwards",
        }
    }

    pub fn parse(s: &str) -> Option<ClockFlag> {
        match s {
            "skew" => Some(ClockFlag::Skew),
            "backwards" => Some(ClockFlag::Backwards),
            _ => None,
        }
    }
}

/// What staff are told about the desk's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ClockState {
    /// Never compared with the server (no sync yet, or no `Date` header).
    Unknown,
    Ok {
        offset_ms: i64,
    },
    /// The server's clock is `offset_ms` ahead of the desk's (negative: behind).
    Skewed {
        offset_ms: i64,
    },
    /// The desk's clock went backwards by at least `by_ms` since the last check-in.
    WentBackwards {
        by_ms: i64,
    },
}

impl ClockState {
    pub fn is_doubtful(&self) -> bool {
        matches!(self, ClockState::Skewed { .. } | ClockState::WentBackwards { .. })
    }
}

fn beyond(offset_ms: i64) -> bool {
    offset_ms.abs() > TOLERANCE.num_milliseconds()
}

/// The clock evidence kept in the sync-status row.
struct Evidence {
    /// The last measured offset to the server's clock.
    offset_ms: Option<i64>,
    /// When a check-in last found the desk clock gone backwards.
    backwards_at: Option<i64>,
    /// When the clocks last agreed.
    ok_at: Option<i64>,
}

impl Evidence {
    fn read(conn: &Connection) -> Result<Evidence> {
        Ok(conn
            .prepare_cached("SELECT clock_offset_ms, clock_backwards_at, clock_ok_at FROM sync_status WHERE id = 1")?
            .query_row([], |r| Ok(Evidence { offset_ms: r.get(0)?, backwards_at: r.get(1)?, ok_at: r.get(2)? }))?)
    }

    /// A backwards jump that no agreeing comparison has cleared since.
    fn went_backwards(&self) -> bool {
        match (self.backwards_at, self.ok_at) {
            (Some(back), Some(ok)) => ok < back,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// The measured offset, when it is beyond the tolerance.
    fn skew(&self) -> Option<i64> {
        self.offset_ms.filter(|o| beyond(*o))
    }
}

/// The clock state by the last measurement and any backwards jump since.
pub fn state(conn: &Connection) -> Result<ClockState> {
    let ev = Evidence::read(conn)?;
    if ev.went_backwards() {
        let by = last_jump_ms(conn)?.unwrap_or(TOLERANCE.num_milliseconds());
        return Ok(ClockState::WentBackwards { by_ms: by });
    }
    Ok(match ev.offset_ms {
        None => ClockState::Unknown,
        Some(o) if beyond(o) => ClockState::Skewed { offset_ms: o },
        Some(o) => ClockState::Ok { offset_ms: o },
    })
}

/// How far back the clock went at the last backwards flag (stored as the
/// negative offset of the flagged event).
fn last_jump_ms(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT clock_offset_ms FROM outbox WHERE clock_flag = 'backwards' ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get::<_, Option<i64>>(0),
        )
        .optional()?
        .flatten()
        .map(i64::abs))
}

/// Records a comparison with the server's clock taken at desk time `at`.
/// When the clocks disagree, every check-in recorded since they last agreed
/// is flagged (the jump happened somewhere in that span). Returns how many
/// check-ins were newly flagged.
pub fn record_offset(conn: &Connection, at: DateTime<Utc>, offset_ms: i64) -> Result<usize> {
    let at_ms = to_ms(at);
    if !beyond(offset_ms) {
        conn.execute(
            "UPDATE sync_status SET clock_offset_ms = ?1, clock_checked_at = ?2, clock_ok_at = ?2,
                 clock_backwards_at = NULL WHERE id = 1",
            params![offset_ms, at_ms],
        )?;
        return Ok(0);
    }
    let ok_at: Option<i64> = conn.query_row("SELECT clock_ok_at FROM sync_status WHERE id = 1", [], |r| r.get(0))?;
    conn.execute(
        "UPDATE sync_status SET clock_offset_ms = ?1, clock_checked_at = ?2 WHERE id = 1",
        params![offset_ms, at_ms],
    )?;
    let flagged = conn.execute(
        "UPDATE outbox SET clock_flag = 'skew', clock_offset_ms = ?1
         WHERE clock_flag IS NULL AND created_at >= ?2",
        params![offset_ms, ok_at.unwrap_or(i64::MIN)],
    )?;
    if flagged > 0 {
        tracing::warn!(offset_ms, flagged, "desk clock differs from the server's; check-ins flagged");
    }
    Ok(flagged)
}

/// The flag a check-in recorded now, at desk time `now`, must carry, with
/// the offset it is based on. Called inside the check-in's transaction.
pub fn flag_for_new(conn: &Connection, now: DateTime<Utc>) -> Result<Option<(ClockFlag, i64)>> {
    let last_created: Option<i64> = conn
        .prepare_cached("SELECT created_at FROM outbox ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    let now_ms = to_ms(now);
    if let Some(last) = last_created {
        let back = last - now_ms;
        if back > TOLERANCE.num_milliseconds() {
            conn.execute("UPDATE sync_status SET clock_backwards_at = ?1 WHERE id = 1", params![now_ms])?;
            tracing::warn!(back_ms = back, "desk clock went backwards since the last check-in");
            return Ok(Some((ClockFlag::Backwards, -back)));
        }
    }
    let ev = Evidence::read(conn)?;
    if ev.went_backwards() {
        return Ok(Some((ClockFlag::Backwards, last_jump_ms(conn)?.map_or(0, |b| -b))));
    }
    Ok(ev.skew().map(|o| (ClockFlag::Skew, o)))
}

/// Marks one check-in (just enqueued) with its flag.
pub fn flag_event(conn: &Connection, event_id: &str, flag: ClockFlag, offset_ms: i64) -> Result<()> {
    conn.prepare_cached("UPDATE outbox SET clock_flag = ?2, clock_offset_ms = ?3 WHERE event_id = ?1")?
        .execute(params![event_id, flag.as_str(), offset_ms])?;
    Ok(())
}

/// The clock as staff see it: its state, when it was last compared with the
/// server's, and how many check-ins carry a doubtful scan time.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ClockSummary {
    #[serde(flatten)]
    pub state: ClockState,
    #[ts(type = "string | null")]
    #[serde(with = "crate::time::serde_utc::option")]
    pub checked_at: Option<DateTime<Utc>>,
    pub flagged: i64,
}

pub fn summary(conn: &Connection) -> Result<ClockSummary> {
    let checked: Option<i64> =
        conn.query_row("SELECT clock_checked_at FROM sync_status WHERE id = 1", [], |r| r.get(0))?;
    let flagged: i64 = conn.query_row("SELECT COUNT(*) FROM outbox WHERE clock_flag IS NOT NULL", [], |r| r.get(0))?;
    Ok(ClockSummary { state: state(conn)?, checked_at: checked.map(from_ms), flagged })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::time::parse_utc;

    fn t(s: &str) -> DateTime<Utc> {
        parse_utc(s).unwrap()
    }

    fn enqueue(db: &mut Db, id: &str, created: &str) {
        db.write(|tx| {
            let flag = flag_for_new(tx, t(created))?;
            tx.execute(
                "INSERT INTO outbox (event_id, gym_id, member_id, session_id, scanned_at, payload, state,
                     next_attempt_at, created_at) VALUES (?1, 1, 1, 1, ?2, '{}', 'queued', ?2, ?2)",
                params![id, to_ms(t(created))],
            )?;
            if let Some((flag, off)) = flag {
                flag_event(tx, id, flag, off)?;
            }
            Ok(())
        })
        .unwrap();
    }

    fn flags(db: &Db) -> Vec<(String, Option<String>)> {
        let mut st = db.conn().prepare("SELECT event_id, clock_flag FROM outbox ORDER BY seq").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn a_skew_flags_what_was_recorded_since_the_clocks_last_agreed_and_what_follows() {
        let mut db = Db::open_in_memory().unwrap();
        assert_eq!(state(db.conn()).unwrap(), ClockState::Unknown);
        enqueue(&mut db, "before-ok", "2026-11-28T08:00:00Z");
        db.write(|tx| record_offset(tx, t("2026-11-28T08:30:00Z"), 800)).unwrap();
        assert_eq!(state(db.conn()).unwrap(), ClockState::Ok { offset_ms: 800 });
        enqueue(&mut db, "after-ok", "2026-11-28T09:00:00Z");
        let n = db.write(|tx| record_offset(tx, t("2026-11-28T10:00:00Z"), -600_000)).unwrap();
        assert_eq!(n, 1, "only the check-in since the last agreeing check is flagged");
        assert_eq!(state(db.conn()).unwrap(), ClockState::Skewed { offset_ms: -600_000 });
        enqueue(&mut db, "while-skewed", "2026-11-28T10:05:00Z");
        db.write(|tx| record_offset(tx, t("2026-11-28T11:00:00Z"), 0)).unwrap();
        enqueue(&mut db, "fixed", "2026-11-28T11:05:00Z");
        assert_eq!(
            flags(&db),
            vec![
                ("before-ok".into(), None),
                ("after-ok".into(), Some("skew".into())),
                ("while-skewed".into(), Some("skew".into())),
                ("fixed".into(), None),
            ]
        );
        assert_eq!(state(db.conn()).unwrap(), ClockState::Ok { offset_ms: 0 });
    }

    #[test]
    fn a_clock_that_goes_backwards_is_caught_between_two_check_ins() {
        let mut db = Db::open_in_memory().unwrap();
        enqueue(&mut db, "a", "2026-11-28T10:00:00Z");
        enqueue(&mut db, "b", "2026-11-28T09:59:30Z"); // 30 s back: within tolerance
        enqueue(&mut db, "c", "2026-11-28T09:00:00Z"); // an hour back
        assert_eq!(state(db.conn()).unwrap(), ClockState::WentBackwards { by_ms: 3_570_000 });
        enqueue(&mut db, "d", "2026-11-28T09:01:00Z"); // still under the doubtful clock
        db.write(|tx| record_offset(tx, t("2026-11-28T09:02:00Z"), 1_000)).unwrap();
        enqueue(&mut db, "e", "2026-11-28T09:03:00Z");
        let f = flags(&db);
        assert_eq!(
            f.iter().map(|(_, f)| f.as_deref()).collect::<Vec<_>>(),
            [None, None, Some("backwards"), Some("backwards"), None]
        );
        assert_eq!(state(db.conn()).unwrap(), ClockState::Ok { offset_ms: 1_000 });
    }
}
