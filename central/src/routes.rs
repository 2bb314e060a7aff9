//! The GymAPI subset under /api/v1: the paged lists a desk pulls and the two
//! calls that record attendance, with GymAPI's statuses and bodies.

use crate::auth::{self, detail, unprocessable};
use crate::rules::{self, Refusal};
use crate::state::App;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use frontdesk::time::rfc3339;
use std::collections::HashMap;

type Params = Query<HashMap<String, String>>;

fn json(v: serde_json::Value) -> Response {
    axum::Json(v).into_response()
}

fn refusal(r: Refusal) -> Response {
    match r {
        Refusal::Detail(code, msg) => detail(StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST), &msg),
        Refusal::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response(),
    }
}

/// `skip` (default 0) and `limit` (default 100, 1..=1000), as FastAPI validates them.
fn paging(q: &HashMap<String, String>) -> Result<(usize, usize), Response> {
    let num = |k: &str, default: usize| -> Result<usize, Response> {
        match q.get(k) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| unprocessable(k, "value is not a valid integer")),
        }
    };
    let (skip, limit) = (num("skip", 0)?, num("limit", 100)?);
    if limit == 0 || limit > 1000 {
        return Err(unprocessable("limit", "ensure this value is between 1 and 1000"));
    }
    Ok((skip, limit))
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
}

pub async fn gym_participants(State(app): State<App>, headers: HeaderMap, Query(q): Params) -> Response {
    let gym_id = tri!(auth::gym_request(&app, &headers, "user:read"));
    let (skip, limit) = tri!(paging(&q));
    let role = q.get("role").map(|r| r.to_uppercase());
    let w = app.world();
    let g = &w.gyms[&gym_id];
    let page: Vec<_> = g
        .member_order
        .iter()
        .map(|id| &g.members[id])
        .filter(|m| role.as_deref().map_or(true, |r| m.gym_role == r))
        .skip(skip)
        .take(limit)
        .map(|m| {
            let mut v = serde_json::json!({
                "id": m.id, "email": m.email, "first_name": m.first_name, "last_name": m.last_name,
                "picture": crate::photos::resolve_picture(&app, m.picture.as_deref()), "is_active": m.is_active,
                "qr_code": m.qr_code, "phone_number": m.phone_number, "gym_role": m.gym_role,
                // GymAPI's user schema: a date, and a naive UTC timestamp (no offset).
                "birth_date": m.birth_date.map(|d| d.format("%Y-%m-%d").to_string()),
                "created_at": m.created_at.map(|t| t.naive_utc().format("%Y-%m-%dT%H:%M:%S%.6f").to_string()),
            });
            // GymAPI has no colour; a snapshot that gives one plays a backend that does.
            if let Some(c) = &m.color {
                v["color"] = c.clone().into();
            }
            v
        })
        .collect();
    json(serde_json::Value::Array(page))
}

pub async fn membership_status(State(app): State<App>, headers: HeaderMap, Path(user_id): Path<i64>) -> Response {
    let gym_id = tri!(auth::gym_request(&app, &headers, "user:read"));
    let now = app.now();
    let w = app.world();
    let Some(m) = w.gyms[&gym_id].members.get(&user_id) else {
        return detail(StatusCode::NOT_FOUND, "Usuario no encontrado en este gimnasio");
    };
    let body = match &m.membership {
        None => serde_json::json!({
            "user_id": user_id, "gym_id": gym_id, "is_active": false, "membership_type": "none",
            "expires_at": null, "days_remaining": null, "plan_name": null, "can_access": false,
            "gym_name": w.gyms[&gym_id].gym.name,
        }),
        Some(ms) => {
            let days = ms.expires_at.map(|e| (e - now).num_days().max(0));
            let live = ms.is_active && ms.expires_at.map_or(true, |e| e >= now);
            serde_json::json!({
                "user_id": user_id, "gym_id": gym_id, "is_active": ms.is_active,
                "membership_type": ms.membership_type, "expires_at": ms.expires_at.map(rfc3339),
                "days_remaining": days, "plan_name": ms.membership_type, "can_access": live,
                "gym_name": w.gyms[&gym_id].gym.name,
            })
        }
    };
    json(body)
}

