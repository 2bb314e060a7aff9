//! What to send for each outbox event, decided by pure functions the tests
//! drive directly: the extension's batch when the server offers it; else a
//! replay of `POST /attendance/check-in` while the scan's session is inside the
//! ±30 min window by the SERVER's clock; else, for a member who was registered,
//! `POST /schedule/participation/attendance/{session}/{member}`; else park the
//! event with a reason staff can act on. Also how to read each answer.

use super::error::SyncError;
use crate::db::outbox::OutboxEvent;
use chrono::{DateTime, Duration, Utc};

/// How far inside the ±30 min window a replay must land, for latency and the
/// whole-second `Date` header.
pub const WINDOW_MARGIN_SECS: i64 = 60;

#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    Batch,
    Replay {
        qr_code: String,
        session_id: i64,
        member_id: i64,
    },
    MarkAttended {
        session_id: i64,
        member_id: i64,
    },
    Park(String),
    /// Leave it queued (it belongs to another gym than the one configured).
    Skip(String),
}

#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub gym_id: i64,
    pub server_now: DateTime<Utc>,
    pub extension: bool,
    /// The check-in endpoint answered 500 this round (GymAPI as deployed).
    pub checkin_broken: bool,
}

/// Whether the member had a participation before the desk's check-in, which
/// is what the participation endpoint needs.
pub fn registered(ev: &OutboxEvent) -> bool {
    !ev.payload.new_participation
}

pub fn plan(ev: &OutboxEvent, session_start: Option<DateTime<Utc>>, ctx: &Context) -> Plan {
    if ev.gym_id != ctx.gym_id {
        return Plan::Skip(format!("belongs to gym {}; this desk syncs gym {}", ev.gym_id, ctx.gym_id));
    }
    if ctx.extension {
        return Plan::Batch;
    }
    let margin = Duration::minutes(30) - Duration::seconds(WINDOW_MARGIN_SECS);
    let in_window = session_start.is_some_and(|s| (s - ctx.server_now).abs() <= margin);
    match &ev.payload.qr_code {
        Some(code) if in_window && !ctx.checkin_broken => {
            return Plan::Replay { qr_code: code.clone(), session_id: ev.session_id, member_id: ev.member_id }
        }
        _ => {}
    }
    if registered(ev) {
        return Plan::MarkAttended { session_id: ev.session_id, member_id: ev.member_id };
    }
    Plan::Park(if ctx.checkin_broken {
        "the central check-in endpoint fails (HTTP 500, GymAPI as deployed) and the member was not registered \
         for the session, so no other endpoint can record it: record it in GymAPI by hand"
            .to_owned()
    } else if ev.payload.qr_code.is_none() {
        "walk-in entered by hand (no code) and not registered for the session: GymAPI has no endpoint that \
         records it; record it in GymAPI by hand"
            .to_owned()
    } else {
        "the class started more than 30 minutes ago by the server's clock and the member was not registered: \
         GymAPI can no longer record this check-in; record it by hand"
            .to_owned()
    })
}

/// What to do with an event after an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Sent,
    Retry(String),
    Park(String),
    /// Try the participation endpoint instead (the member was registered).
    FallBack,
    /// Credentials failed: stop the push, leave the event as it is.
    Stop(String),
}

/// Reading the plain check-in endpoint's answer.
pub fn after_replay(result: &Result<(), SyncError>, registered: bool) -> Verdict {
    let e = match result {
        Ok(()) => return Verdict::Sent,
        Err(e) => e,
    };
    if e.is_auth() {
        return Verdict::Stop(e.to_string());
    }
    match e {
        SyncError::Rejected { status: 400, detail } if detail.contains("Ya has hecho check-in") => Verdict::Sent,
        SyncError::Server { status: 500, .. } if registered => Verdict::FallBack,
        SyncError::Server { status: 500, detail } => Verdict::Park(format!(
            "the central check-in endpoint failed (HTTP 500: {detail}) and the member was not registered for the \
             session: record it in GymAPI by hand"
        )),
        e if e.is_transient() => Verdict::Retry(e.to_string()),
        _ if registered => Verdict::FallBack,
        e => Verdict::Park(format!("refused by the central API: {}", e.detail().unwrap_or(&e.to_string()))),
    }
}

/// Reading the participation endpoint's answer.
pub fn after_attendance(result: &Result<(), SyncError>) -> Verdict {
    match result {
        Ok(()) => Verdict::Sent,
        Err(e) if e.is_auth() => Verdict::Stop(e.to_string()),
        Err(e) if e.is_transient() => Verdict::Retry(e.to_string()),
        Err(e) => Verdict::Park(format!("refused by the central API: {}", e.detail().unwrap_or(&e.to_string()))),
    }
}

/// Reading one item of the extension's batch answer.
pub fn after_batch_item(status: &str, reason: Option<&str>) -> Verdict {
    match status {
        "recorded" | "duplicate" => Verdict::Sent,
        "rejected" => Verdict::Park(format!("refused by the central API: {}", reason.unwrap_or("no reason given"))),
        other => Verdict::Retry(format!("unknown batch item status {other:?}")),
    }
}

/// When a failed event is tried again: exponential, jittered, capped at 10 min.
pub fn retry_delay(attempts: i64, jitter: f64) -> Duration {
    let base = 5_000i64.saturating_mul(1 << attempts.clamp(0, 10));
    let capped = base.min(600_000);
    Duration::milliseconds((capped as f64 * (0.75 + 0.5 * jitter.clamp(0.0, 1.0))) as i64)
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
