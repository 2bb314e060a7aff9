//! Fault injection, applied per request to the API routes (never to /admin):
//! latency, 503s, dropping the connection after the handler committed, token
//! expiry, rate limiting with Retry-After, and 200s of the wrong shape.
//! The spec can be replaced at run time through `POST /admin/faults`.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::atomic::Ordering;

use crate::state::App;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    pub latency_ms: u64,
    pub error_rate: f64,
    pub drop_after_commit: f64,
    pub expire_token_after: Option<u64>,
    pub rate_limit: Option<u64>,
    pub bad_shape_rate: f64,
}

pub fn parse(spec: &str) -> Result<Faults, String> {
    let mut f = Faults::default();
    for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (k, v) = item.split_once('=').ok_or_else(|| format!("fault {item:?}: expected key=value"))?;
        let num = |v: &str| v.trim().parse::<f64>().map_err(|_| format!("fault {k}: bad number {v:?}"));
        let prob = |v: &str| {
            num(v).and_then(|p| {
                if (0.0..=1.0).contains(&p) {
                    Ok(p)
                } else {
                    Err(format!("fault {k}: {p} is not in 0..1"))
                }
            })
        };
        match k.trim() {
            "latency_ms" => f.latency_ms = num(v)? as u64,
            "error_rate" => f.error_rate = prob(v)?,
            "drop_after_commit" => f.drop_after_commit = prob(v)?,
            "expire_token_after" => f.expire_token_after = Some(num(v)? as u64),
            "rate_limit" => f.rate_limit = Some(num(v)? as u64),
            "bad_shape_rate" => f.bad_shape_rate = prob(v)?,
            other => return Err(format!("unknown fault {other:?}")),
        }
    }
    Ok(f)
}

/// The panic payload that tells the panic hook to stay quiet: unwinding the
/// connection task is how the server closes a connection without answering.
pub struct DropConnection;

pub fn install_quiet_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if info.payload().downcast_ref::<DropConnection>().is_none() {
            default(info)
        }
    }));
}

fn detail(status: StatusCode, msg: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "detail": msg }))).into_response()
}

/// Counts in-flight requests (to prove the desk's concurrency limit) and applies faults.
pub async fn layer(State(app): State<App>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/admin") {
        return next.run(req).await;
    }
    let in_flight = app.stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    app.stats.max_in_flight.fetch_max(in_flight, Ordering::SeqCst);
    let _guard = InFlight(&app);
    let n = app.stats.requests.fetch_add(1, Ordering::SeqCst) + 1;
    let f = app.faults.read().unwrap_or_else(|e| e.into_inner()).clone();
    if f.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(f.latency_ms)).await;
    }
    if f.expire_token_after.is_some_and(|limit| n > limit) {
        return detail(StatusCode::UNAUTHORIZED, "Token expirado");
    }
    if let Some(limit) = f.rate_limit {
        let second = chrono::Utc::now().timestamp();
        let mut w = app.rate_window.lock().unwrap_or_else(|e| e.into_inner());
        if w.0 != second {
            *w = (second, 0);
        }
        w.1 += 1;
        if w.1 > limit {
            let mut r = detail(StatusCode::TOO_MANY_REQUESTS, "Demasiadas solicitudes");
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            return r;
        }
    }
    if fastrand::f64() < f.error_rate {
        return detail(StatusCode::SERVICE_UNAVAILABLE, "Servicio no disponible temporalmente");
    }
    let resp = next.run(req).await;
    if f.drop_after_commit > 0.0 && fastrand::f64() < f.drop_after_commit {
        app.stats.dropped.fetch_add(1, Ordering::SeqCst);
        std::panic::panic_any(DropConnection);
    }
    if resp.status().is_success() && fastrand::f64() < f.bad_shape_rate {
        return Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"unexpected":"shape","items":"not a list"}"#))
            .expect("static response");
    }
    resp
}

struct InFlight<'a>(&'a App);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.stats.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_bad_ones_are_refused() {
        let f = parse(
            "latency_ms=5,error_rate=0.5,rate_limit=10,expire_token_after=3,drop_after_commit=1,bad_shape_rate=0",
        )
        .unwrap();
        assert_eq!(f.latency_ms, 5);
        assert_eq!(f.rate_limit, Some(10));
        assert_eq!(f.expire_token_after, Some(3));
        assert!(parse("error_rate=2").is_err());
        assert!(parse("nonsense=1").is_err());
        assert_eq!(parse("").unwrap(), Faults::default());
    }
}
