//! The model of one calendar day in the gym's IANA time zone: its class
//! sessions with their counts, every check-in with how it was taken and
//! whether it has reached the central API, and the totals. Every renderer
//! (CSV, XLSX, HTML) reads only this, so the numbers agree across formats.
//!
//! A day runs from local midnight to the next local midnight, so it lasts 23
//! or 25 hours when the clocks change. Times are kept both in UTC (exact) and
//! as local wall-clock times with their UTC offset (what staff read; on the
//! fall-back day the same wall-clock time happens twice and the offset tells
//! them apart).

use super::query;
use super::Result;
use crate::db::check_in_rows::{self, Delivery};
use crate::db::gym::{self, Gym};
use crate::db::{desk_notes, members};
use crate::domain::{SessionStatus, Source};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::Serialize;

/// A local wall-clock time and the UTC offset in force at that instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LocalTime {
    pub utc: DateTime<Utc>,
    pub local: NaiveDateTime,
    /// Seconds east of UTC.
    pub offset_secs: i32,
}

impl LocalTime {
    pub fn new(utc: DateTime<Utc>, tz: Tz) -> Self {
        let zoned = utc.with_timezone(&tz);
        LocalTime { utc, local: zoned.naive_local(), offset_secs: zoned.offset().fix().local_minus_utc() }
    }

    /// `UTC+02:00` style (never starts with `+`/`-`, so spreadsheets keep it as text).
    pub fn offset_label(&self) -> String {
        let s = self.offset_secs;
        let sign = if s < 0 { '-' } else { '+' };
        let a = s.unsigned_abs();
        format!("UTC{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
    }

    /// `HH:MM`.
    pub fn hm(&self) -> String {
        self.local.format("%H:%M").to_string()
    }

    /// `YYYY-MM-DD HH:MM:SS`, which spreadsheets read as a date-time.
    pub fn ymd_hms(&self) -> String {
        self.local.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// Whether a check-in has reached the central API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SyncState {
    Synced,
    Queued,
    Parked,
    /// A demo gym's check-in, which never leaves the desk: not unsynced.
    Demo,
}

impl SyncState {
    pub fn as_str(self) -> &'static str {
        match self {
            SyncState::Synced => "synced",
            SyncState::Queued => "queued",
            SyncState::Parked => "parked",
            SyncState::Demo => "demo",
        }
    }
}

/// One class session that starts on the day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionLine {
    pub id: i64,
    pub class_name: String,
    pub start: LocalTime,
    pub end: LocalTime,
    pub room: Option<String>,
    /// The session's override, else the class's maximum.
    pub capacity: Option<i64>,
    pub status: SessionStatus,
    /// Booked and not cancelled (a row with a registration time).
    pub registered: i64,
    pub attended: i64,
    /// Registered but not attended, once the session has ended; 0 for a
    /// cancelled session.
    pub no_shows: i64,
    /// Registered and not attended yet, while the session has not ended (not
    /// started or in progress): the member may still come. 0 once it has
    /// ended, and for a cancelled session.
    pub pending: i64,
    /// Attended without registering (no registration time).
    pub walk_ins: i64,
}

impl SessionLine {
    pub fn is_cancelled(&self) -> bool {
        self.status == SessionStatus::Cancelled
    }
}

/// One attendance recorded on the day, by this desk or known from the server.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckInLine {
    pub at: LocalTime,
    pub member_id: i64,
    pub member_name: String,
    pub session_id: i64,
    pub class_name: String,
    /// `server` for rows from the central API (another desk or the app).
    pub method: Source,
    pub override_reason: Option<String>,
    /// Warning codes (e.g. `membership_expired`); see [`super::labels::warning`].
    pub warnings: Vec<String>,
    pub sync: SyncState,
    /// Who entered it by hand or overrode it, whose PIN approved the
    /// override, who dismissed it while parked (desks with staff profiles).
    pub staff: Option<String>,
    pub approved_by: Option<String>,
    pub dismissed_by: Option<String>,
}

