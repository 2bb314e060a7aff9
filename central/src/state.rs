//! The server's state: the gyms it serves (loaded from snapshots), every
//! participation write it made (to prove exactly-once in tests), the batch
//! extension's idempotency keys, the clock, the faults and request counters.

use crate::args::TokenSpec;
use crate::faults::Faults;
use chrono::{DateTime, Duration, Utc};
use frontdesk::db::gym::Gym;
use frontdesk::snapshot::{ApiMember, ApiParticipation, ApiSessionWithClass, Snapshot};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, RwLock};

pub struct GymData {
    pub gym: Gym,
    pub members: HashMap<i64, ApiMember>,
    /// Member ids sorted as GymAPI lists them: first name, last name, id.
    pub member_order: Vec<i64>,
    pub sessions: BTreeMap<i64, ApiSessionWithClass>,
    /// Keyed by (session_id, member_id), as the unique constraint upstream.
    pub participations: BTreeMap<(i64, i64), ApiParticipation>,
}

impl GymData {
    pub fn from_snapshot(s: Snapshot) -> GymData {
        let mut member_order: Vec<&ApiMember> = s.members.iter().collect();
        member_order.sort_by(|a, b| {
            let key = |m: &ApiMember| {
                (m.first_name.is_none(), m.first_name.clone(), m.last_name.is_none(), m.last_name.clone(), m.id)
            };
            key(a).cmp(&key(b))
        });
        let member_order = member_order.into_iter().map(|m| m.id).collect();
        GymData {
            gym: s.gym,
            members: s.members.into_iter().map(|m| (m.id, m)).collect(),
            member_order,
            sessions: s.sessions.into_iter().map(|x| (x.session.id, x)).collect(),
            participations: s.participations.into_iter().map(|p| ((p.session_id, p.member_id), p)).collect(),
        }
    }

    pub fn to_snapshot(&self) -> Snapshot {
        let mut sessions: Vec<_> = self.sessions.values().cloned().collect();
        sessions.sort_by_key(|s| (s.session.start_time, s.session.id));
        let mut participations: Vec<_> = self.participations.values().cloned().collect();
        participations.sort_by_key(|p| p.id);
        Snapshot {
            gym: self.gym.clone(),
            members: self.member_order.iter().map(|id| self.members[id].clone()).collect(),
            sessions,
            participations,
        }
    }
}

/// One (gym, session, member) attendance as written by this server.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub gym_id: i64,
    pub session_id: i64,
    pub member_id: i64,
    /// How many times a request set this participation to attended.
    pub times_recorded: u32,
    #[serde(with = "frontdesk::time::serde_utc")]
    pub attendance_time: DateTime<Utc>,
    /// Which endpoint wrote it each time: check-in, attendance, batch.
    pub via: Vec<&'static str>,
    pub event_ids: Vec<String>,
}

#[derive(Default)]
pub struct World {
    pub gyms: BTreeMap<i64, GymData>,
    pub next_participation_id: i64,
    pub records: BTreeMap<(i64, i64, i64), Record>,
    /// Batch extension: event_id -> (gym, session, member) it recorded.
    pub events: HashMap<String, (i64, i64, i64)>,
}

impl World {
    pub fn new(snapshots: Vec<Snapshot>) -> World {
        let next = snapshots.iter().flat_map(|s| s.participations.iter().map(|p| p.id)).max().unwrap_or(0) + 1;
        World {
            gyms: snapshots.into_iter().map(|s| (s.gym.id, GymData::from_snapshot(s))).collect(),
            next_participation_id: next,
            ..World::default()
        }
    }

    /// Notes a write that made (session, member) attended.
    pub fn record(
        &mut self,
        gym_id: i64,
        session_id: i64,
        member_id: i64,
        at: DateTime<Utc>,
        via: &'static str,
        event: Option<&str>,
    ) {
        let r = self.records.entry((gym_id, session_id, member_id)).or_insert_with(|| Record {
            gym_id,
            session_id,
            member_id,
            times_recorded: 0,
            attendance_time: at,
            via: vec![],
            event_ids: vec![],
        });
        r.times_recorded += 1;
        r.attendance_time = at;
        r.via.push(via);
        if let Some(e) = event {
            r.event_ids.push(e.to_owned());
        }
    }
}

#[derive(Default)]
pub struct Stats {
    pub requests: AtomicU64,
    pub in_flight: AtomicU64,
    pub max_in_flight: AtomicU64,
    pub dropped: AtomicU64,
}

pub struct Inner {
    pub world: Mutex<World>,
    pub tokens: Vec<TokenSpec>,
    pub extension: bool,
    pub as_deployed: bool,
    /// Participants lists sorted by id instead of GymAPI's unstable order.
    pub ordered_lists: bool,
    /// The server clock is the wall clock plus this offset (milliseconds).
    pub clock_offset_ms: RwLock<i64>,
    pub faults: RwLock<Faults>,
    pub rate_window: Mutex<(i64, u64)>,
    pub stats: Stats,
    /// `http://127.0.0.1:PORT` once bound, for `{self}` in pictures (photos.rs).
    pub self_origin: std::sync::OnceLock<String>,
    /// Requests per photo path and query.
    pub photo_requests: Mutex<BTreeMap<String, u64>>,
    /// Encoded portraits by (member id, variant).
    pub portraits: Mutex<HashMap<(i64, u32), axum::body::Bytes>>,
}

pub type App = Arc<Inner>;

impl Inner {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::milliseconds(*self.clock_offset_ms.read().unwrap_or_else(|e| e.into_inner()))
    }

    pub fn world(&self) -> std::sync::MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }
}
