//! Sync with the central API (issue 4): pull the gym into the replica and
//! drain the outbox, exactly once, through outages.
//!
//! - `client`: HTTP, and the one mapping of answers to [`SyncError`];
//! - `config`: URL, gym id and token (flag, env, config file);
//! - `pull` + `stage`: paged, validated, resumable pulls swapped in atomically;
//! - `participants`: one session's bookings, paged and unordered upstream;
//! - `tiers` (pure): what a tiered pull asks for, and when;
//! - `plan` (pure) + `push`: what to send per outbox event, and sending it;
//! - `refresh`: one member's membership read again right after a verdict;
//! - after a successful pull, the member photo cache (`crate::photos`);
//! - `worker`: the background loop with back-off and the status row.

pub mod client;
pub mod config;
pub mod error;
pub mod participants;
pub mod plan;
pub mod probe;
pub mod pull;
pub mod push;
pub mod refresh;
pub mod stage;
pub mod tiers;
pub mod worker;

pub use client::Client;
pub use config::{SyncConfig, Token};
pub use error::SyncError;

use crate::clock::Clock;
use crate::db::{clock_check, outbox, sync_status, Db};
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct RoundOptions {
    pub pull: bool,
    /// When neither the pull nor the push would reach the server (no pull
    /// due, nothing queued), ask it one cheap question (`probe::ping`). The
    /// worker sets it, so an outage shows within one interval; `sync --once`
    /// does not.
    pub heartbeat: bool,
    pub pull_opts: pull::PullOptions,
    pub push_opts: push::PushOptions,
    /// Refresh the member photo cache after a successful pull (None: never).
    pub photos: Option<crate::photos::RefreshOptions>,
}

impl Default for RoundOptions {
    fn default() -> Self {
        RoundOptions {
            pull: false,
            heartbeat: false,
            pull_opts: pull::PullOptions::default(),
            push_opts: push::PushOptions::default(),
            photos: Some(crate::photos::RefreshOptions::default()),
        }
    }
}

/// What one pull + push round did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RoundReport {
    pub pull: Option<pull::PullStats>,
    pub pull_error: Option<String>,
    pub push: Option<push::PushReport>,
    pub push_error: Option<String>,
    /// The photo refresh after a successful pull. Its failures never fail the
    /// round: each photo's failure is recorded for a later retry, and an error
    /// here (the replica could not be written) is only reported.
    pub photos: Option<crate::photos::PhotoStats>,
    pub photos_error: Option<String>,
    /// The heartbeat's error, when the round sent one and it failed.
    pub heartbeat_error: Option<String>,
    /// Whether the round asked the server anything. When it did not, the
    /// status row is left as it was: nothing was learnt about the network.
    pub contacted: bool,
    pub outbox: outbox::Counts,
    /// The code of the first error, for scripts and the UI.
    pub error_code: Option<crate::ErrorCode>,
    /// Whether the server was reachable at all.
    pub online: bool,
    /// Server time minus desk time by the server's `Date` header, if seen.
    pub clock_offset_ms: Option<i64>,
    /// Check-ins newly flagged because the desk's clock was found wrong.
    pub clock_flagged: usize,
}

impl RoundReport {
    pub fn failed(&self) -> bool {
        self.pull_error.is_some()
            || self.push_error.is_some()
            || self.heartbeat_error.is_some()
            || self.push.as_ref().is_some_and(|p| p.failed())
    }

    /// The first error, as one line for the status row.
    pub fn first_error(&self) -> Option<String> {
        self.pull_error
            .clone()
            .or_else(|| self.push_error.clone())
            .or_else(|| self.heartbeat_error.clone())
            .or_else(|| self.push.as_ref().and_then(|p| p.stopped.clone()))
            .or_else(|| {
                self.push.as_ref().filter(|p| p.retried > 0).map(|p| format!("{} check-ins will be retried", p.retried))
            })
    }
}

/// One round: pull (if asked), then push, or the heartbeat when neither asked
/// the server anything; records the status row when the server was asked.
pub async fn run_round(
    db: &mut Db,
    client: &Arc<Client>,
    clock: &dyn Clock,
    opts: &RoundOptions,
    progress: &(dyn Fn(pull::Progress) + Send + Sync),
) -> Result<RoundReport, crate::Error> {
    let mut report = RoundReport { online: true, ..RoundReport::default() };
    let note = |e: &SyncError, report: &mut RoundReport| {
        report.error_code.get_or_insert(e.code());
        if e.is_offline() {
            report.online = false;
        }
    };
    if opts.pull {
        match pull::pull(db, client, clock, &opts.pull_opts, progress).await {
            Ok(s) => report.pull = Some(s),
            Err(e) => {
                // The caller reports the round's errors (the worker logs them,
                // the CLI prints them): once each.
                tracing::debug!(error = %e, "pull failed");
                note(&e, &mut report);
                report.pull_error = Some(e.to_string());
            }
        }
    }
    if report.online {
        match push::push(db, client, clock, &opts.push_opts).await {
            Ok(p) => report.push = Some(p),
            Err(e) => {
                tracing::debug!(error = %e, "push failed");
                note(&e, &mut report);
                report.push_error = Some(e.to_string());
            }
        }
    }
    // Photos after the push: a queued check-in never waits behind downloads.
    if let (Some(photo_opts), Some(_)) = (&opts.photos, &report.pull) {
        match crate::photos::refresh(db, client.photos(), clock, photo_opts).await {
            Ok(s) => report.photos = Some(s),
            Err(e) => {
                tracing::warn!(error = %e, "member photos not refreshed");
                report.photos_error = Some(e.to_string());
            }
        }
    }
    // A push with nothing due asks the server nothing.
    let pushed = report.push.as_ref().map_or(report.push_error.is_some(), |p| p.considered > 0);
    report.contacted = opts.pull || pushed;
    if opts.heartbeat && !report.contacted {
        report.contacted = true;
        if let Err(e) = probe::ping(client).await {
            tracing::debug!(error = %e, "heartbeat failed");
            note(&e, &mut report);
            report.heartbeat_error = Some(e.to_string());
        }
    }
    let now = clock.now();
    let error = report.first_error();
    let clock_offset = client.clock_offset_ms();
    report.clock_offset_ms = clock_offset;
    db.write(|tx| {
        if let Some(offset_ms) = clock_offset {
            report.clock_flagged = clock_check::record_offset(tx, now, offset_ms)?;
        }
        if !report.contacted {
            // Neither online nor offline: nothing was asked.
        } else if report.online {
            sync_status::record_attempt(tx, now, error.as_deref())?;
            if error.is_some() {
                // Reached the server: online, even though something failed.
                tx.execute("UPDATE sync_status SET online = 1, offline_since = NULL WHERE id = 1", [])?;
            }
        } else {
            sync_status::record_attempt(tx, now, error.as_deref().or(Some("offline")))?;
        }
        Ok(())
    })?;
    report.outbox = outbox::counts(db.conn())?;
    Ok(report)
}
