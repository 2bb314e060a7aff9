//! The benchmarks' shared parts: one shape of gym (members with names and
//! codes, one session open now), so the examples measure the same data, and
//! the `frontdesk-central` child they run against.

use chrono::{Duration, Utc};
use frontdesk::db::gym::Gym;
use frontdesk::snapshot::{ApiMember, ApiSession, ApiSessionWithClass, Snapshot};
use std::process::Child;

/// A gym of `members` members, with `picture(id)` as each one's picture URL.
pub fn snapshot(members: i64, picture: impl Fn(i64) -> Option<String>) -> Snapshot {
    let now = Utc::now();
    Snapshot {
        gym: Gym { id: 1, name: "Bench".into(), timezone: "UTC".into() },
        members: (1..=members)
            .map(|id| ApiMember {
                id,
                email: Some(format!("m{id}@example.com")),
                first_name: Some(format!("N{:06}", (id * 7919) % 1_000_003)),
                last_name: Some("Bench".into()),
                picture: picture(id),
                phone_number: None,
                is_active: true,
                gym_role: "MEMBER".into(),
                qr_code: Some(format!("U{id}_b{id}")),
                color: None,
                membership: None,
            })
            .collect(),
        sessions: vec![ApiSessionWithClass {
            session: ApiSession {
                id: 1,
                class_id: None,
                trainer_id: None,
                gym_id: 1,
                start_time: now - Duration::minutes(5),
                end_time: now + Duration::minutes(55),
                room: None,
                status: frontdesk::domain::SessionStatus::Scheduled,
                current_participants: 0,
                override_capacity: None,
            },
            class_info: None,
        }],
        participations: vec![],
    }
}

/// `frontdesk-central` serving, and its API URL; killed when dropped.
pub struct Server(pub Child, pub String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
