//! The range report owners read (issue 15): visits per day and per hour of
//! the week (the heat map), per-class utilisation (attended against
//! capacity, no-shows, walk-ins), per-member visit counts with the last
//! visit, and the members with a paid membership who have not come in N days
//! (churn risk), over a span of calendar days in the gym's time zone. Built
//! once from the replica as a plain model, then rendered as CSV, XLSX (a sheet
//! per table, the heat map as a table) or the HTML print view with the charts
//! drawn as SVG. Like the day report it never reads the clock: "now" is a
//! parameter (the generation time; it decides which sessions have ended and
//! the day churn is measured from).
//!
//! The replica holds what this desk knows: every check-in it recorded, and
//! the server's for the days its pulls covered. The report says so.

pub mod csv;
pub mod html;
pub mod labels;
pub mod xlsx;

use super::day::LocalTime;
use super::Result;
use crate::db::gym;
use crate::db::members::display_name;
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection};
use serde::Serialize;
use std::collections::HashMap;

/// The longest span a range report covers.
pub const MAX_DAYS: i64 = 366;
/// "Not come in N days" when the caller does not say.
pub const DEFAULT_CHURN_DAYS: u32 = 14;
/// Bounds of N.
pub const MAX_CHURN_DAYS: u32 = 365;

/// What the caller asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangeParams {
    /// The first and last day, both included, in the gym's time zone.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Churn risk: a paid member with no visit in this many days before the
    /// end of the range (or before now, if the range has not ended).
    pub churn_days: u32,
}

impl RangeParams {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        RangeParams { from, to, churn_days: DEFAULT_CHURN_DAYS }
    }

    /// A message for staff when the range cannot be reported.
    pub fn validate(&self) -> std::result::Result<(), String> {
        if self.to < self.from {
            return Err(format!("the range ends ({}) before it starts ({})", self.to, self.from));
        }
        let days = (self.to - self.from).num_days() + 1;
        if days > MAX_DAYS {
            return Err(format!("a range report covers at most {MAX_DAYS} days ({days} asked)"));
        }
        if !(1..=MAX_CHURN_DAYS).contains(&self.churn_days) {
            return Err(format!("\"not come in N days\" must be between 1 and {MAX_CHURN_DAYS}"));
        }
        Ok(())
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

/// One day of the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    pub date: NaiveDate,
    pub visits: i64,
    /// Different members who came that day.
    pub members: i64,
}

/// One class (by name) over the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassLine {
    pub class_name: String,
    /// Sessions held or scheduled (not cancelled).
    pub sessions: i64,
    pub cancelled: i64,
    /// Places offered: the capacities of the sessions that have one.
    pub capacity: i64,
    pub attended: i64,
    /// Attended in the sessions that have a capacity (the utilisation's numerator).
    pub attended_with_capacity: i64,
    /// Bookings not attended of the sessions that have ended.
    pub no_shows: i64,
    /// Attended without a booking.
    pub walk_ins: i64,
}

impl ClassLine {
    /// Attended / capacity, over the sessions that have a capacity.
    pub fn utilisation(&self) -> Option<f64> {
        (self.capacity > 0).then(|| self.attended_with_capacity as f64 / self.capacity as f64)
    }
}

/// A member who came in the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberLine {
    pub member_id: i64,
    pub name: String,
    pub visits: i64,
    pub last_visit: LocalTime,
}

/// A member with a paid membership who has not come in `churn_days`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChurnLine {
    pub member_id: i64,
    pub name: String,
    pub membership_type: Option<String>,
    pub expires_at: Option<LocalTime>,
    /// The last visit the desk knows of (before the reference day), if any.
    pub last_visit: Option<LocalTime>,
    /// Whole days from the last visit to the reference time; `None` = never seen.
    pub days_since: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RangeTotals {
    pub visits: i64,
    pub distinct_members: i64,
    pub sessions: i64,
    pub cancelled_sessions: i64,
    pub capacity: i64,
    pub no_shows: i64,
    pub walk_ins: i64,
    pub churn_risk: i64,
}

/// Everything a range report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RangeReport {
    pub gym_id: i64,
    pub gym_name: String,
    pub timezone: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub churn_days: u32,
    pub generated_at: LocalTime,
    /// The moment churn is measured from: the end of the range, or now if earlier.
    pub churn_as_of: LocalTime,
    pub days: Vec<DayCount>,
    /// Visits by local weekday (Monday first) and hour.
    pub heat: [[i64; 24]; 7],
    pub classes: Vec<ClassLine>,
    /// Most visits first, then by name.
    pub members: Vec<MemberLine>,
    /// Never seen first, then the longest absence.
    pub churn: Vec<ChurnLine>,
    pub totals: RangeTotals,
}

/// Membership types that are not paid (GymAPI's `free`, `trial`, and `none`
/// for no membership).
fn is_paid(membership_type: Option<&str>) -> bool {
    membership_type.is_some_and(|t| !matches!(t.trim().to_ascii_lowercase().as_str(), "" | "free" | "trial" | "none"))
}

