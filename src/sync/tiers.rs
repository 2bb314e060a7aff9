//! When a tiered pull asks for what (issue 10, "pull less"): GymAPI has no
//! `updated_since` and costs one request per member for memberships, so the
//! worker's pulls read each kind of data on its own schedule. Pure functions
//! of the cache's fetch times and the clock, tested with case tables; `pull`
//! does the I/O.

use super::pull::StagedSession;
use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, HashSet};

/// How often a tiered pull asks for each kind of data (the worker's pulls;
/// `sync --once` pulls everything). GymAPI has no `updated_since`, so the
/// desk spreads the per-member calls: see docs/ARCHITECTURE.md, "Sync".
#[derive(Debug, Clone)]
pub struct Tiers {
    /// Time between pulls (the worker's `pull_every`).
    pub period: Duration,
    /// The member list (names, codes, photos) is read again after this.
    pub members_every: Duration,
    /// An expected visitor's membership is never older than this.
    pub visitor_max_age: Duration,
    /// Every other membership is refreshed in a rotation spread over this.
    pub rotation: Duration,
    /// ... and never older than this, even after the desk was off.
    pub everyone_max_age: Duration,
    /// Classes starting within this (or running, or ended within the hour)
    /// have their bookings read on every pull.
    pub soon: Duration,
    /// Later classes, every this often.
    pub later_every: Duration,
}

impl Tiers {
    pub fn every(period: Duration) -> Tiers {
        Tiers {
            period,
            members_every: Duration::hours(6),
            visitor_max_age: Duration::minutes(15),
            rotation: Duration::hours(20),
            everyone_max_age: Duration::hours(24),
            soon: Duration::hours(3),
            later_every: Duration::hours(1),
        }
    }
}

/// The memberships a tiered pull asks for (pure; case tables in the tests):
/// every member with none yet; an expected visitor's when it would otherwise
/// pass `visitor_max_age` before the next pull; everyone else's oldest first,
/// as many as spread the whole list over `rotation`, plus any past
/// `everyone_max_age`.
pub fn memberships_due(
    members: &[i64],
    fetched: &HashMap<i64, Option<DateTime<Utc>>>,
    visitors: &HashSet<i64>,
    now: DateTime<Utc>,
    t: &Tiers,
) -> Vec<i64> {
    let mut due = Vec::new();
    let mut others: Vec<(DateTime<Utc>, i64)> = Vec::new();
    for &id in members {
        match fetched.get(&id).copied().flatten() {
            None => due.push(id),
            Some(at) if visitors.contains(&id) => {
                if now - at + t.period > t.visitor_max_age {
                    due.push(id);
                }
            }
            Some(at) => others.push((at, id)),
        }
    }
    others.sort();
    let period = t.period.num_seconds().max(0) as u64;
    let share = (others.len() as u64 * period).div_ceil(t.rotation.num_seconds().max(1) as u64) as usize;
    for (i, (at, id)) in others.into_iter().enumerate() {
        if i < share || now - at + t.period > t.everyone_max_age {
            due.push(id);
        }
    }
    due
}

