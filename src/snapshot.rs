//! The gym snapshot: one JSON document holding a gym's members, sessions and
//! participations as the central API's own objects. `frontdesk import` reads
//! it, the sync pull produces it, the reference server loads and dumps it.
//!
//! Parsing reports the JSON path of the first problem ("members[3].id"), and
//! validation checks what the types cannot (time zone, gym ids, duplicates).

use crate::db::gym::Gym;
use crate::domain::{ParticipationStatus, SessionStatus};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub gym: Gym,
    pub members: Vec<ApiMember>,
    pub sessions: Vec<ApiSessionWithClass>,
    #[serde(default)]
    pub participations: Vec<ApiParticipation>,
}

fn default_true() -> bool {
    true
}

fn default_role() -> String {
    "MEMBER".into()
}

/// A user as `GET /users/gym-participants` lists it, plus its membership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiMember {
    pub id: i64,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    #[serde(default)]
    pub phone_number: Option<String>,
    #[serde(default = "default_true")]
    pub is_active: bool,
    #[serde(default = "default_role")]
    pub gym_role: String,
    #[serde(default)]
    pub qr_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership: Option<ApiMembership>,
}

/// The part of `GET /memberships/user/{id}/status` the desk keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiMembership {
    pub is_active: bool,
    #[serde(default)]
    pub membership_type: Option<String>,
    #[serde(default, with = "crate::time::serde_utc::option")]
    pub expires_at: Option<DateTime<Utc>>,
}

/// One item of `GET /schedule/sessions/date-range`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiSessionWithClass {
    pub session: ApiSession,
    #[serde(default)]
    pub class_info: Option<ApiClassInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiSession {
    pub id: i64,
    #[serde(default)]
    pub class_id: Option<i64>,
    #[serde(default)]
    pub trainer_id: Option<i64>,
    pub gym_id: i64,
    #[serde(with = "crate::time::serde_utc")]
    pub start_time: DateTime<Utc>,
    #[serde(with = "crate::time::serde_utc")]
    pub end_time: DateTime<Utc>,
    #[serde(default)]
    pub room: Option<String>,
    pub status: SessionStatus,
    #[serde(default)]
    pub current_participants: i64,
    #[serde(default)]
    pub override_capacity: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiClassInfo {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub duration: Option<i64>,
    #[serde(default)]
    pub max_capacity: Option<i64>,
}

/// One item of `GET /schedule/participation/participants/{session_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiParticipation {
    pub id: i64,
    pub session_id: i64,
    pub member_id: i64,
    pub gym_id: i64,
    pub status: ParticipationStatus,
    #[serde(default, with = "crate::time::serde_utc::option")]
    pub registration_time: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::time::serde_utc::option")]
    pub attendance_time: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::time::serde_utc::option")]
    pub cancellation_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub cancellation_reason: Option<String>,
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Snapshot { path: path.into(), message: message.into() }
}

impl Snapshot {
    /// Parses and validates a snapshot document.
    pub fn from_json(text: &str) -> Result<Snapshot> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let snap: Snapshot = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            invalid(if path == "." { "$".to_string() } else { path }, e.inner().to_string())
        })?;
        snap.validate()?;
        Ok(snap)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("snapshot serialises")
    }

    /// Checks what the types cannot: see the module comment.
    pub fn validate(&self) -> Result<()> {
        let gym_id = self.gym.id;
        if self.gym.name.trim().is_empty() {
            return Err(invalid("gym.name", "empty gym name"));
        }
        if self.gym.timezone.parse::<chrono_tz::Tz>().is_err() {
            return Err(invalid("gym.timezone", format!("unknown IANA time zone {:?}", self.gym.timezone)));
        }
        let mut ids = HashSet::new();
        let mut codes = HashSet::new();
        for (i, m) in self.members.iter().enumerate() {
            if !ids.insert(m.id) {
                return Err(invalid(format!("members[{i}].id"), format!("duplicate member id {}", m.id)));
            }
            if let Some(code) = &m.qr_code {
                if code.trim().is_empty() {
                    return Err(invalid(format!("members[{i}].qr_code"), "empty code (use null for none)"));
                }
                if !codes.insert(code.trim()) {
                    return Err(invalid(format!("members[{i}].qr_code"), "code shared with another member"));
                }
            }
        }
        let mut session_ids = HashSet::new();
        for (i, s) in self.sessions.iter().enumerate() {
            let s = &s.session;
            if !session_ids.insert(s.id) {
                return Err(invalid(format!("sessions[{i}].session.id"), format!("duplicate session id {}", s.id)));
            }
            if s.gym_id != gym_id {
                return Err(invalid(
                    format!("sessions[{i}].session.gym_id"),
                    format!("session of gym {} in a snapshot of gym {gym_id}", s.gym_id),
                ));
            }
            if s.end_time < s.start_time {
                return Err(invalid(format!("sessions[{i}].session.end_time"), "ends before it starts"));
            }
        }
        let mut part_ids = HashSet::new();
        let mut pairs = HashSet::new();
        for (i, p) in self.participations.iter().enumerate() {
            if !part_ids.insert(p.id) {
                return Err(invalid(format!("participations[{i}].id"), format!("duplicate participation id {}", p.id)));
            }
            if p.gym_id != gym_id {
                return Err(invalid(
                    format!("participations[{i}].gym_id"),
                    format!("participation of gym {} in a snapshot of gym {gym_id}", p.gym_id),
                ));
            }
            if !session_ids.contains(&p.session_id) {
                return Err(invalid(
                    format!("participations[{i}].session_id"),
                    format!("session {} is not in the snapshot", p.session_id),
                ));
            }
            if !pairs.insert((p.session_id, p.member_id)) {
                return Err(invalid(
                    format!("participations[{i}]"),
                    format!("member {} appears twice in session {}", p.member_id, p.session_id),
                ));
            }
        }
        Ok(())
    }
}