/// A desk note written or cleared on the day (notes never reach the server,
/// so the report is where an owner reads them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoteLine {
    pub member_id: i64,
    pub member_name: String,
    pub text: String,
    pub written: LocalTime,
    /// The staff member when the desk knows, else the desk's device id.
    pub written_by: String,
    pub cleared: Option<LocalTime>,
    pub cleared_by: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Sessions held or scheduled (not cancelled).
    pub sessions: i64,
    pub cancelled_sessions: i64,
    /// Sums over the sessions that are not cancelled.
    pub registered: i64,
    pub attended: i64,
    /// Bookings not attended of the sessions that have ended.
    pub no_shows: i64,
    /// Bookings not attended yet of the sessions that have not ended.
    pub pending: i64,
    pub walk_ins: i64,
    /// Check-ins recorded on the day (attendance time within the day).
    pub check_ins: i64,
    pub by_server: i64,
    pub by_camera: i64,
    pub by_scanner: i64,
    pub by_manual: i64,
    pub by_override: i64,
    pub with_warnings: i64,
    pub queued: i64,
    pub parked: i64,
}

impl Totals {
    /// Check-ins the central API does not have yet.
    pub fn unsynced(&self) -> i64 {
        self.queued + self.parked
    }
}

/// Everything a daily report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayReport {
    pub gym_id: i64,
    pub gym_name: String,
    pub timezone: String,
    pub date: NaiveDate,
    pub day_start: DateTime<Utc>,
    pub day_end: DateTime<Utc>,
    pub generated_at: LocalTime,
    pub sessions: Vec<SessionLine>,
    pub check_ins: Vec<CheckInLine>,
    /// Desk notes written or cleared on the day, in the order written.
    pub notes: Vec<NoteLine>,
    pub totals: Totals,
}

impl DayReport {
    /// Builds the report of `date` (a calendar day in the gym's zone) from the
    /// replica as of `now` (the caller's injected clock): it is printed as the
    /// generation time, and a session that has not ended by then counts its
    /// bookings without a check-in as pending rather than as no-shows.
    pub fn build(conn: &Connection, date: NaiveDate, now: DateTime<Utc>) -> Result<DayReport> {
        let gym = gym::require(conn)?;
        let tz = gym.tz();
        let (day_start, day_end) = crate::time::local_day_bounds(tz, date).ok_or(super::Error::NoSuchDay(date))?;
        let sessions: Vec<SessionLine> =
            query::sessions(conn, gym.id, day_start, day_end)?.into_iter().map(|s| session_line(s, tz, now)).collect();
        let check_ins: Vec<CheckInLine> =
            check_in_rows::read(conn, check_in_rows::Filter::Day { gym_id: gym.id, from: day_start, to: day_end })?
                .into_iter()
                .map(|c| check_in_line(c, tz))
                .collect();
        let totals = totals(&sessions, &check_ins);
        let notes = desk_notes::touched_between(conn, day_start, day_end)?
            .into_iter()
            .map(|n| note_line(conn, n, tz))
            .collect::<Result<Vec<_>>>()?;
        Ok(DayReport {
            gym_id: gym.id,
            gym_name: gym.name,
            timezone: tz.name().to_owned(),
            date,
            day_start,
            day_end,
            generated_at: LocalTime::new(now, tz),
            sessions,
            check_ins,
            notes,
            totals,
        })
    }

    /// The day's length in hours: 24, or 23 / 25 on a clock-change day.
    pub fn hours(&self) -> i64 {
        (self.day_end - self.day_start).num_hours()
    }

    pub fn has_unsynced(&self) -> bool {
        self.totals.unsynced() > 0
    }
}

/// Today's date in the gym's zone at `now`: the CLI's default report date.
pub fn today(gym: &Gym, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&gym.tz()).date_naive()
}

/// Whether a session that ends at `end` is over at `now`. Until then (not
/// started, or in progress) a booking without a check-in is pending: the
/// member may still come, and the check-in rules still accept them.
fn has_ended(end: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    end <= now
}

