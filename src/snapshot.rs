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
    /// The member's colour (`#RRGGBB`), where the central API or a snapshot
    /// gives one (GymAPI at cf6cb8a does not); anything else is stored as none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// The "birthday" alert. GymAPI gives a date (or a date-time, whose date
    /// is taken); anything unreadable is no date, never a failed pull.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "lenient::date")]
    pub birth_date: Option<chrono::NaiveDate>,
    /// When the account was created (the "new member" alert); unreadable is none.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "lenient::time")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership: Option<ApiMembership>,
}

/// The part of `GET /memberships/user/{id}/status` the desk keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiMembership {
    pub is_active: bool,
    #[serde(default)]
    pub membership_type: Option<String>,
    #[serde(default, with = "api_time::option")]
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
    #[serde(with = "api_time")]
    pub start_time: DateTime<Utc>,
    #[serde(with = "api_time")]
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
    #[serde(default, with = "api_time::option")]
    pub registration_time: Option<DateTime<Utc>>,
    #[serde(default, with = "api_time::option")]
    pub attendance_time: Option<DateTime<Utc>>,
    #[serde(default, with = "api_time::option")]
    pub cancellation_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub cancellation_reason: Option<String>,
}

/// Timestamps in the central API's documents (snapshots, pull answers).
///
/// As `crate::time::serde_utc`, but only UTC years 0000-9999 are read: that is
/// all RFC 3339 can spell, and what the desk reads it writes back as RFC 3339
/// (staged pull pages, snapshot dumps). A time outside them, such as
/// `+10000-01-01T00:00:00` (accepted by the naive-time fallback of
/// `parse_utc`) or `9999-12-31T23:00:00-05:00`, was read once and then failed
/// every later read: a snapshot that does not load after its own dump, a pull
/// that can never finish its staged pages. Caught by the dump/load check of
/// the `snapshot_import` fuzz target. The central API (Python `datetime`)
/// never sends such a year.
pub mod api_time {
    use chrono::{DateTime, Datelike, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn parse(raw: &str) -> Option<DateTime<Utc>> {
        crate::time::parse_utc(raw).filter(|t| (0..=9999).contains(&t.year()))
    }

    fn error<E: serde::de::Error>(raw: &str) -> E {
        E::custom(format!("not a timestamp (RFC 3339, years 0000-9999): {raw:?}"))
    }

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        crate::time::serde_utc::serialize(t, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let raw = String::deserialize(d)?;
        parse(&raw).ok_or_else(|| error(&raw))
    }

    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
            crate::time::serde_utc::option::serialize(t, s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(raw) => parse(&raw).map(Some).ok_or_else(|| error(&raw)),
            }
        }
    }
}

/// Fields only alerts use: a value the desk cannot read is logged and taken
/// as absent, so that one odd birth date never stops a pull of the gym.
pub mod lenient {
    use serde::{Deserialize, Deserializer, Serializer};

    fn text<'de, D: Deserializer<'de>>(d: D, what: &str) -> Result<Option<String>, D::Error> {
        Ok(match serde_json::Value::deserialize(d)? {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s),
            serde_json::Value::String(_) => None,
            other => {
                tracing::warn!(value = %other, "ignoring an unreadable {what}");
                None
            }
        })
    }

    pub mod date {
        use super::*;
        use chrono::NaiveDate;

        pub fn parse(raw: &str) -> Option<NaiveDate> {
            NaiveDate::parse_from_str(raw.trim().get(..10)?, "%Y-%m-%d").ok()
        }

        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            Ok(text(d, "birth date")?.and_then(|raw| {
                let date = parse(&raw);
                if date.is_none() {
                    tracing::warn!(raw, "ignoring an unreadable birth date");
                }
                date
            }))
        }
    }

    pub mod time {
        use super::*;
        use chrono::{DateTime, Utc};

        pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
            crate::time::serde_utc::option::serialize(t, s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
            Ok(text(d, "timestamp")?.and_then(|raw| {
                let t = super::super::api_time::parse(&raw);
                if t.is_none() {
                    tracing::warn!(raw, "ignoring an unreadable timestamp");
                }
                t
            }))
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"gym": {"id": 1, "name": "G", "timezone": "UTC"}, "members": [], "sessions": []}"#;

    #[test]
    fn birth_and_join_dates_are_read_as_gymapi_sends_them_and_anything_else_is_absent() {
        let date = |raw: &str| {
            let m: ApiMember = serde_json::from_str(&format!(r#"{{"id": 1, "birth_date": {raw}}}"#)).unwrap();
            m.birth_date.map(|d| d.to_string())
        };
        let cases = [
            ("\"1990-02-14\"", Some("1990-02-14")),
            ("\"1990-02-14T00:00:00\"", Some("1990-02-14")),
            ("\" 1990-02-14 \"", Some("1990-02-14")),
            ("null", None),
            ("\"\"", None),
            ("\"14/02/1990\"", None),
            ("\"1990-02-30\"", None),
            ("19900214", None),
            ("{\"y\": 1990}", None),
        ];
        for (raw, want) in cases {
            assert_eq!(date(raw).as_deref(), want, "{raw}");
        }
        let joined = |raw: &str| {
            let m: ApiMember = serde_json::from_str(&format!(r#"{{"id": 1, "created_at": {raw}}}"#)).unwrap();
            m.created_at.map(crate::time::rfc3339)
        };
        assert_eq!(
            joined("\"2026-11-25T10:00:00.123456\"").as_deref(),
            Some("2026-11-25T10:00:00.123456Z"),
            "naive = UTC"
        );
        assert_eq!(joined("\"2026-11-25T10:00:00+02:00\"").as_deref(), Some("2026-11-25T08:00:00Z"));
        assert_eq!(joined("\"yesterday\"").as_deref(), None);
        assert_eq!(joined("1764064800").as_deref(), None);
        // And both survive the snapshot's own round trip.
        let m: ApiMember =
            serde_json::from_str(r#"{"id": 1, "birth_date": "2000-02-29", "created_at": "2026-11-25T10:00:00Z"}"#)
                .unwrap();
        let back: ApiMember = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }

    fn with_session_times(start: &str, end: &str) -> String {
        MINIMAL.replace(
            r#""sessions": []"#,
            &format!(
                r#""sessions": [{{"session": {{"id": 1, "gym_id": 1, "start_time": "{start}", "end_time": "{end}", "status": "scheduled"}}}}]"#
            ),
        )
    }

    // Regression (fuzz target snapshot_import, corpus file
    // tests/fuzz/corpus/snapshot_import/regression_year_10000): a year RFC 3339
    // cannot spell was accepted, and the snapshot then failed to load after
    // its own dump.
    #[test]
    fn times_outside_years_0000_to_9999_are_refused() {
        for t in
            ["+10000-01-01T00:00:00", "-0001-01-01T00:00:00", "9999-12-31T23:00:00-05:00", "0000-01-01T00:00:00+01:00"]
        {
            let err = Snapshot::from_json(&with_session_times(t, t)).unwrap_err().to_string();
            assert!(err.contains("years 0000-9999"), "{t}: {err}");
        }
    }

    #[test]
    fn what_is_read_loads_again_after_a_dump() {
        for t in
            ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2026-11-28T15:00:00", "2026-11-28T09:00:00-06:00"]
        {
            let snap = Snapshot::from_json(&with_session_times(t, "9999-12-31T23:59:59.999Z")).unwrap();
            assert_eq!(Snapshot::from_json(&snap.to_json()).unwrap(), snap, "{t}");
        }
    }
}
