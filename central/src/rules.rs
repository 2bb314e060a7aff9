//! The SERVER's check-in rules, as GymAPI implements them (not the desk's):
//! the hash is never checked, the closest session wins even when cancelled,
//! `session_id = 0` means none, and the window is the server's own now ±30 min.
//! `as_deployed` reproduces the 500 the real code answers past the early exits.

use crate::state::{GymData, World};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use frontdesk::domain::{ParticipationStatus, SessionStatus};
use frontdesk::snapshot::{ApiParticipation, ApiSession};

/// A refusal: status code and GymAPI's Spanish detail.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    Detail(u16, String),
    /// The deployed backend's unhandled TypeError: plain-text 500.
    Internal,
}

fn bad(msg: &str) -> Refusal {
    Refusal::Detail(400, msg.to_owned())
}

pub const ALREADY: &str = "Ya has hecho check-in en esta clase";
pub const INVALID_QR: &str = "Código QR inválido";
pub const NOT_MEMBER: &str = "Usuario no pertenece a este gimnasio";
pub const OUTSIDE: &str = "La sesión está fuera del horario de check-in (±30 minutos)";
pub const NO_CLASS: &str = "No hay clases disponibles para check-in en este momento";

/// The member id GymAPI reads from a code: the text before the first `_`,
/// with the `U` removed, as an integer. `U9` alone is accepted.
pub fn parse_qr(qr: &str) -> Option<i64> {
    let head = qr.split('_').next().unwrap_or("");
    head.strip_prefix('U')?.trim().parse().ok()
}

pub fn in_window(start: DateTime<Utc>, at: DateTime<Utc>) -> bool {
    start >= at - Duration::minutes(30) && start <= at + Duration::minutes(30)
}

/// `POST /attendance/check-in`. Returns the session checked into.
pub fn check_in(
    w: &mut World,
    gym_id: i64,
    qr: &str,
    session_id: Option<i64>,
    now: DateTime<Utc>,
    as_deployed: bool,
) -> Result<ApiSession, Refusal> {
    let member_id = parse_qr(qr).ok_or_else(|| bad(INVALID_QR))?;
    let g = &w.gyms[&gym_id];
    if !g.members.contains_key(&member_id) {
        return Err(bad(NOT_MEMBER));
    }
    let session = match session_id.filter(|id| *id != 0) {
        Some(id) => {
            let Some(s) = g.sessions.get(&id) else {
                if as_deployed {
                    // The naive/aware comparison runs before the session_id
                    // branch: a 500 on any UTC day that has a session.
                    if has_session_on(g, now.date_naive()) {
                        return Err(Refusal::Internal);
                    }
                    return Err(Refusal::Detail(404, "Sesión no encontrada en este gimnasio".into()));
                }
                return Err(Refusal::Detail(404, "Sesión no encontrada o no pertenece a este gimnasio".into()));
            };
            if as_deployed {
                return Err(Refusal::Internal);
            }
            if !in_window(s.session.start_time, now) {
                return Err(bad(OUTSIDE));
            }
            s.session.clone()
        }
        None if as_deployed => {
            // The early exit that works: nothing at all on the server's UTC day.
            if has_session_on(g, now.date_naive()) {
                return Err(Refusal::Internal);
            }
            return Err(bad(NO_CLASS));
        }
        None => g
            .sessions
            .values()
            .map(|s| &s.session)
            .filter(|s| in_window(s.start_time, now))
            .min_by_key(|s| ((s.start_time - now).num_milliseconds().abs(), s.start_time, s.id))
            .cloned()
            .ok_or_else(|| bad(NO_CLASS))?,
    };
    attend(w, gym_id, session.id, member_id, now, "check-in", None, true)?;
    Ok(session)
}

/// Makes (session, member) attended at `at`, creating the participation if
/// `create` allows; an existing attended one is the duplicate refusal.
#[allow(clippy::too_many_arguments)]
pub fn attend(
    w: &mut World,
    gym_id: i64,
    session_id: i64,
    member_id: i64,
    at: DateTime<Utc>,
    via: &'static str,
    event: Option<&str>,
    create: bool,
) -> Result<ApiParticipation, Refusal> {
    let next_id = w.next_participation_id;
    let g = w.gyms.get_mut(&gym_id).expect("gym checked by auth");
    let p = match g.participations.get_mut(&(session_id, member_id)) {
        Some(p) if p.status == ParticipationStatus::Attended && via != "attendance" => return Err(bad(ALREADY)),
        Some(p) => p,
        None if create => {
            w.next_participation_id += 1;
            g.participations.entry((session_id, member_id)).or_insert(blank(next_id, gym_id, session_id, member_id))
        }
        None => return Err(Refusal::Detail(404, "El miembro no está registrado en esta clase".into())),
    };
    p.status = ParticipationStatus::Attended;
    p.attendance_time = Some(at);
    let out = p.clone();
    w.record(gym_id, session_id, member_id, at, via, event);
    Ok(out)
}

