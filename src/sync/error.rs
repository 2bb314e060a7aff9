//! The sync's typed errors. Each one knows whether retrying may help
//! (`is_transient`): transient errors are retried with back-off, permanent
//! ones stop the round (auth, configuration) or park the event (a refusal).

use crate::ErrorCode;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// Nothing was sent: no route, refused, DNS.
    #[error("cannot reach the central API: {0}")]
    Offline(String),
    /// The request may have reached the server: the answer was lost.
    #[error("the connection was lost before the answer arrived: {0}")]
    Interrupted(String),
    #[error("the central API did not answer in time: {0}")]
    Timeout(String),
    #[error("the central API refused the token (HTTP 401): {detail}")]
    Unauthorized { detail: String },
    #[error("the token may not do this (HTTP 403): {detail}")]
    Forbidden { detail: String },
    #[error("not found (HTTP 404): {detail}")]
    NotFound { detail: String },
    /// Any other 4xx: the server understood and said no.
    #[error("refused (HTTP {status}): {detail}")]
    Rejected { status: u16, detail: String },
    #[error("rate limited (HTTP 429){}", retry_after.map(|d| format!(", retry after {}s", d.as_secs())).unwrap_or_default())]
    RateLimited { retry_after: Option<Duration> },
    #[error("server error (HTTP {status}): {detail}")]
    Server { status: u16, detail: String },
    /// A success status with a body that is not what the API documents.
    #[error("unexpected answer from {what}: {detail}")]
    BadShape { what: String, detail: String },
    #[error("sync configuration: {0}")]
    Config(String),
    #[error(transparent)]
    Db(#[from] crate::Error),
}

impl SyncError {
    pub fn is_transient(&self) -> bool {
        match self {
            SyncError::Offline(_)
            | SyncError::Interrupted(_)
            | SyncError::Timeout(_)
            | SyncError::RateLimited { .. }
            | SyncError::Server { .. }
            | SyncError::BadShape { .. } => true,
            SyncError::Db(e) => e.is_transient(),
            _ => false,
        }
    }

    /// The request certainly did not reach the handler (safe to resend anything).
    pub fn nothing_sent(&self) -> bool {
        matches!(self, SyncError::Offline(_) | SyncError::RateLimited { .. })
            || matches!(self, SyncError::Server { status: 503, .. })
    }

    /// Credentials are wrong or expired: stop pushing, keep the queue.
    pub fn is_auth(&self) -> bool {
        matches!(self, SyncError::Unauthorized { .. } | SyncError::Forbidden { .. })
    }

    /// The network is down (as opposed to the server answering badly).
    pub fn is_offline(&self) -> bool {
        matches!(self, SyncError::Offline(_) | SyncError::Timeout(_))
    }

    /// A stable identifier for the UI and scripts.
    pub fn code(&self) -> ErrorCode {
        match self {
            SyncError::Offline(_) => ErrorCode::Offline,
            SyncError::Interrupted(_) => ErrorCode::Interrupted,
            SyncError::Timeout(_) => ErrorCode::Timeout,
            SyncError::Unauthorized { .. } => ErrorCode::Unauthorized,
            SyncError::Forbidden { .. } => ErrorCode::Forbidden,
            SyncError::NotFound { .. } => ErrorCode::NotFound,
            SyncError::Rejected { .. } => ErrorCode::Rejected,
            SyncError::RateLimited { .. } => ErrorCode::RateLimited,
            SyncError::Server { .. } => ErrorCode::ServerError,
            SyncError::BadShape { .. } => ErrorCode::BadShape,
            SyncError::Config(_) => ErrorCode::Config,
            SyncError::Db(e) => e.code(),
        }
    }

    /// The server's own words, for 4xx refusals.
    pub fn detail(&self) -> Option<&str> {
        match self {
            SyncError::Unauthorized { detail }
            | SyncError::Forbidden { detail }
            | SyncError::NotFound { detail }
            | SyncError::Rejected { detail, .. }
            | SyncError::Server { detail, .. } => Some(detail),
            _ => None,
        }
    }
}
