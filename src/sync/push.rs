//! Push: drains the outbox in deadline order. The decisions are in `plan`
//! (pure); this module does the I/O with at most `max_in_flight` requests at
//! once, and writes each chunk's results in one transaction. Sending twice is
//! always safe: the extension is idempotent on `event_id`, a replayed check-in
//! answers "Ya has hecho check-in" (read as recorded), booking a member twice
//! answers "Ya estás registrado" (read as booked), and before the
//! participation endpoint the server's participants list is read (every page)
//! so a recorded attendance is never written again.

use super::client::{retrying, Client};
use super::error::SyncError;
use super::participants;
use super::plan::{self, Context, Disposition, Plan, Via};
use crate::clock::Clock;
use crate::db::outbox::{self, OutboxEvent};
use crate::db::{server_traits, sessions, Db};
use crate::domain::{OutboxReason, ParticipationStatus};
use crate::snapshot::ApiParticipation;
use crate::time::rfc3339;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

pub const BATCH_PATH: &str = "/attendance/check-ins/batch";

#[derive(Debug, Clone)]
pub struct PushOptions {
    pub batch_size: usize,
    pub max_in_flight: usize,
    /// Events per plain-API chunk (one transaction each).
    pub chunk: usize,
    /// Send every queued event now, ignoring their back-off (`sync --once`).
    pub ignore_backoff: bool,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions { batch_size: 200, max_in_flight: 4, chunk: 100, ignore_backoff: false }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PushReport {
    pub extension: bool,
    pub considered: usize,
    pub sent: usize,
    pub parked: usize,
    pub retried: usize,
    pub skipped: usize,
    /// Of `sent`: walk-ins the check-in endpoint could not take, booked into
    /// their class first and then marked attended.
    pub booked: usize,
    /// Why the push stopped early (401/403): the rest stays queued.
    pub stopped: Option<String>,
}

impl PushReport {
    pub fn failed(&self) -> bool {
        self.stopped.is_some() || self.retried > 0 || self.parked > 0 || self.skipped > 0
    }
}

/// The extension's answer to `POST /attendance/check-ins/batch`.
#[derive(Deserialize)]
pub struct BatchAnswer {
    pub results: Vec<BatchItemAnswer>,
}

#[derive(Deserialize)]
pub struct BatchItemAnswer {
    pub event_id: String,
    pub status: String,
    #[serde(default)]
    pub reason: Option<String>,
}

/// Event id, attempts so far, and what to do with the event.
pub type EventResult = (String, i64, Disposition);

/// The answer to `POST /attendance/check-in`.
#[derive(Deserialize)]
pub struct CheckInAnswer {
    pub success: bool,
    pub session: CheckInSession,
}

#[derive(Deserialize)]
pub struct CheckInSession {
    pub id: i64,
}

/// Whether the server offers the batch extension: an empty batch is answered
/// 200 `{"results": []}` by the extension and 404/405 by GymAPI as it is.
pub async fn probe_extension(client: &Client) -> Result<bool, SyncError> {
    let empty = serde_json::json!({ "items": [] });
    match retrying(4, |_| true, || client.post::<BatchAnswer>(BATCH_PATH, Some(&empty))).await {
        Ok(_) => Ok(true),
        Err(SyncError::NotFound { .. }) | Err(SyncError::Rejected { status: 405, .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// What the push knows of a session from the replica.
#[derive(Debug, Clone, Copy)]
struct SessionInfo {
    start: DateTime<Utc>,
    booked: i64,
}

pub async fn push(
    db: &mut Db,
    client: &Arc<Client>,
    clock: &dyn Clock,
    opts: &PushOptions,
) -> Result<PushReport, SyncError> {
    let now = clock.now();
    let due_at = if opts.ignore_backoff { now + Duration::days(36_500) } else { now };
    let mut due = outbox::due(db.conn(), due_at, 10_000_000)?;
    let mut report = PushReport { considered: due.len(), ..PushReport::default() };
    if due.is_empty() {
        return Ok(report);
    }
    report.extension = probe_extension(client).await?;
    let mut sessions: HashMap<i64, Option<SessionInfo>> = HashMap::new();
    for ev in &due {
        if !sessions.contains_key(&ev.session_id) {
            let info = sessions::get(db.conn(), ev.gym_id, ev.session_id)?
                .map(|s| SessionInfo { start: s.start_time, booked: s.current_participants });
            sessions.insert(ev.session_id, info);
        }
    }
    let start_of = |id: i64| sessions[&id].map(|s| s.start);
    let server_now = client.server_now(now);
    due.sort_by_key(|ev| plan::deadline(ev, start_of(ev.session_id), server_now));
    let shared = Arc::new(Shared {
        client: client.clone(),
        sem: Semaphore::new(opts.max_in_flight.max(1)),
        broken: AtomicBool::new(false),
        replayed: AtomicBool::new(false),
        stop: AtomicBool::new(false),
    });
    let chunk_len = if report.extension { opts.batch_size * opts.max_in_flight } else { opts.chunk };
    for chunk in due.chunks(chunk_len.max(1)) {
        let ctx = Context {
            gym_id: client.gym_id(),
            server_now: client.server_now(clock.now()),
            extension: report.extension,
            checkin_broken: shared.broken.load(Ordering::SeqCst),
        };
        let mut outcomes: Vec<EventResult> = Vec::new();
        let mut to_batch: Vec<&OutboxEvent> = Vec::new();
        let mut tasks: JoinSet<Vec<EventResult>> = JoinSet::new();
        for ev in chunk {
            let start = start_of(ev.session_id);
            match plan::plan(ev, start, &ctx) {
                Plan::Skip(_) => report.skipped += 1,
                Plan::Park(reason) => outcomes.push((ev.event_id.clone(), ev.attempts, Disposition::Park(reason))),
                Plan::Batch => to_batch.push(ev),
                p => {
                    let sh = shared.clone();
                    // The route without the check-in endpoint, planned as if it were broken.
                    let fallback = plan::fallback(ev, start, &Context { checkin_broken: true, ..ctx });
                    let expected = sessions[&ev.session_id].map(|s| s.booked);
                    let (id, attempts) = (ev.event_id.clone(), ev.attempts);
                    tasks.spawn(async move { vec![(id, attempts, send_plain(&sh, p, fallback, expected).await)] });
                }
            }
        }
        for batch in to_batch.chunks(opts.batch_size.max(1)) {
            let items: Vec<serde_json::Value> = batch.iter().map(|e| batch_item(e)).collect();
            let meta: Vec<(String, i64)> = batch.iter().map(|e| (e.event_id.clone(), e.attempts)).collect();
            let sh = shared.clone();
            tasks.spawn(async move {
                let _permit = sh.sem.acquire().await.expect("semaphore open");
                let body = serde_json::json!({ "items": items });
                let answer = retrying(4, |_| true, || sh.client.post::<BatchAnswer>(BATCH_PATH, Some(&body))).await;
                batch_outcomes(answer, &meta)
            });
        }
        while let Some(joined) = tasks.join_next().await {
            outcomes.extend(joined.map_err(|e| SyncError::Interrupted(format!("push task failed: {e}")))?);
        }
        let outcomes: Vec<EventResult> =
            outcomes.into_iter().map(|(id, attempts, v)| (id, attempts, plan::settle(v, attempts))).collect();
        let written_at = clock.now();
        db.write(|tx| {
            for (id, attempts, v) in &outcomes {
                match v {
                    Disposition::Sent(via) => outbox::mark_sent(tx, id, written_at, via.as_str())?,
                    Disposition::Retry(reason) => {
                        outbox::mark_retry(tx, id, reason, written_at + plan::retry_delay(*attempts, fastrand::f64()))?
                    }
                    Disposition::Park(reason) => outbox::park(tx, id, reason)?,
                    Disposition::FallBack | Disposition::Stop(_) => {}
                }
            }
            Ok(())
        })?;
        for (_, _, v) in &outcomes {
            match v {
                Disposition::Sent(via) => {
                    report.sent += 1;
                    if *via == Via::Booked {
                        report.booked += 1;
                    }
                }
                Disposition::Retry(_) => report.retried += 1,
                Disposition::Park(_) => report.parked += 1,
                Disposition::Stop(msg) => report.stopped = Some(msg.clone()),
                Disposition::FallBack => {}
            }
        }
        if report.stopped.is_some() {
            break;
        }
    }
    // What this push learnt of the server, for the cards of the next check-ins.
    let endpoint = if shared.broken.load(Ordering::SeqCst) {
        Some(true)
    } else {
        shared.replayed.load(Ordering::SeqCst).then_some(false)
    };
    db.write(|tx| server_traits::record(tx, report.extension, endpoint))?;
    Ok(report)
}

struct Shared {
    client: Arc<Client>,
    /// At most `max_in_flight` requests at once, whatever their kind.
    sem: Semaphore,
    /// The check-in endpoint answered 500: use the fallbacks for the rest.
    broken: AtomicBool,
    /// A replay of `POST /attendance/check-in` worked this push.
    replayed: AtomicBool,
    /// A 401/403 was seen: send nothing more.
    stop: AtomicBool,
}

fn batch_item(e: &OutboxEvent) -> serde_json::Value {
    serde_json::json!({
        "event_id": e.event_id,
        "qr_code": e.payload.qr_code,
        "member_id": e.member_id,
        "session_id": e.session_id,
        "scanned_at": rfc3339(e.scanned_at),
        "device_id": e.payload.device_id,
        "override_reason": e.payload.override_reason,
    })
}

/// Per-event verdicts for one batch request; an item the answer leaves out is retried.
pub fn batch_outcomes(answer: Result<BatchAnswer, SyncError>, meta: &[(String, i64)]) -> Vec<EventResult> {
    match answer {
        Ok(a) => {
            let by_id: HashMap<&str, &BatchItemAnswer> = a.results.iter().map(|r| (r.event_id.as_str(), r)).collect();
            meta.iter()
                .map(|(id, att)| {
                    let v = match by_id.get(id.as_str()) {
                        None => Disposition::Retry(OutboxReason::Retrying {
                            error: "bad_shape".into(),
                            detail: "the batch answer left this event out".into(),
                        }),
                        Some(r) => plan::after_batch_item(&r.status, r.reason.as_deref()),
                    };
                    (id.clone(), *att, v)
                })
                .collect()
        }
        Err(e) if e.is_auth() => {
            meta.iter().map(|(id, a)| (id.clone(), *a, Disposition::Stop(e.to_string()))).collect()
        }
        Err(e) => {
            let reason = OutboxReason::Retrying { error: e.code().to_string(), detail: e.to_string() };
            meta.iter().map(|(id, a)| (id.clone(), *a, Disposition::Retry(reason.clone()))).collect()
        }
    }
}

/// A check-in answer counts only if it reports success for the session sent.
pub fn check_in_answer(a: &CheckInAnswer, session_id: i64) -> Result<(), SyncError> {
    if a.success && a.session.id == session_id {
        Ok(())
    } else {
        let detail = format!("success={} session={}", a.success, a.session.id);
        Err(SyncError::BadShape { what: "check-in".into(), detail })
    }
}

/// An attendance answer counts only if it is this member's attended participation.
pub fn attendance_answer(p: &ApiParticipation, session_id: i64, member_id: i64) -> Result<(), SyncError> {
    if p.member_id == member_id && p.session_id == session_id && p.status == ParticipationStatus::Attended {
        Ok(())
    } else {
        Err(SyncError::BadShape {
            what: "attendance".into(),
            detail: format!("got {:?} for member {}", p.status, p.member_id),
        })
    }
}

/// One event through the plain API: a replay, then (on a 500 or a refusal)
/// the route `fallback` that does not need the check-in endpoint; or that
/// route at once.
async fn send_plain(sh: &Shared, p: Plan, fallback: Plan, expected: Option<i64>) -> Disposition {
    if sh.stop.load(Ordering::SeqCst) {
        return Disposition::Stop("stopped after an authorization failure".into());
    }
    let mut route = p;
    if let Plan::Replay { qr_code, session_id, .. } = &route {
        let body = serde_json::json!({ "qr_code": qr_code, "session_id": session_id });
        let r = {
            let _permit = sh.sem.acquire().await.expect("semaphore open");
            let not_500 = |e: &SyncError| !matches!(e, SyncError::Server { status: 500, .. });
            retrying(4, not_500, || sh.client.post::<CheckInAnswer>("/attendance/check-in", Some(&body))).await
        };
        let r = r.and_then(|a| check_in_answer(&a, *session_id));
        if matches!(r, Err(SyncError::Server { status: 500, .. })) {
            sh.broken.store(true, Ordering::SeqCst);
        } else if r.is_ok() {
            sh.replayed.store(true, Ordering::SeqCst);
        }
        match plan::after_replay(&r, &fallback) {
            Disposition::FallBack => route = fallback,
            v => return stop_if_auth(sh, v),
        }
    }
    let v = match route {
        Plan::Attend { session_id, member_id, unbooked } => {
            mark_attended(sh, session_id, member_id, expected, unbooked.as_ref()).await
        }
        Plan::Book { session_id, member_id, started } => book(sh, session_id, member_id, expected, &started).await,
        Plan::Park(reason) => Disposition::Park(reason),
        other => Disposition::Retry(OutboxReason::Retrying {
            error: "internal".into(),
            detail: format!("nothing to send for {other:?}"),
        }),
    };
    stop_if_auth(sh, v)
}

fn stop_if_auth(sh: &Shared, v: Disposition) -> Disposition {
    if matches!(v, Disposition::Stop(_)) {
        sh.stop.store(true, Ordering::SeqCst);
    }
    v
}

/// A walk-in whose class has not started: book the member into it (a second
/// booking answers "Ya estás registrado", read as booked), then mark the
/// attendance.
async fn book(
    sh: &Shared,
    session_id: i64,
    member_id: i64,
    expected: Option<i64>,
    started: &OutboxReason,
) -> Disposition {
    let path = format!("/schedule/participation/register/{session_id}/{member_id}");
    let r = {
        let _permit = sh.sem.acquire().await.expect("semaphore open");
        retrying(4, |_| true, || sh.client.post::<ApiParticipation>(&path, None)).await.map(|_| ())
    };
    if let Some(v) = plan::after_register(&r, started) {
        return v;
    }
    // The booking is on the server now: a refusal to mark it is the server's own.
    match mark_attended(sh, session_id, member_id, expected.map(|n| n + 1), None).await {
        Disposition::Sent(_) => Disposition::Sent(Via::Booked),
        v => v,
    }
}

/// The participation endpoint, made safe to repeat: it overwrites the time and
/// is not idempotent, so the server's participants list is read first (every
/// page, again while shorter than the session's count) and an attendance
/// already there is taken as recorded.
async fn mark_attended(
    sh: &Shared,
    session_id: i64,
    member_id: i64,
    expected: Option<i64>,
    unbooked: Option<&OutboxReason>,
) -> Disposition {
    for attempt in 0..4u32 {
        if attempt > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(100 << attempt)).await;
        }
        let _permit = sh.sem.acquire().await.expect("semaphore open");
        let list = match participants::read(&sh.client, session_id, participants::PAGE, expected).await {
            Ok(l) => l,
            Err(e) => return plan::after_attendance(&Err(e), unbooked),
        };
        if list.iter().any(|p| p.member_id == member_id && p.status == ParticipationStatus::Attended) {
            return Disposition::Sent(Via::Attendance);
        }
        let path = format!("/schedule/participation/attendance/{session_id}/{member_id}");
        let r = sh
            .client
            .post::<ApiParticipation>(&path, None)
            .await
            .and_then(|p| attendance_answer(&p, session_id, member_id));
        match plan::after_attendance(&r, unbooked) {
            Disposition::Retry(_) if attempt < 3 => continue,
            v => return v,
        }
    }
    Disposition::Retry(OutboxReason::Retrying {
        error: "server_error".into(),
        detail: "participation endpoint kept failing".into(),
    })
}
