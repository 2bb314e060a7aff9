//! Runs the core's sync worker inside the app and turns its status changes
//! into `sync-status` events for the header bar.

use crate::state::Desk;
use frontdesk::db::clock_check::{self, ClockSummary};
use frontdesk::db::{outbox, sync_status};
use frontdesk::sync::worker::{self, WorkerOptions};
use frontdesk::sync::SyncConfig;
use serde::Serialize;
use std::sync::Arc;
use tauri::{Emitter, Manager, Runtime};

/// A membership found changed on the server right after a check-in, for a
/// follow-up notice ("membership expired yesterday, updated just now").
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FollowUp {
    pub member_id: i64,
    pub name: Option<String>,
    pub was_active: Option<bool>,
    pub now_active: bool,
    #[ts(type = "string | null")]
    #[serde(with = "frontdesk::time::serde_utc::option")]
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
    #[ts(type = "string")]
    #[serde(with = "frontdesk::time::serde_utc")]
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The header bar's view of sync (docs/IPC.md `SyncStatus`).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SyncStatusView {
    pub configured: bool,
    pub online: Option<bool>,
    #[ts(type = "string | null")]
    #[serde(with = "frontdesk::time::serde_utc::option")]
    pub offline_since: Option<chrono::DateTime<chrono::Utc>>,
    pub queued: i64,
    pub parked: i64,
    #[ts(type = "string | null")]
    #[serde(with = "frontdesk::time::serde_utc::option")]
    pub last_attempt_at: Option<chrono::DateTime<chrono::Utc>>,
    #[ts(type = "string | null")]
    #[serde(with = "frontdesk::time::serde_utc::option")]
    pub last_success_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_error: Option<String>,
    pub pull: Option<Progress>,
    /// Whether the desk's clock agrees with the server's, and how many scan times are doubtful.
    pub clock: ClockSummary,
    /// Memberships found changed right after a check-in, in the last 10 minutes.
    pub follow_ups: Vec<FollowUp>,
    /// Walk-ins of the last 24 hours the check-in endpoint could not take,
    /// booked into their class and then marked attended.
    pub booked_recent: i64,
    /// The replica still holds the demo gym (false once a real gym was pulled).
    pub demo: bool,
}

/// A running pull: its stage (`members`, `sessions`, `memberships`,
/// `participants`) and `done` of `total` items. The lists give no count:
/// `total` is then the last pull's (`estimated`), or `null` when there is
/// nothing to go by (a new desk), until the last page.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Progress {
    pub stage: String,
    pub done: u64,
    pub total: Option<u64>,
    pub estimated: bool,
}

pub fn status_view(desk: &Desk) -> crate::ipc::IpcResult<SyncStatusView> {
    let (configured, changes, pull) = {
        let guard = desk.sync.lock().unwrap_or_else(|e| e.into_inner());
        let (changes, pull) = guard.as_ref().map_or((Vec::new(), None), |h| {
            let s = h.status.borrow();
            (s.membership_changes.clone(), s.pull)
        });
        (guard.is_some(), changes, pull)
    };
    let since = desk.clock.now() - chrono::Duration::minutes(10);
    desk.with_db(|db| {
        let mut follow_ups = Vec::new();
        for c in changes.into_iter().filter(|c| c.at >= since) {
            follow_ups.push(FollowUp {
                name: frontdesk::db::members::summary(db.conn(), c.member_id)?.map(|m| m.name),
                member_id: c.member_id,
                was_active: c.was_active,
                now_active: c.now_active,
                expires_at: c.expires_at,
                at: c.at,
            });
        }
        let row = sync_status::get(db.conn())?;
        let counts = outbox::counts(db.conn())?;
        Ok(SyncStatusView {
            configured,
            online: if configured { row.online } else { None },
            offline_since: row.offline_since,
            queued: counts.queued,
            parked: counts.parked,
            last_attempt_at: row.last_attempt_at,
            last_success_at: row.last_success_at,
            last_error: row.last_error,
            pull: pull.map(|p| Progress {
                stage: p.phase.to_owned(),
                done: p.done,
                total: p.total,
                estimated: p.estimated,
            }),
            clock: clock_check::summary(db.conn())?,
            follow_ups,
            booked_recent: outbox::sent_via_counts(db.conn(), desk.clock.now() - chrono::Duration::hours(24))?
                .into_iter()
                .find(|(via, _)| via == "booked")
                .map_or(0, |(_, n)| n),
            demo: frontdesk::db::settings::get_bool(db.conn(), frontdesk::db::settings::DEMO)?,
        })
    })
}

/// A real gym replaced the demo gym: the demo camera gives way to the
/// desk's real camera, or to scanner only when it has none.
fn leave_demo<R: Runtime>(app: &tauri::AppHandle<R>) {
    use frontdesk::desk_settings::{self, CameraSource};
    let desk = app.state::<Arc<Desk>>().inner().clone();
    let Ok(mut settings) = desk.with_db(|db| Ok(desk_settings::load(db.conn(), desk.default_lang)?)) else { return };
    if settings.camera.source != CameraSource::Demo {
        return;
    }
    let cameras = crate::camera::list().unwrap_or_default();
    settings.camera.source = if cameras.is_empty() { CameraSource::None } else { CameraSource::Camera };
    tracing::info!(cameras = cameras.len(), source = ?settings.camera.source, "a real gym replaced the demo: camera switched");
    if desk.with_db(|db| Ok(db.write(|tx| desk_settings::save(tx, &settings))?)).is_ok() {
        crate::camera::restart(app);
    }
}

/// Stops the running worker, if any (Settings changed the connection). Its
/// status loop in [`start`] ends with it.
pub async fn stop(desk: &Desk) {
    let running = desk.sync.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(handle) = running {
        handle.stop().await;
    }
}

/// Starts the worker when the desk has a central API configured.
pub fn start<R: Runtime>(app: &tauri::AppHandle<R>, cfg: SyncConfig) {
    let desk = app.state::<Arc<Desk>>().inner().clone();
    let Some(db_path) = desk.with_db(|db| Ok(db.path().map(|p| p.to_owned()))).ok().flatten() else { return };
    let mut opts = WorkerOptions::new(db_path);
    if let Some(secs) = std::env::var("FRONTDESK_SYNC_INTERVAL_SECS").ok().and_then(|s| s.parse().ok()) {
        opts.interval = std::time::Duration::from_secs(secs);
        opts.backoff_cap = opts.backoff_cap.min(opts.interval.max(std::time::Duration::from_secs(1)));
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let handle = match worker::spawn(cfg, opts, desk.clock.clone()) {
            Ok(h) => h,
            Err(e) => {
                tracing::error!(error = %e, "sync worker did not start");
                return;
            }
        };
        let mut status = handle.status.clone();
        *desk.sync.lock().unwrap_or_else(|e| e.into_inner()) = Some(handle);
        let mut was_demo = desk.is_demo();
        loop {
            // The view already reads the demo flag: it tells when a real gym replaced the demo.
            let view = status_view(&desk);
            let demo = view.as_ref().map_or(was_demo, |v| v.demo);
            if was_demo && !demo {
                let app = app.clone();
                let _ = tauri::async_runtime::spawn_blocking(move || leave_demo(&app)).await;
            }
            was_demo = demo;
            if let Ok(view) = view {
                let _ = app.emit("sync-status", view);
            }
            if status.changed().await.is_err() {
                break;
            }
        }
    });
}