pub async fn sessions_date_range(State(app): State<App>, headers: HeaderMap, Query(q): Params) -> Response {
    let gym_id = tri!(auth::gym_request(&app, &headers, "resource:read"));
    let (skip, limit) = tri!(paging(&q));
    let date = |k: &str| -> Result<NaiveDate, Response> {
        q.get(k)
            .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
            .ok_or_else(|| unprocessable(k, "invalid date format, expected YYYY-MM-DD"))
    };
    let (start, end) = (tri!(date("start_date")), tri!(date("end_date")));
    let w = app.world();
    let g = &w.gyms[&gym_id];
    let tz = g.gym.tz();
    let mut items: Vec<_> =
        g.sessions.values().filter(|s| (start..=end).contains(&s.session.start_time.date_naive())).collect();
    items.sort_by_key(|s| (s.session.start_time, s.session.id));
    let local =
        |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&tz).naive_local().format("%Y-%m-%dT%H:%M:%S").to_string();
    let page: Vec<_> = items
        .into_iter()
        .skip(skip)
        .take(limit)
        .map(|s| {
            let mut session = serde_json::to_value(&s.session).expect("serialisable");
            session["current_participants"] = rules::booked(g, s.session.id).into();
            session["timezone"] = g.gym.timezone.clone().into();
            session["start_time_local"] = local(s.session.start_time).into();
            session["end_time_local"] = local(s.session.end_time).into();
            serde_json::json!({ "session": session, "class_info": s.class_info })
        })
        .collect();
    json(serde_json::Value::Array(page))
}

/// `GET /schedule/participation/participants/{session_id}`: paged like every
/// GymAPI list (`skip`, `limit` default 100, no upper bound: the real
/// parameter is a plain `int`), and, like its SQL query with no ORDER BY, in
/// an order that changes from one request to the next. A desk that trusts the
/// order across pages misses some rows and sees others twice.
pub async fn participants(
    State(app): State<App>,
    headers: HeaderMap,
    Path(session_id): Path<i64>,
    Query(q): Params,
) -> Response {
    let gym_id = tri!(auth::gym_request(&app, &headers, "resource:admin"));
    let num = |k: &str, default: usize| -> Result<usize, Response> {
        match q.get(k) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| unprocessable(k, "value is not a valid integer")),
        }
    };
    let (skip, limit) = (tri!(num("skip", 0)), tri!(num("limit", 100)));
    let w = app.world();
    let g = &w.gyms[&gym_id];
    if !g.sessions.contains_key(&session_id) {
        return detail(StatusCode::NOT_FOUND, "Sesión no encontrada");
    }
    let mut list: Vec<_> =
        g.participations.range((session_id, i64::MIN)..=(session_id, i64::MAX)).map(|(_, p)| p).collect();
    if app.ordered_lists {
        list.sort_by_key(|p| p.id);
    } else {
        fastrand::shuffle(&mut list);
    }
    let page: Vec<_> = list.into_iter().skip(skip).take(limit).collect();
    json(serde_json::to_value(page).expect("serialisable"))
}

/// `POST /schedule/participation/register/{session_id}/{member_id}` (admin):
/// books a member into a session that is scheduled, has not started by the
/// server's clock and is not full; re-activates a cancelled booking.
pub async fn register(State(app): State<App>, headers: HeaderMap, path: Path<(i64, i64)>) -> Response {
    participation_write(app, headers, path, rules::register)
}

/// The admin calls on one (session, member) participation, answered with it.
type ParticipationRule = fn(
    &mut crate::state::World,
    i64,
    i64,
    i64,
    chrono::DateTime<chrono::Utc>,
) -> Result<frontdesk::snapshot::ApiParticipation, Refusal>;

fn participation_write(
    app: App,
    headers: HeaderMap,
    Path((session_id, member_id)): Path<(i64, i64)>,
    rule: ParticipationRule,
) -> Response {
    let gym_id = tri!(auth::gym_request(&app, &headers, "resource:admin"));
    let now = app.now();
    let mut w = app.world();
    match rule(&mut w, gym_id, session_id, member_id, now) {
        Ok(p) => json(serde_json::to_value(p).expect("serialisable")),
        Err(r) => refusal(r),
    }
}

pub async fn check_in(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let gym_id = tri!(auth::gym_request(&app, &headers, "resource:write"));
    let v: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(_) => return unprocessable("body", "JSON decode error"),
    };
    let Some(qr) = v.get("qr_code").and_then(|q| q.as_str()) else {
        return unprocessable("qr_code", "field required");
    };
    let session_id = match v.get("session_id") {
        None | Some(serde_json::Value::Null) => None,
        Some(s) => match s.as_i64() {
            Some(id) => Some(id),
            None => return unprocessable("session_id", "value is not a valid integer"),
        },
    };
    let now = app.now();
    let mut w = app.world();
    match rules::check_in(&mut w, gym_id, qr, session_id, now, app.as_deployed) {
        Ok(s) => json(serde_json::json!({
            "success": true,
            "message": "Check-in realizado correctamente",
            "session": { "id": s.id, "start_time": rfc3339(s.start_time), "end_time": rfc3339(s.end_time) },
        })),
        Err(r) => refusal(r),
    }
}

pub async fn attendance(State(app): State<App>, headers: HeaderMap, path: Path<(i64, i64)>) -> Response {
    participation_write(app, headers, path, rules::mark_attendance)
}

/// FastAPI's answer for a path it does not serve.
pub async fn not_found() -> Response {
    detail(StatusCode::NOT_FOUND, "Not Found")
}