pub const ALREADY_BOOKED: &str = "Ya estás registrado en esta clase";
pub const NOT_SCHEDULED: &str = "No se puede registrar en una sesión que no está programada";
pub const STARTED: &str = "No se puede registrar en una sesión que ya ha comenzado o terminado";
pub const FULL: &str = "La sesión está llena";

/// A new participation row, registered, with no times yet.
fn blank(id: i64, gym_id: i64, session_id: i64, member_id: i64) -> ApiParticipation {
    ApiParticipation {
        id,
        session_id,
        member_id,
        gym_id,
        status: ParticipationStatus::Registered,
        registration_time: None,
        attendance_time: None,
        cancellation_time: None,
        cancellation_reason: None,
    }
}

fn has_session_on(g: &GymData, day: NaiveDate) -> bool {
    g.sessions.values().any(|s| s.session.start_time.date_naive() == day)
}

/// Bookings that hold a place: registered or attended (GymAPI's
/// `current_participants`, kept up to date here rather than stored).
pub fn booked(g: &GymData, session_id: i64) -> i64 {
    g.participations
        .range((session_id, i64::MIN)..=(session_id, i64::MAX))
        .filter(|(_, p)| matches!(p.status, ParticipationStatus::Registered | ParticipationStatus::Attended))
        .count() as i64
}

/// `POST /schedule/participation/register/{session}/{member}`, with the
/// refusals of the real service (design/central-api.md, "Measured again").
pub fn register(
    w: &mut World,
    gym_id: i64,
    session_id: i64,
    member_id: i64,
    now: DateTime<Utc>,
) -> Result<ApiParticipation, Refusal> {
    let next_id = w.next_participation_id;
    let g = w.gyms.get_mut(&gym_id).expect("gym checked by auth");
    if !g.members.contains_key(&member_id) {
        return Err(Refusal::Detail(404, "Member not found in this gym".into()));
    }
    let Some(s) = g.sessions.get(&session_id) else {
        return Err(Refusal::Detail(404, "Sesión no encontrada en este gimnasio".into()));
    };
    if s.session.status != SessionStatus::Scheduled {
        return Err(bad(NOT_SCHEDULED));
    }
    if s.session.start_time <= now {
        return Err(bad(STARTED));
    }
    let capacity = s.session.override_capacity.or(s.class_info.as_ref().and_then(|c| c.max_capacity));
    let existing = g.participations.get(&(session_id, member_id)).map(|p| p.status);
    if matches!(existing, Some(ParticipationStatus::Registered | ParticipationStatus::Attended)) {
        return Err(bad(ALREADY_BOOKED));
    }
    if capacity.is_some_and(|c| booked(g, session_id) >= c) {
        return Err(bad(FULL));
    }
    let p = g
        .participations
        .entry((session_id, member_id))
        .or_insert_with(|| blank(next_id, gym_id, session_id, member_id));
    if p.id == next_id {
        w.next_participation_id += 1;
    }
    p.status = ParticipationStatus::Registered;
    p.registration_time = Some(now);
    p.cancellation_time = None;
    p.cancellation_reason = None;
    Ok(p.clone())
}

/// `POST /schedule/participation/attendance/{session}/{member}`: no window,
/// no session status; a registered member only; calling again overwrites the time.
pub fn mark_attendance(
    w: &mut World,
    gym_id: i64,
    session_id: i64,
    member_id: i64,
    now: DateTime<Utc>,
) -> Result<ApiParticipation, Refusal> {
    let g = &w.gyms[&gym_id];
    if !g.members.contains_key(&member_id) {
        return Err(Refusal::Detail(404, "Member not found in this gym".into()));
    }
    if !g.sessions.contains_key(&session_id) {
        return Err(Refusal::Detail(404, "Sesión no encontrada".into()));
    }
    attend(w, gym_id, session_id, member_id, now, "attendance", None, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_as_the_server_does() {
        assert_eq!(parse_qr("U123_abcd"), Some(123));
        assert_eq!(parse_qr("U9"), Some(9), "a bare U9 is accepted upstream");
        assert_eq!(parse_qr("U999_test123"), Some(999));
        assert_eq!(parse_qr("X1_a"), None);
        assert_eq!(parse_qr("U_a"), None);
    }
}
