//! The background sync loop (tokio): runs rounds, pulls now and then, backs
//! off with jitter and a cap while the server is unreachable or failing,
//! resets on success, notices when the network comes back, and publishes its
//! status (with a running pull's progress, page by page) on a watch channel
//! for the desktop app. Nudge it after a check-in.

use super::client::Client;
use super::config::SyncConfig;
use super::{run_round, RoundOptions};
use crate::clock::Clock;
use crate::db::{outbox, Db};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

#[derive(Debug, Clone)]
pub struct WorkerOptions {
    pub db_path: PathBuf,
    /// Time between rounds when all is well.
    pub interval: Duration,
    /// Time between pulls.
    pub pull_every: Duration,
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    pub round: RoundOptions,
}

impl WorkerOptions {
    /// Rounds every 10 s (push), a tiered pull every 5 minutes (what is due:
    /// see `pull::Tiers`).
    pub fn new(db_path: PathBuf) -> Self {
        let pull_every = Duration::from_secs(300);
        let mut round = RoundOptions { heartbeat: true, ..RoundOptions::default() };
        round.pull_opts.tiers =
            Some(super::pull::Tiers::every(chrono::Duration::from_std(pull_every).expect("small duration")));
        WorkerOptions {
            db_path,
            interval: Duration::from_secs(10),
            pull_every,
            backoff_base: Duration::from_secs(1),
            backoff_cap: Duration::from_secs(60),
            round,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct WorkerStatus {
    pub online: Option<bool>,
    pub queued: i64,
    pub parked: i64,
    pub last_error: Option<String>,
    #[serde(with = "crate::time::serde_utc::option")]
    pub last_success_at: Option<DateTime<Utc>>,
    pub consecutive_failures: u32,
    pub rounds: u64,
    /// Memberships found changed right after a verdict, newest last (at most 20).
    pub membership_changes: Vec<super::refresh::MembershipChange>,
    /// The pull running now, stage by stage (None between pulls).
    pub pull: Option<super::pull::Progress>,
}

pub struct WorkerHandle {
    pub status: watch::Receiver<WorkerStatus>,
    nudge: Arc<Notify>,
    refresh: tokio::sync::mpsc::UnboundedSender<i64>,
    shutdown: watch::Sender<bool>,
    join: tokio::task::JoinHandle<()>,
}

impl WorkerHandle {
    /// Run a round now (e.g. a check-in was just queued).
    pub fn nudge(&self) {
        self.nudge.notify_one();
    }

    /// Read member `member_id`'s membership again (a verdict was just shown),
    /// and run a round.
    pub fn refresh_member(&self, member_id: i64) {
        let _ = self.refresh.send(member_id);
    }

    pub async fn stop(self) {
        let _ = self.shutdown.send(true);
        let _ = self.join.await;
    }
}

/// The wait after `failures` consecutive failed rounds: exponential from
/// `base`, capped, with "equal jitter" (half fixed, half random) so desks
/// that lost the network together do not return together.
pub fn backoff(failures: u32, base: Duration, cap: Duration, jitter: f64) -> Duration {
    let exp = base.saturating_mul(1u32 << failures.saturating_sub(1).min(16));
    let d = exp.min(cap);
    d.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
}

/// Starts the worker on the current tokio runtime.
pub fn spawn(cfg: SyncConfig, opts: WorkerOptions, clock: Arc<dyn Clock>) -> Result<WorkerHandle, super::SyncError> {
    let client = Arc::new(Client::new(cfg)?);
    let (status_tx, status_rx) = watch::channel(WorkerStatus::default());
    let (shutdown_tx, mut shutdown_rx) = watch::channel(false);
    let nudge = Arc::new(Notify::new());
    let wake = nudge.clone();
    let (refresh_tx, mut refresh_rx) = tokio::sync::mpsc::unbounded_channel::<i64>();
    let join = tokio::spawn(async move {
        let mut status = WorkerStatus::default();
        let mut last_pull: Option<std::time::Instant> = None;
        let mut db = None;
        loop {
            if db.is_none() {
                db = Db::open(&opts.db_path)
                    .map_err(|e| tracing::error!(error = %e, "sync worker cannot open the replica"))
                    .ok();
            }
            let wait = match db.as_mut() {
                None => {
                    backoff(status.consecutive_failures.max(1), opts.backoff_base, opts.backoff_cap, fastrand::f64())
                }
                Some(db) => {
                    let mut round = opts.round.clone();
                    round.pull = last_pull.map_or(true, |t| t.elapsed() >= opts.pull_every);
                    // Each page of a pull is published at once, for the window's progress bar;
                    // the status sent after the round has no pull.
                    let on_progress = |p: super::pull::Progress| {
                        status_tx.send_modify(|s| s.pull = (p.phase != "done").then_some(p));
                    };
                    let result = run_round(db, &client, clock.as_ref(), &round, &on_progress).await;
                    status.rounds += 1;
                    match result {
                        Ok(r) => {
                            if r.pull.is_some() {
                                last_pull = Some(std::time::Instant::now());
                            }
                            if r.contacted {
                                status.online = Some(r.online);
                            }
                            status.queued = r.outbox.queued;
                            status.parked = r.outbox.parked;
                            status.last_error = r.first_error();
                            if let Some(e) = &status.last_error {
                                tracing::warn!(error = %e, code = r.error_code.map_or("-", |c| c.as_str()), "sync round failed");
                            }
                            if r.failed() {
                                status.consecutive_failures += 1;
                            } else {
                                status.consecutive_failures = 0;
                                if r.contacted {
                                    status.last_success_at = Some(clock.now());
                                }
                            }
                        }
                        Err(e) => {
                            status.consecutive_failures += 1;
                            status.last_error = Some(e.to_string());
                        }
                    }
                    if status.consecutive_failures == 0 {
                        opts.interval
                    } else {
                        backoff(status.consecutive_failures, opts.backoff_base, opts.backoff_cap, fastrand::f64())
                    }
                }
            };
            if let Some(db) = db.as_ref() {
                if let Ok(c) = outbox::counts(db.conn()) {
                    status.queued = c.queued;
                    status.parked = c.parked;
                }
            }
            let _ = status_tx.send(status.clone());
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = wake.notified() => {}
                Some(member_id) = refresh_rx.recv() => {
                    if let Some(db) = db.as_mut() {
                        match super::refresh::membership(db, &client, member_id, clock.now()).await {
                            Ok(Some(change)) => {
                                tracing::info!(member_id, now_active = change.now_active, "membership changed on the server");
                                status.membership_changes.push(change);
                                let excess = status.membership_changes.len().saturating_sub(20);
                                status.membership_changes.drain(..excess);
                                let _ = status_tx.send(status.clone());
                            }
                            Ok(None) => {}
                            Err(e) => tracing::debug!(member_id, error = %e, "membership not read again"),
                        }
                    }
                }
                _ = shutdown_rx.changed() => return,
            }
        }
    });
    Ok(WorkerHandle { status: status_rx, nudge, refresh: refresh_tx, shutdown: shutdown_tx, join })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let (b, cap) = (Duration::from_secs(1), Duration::from_secs(60));
        assert_eq!(backoff(1, b, cap, 1.0), Duration::from_secs(1));
        assert_eq!(backoff(3, b, cap, 1.0), Duration::from_secs(4));
        assert_eq!(backoff(30, b, cap, 1.0), cap, "never beyond the cap");
        assert_eq!(backoff(30, b, cap, 0.0), cap / 2, "jitter takes off at most half");
        assert!(backoff(3, b, cap, 0.3) < backoff(3, b, cap, 0.9));
    }
}
