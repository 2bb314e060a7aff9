//! Admin routes for tests and scripts (outside /api/v1, never faulted): the
//! state in the snapshot format, every attendance write with how many times it
//! was recorded, request statistics, and run-time control of faults and clock.

use crate::auth::{self, detail};
use crate::state::App;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use serde::Deserialize;
use std::sync::atomic::Ordering;

#[derive(Deserialize)]
pub struct GymQuery {
    gym_id: Option<i64>,
}

pub async fn state(State(app): State<App>, headers: HeaderMap, Query(q): Query<GymQuery>) -> Response {
    if let Err(r) = auth::token(&app, &headers) {
        return r;
    }
    let w = app.world();
    let gym = match q.gym_id {
        Some(id) => w.gyms.get(&id),
        None => w.gyms.values().next(),
    };
    match gym {
        Some(g) => axum::Json(g.to_snapshot()).into_response(),
        None => detail(StatusCode::NOT_FOUND, "Gimnasio no encontrado"),
    }
}

pub async fn check_ins(State(app): State<App>, headers: HeaderMap) -> Response {
    if let Err(r) = auth::token(&app, &headers) {
        return r;
    }
    let w = app.world();
    axum::Json(w.records.values().cloned().collect::<Vec<_>>()).into_response()
}

pub async fn stats(State(app): State<App>, headers: HeaderMap) -> Response {
    if let Err(r) = auth::token(&app, &headers) {
        return r;
    }
    let s = &app.stats;
    axum::Json(serde_json::json!({
        "requests": s.requests.load(Ordering::SeqCst),
        "max_in_flight": s.max_in_flight.load(Ordering::SeqCst),
        "dropped_after_commit": s.dropped.load(Ordering::SeqCst),
        "now": frontdesk::time::rfc3339(app.now()),
    }))
    .into_response()
}

/// Body: a fault spec as for `--faults` (empty clears every fault). Resets the counters.
pub async fn faults(State(app): State<App>, headers: HeaderMap, body: String) -> Response {
    if let Err(r) = auth::token(&app, &headers) {
        return r;
    }
    match crate::faults::parse(&body) {
        Ok(f) => {
            *app.faults.write().unwrap_or_else(|e| e.into_inner()) = f;
            app.stats.requests.store(0, Ordering::SeqCst);
            app.stats.max_in_flight.store(0, Ordering::SeqCst);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(e) => detail(StatusCode::BAD_REQUEST, &e),
    }
}

#[derive(Deserialize)]
pub struct ClockBody {
    set: Option<String>,
    offset_secs: Option<i64>,
}

/// Body: `{"set": RFC3339}` or `{"offset_secs": N}` (from the wall clock).
pub async fn clock(State(app): State<App>, headers: HeaderMap, axum::Json(b): axum::Json<ClockBody>) -> Response {
    if let Err(r) = auth::token(&app, &headers) {
        return r;
    }
    let offset = match (b.set.as_deref().and_then(frontdesk::time::parse_utc), b.offset_secs) {
        (Some(t), _) => t - Utc::now(),
        (None, Some(s)) => Duration::seconds(s),
        _ => return detail(StatusCode::BAD_REQUEST, "use {\"set\": RFC3339} or {\"offset_secs\": N}"),
    };
    *app.clock_offset_ms.write().unwrap_or_else(|e| e.into_inner()) = offset.num_milliseconds();
    axum::Json(serde_json::json!({ "now": frontdesk::time::rfc3339(app.now()) })).into_response()
}
