//! The HTTP client for the central API, and the ONE place where statuses,
//! error bodies and transport failures become typed [`SyncError`]s
//! ([`classify`], [`transport`]). It also reads the server's `Date` header so
//! the push can judge the ±30 min window by the server's clock.

use super::config::SyncConfig;
use super::error::SyncError;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use reqwest::header::{HeaderMap, DATE, RETRY_AFTER};
use serde::de::DeserializeOwned;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

pub struct Client {
    http: reqwest::Client,
    cfg: SyncConfig,
    /// Server clock minus the local clock, from the last `Date` header (ms).
    offset_ms: AtomicI64,
    has_offset: AtomicBool,
    /// Member pictures (`crate::photos`): its own limits, the token only for the API's origin.
    photos: std::sync::Arc<crate::photos::fetch::Fetcher>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("cfg", &self.cfg).finish_non_exhaustive()
    }
}

/// Maps a non-success answer to its error. Pure: unit-tested below.
pub fn classify(status: u16, retry_after: Option<Duration>, body: &[u8]) -> SyncError {
    let detail = detail_of(body);
    match status {
        401 => SyncError::Unauthorized { detail },
        403 => SyncError::Forbidden { detail },
        404 => SyncError::NotFound { detail },
        408 => SyncError::Timeout(detail),
        429 => SyncError::RateLimited { retry_after },
        400..=499 => SyncError::Rejected { status, detail },
        _ => SyncError::Server { status, detail },
    }
}

/// GymAPI's `{"detail": "..."}` (or FastAPI's 422 list), else the text itself, shortened.
pub fn detail_of(body: &[u8]) -> String {
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) {
        match v.get("detail") {
            Some(serde_json::Value::String(s)) => return s.clone(),
            Some(other) => return shorten(&other.to_string()),
            None => {}
        }
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        "(empty body)".to_owned()
    } else {
        shorten(text)
    }
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(200).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// Maps a transport failure. The URL (never the token) may appear in the text.
pub fn transport(e: &reqwest::Error) -> SyncError {
    let text = error_text(e);
    if e.is_connect() {
        SyncError::Offline(text)
    } else if e.is_timeout() {
        SyncError::Timeout(text)
    } else {
        SyncError::Interrupted(text)
    }
}

/// The error with its causes ("connection closed before message completed").
fn error_text(e: &reqwest::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    shorten(&msg)
}

fn retry_after(h: &HeaderMap) -> Option<Duration> {
    h.get(RETRY_AFTER)?.to_str().ok()?.trim().parse::<u64>().ok().map(Duration::from_secs)
}