impl RangeReport {
    pub fn build(conn: &Connection, p: RangeParams, now: DateTime<Utc>) -> Result<RangeReport> {
        p.validate().map_err(crate::Error::Invalid)?;
        let gym = gym::require(conn)?;
        let tz = gym.tz();
        let (start, _) = crate::time::local_day_bounds(tz, p.from).ok_or(super::Error::NoSuchDay(p.from))?;
        let (_, end) = crate::time::local_day_bounds(tz, p.to).ok_or(super::Error::NoSuchDay(p.to))?;

        // Visits in the range: one pass over the attended participations.
        let mut days: Vec<DayCount> =
            (0..p.days()).map(|i| DayCount { date: p.from + Duration::days(i), visits: 0, members: 0 }).collect();
        let mut day_members: Vec<std::collections::HashSet<i64>> = vec![Default::default(); days.len()];
        let mut heat = [[0i64; 24]; 7];
        let mut per_member: HashMap<i64, (i64, i64)> = HashMap::new(); // visits, last (ms)
        {
            let mut stmt = conn.prepare_cached(
                "SELECT p.member_id, COALESCE(p.attendance_time, s.start_time) AS at
                 FROM participations p LEFT JOIN sessions s ON s.id = p.session_id
                 WHERE p.gym_id = ?1 AND p.status = 'attended' AND at >= ?2 AND at < ?3",
            )?;
            let mut rows = stmt.query(params![gym.id, to_ms(start), to_ms(end)])?;
            while let Some(r) = rows.next()? {
                let (member, at): (i64, i64) = (r.get(0)?, r.get(1)?);
                let local = from_ms(at).with_timezone(&tz);
                let i = (local.date_naive() - p.from).num_days();
                if let Some(d) = usize::try_from(i).ok().and_then(|i| days.get_mut(i)) {
                    d.visits += 1;
                    day_members[i as usize].insert(member);
                }
                heat[local.weekday().num_days_from_monday() as usize][local.hour() as usize] += 1;
                let e = per_member.entry(member).or_insert((0, at));
                e.0 += 1;
                e.1 = e.1.max(at);
            }
        }
        for (d, m) in days.iter_mut().zip(&day_members) {
            d.members = m.len() as i64;
        }

        // Names, memberships and the last visit before the churn reference.
        let churn_ref = end.min(now);
        let mut last_before: HashMap<i64, i64> = HashMap::new();
        {
            let mut stmt = conn.prepare_cached(
                "SELECT p.member_id, MAX(COALESCE(p.attendance_time, s.start_time)) AS at
                 FROM participations p LEFT JOIN sessions s ON s.id = p.session_id
                 WHERE p.gym_id = ?1 AND p.status = 'attended' AND COALESCE(p.attendance_time, s.start_time) < ?2
                 GROUP BY p.member_id",
            )?;
            let rows = stmt.query_map(params![gym.id, to_ms(churn_ref)], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for row in rows {
                let (member, at): (i64, i64) = row?;
                last_before.insert(member, at);
            }
        }
        let mut members = Vec::with_capacity(per_member.len());
        let mut churn = Vec::new();
        let churn_span = Duration::days(i64::from(p.churn_days));
        {
            let mut stmt = conn.prepare_cached(
                "SELECT id, first_name, last_name, email, membership_active, membership_type, membership_expires_at
                 FROM members",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let (first, last, email): (Option<String>, Option<String>, Option<String>) =
                    (r.get(1)?, r.get(2)?, r.get(3)?);
                let name = || display_name(first.as_deref(), last.as_deref(), email.as_deref(), id);
                if let Some((visits, last)) = per_member.remove(&id) {
                    members.push(MemberLine { member_id: id, name: name(), visits, last_visit: local(last, tz) });
                }
                let (active, kind, expires): (Option<bool>, Option<String>, Option<i64>) =
                    (r.get(4)?, r.get(5)?, r.get(6)?);
                let current = expires.map_or(true, |e| from_ms(e) >= churn_ref);
                if active == Some(true) && current && is_paid(kind.as_deref()) {
                    let last = last_before.get(&id).copied().map(from_ms);
                    if last.map_or(true, |l| churn_ref - l >= churn_span) {
                        churn.push(ChurnLine {
                            member_id: id,
                            name: name(),
                            membership_type: kind,
                            expires_at: expires.map(|e| local(e, tz)),
                            last_visit: last.map(|l| LocalTime::new(l, tz)),
                            days_since: last.map(|l| (churn_ref - l).num_days()),
                        });
                    }
                }
            }
        }
        // Visitors the member list no longer holds (left the gym since) still count.
        members.extend(per_member.into_iter().map(|(id, (visits, last))| MemberLine {
            member_id: id,
            name: format!("#{id}"),
            visits,
            last_visit: local(last, tz),
        }));
        members.sort_by(|a, b| {
            b.visits.cmp(&a.visits).then_with(|| a.name.cmp(&b.name)).then(a.member_id.cmp(&b.member_id))
        });
        churn.sort_by(|a, b| {
            b.days_since.unwrap_or(i64::MAX).cmp(&a.days_since.unwrap_or(i64::MAX)).then_with(|| a.name.cmp(&b.name))
        });

        let classes = class_lines(conn, gym.id, start, end, now)?;
        let visits: i64 = days.iter().map(|d| d.visits).sum();
        let totals = RangeTotals {
            visits,
            distinct_members: members.len() as i64,
            sessions: classes.iter().map(|c| c.sessions).sum(),
            cancelled_sessions: classes.iter().map(|c| c.cancelled).sum(),
            capacity: classes.iter().map(|c| c.capacity).sum(),
            no_shows: classes.iter().map(|c| c.no_shows).sum(),
            walk_ins: classes.iter().map(|c| c.walk_ins).sum(),
            churn_risk: churn.len() as i64,
        };
        Ok(RangeReport {
            gym_id: gym.id,
            gym_name: gym.name,
            timezone: tz.name().to_owned(),
            from: p.from,
            to: p.to,
            churn_days: p.churn_days,
            generated_at: LocalTime::new(now, tz),
            churn_as_of: LocalTime::new(churn_ref, tz),
            days,
            heat,
            classes,
            members,
            churn,
            totals,
        })
    }

    /// The largest cell of the heat map (the chart's scale).
    pub fn heat_max(&self) -> i64 {
        self.heat.iter().flatten().copied().max().unwrap_or(0)
    }
}

fn local(ms: i64, tz: Tz) -> LocalTime {
    LocalTime::new(from_ms(ms), tz)
}

/// Per class name: the day report's session counts, summed.
fn class_lines(
    conn: &Connection,
    gym_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<ClassLine>> {
    let mut by_name: Vec<ClassLine> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for s in super::query::sessions(conn, gym_id, start, end)? {
        let name = s.class_name.clone().unwrap_or_else(|| "—".into());
        let i = *index.entry(name.clone()).or_insert_with(|| {
            by_name.push(ClassLine {
                class_name: name,
                sessions: 0,
                cancelled: 0,
                capacity: 0,
                attended: 0,
                attended_with_capacity: 0,
                no_shows: 0,
                walk_ins: 0,
            });
            by_name.len() - 1
        });
        let c = &mut by_name[i];
        if s.status == crate::domain::SessionStatus::Cancelled {
            c.cancelled += 1;
            continue;
        }
        c.sessions += 1;
        c.attended += s.attended;
        c.walk_ins += s.walk_ins;
        if let Some(cap) = s.capacity.filter(|c| *c > 0) {
            c.capacity += cap;
            c.attended_with_capacity += s.attended;
        }
        if from_ms(s.end) <= now {
            c.no_shows += s.absent;
        }
    }
    by_name.sort_by(|a, b| b.attended.cmp(&a.attended).then_with(|| a.class_name.cmp(&b.class_name)));
    Ok(by_name)
}

/// The totals as (label, value) pairs, the same in every format.
pub fn totals_rows(r: &RangeReport, lang: crate::domain::Lang) -> [(&'static str, i64); 9] {
    let (rl, t) = (labels::labels(lang), &r.totals);
    [
        (rl.days, r.days.len() as i64),
        (rl.visits, t.visits),
        (rl.distinct, t.distinct_members),
        (rl.sessions, t.sessions),
        (rl.cancelled, t.cancelled_sessions),
        (rl.capacity, t.capacity),
        (rl.no_shows, t.no_shows),
        (rl.walk_ins, t.walk_ins),
        (rl.churn, t.churn_risk),
    ]
}

/// The suggested file name: `asistencia-2026-11-01_2026-11-30.csv`.
pub fn file_name(from: NaiveDate, to: NaiveDate, format: super::Format, lang: crate::domain::Lang) -> String {
    format!("{}-{from}_{to}.{}", super::labels::labels(lang).file_stem, format.as_str())
}

/// The report in `format`.
pub fn render(r: &RangeReport, format: super::Format, lang: crate::domain::Lang) -> Result<Vec<u8>> {
    Ok(match format {
        super::Format::Csv => csv::render(r, lang).into_bytes(),
        super::Format::Xlsx => xlsx::render(r, lang)?,
        super::Format::Html => html::render(r, lang).into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_checked() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let cases = [
            (RangeParams::new(d("2026-11-01"), d("2026-11-30")), true),
            (RangeParams::new(d("2026-11-30"), d("2026-11-30")), true),
            (RangeParams::new(d("2026-11-30"), d("2026-11-01")), false),
            (RangeParams::new(d("2026-01-01"), d("2027-01-01")), true), // 366 days
            (RangeParams::new(d("2026-01-01"), d("2027-01-02")), false),
            (RangeParams { churn_days: 0, ..RangeParams::new(d("2026-11-01"), d("2026-11-30")) }, false),
        ];
        for (p, ok) in cases {
            assert_eq!(p.validate().is_ok(), ok, "{p:?}");
        }
    }

    #[test]
    fn only_paid_memberships_are_at_risk() {
        for (t, want) in [(Some("paid"), true), (Some("PAID"), true), (Some("monthly"), true), (Some("trial"), false)] {
            assert_eq!(is_paid(t), want, "{t:?}");
        }
        assert!(!is_paid(Some("free")) && !is_paid(Some("none")) && !is_paid(None) && !is_paid(Some(" ")));
    }
}