/// A session's line as of `now`: its absent bookings are no-shows once it has
/// ended and pending before; a cancelled session has neither.
fn session_line(s: query::SessionRaw, tz: Tz, now: DateTime<Utc>) -> SessionLine {
    let end = crate::time::from_ms(s.end);
    let (no_shows, pending) = match (s.status, has_ended(end, now)) {
        (SessionStatus::Cancelled, _) => (0, 0),
        (_, true) => (s.absent, 0),
        (_, false) => (0, s.absent),
    };
    SessionLine {
        id: s.id,
        class_name: s.class_name.unwrap_or_else(|| format!("#{}", s.id)),
        start: LocalTime::new(crate::time::from_ms(s.start), tz),
        end: LocalTime::new(end, tz),
        room: s.room,
        capacity: s.capacity,
        status: s.status,
        registered: s.registered,
        attended: s.attended,
        no_shows,
        pending,
        walk_ins: s.walk_ins,
    }
}

fn check_in_line(c: check_in_rows::CheckInRow, tz: Tz) -> CheckInLine {
    let sync = match c.delivery() {
        Delivery::Synced => SyncState::Synced,
        Delivery::Queued => SyncState::Queued,
        Delivery::Parked => SyncState::Parked,
        Delivery::Demo => SyncState::Demo,
    };
    CheckInLine {
        at: LocalTime::new(c.at, tz),
        warnings: c.warnings_with_clock(),
        member_name: c.member_name,
        member_id: c.member_id,
        session_id: c.session_id,
        class_name: c.class_name.unwrap_or_else(|| format!("#{}", c.session_id)),
        method: c.source,
        override_reason: c.override_reason.filter(|r| !r.trim().is_empty()),
        sync,
        staff: c.staff,
        approved_by: c.approved_by,
        dismissed_by: c.dismissed_by,
    }
}

fn note_line(conn: &Connection, n: desk_notes::DeskNote, tz: Tz) -> Result<NoteLine> {
    let member_name =
        members::summary(conn, n.member_id)?.map(|m| m.name).unwrap_or_else(|| format!("#{}", n.member_id));
    Ok(NoteLine {
        member_id: n.member_id,
        member_name,
        text: n.text,
        written: LocalTime::new(n.created_at, tz),
        written_by: n.staff.unwrap_or(n.device_id),
        cleared: n.cleared_at.map(|t| LocalTime::new(t, tz)),
        cleared_by: n.cleared_by_staff.or(n.cleared_by_device),
    })
}

