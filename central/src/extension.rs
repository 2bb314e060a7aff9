//! The batch check-in extension the desk proposes to GymAPI
//! (docs/central-api-extension.md): `POST /api/v1/attendance/check-ins/batch`.
//! Each item carries an idempotency key (`event_id`) and the scan time; the
//! rules are applied at `scanned_at`, the stored code is verified, and every
//! item is answered: recorded, duplicate or rejected with a reason.
//! An empty batch is the desk's cheap probe: 200 here, 404 without the extension.

use crate::auth::{self, detail};
use crate::rules::{self, in_window, Refusal};
use crate::state::{App, World};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use frontdesk::domain::{ParticipationStatus, SessionStatus};
use serde::{Deserialize, Serialize};

pub const MAX_ITEMS: usize = 500;

#[derive(Debug, Deserialize)]
pub struct BatchRequest {
    pub items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
pub struct Item {
    pub event_id: String,
    #[serde(default)]
    pub qr_code: Option<String>,
    pub member_id: i64,
    pub session_id: i64,
    #[serde(with = "frontdesk::time::serde_utc")]
    pub scanned_at: DateTime<Utc>,
    pub device_id: String,
    /// Staff overrode a desk refusal: window and cancellation are not checked.
    #[serde(default)]
    pub override_reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ItemResult {
    pub event_id: String,
    /// recorded | duplicate | rejected
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participation_id: Option<i64>,
}

pub async fn batch(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let gym_id = match auth::gym_request(&app, &headers, "resource:write") {
        Ok(g) => g,
        Err(r) => return r,
    };
    let req: BatchRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return auth::unprocessable("items", &e.to_string()),
    };
    if req.items.len() > MAX_ITEMS {
        return detail(StatusCode::PAYLOAD_TOO_LARGE, &format!("Como máximo {MAX_ITEMS} elementos por lote"));
    }
    let now = app.now();
    let mut w = app.world();
    let results: Vec<ItemResult> = req.items.iter().map(|it| apply(&mut w, gym_id, it, now)).collect();
    axum::Json(serde_json::json!({ "results": results })).into_response()
}

fn apply(w: &mut World, gym_id: i64, it: &Item, now: DateTime<Utc>) -> ItemResult {
    let result = |status, reason: Option<String>, pid| ItemResult {
        event_id: it.event_id.clone(),
        status,
        reason,
        participation_id: pid,
    };
    let reject = |reason: &str| result("rejected", Some(reason.to_owned()), None);
    if let Some(&(g, s, m)) = w.events.get(&it.event_id) {
        let pid = w.gyms.get(&g).and_then(|gd| gd.participations.get(&(s, m))).map(|p| p.id);
        return result("duplicate", None, pid);
    }
    if it.event_id.trim().is_empty() || it.device_id.trim().is_empty() {
        return reject("event_id y device_id son obligatorios");
    }
    if it.scanned_at > now + Duration::minutes(5) {
        return reject("scanned_at está en el futuro");
    }
    let g = &w.gyms[&gym_id];
    let Some(member) = g.members.get(&it.member_id) else { return reject(rules::NOT_MEMBER) };
    if let Some(code) = it.qr_code.as_deref().map(str::trim) {
        let stored_mismatch = member.qr_code.as_deref().is_some_and(|s| s.trim() != code);
        if rules::parse_qr(code) != Some(it.member_id) || stored_mismatch {
            return reject(rules::INVALID_QR);
        }
    }
    let Some(s) = g.sessions.get(&it.session_id) else {
        return reject("Sesión no encontrada o no pertenece a este gimnasio");
    };
    if it.override_reason.as_deref().map_or(true, |r| r.trim().is_empty()) {
        if s.session.status == SessionStatus::Cancelled {
            return reject("La sesión está cancelada");
        }
        if !in_window(s.session.start_time, it.scanned_at) {
            return reject(rules::OUTSIDE);
        }
    }
    if let Some(p) = g.participations.get(&(it.session_id, it.member_id)) {
        if p.status == ParticipationStatus::Attended {
            let pid = p.id;
            w.events.insert(it.event_id.clone(), (gym_id, it.session_id, it.member_id));
            return result("duplicate", None, Some(pid));
        }
    }
    match rules::attend(w, gym_id, it.session_id, it.member_id, it.scanned_at, "batch", Some(&it.event_id), true) {
        Ok(p) => {
            w.events.insert(it.event_id.clone(), (gym_id, it.session_id, it.member_id));
            result("recorded", None, Some(p.id))
        }
        Err(Refusal::Detail(_, msg)) => reject(&msg),
        Err(Refusal::Internal) => reject("error interno"),
    }
}
