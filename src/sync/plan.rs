//! What to send for each outbox event, decided by pure functions the tests
//! drive directly (plan_tests.rs, case tables), apart from the I/O in `push`:
//!
//! 1. the extension's batch when the server offers it (the scan time travels);
//! 2. else a replay of `POST /attendance/check-in` while the scan's session is
//!    inside the ±30 min window by the SERVER's clock;
//! 3. else, or when that endpoint fails (500, GymAPI as deployed), a route
//!    through the participation endpoints: a booked member is marked
//!    attended; a walk-in whose class has not started is booked first
//!    (`register`), then marked attended; a walk-in whose class has started is
//!    asked for once more (the member may have booked on the server since
//!    the pull) and otherwise parked with a reason staff can act on.
//!
//! Events go in deadline order: a walk-in must be booked before its class
//! starts, a replay must land inside the window.

use super::error::SyncError;
use crate::db::outbox::OutboxEvent;
pub use crate::db::server_traits::ServerTraits;
use crate::domain::OutboxReason;
use chrono::{DateTime, Duration, Utc};

/// How far inside a server-clock limit (the ±30 min window, a class's start)
/// a request must land, for latency and the whole-second `Date` header.
pub const WINDOW_MARGIN_SECS: i64 = 60;

/// Answers in the wrong shape for one event before it is parked.
pub const MAX_BAD_ANSWERS: i64 = 6;

#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    Batch,
    /// `POST /attendance/check-in` with the scanned code.
    Replay {
        qr_code: String,
        session_id: i64,
        member_id: i64,
    },
    /// `POST /schedule/participation/attendance/...` after reading the
    /// participants; when the server says the member is not booked, park with
    /// `unbooked` (None: with the server's own words).
    Attend {
        session_id: i64,
        member_id: i64,
        unbooked: Option<OutboxReason>,
    },
    /// `POST /schedule/participation/register/...`, then as `Attend`; a
    /// refusal because the class started parks with `started`.
    Book {
        session_id: i64,
        member_id: i64,
        started: OutboxReason,
    },
    Park(OutboxReason),
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

fn margin() -> Duration {
    Duration::seconds(WINDOW_MARGIN_SECS)
}

/// The first route for `ev`, whose session starts at `session_start` (None:
/// the session is not in the replica).
pub fn plan(ev: &OutboxEvent, session_start: Option<DateTime<Utc>>, ctx: &Context) -> Plan {
    if ev.gym_id != ctx.gym_id {
        return Plan::Skip(format!("belongs to gym {}; this desk syncs gym {}", ev.gym_id, ctx.gym_id));
    }
    if ctx.extension {
        return Plan::Batch;
    }
    let in_window = session_start.is_some_and(|s| (s - ctx.server_now).abs() <= Duration::minutes(30) - margin());
    match &ev.payload.qr_code {
        Some(code) if in_window && !ctx.checkin_broken => {
            Plan::Replay { qr_code: code.clone(), session_id: ev.session_id, member_id: ev.member_id }
        }
        _ => fallback(ev, session_start, ctx),
    }
}

/// The route that does not need the check-in endpoint.
pub fn fallback(ev: &OutboxEvent, session_start: Option<DateTime<Utc>>, ctx: &Context) -> Plan {
    let (session_id, member_id) = (ev.session_id, ev.member_id);
    if registered(ev) {
        return Plan::Attend { session_id, member_id, unbooked: None };
    }
    let Some(start) = session_start else {
        return Plan::Park(OutboxReason::SessionUnknown { session_id });
    };
    let started = started_reason(ev, ctx);
    if start - ctx.server_now > margin() {
        Plan::Book { session_id, member_id, started }
    } else {
        Plan::Attend { session_id, member_id, unbooked: Some(started) }
    }
}

/// At check-in time, whether this check-in will be parked for a person to
/// record by hand, if sent now to a server with `traits`: a walk-in (no
/// booking) whose class has started (or starts within the margin), which the
/// batch extension is known not to be there to take, and the check-in
/// endpoint cannot replay (entered by hand, or the endpoint is known broken).
/// What a push has not found out yet never warns. `plan` and `fallback`
/// decide the same for the queued event; the case table in plan_tests.rs
/// holds the two together. The push still asks the server once before
/// parking (the member may have booked there since the pull), so this is
/// what staff should expect, not a certainty.
pub fn foreseen_park(
    scanned: bool,
    new_participation: bool,
    session_start: DateTime<Utc>,
    now: DateTime<Utc>,
    traits: ServerTraits,
) -> Option<OutboxReason> {
    if traits.extension != Some(false) || !new_participation || session_start - now > margin() {
        return None;
    }
    let in_window = (session_start - now).abs() <= Duration::minutes(30) - margin();
    let broken = traits.checkin_broken == Some(true);
    if scanned && in_window && !broken {
        return None;
    }
    Some(match (scanned, broken) {
        (true, true) => OutboxReason::CheckinEndpointBroken { status: 500 },
        _ => OutboxReason::ClassStartedUnbooked { manual: !scanned },
    })
}

/// Why a walk-in whose class has started cannot be recorded.
fn started_reason(ev: &OutboxEvent, ctx: &Context) -> OutboxReason {
    match (&ev.payload.qr_code, ctx.checkin_broken) {
        (Some(_), true) => OutboxReason::CheckinEndpointBroken { status: 500 },
        (code, _) => OutboxReason::ClassStartedUnbooked { manual: code.is_none() },
    }
}