fn totals(sessions: &[SessionLine], check_ins: &[CheckInLine]) -> Totals {
    let mut t = Totals::default();
    for s in sessions {
        if s.is_cancelled() {
            t.cancelled_sessions += 1;
            continue;
        }
        t.sessions += 1;
        t.registered += s.registered;
        t.attended += s.attended;
        t.no_shows += s.no_shows;
        t.pending += s.pending;
        t.walk_ins += s.walk_ins;
    }
    for c in check_ins {
        t.check_ins += 1;
        match c.method {
            Source::Server => t.by_server += 1,
            Source::Camera => t.by_camera += 1,
            Source::Scanner => t.by_scanner += 1,
            Source::Manual => t.by_manual += 1,
            Source::Override => t.by_override += 1,
        }
        if !c.warnings.is_empty() {
            t.with_warnings += 1;
        }
        match c.sync {
            SyncState::Synced | SyncState::Demo => {}
            SyncState::Queued => t.queued += 1,
            SyncState::Parked => t.parked += 1,
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(tz: &str, date: &str) -> i64 {
        let (a, b) = crate::time::local_day_bounds(tz.parse().unwrap(), date.parse().unwrap()).unwrap();
        (b - a).num_hours()
    }

    #[test]
    fn clock_change_days_have_23_or_25_hours() {
        assert_eq!(hours("Europe/Madrid", "2026-03-29"), 23);
        assert_eq!(hours("Europe/Madrid", "2026-10-25"), 25);
        assert_eq!(hours("America/New_York", "2026-11-01"), 25);
        assert_eq!(hours("America/Mexico_City", "2026-10-25"), 24);
    }

    #[test]
    fn a_skipped_midnight_starts_the_day_at_the_first_real_time() {
        // Santiago de Chile springs forward at local midnight.
        let tz: Tz = "America/Santiago".parse().unwrap();
        let (start, end) = crate::time::local_day_bounds(tz, "2026-09-06".parse().unwrap()).unwrap();
        assert_eq!(LocalTime::new(start, tz).hm(), "01:00");
        assert_eq!((end - start).num_hours(), 23);
    }

    /// A session of 18:30-19:30 UTC with `attended` bookings checked in and
    /// `absent` bookings not (yet) checked in.
    fn raw(status: SessionStatus, attended: i64, absent: i64) -> query::SessionRaw {
        let ms = |s: &str| crate::time::to_ms(s.parse().unwrap());
        query::SessionRaw {
            id: 1,
            class_name: Some("Boxeo".into()),
            start: ms("2026-11-28T18:30:00Z"),
            end: ms("2026-11-28T19:30:00Z"),
            room: None,
            capacity: Some(16),
            status,
            registered: attended + absent,
            attended,
            absent,
            walk_ins: 0,
        }
    }

    #[test]
    fn bookings_without_a_check_in_are_pending_until_the_session_ends() {
        use SessionStatus::*;
        let tz: Tz = "UTC".parse().unwrap();
        // (case, status, now, attended, absent) -> (attended, no-shows, pending)
        let cases = [
            ("not started, at 14:15", Scheduled, "2026-11-28T14:15:00Z", 0, 3, (0, 0, 3)),
            ("not started, one already in", Scheduled, "2026-11-28T18:20:00Z", 1, 2, (1, 0, 2)),
            ("just started", InProgress, "2026-11-28T18:30:00Z", 1, 2, (1, 0, 2)),
            ("in progress", InProgress, "2026-11-28T19:00:00Z", 2, 1, (2, 0, 1)),
            ("in progress, all in", InProgress, "2026-11-28T19:29:59Z", 3, 0, (3, 0, 0)),
            ("ends now: ended", Scheduled, "2026-11-28T19:30:00Z", 1, 2, (1, 2, 0)),
            ("ended", Completed, "2026-11-28T21:00:00Z", 2, 1, (2, 1, 0)),
            ("ended, none came", Completed, "2026-11-29T08:00:00Z", 0, 3, (0, 3, 0)),
            ("ended, the server still says scheduled", Scheduled, "2026-11-29T08:00:00Z", 1, 1, (1, 1, 0)),
            ("cancelled, not started", Cancelled, "2026-11-28T14:15:00Z", 0, 3, (0, 0, 0)),
            ("cancelled, ended", Cancelled, "2026-11-29T08:00:00Z", 0, 3, (0, 0, 0)),
        ];
        for (case, status, now, attended, absent, want) in cases {
            let l = session_line(raw(status, attended, absent), tz, now.parse().unwrap());
            assert_eq!((l.attended, l.no_shows, l.pending), want, "{case}");
            assert_eq!(l.registered, attended + absent, "{case}");
        }
    }

    #[test]
    fn the_days_totals_keep_pending_apart_from_no_shows() {
        let tz: Tz = "UTC".parse().unwrap();
        let now = "2026-11-28T14:15:00Z".parse().unwrap();
        let mut ended = raw(SessionStatus::Completed, 4, 2);
        (ended.start, ended.end) = (ended.start - 8 * 3_600_000, ended.end - 8 * 3_600_000);
        let lines = [
            session_line(ended, tz, now),
            session_line(raw(SessionStatus::Scheduled, 0, 5), tz, now),
            session_line(raw(SessionStatus::Cancelled, 0, 7), tz, now),
        ];
        let t = totals(&lines, &[]);
        assert_eq!((t.sessions, t.cancelled_sessions), (2, 1));
        assert_eq!((t.registered, t.attended, t.no_shows, t.pending), (11, 4, 2, 5));
    }

    #[test]
    fn offsets_never_start_with_a_sign() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let t = LocalTime::new("2026-01-10T15:00:00Z".parse().unwrap(), tz);
        assert_eq!(t.offset_label(), "UTC-05:00");
        assert_eq!(t.hm(), "10:00");
    }
}
