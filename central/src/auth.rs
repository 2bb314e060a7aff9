//! Bearer tokens with scopes and the `X-Gym-ID` header, answered with the
//! same statuses and `{"detail": ...}` bodies as GymAPI. Also the one helper
//! every route uses to build an error answer.

use crate::state::App;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// An error answer in GymAPI's shape.
pub fn detail(status: StatusCode, msg: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "detail": msg }))).into_response()
}

/// FastAPI's 422 for a missing or malformed field.
pub fn unprocessable(field: &str, msg: &str) -> Response {
    let body = serde_json::json!({ "detail": [{ "loc": ["body", field], "msg": msg, "type": "value_error" }] });
    (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(body)).into_response()
}

/// Checks the token (with `scope`) and returns the gym the request is about.
pub fn gym_request(app: &App, headers: &HeaderMap, scope: &str) -> Result<i64, Response> {
    let spec = token(app, headers)?;
    if !spec.scopes.contains(scope) {
        return Err(detail(StatusCode::FORBIDDEN, &format!("Permisos insuficientes: se requiere el scope '{scope}'")));
    }
    let raw = headers.get("x-gym-id").ok_or_else(|| {
        detail(StatusCode::BAD_REQUEST, "Header 'X-Gym-ID' requerido. Especifique el ID del gimnasio.")
    })?;
    let gym_id: i64 = raw
        .to_str()
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| detail(StatusCode::BAD_REQUEST, "Header 'X-Gym-ID' debe ser un número entero"))?;
    if !app.world().gyms.contains_key(&gym_id) {
        return Err(detail(StatusCode::NOT_FOUND, &format!("Gimnasio con ID {gym_id} no encontrado o inactivo")));
    }
    if spec.gyms.as_ref().is_some_and(|g| !g.contains(&gym_id)) {
        return Err(detail(StatusCode::FORBIDDEN, "No tienes acceso a este gimnasio"));
    }
    Ok(gym_id)
}

/// Checks only the token (admin routes).
pub fn token<'a>(app: &'a App, headers: &HeaderMap) -> Result<&'a crate::args::TokenSpec, Response> {
    let raw = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| detail(StatusCode::UNAUTHORIZED, "Not authenticated"))?;
    let given = raw.strip_prefix("Bearer ").map(str::trim).unwrap_or("");
    app.tokens
        .iter()
        .find(|t| t.token == given)
        .ok_or_else(|| detail(StatusCode::UNAUTHORIZED, "Token inválido o expirado"))
}