/// Sort key: the events with the nearest server-clock deadline first (a
/// class start for a walk-in to be booked, the end of the window for a
/// replay), then those with none, in queue order.
pub fn deadline(ev: &OutboxEvent, session_start: Option<DateTime<Utc>>, server_now: DateTime<Utc>) -> (u8, i64) {
    match session_start {
        Some(s) if s > server_now => (0, s.timestamp_millis()),
        Some(s) if s + Duration::minutes(30) > server_now => (0, (s + Duration::minutes(30)).timestamp_millis()),
        _ => (1, ev.seq),
    }
}

/// Which endpoint got an event onto the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Batch,
    CheckIn,
    Attendance,
    /// Booked into the class first, then marked attended.
    Booked,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Batch => "batch",
            Via::CheckIn => "check_in",
            Via::Attendance => "attendance",
            Via::Booked => "booked",
        }
    }
}

/// What to do with an event after an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Disposition {
    Sent(Via),
    Retry(OutboxReason),
    Park(OutboxReason),
    /// Take the route that does not need the check-in endpoint.
    FallBack,
    /// Credentials failed: stop the push, leave the event as it is.
    Stop(String),
}

fn retry(e: &SyncError) -> Disposition {
    Disposition::Retry(OutboxReason::Retrying { error: e.code().to_string(), detail: e.to_string() })
}

fn refused(e: &SyncError) -> OutboxReason {
    let status = match e {
        SyncError::NotFound { .. } => Some(404),
        SyncError::Rejected { status, .. } | SyncError::Server { status, .. } => Some(*status),
        _ => None,
    };
    OutboxReason::RefusedByServer { status, detail: e.detail().map(str::to_owned).unwrap_or_else(|| e.to_string()) }
}

/// Reading the plain check-in endpoint's answer. `fallback` is the route
/// `fallback()` gave for this event.
pub fn after_replay(result: &Result<(), SyncError>, fallback: &Plan) -> Disposition {
    let e = match result {
        Ok(()) => return Disposition::Sent(Via::CheckIn),
        Err(e) => e,
    };
    if e.is_auth() {
        return Disposition::Stop(e.to_string());
    }
    // A route that can still record it, rather than one that only asks.
    let real_route = matches!(fallback, Plan::Book { .. } | Plan::Attend { unbooked: None, .. });
    match e {
        SyncError::Rejected { status: 400, detail } if detail.contains("Ya has hecho check-in") => {
            Disposition::Sent(Via::CheckIn)
        }
        // GymAPI as deployed: never retried; the other endpoints are asked.
        SyncError::Server { status: 500, .. } => Disposition::FallBack,
        e if e.is_transient() => retry(e),
        _ if real_route => Disposition::FallBack,
        e => Disposition::Park(refused(e)),
    }
}

/// Reading the answer to `register`: None means booked (or already booked),
/// go on and mark the attendance.
pub fn after_register(result: &Result<(), SyncError>, started: &OutboxReason) -> Option<Disposition> {
    let e = match result {
        Ok(()) => return None,
        Err(e) => e,
    };
    if e.is_auth() {
        return Some(Disposition::Stop(e.to_string()));
    }
    if e.is_transient() {
        return Some(retry(e));
    }
    let detail = e.detail().unwrap_or("");
    Some(if detail.contains("Ya estás registrado") {
        return None;
    } else if detail.contains("llena") {
        Disposition::Park(OutboxReason::ClassFull)
    } else if detail.contains("ya ha comenzado") {
        Disposition::Park(started.clone())
    } else if detail.contains("no está programada") {
        Disposition::Park(OutboxReason::SessionNotScheduled)
    } else {
        Disposition::Park(refused(e))
    })
}

/// Reading the participation endpoint's answer; `unbooked` as in `Plan::Attend`.
pub fn after_attendance(result: &Result<(), SyncError>, unbooked: Option<&OutboxReason>) -> Disposition {
    match result {
        Ok(()) => Disposition::Sent(Via::Attendance),
        Err(e) if e.is_auth() => Disposition::Stop(e.to_string()),
        Err(e) if e.is_transient() => retry(e),
        Err(e @ SyncError::NotFound { detail }) => match unbooked {
            Some(reason) if detail.contains("no está registrado") => Disposition::Park(reason.clone()),
            _ => Disposition::Park(refused(e)),
        },
        Err(e) => Disposition::Park(refused(e)),
    }
}

/// Reading one item of the extension's batch answer.
pub fn after_batch_item(status: &str, reason: Option<&str>) -> Disposition {
    match status {
        "recorded" | "duplicate" => Disposition::Sent(Via::Batch),
        "rejected" => Disposition::Park(OutboxReason::RefusedByServer {
            status: None,
            detail: reason.unwrap_or("no reason given").to_owned(),
        }),
        other => Disposition::Retry(OutboxReason::Retrying {
            error: "bad_shape".into(),
            detail: format!("unknown batch item status {other:?}"),
        }),
    }
}

/// The verdict to write for an event tried `attempts` times before: an event
/// the server keeps answering in the wrong shape is parked, not retried for
/// ever.
pub fn settle(v: Disposition, attempts: i64) -> Disposition {
    match v {
        Disposition::Retry(OutboxReason::Retrying { error, detail })
            if error == "bad_shape" && attempts + 1 >= MAX_BAD_ANSWERS =>
        {
            Disposition::Park(OutboxReason::BadAnswer { detail })
        }
        v => v,
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