/// The sessions whose bookings a tiered pull reads (pure): those not read
/// yet; those running, starting within `soon` or ended within the hour, on
/// every pull; later ones every `later_every`; ended ones once more after
/// they ended.
pub fn participants_due(
    sessions: &[StagedSession],
    fetched: &HashMap<i64, Option<DateTime<Utc>>>,
    now: DateTime<Utc>,
    t: &Tiers,
) -> Vec<i64> {
    sessions
        .iter()
        .map(|s| &s.item.session)
        .filter(|s| match fetched.get(&s.id).copied().flatten() {
            None => true,
            Some(_) if s.end_time > now - Duration::hours(1) && s.start_time < now + t.soon => true,
            Some(at) if s.start_time >= now + t.soon => now - at + t.period > t.later_every,
            Some(at) => at < s.end_time + Duration::hours(1),
        })
        .map(|s| s.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::ApiSession;
    use crate::snapshot::ApiSessionWithClass;
    use crate::time::parse_utc;

    fn t(s: &str) -> DateTime<Utc> {
        parse_utc(s).unwrap()
    }

    const NOW: &str = "2026-12-01T12:00:00Z";

    fn tiers() -> Tiers {
        Tiers::every(Duration::minutes(5))
    }

    /// Membership refreshes by case: (member, fetched, visitor?, due?).
    #[test]
    fn memberships_are_asked_for_by_age_and_by_who_is_expected() {
        let now = t(NOW);
        let cases: Vec<(i64, Option<&str>, bool, bool)> = vec![
            (1, None, false, true),                          // never fetched
            (2, Some("2026-12-01T11:49:00Z"), true, true),   // visitor, 11 min old: would pass 15 before the next pull
            (3, Some("2026-12-01T11:58:00Z"), true, false),  // visitor, fresh
            (4, Some("2026-11-30T11:00:00Z"), false, true),  // 25 h old: past the daily limit
            (5, Some("2026-12-01T11:59:00Z"), false, false), // fresh, not the oldest
        ];
        let members: Vec<i64> = cases.iter().map(|c| c.0).collect();
        let fetched: HashMap<i64, Option<DateTime<Utc>>> = cases.iter().map(|c| (c.0, c.1.map(t))).collect();
        let visitors: HashSet<i64> = cases.iter().filter(|c| c.2).map(|c| c.0).collect();
        let due: HashSet<i64> = memberships_due(&members, &fetched, &visitors, now, &tiers()).into_iter().collect();
        for (id, at, visitor, want) in cases {
            assert_eq!(due.contains(&id), want, "member {id} fetched {at:?} visitor {visitor}");
        }
    }

    #[test]
    fn the_rotation_refreshes_everyone_well_inside_a_day_at_a_steady_share() {
        // 5,000 members fetched together, then pulls every 5 minutes for a day.
        let tiers = tiers();
        let members: Vec<i64> = (1..=5000).collect();
        let start = t(NOW);
        let mut fetched: HashMap<i64, Option<DateTime<Utc>>> = members.iter().map(|&m| (m, Some(start))).collect();
        let mut worst = Duration::zero();
        let mut most = 0;
        for round in 1..=288 {
            let now = start + tiers.period * round;
            let due = memberships_due(&members, &fetched, &HashSet::new(), now, &tiers);
            most = most.max(due.len());
            for id in due {
                fetched.insert(id, Some(now));
            }
            let oldest = fetched.values().map(|a| now - a.unwrap()).max().unwrap();
            worst = worst.max(oldest);
        }
        assert!(worst <= Duration::hours(24), "no membership older than a day: {worst}");
        assert!(most <= 30, "a steady share per pull, not a burst: at most {most}");
    }

    #[test]
    fn bookings_are_read_for_classes_around_now_and_seldom_for_the_rest() {
        let now = t(NOW);
        let session = |id: i64, start: &str| StagedSession {
            item: ApiSessionWithClass {
                session: ApiSession {
                    id,
                    class_id: None,
                    trainer_id: None,
                    gym_id: 1,
                    start_time: t(start),
                    end_time: t(start) + Duration::hours(1),
                    room: None,
                    status: crate::domain::SessionStatus::Scheduled,
                    current_participants: 0,
                    override_capacity: None,
                },
                class_info: None,
            },
            timezone: None,
        };
        let cases: Vec<(StagedSession, Option<&str>, bool)> = vec![
            (session(1, "2026-12-01T11:30:00Z"), Some("2026-12-01T11:58:00Z"), true), // running
            (session(2, "2026-12-01T14:00:00Z"), Some("2026-12-01T11:58:00Z"), true), // starts within 3 h
            (session(3, "2026-12-01T20:00:00Z"), Some("2026-12-01T11:58:00Z"), false), // later, read lately
            (session(4, "2026-12-01T20:00:00Z"), Some("2026-12-01T10:50:00Z"), true), // later, read over an hour ago
            (session(5, "2026-12-01T08:00:00Z"), Some("2026-12-01T10:30:00Z"), false), // ended, read after its last hour
            (session(6, "2026-12-01T08:00:00Z"), Some("2026-12-01T08:30:00Z"), true),  // ended, last read while running
            (session(7, "2026-12-02T09:00:00Z"), None, true),                          // never read
        ];
        let fetched: HashMap<i64, Option<DateTime<Utc>>> =
            cases.iter().map(|c| (c.0.item.session.id, c.1.map(t))).collect();
        let sessions: Vec<StagedSession> = cases.iter().map(|c| c.0.clone()).collect();
        let due: HashSet<i64> = participants_due(&sessions, &fetched, now, &tiers()).into_iter().collect();
        for (s, at, want) in &cases {
            assert_eq!(due.contains(&s.item.session.id), *want, "session {} read {at:?}", s.item.session.id);
        }
    }
}