impl Client {
    pub fn new(cfg: SyncConfig) -> Result<Client, SyncError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(3))
            .timeout(Duration::from_secs(20))
            .pool_max_idle_per_host(32)
            .build()
            .map_err(|e| SyncError::Config(format!("HTTP client: {e}")))?;
        let photos = crate::photos::fetch::Fetcher::new(
            crate::photos::fetch::FetchLimits::default(),
            Some((&cfg.api_url, cfg.token.clone())),
        )
        .map_err(|e| SyncError::Config(format!("photo client: {e}")))?;
        Ok(Client {
            http,
            cfg,
            offset_ms: AtomicI64::new(0),
            has_offset: AtomicBool::new(false),
            photos: std::sync::Arc::new(photos),
        })
    }

    /// The client for member pictures.
    pub fn photos(&self) -> &std::sync::Arc<crate::photos::fetch::Fetcher> {
        &self.photos
    }

    pub fn gym_id(&self) -> i64 {
        self.cfg.gym_id
    }

    /// The server's time now, by the last `Date` header seen (else the local clock).
    pub fn server_now(&self, local_now: DateTime<Utc>) -> DateTime<Utc> {
        local_now + ChronoDuration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    pub fn knows_server_clock(&self) -> bool {
        self.has_offset.load(Ordering::Relaxed)
    }

    /// Server time minus desk time by the last `Date` header, if one was seen.
    pub fn clock_offset_ms(&self) -> Option<i64> {
        self.knows_server_clock().then(|| self.offset_ms.load(Ordering::Relaxed))
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str, query: &[(&str, String)]) -> Result<T, SyncError> {
        let rb = self.http.get(self.url(path)).query(query);
        self.call(rb, path).await
    }

    pub async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<T, SyncError> {
        let mut rb = self.http.post(self.url(path));
        if let Some(b) = body {
            rb = rb.json(b);
        }
        self.call(rb, path).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.cfg.api_url, path)
    }

    async fn call<T: DeserializeOwned>(&self, rb: reqwest::RequestBuilder, what: &str) -> Result<T, SyncError> {
        let rb = rb.bearer_auth(self.cfg.token.expose()).header("X-Gym-ID", self.cfg.gym_id.to_string());
        let resp = rb.send().await.map_err(|e| transport(&e))?;
        let status = resp.status().as_u16();
        self.note_date(resp.headers());
        let after = retry_after(resp.headers());
        let body = resp.bytes().await.map_err(|e| transport(&e))?;
        if !(200..300).contains(&status) {
            return Err(classify(status, after, &body));
        }
        serde_json::from_slice(&body).map_err(|e| SyncError::BadShape { what: what.to_owned(), detail: e.to_string() })
    }

    fn note_date(&self, h: &HeaderMap) {
        let Some(date) = h.get(DATE).and_then(|v| v.to_str().ok()) else { return };
        if let Ok(t) = DateTime::parse_from_rfc2822(date) {
            // The header has whole seconds: half a second is the best estimate.
            let offset = t.with_timezone(&Utc) + ChronoDuration::milliseconds(500) - Utc::now();
            self.offset_ms.store(offset.num_milliseconds(), Ordering::Relaxed);
            self.has_offset.store(true, Ordering::Relaxed);
        }
    }
}

/// Retries `f` on transient errors that `retry_if` allows, up to `tries` times
/// in all, waiting 100 ms, 200 ms, ... (or the server's Retry-After, capped at 5 s).
pub async fn retrying<T, F, Fut>(tries: u32, retry_if: impl Fn(&SyncError) -> bool, mut f: F) -> Result<T, SyncError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, SyncError>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        match f().await {
            Err(e) if attempt < tries && e.is_transient() && retry_if(&e) => {
                let base = Duration::from_millis(100 << (attempt - 1).min(6));
                let wait = match &e {
                    SyncError::RateLimited { retry_after: Some(d) } => (*d).min(Duration::from_secs(5)),
                    _ => base.mul_f64(0.5 + fastrand::f64()),
                };
                tracing::debug!(error = %e, ?wait, attempt, "retrying");
                tokio::time::sleep(wait).await;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_typed_errors_with_the_right_class() {
        let e = classify(400, None, r#"{"detail":"Ya has hecho check-in en esta clase"}"#.as_bytes());
        assert!(matches!(&e, SyncError::Rejected { status: 400, detail } if detail.contains("Ya has hecho")));
        assert!(!e.is_transient(), "a refusal is not retried");
        let e = classify(401, None, br#"{"detail":"Token expirado"}"#);
        assert!(e.is_auth() && !e.is_transient());
        assert!(classify(403, None, b"{}").is_auth());
        let e = classify(429, Some(Duration::from_secs(2)), b"");
        assert!(e.is_transient() && e.nothing_sent());
        assert!(matches!(e, SyncError::RateLimited { retry_after: Some(d) } if d.as_secs() == 2));
        let e = classify(500, None, b"Internal Server Error");
        assert!(matches!(&e, SyncError::Server { status: 500, detail } if detail == "Internal Server Error"));
        assert!(e.is_transient() && !e.nothing_sent(), "a 500 may have happened after a write");
        assert!(classify(503, None, b"").nothing_sent());
        assert!(matches!(classify(404, None, br#"{"detail":"Not Found"}"#), SyncError::NotFound { .. }));
        let e = classify(422, None, br#"{"detail":[{"loc":["body","qr_code"],"msg":"field required"}]}"#);
        assert!(matches!(&e, SyncError::Rejected { status: 422, detail } if detail.contains("field required")));
        assert_eq!(detail_of(b""), "(empty body)");
        assert_eq!(detail_of(&[b'x'; 500]).chars().count(), 201, "long bodies are cut");
    }
}
