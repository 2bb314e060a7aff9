//! A day of the worker's tiered pulls, simulated against `frontdesk-central`:
//! a gym with a realistic schedule, an injected clock moved on by the pull
//! period each round, and the server's request counter read around every
//! round. Shared by tests/sync_tiers.rs (small, asserting the promises) and
//! benches/pull_rounds.rs (a 5,000-member gym, printing the figures).
#![allow(dead_code)]

use super::central::{gym, write_snapshot, Central, TOKEN};
use chrono::{DateTime, Duration, Utc};
use frontdesk::clock::FixedClock;
use frontdesk::db::Db;
use frontdesk::domain::{ParticipationStatus, SessionStatus};
use frontdesk::snapshot::{ApiParticipation, Snapshot};
use frontdesk::sync::pull::{self, PullOptions, Tiers};
use frontdesk::sync::stage;
use frontdesk::sync::{Client, SyncConfig, Token};
use std::collections::HashSet;
use std::sync::Arc;

/// Gym 1 with `members` members and, on each of three days around `now`,
/// `per_day` classes from 07:00 UTC every hour, each with `booked` bookings.
pub fn scheduled_gym(members: usize, per_day: i64, booked: i64, now: DateTime<Utc>) -> Snapshot {
    let mut g = gym(1, members, now);
    let template = g.sessions[0].clone();
    g.sessions.clear();
    g.participations.clear();
    let midnight = now.date_naive().and_hms_opt(0, 0, 0).unwrap().and_utc();
    let mut next_member = 0i64;
    for day in -1..=1i64 {
        for k in 0..per_day {
            let id = 1000 + (day + 1) * 100 + k;
            let start = midnight + Duration::days(day) + Duration::hours(7 + k);
            let mut s = template.clone();
            s.session.id = id;
            s.session.start_time = start;
            s.session.end_time = start + Duration::hours(1);
            s.session.status = SessionStatus::Scheduled;
            g.sessions.push(s);
            for _ in 0..booked {
                next_member = (next_member + 37) % members as i64;
                g.participations.push(ApiParticipation {
                    id: id * 1000 + next_member,
                    session_id: id,
                    member_id: 10_001 + next_member,
                    gym_id: 1,
                    status: ParticipationStatus::Registered,
                    registration_time: Some(now - Duration::days(2)),
                    attendance_time: None,
                    cancellation_time: None,
                    cancellation_reason: None,
                });
            }
        }
    }
    g.participations.sort_by_key(|p| (p.session_id, p.member_id));
    g.participations.dedup_by_key(|p| (p.session_id, p.member_id));
    g
}

#[derive(Debug, Default)]
pub struct Figures {
    pub rounds: usize,
    pub first_pull_requests: u64,
    /// Requests of each steady-state round.
    pub per_round: Vec<u64>,
    /// The oldest membership in the cache after each round, at most.
    pub worst_membership_age: Duration,
    /// The oldest expected visitor's membership after each round, at most.
    pub worst_visitor_age: Duration,
}

impl Figures {
    pub fn average(&self) -> f64 {
        self.per_round.iter().sum::<u64>() as f64 / self.per_round.len().max(1) as f64
    }
    pub fn max(&self) -> u64 {
        self.per_round.iter().copied().max().unwrap_or(0)
    }
}

fn requests(c: &Central) -> u64 {
    c.stats()["requests"].as_u64().expect("the server counts requests")
}

/// Runs the first pull and then `rounds` tiered pulls `period` apart on the
/// desk's clock, measuring each.
pub fn simulate(dir: &std::path::Path, snap: &Snapshot, period: Duration, rounds: usize) -> Figures {
    let file = write_snapshot(dir, "sim.json", snap);
    let central = Central::start(&[&file], &[]);
    let data = dir.join("desk");
    std::fs::create_dir_all(&data).unwrap();
    let mut db = Db::open_in_dir(&data).unwrap();
    let cfg = SyncConfig { api_url: central.api_url(), gym_id: 1, token: Token::new(TOKEN.to_owned()) };
    let client = Arc::new(Client::new(cfg).unwrap());
    let opts = PullOptions { tiers: Some(Tiers::every(period)), ..PullOptions::default() };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let start = Utc::now();
    let clock = FixedClock::new(start);
    let mut f = Figures { rounds, ..Figures::default() };
    let before = requests(&central);
    rt.block_on(pull::pull(&mut db, &client, &clock, &opts, &|_| {})).expect("first pull");
    // (The admin routes that read the counter are not counted.)
    f.first_pull_requests = requests(&central) - before;
    for round in 1..=rounds {
        let now = start + period * round as i32;
        clock.set(now);
        let before = requests(&central);
        rt.block_on(pull::pull(&mut db, &client, &clock, &opts, &|_| {})).expect("steady-state pull");
        f.per_round.push(requests(&central) - before);
        let fetched = stage::fetched(db.conn(), stage::MEMBERSHIP).unwrap();
        let age = |id: &i64| now - fetched.get(id).copied().flatten().expect("every member's membership is cached");
        f.worst_membership_age = f.worst_membership_age.max(fetched.keys().map(age).max().unwrap());
        for v in visitors(snap, now) {
            f.worst_visitor_age = f.worst_visitor_age.max(age(&v));
        }
    }
    f
}

/// Members booked into a class that has not ended (and starts within a day).
fn visitors(snap: &Snapshot, now: DateTime<Utc>) -> HashSet<i64> {
    let open: HashSet<i64> = snap
        .sessions
        .iter()
        .filter(|s| s.session.end_time > now && s.session.start_time < now + Duration::hours(24))
        .map(|s| s.session.id)
        .collect();
    snap.participations.iter().filter(|p| open.contains(&p.session_id)).map(|p| p.member_id).collect()
}
