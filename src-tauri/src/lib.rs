//! The Front Desk desktop shell: opens the replica (a demo gym on a desk with
//! no configuration), starts scanning and sync, and registers the thin
//! commands of docs/IPC.md. The app builder is generic over the runtime so
//! tests can build it with Tauri's mock runtime.

pub mod bindings;
pub mod camera;
pub mod commands;
pub mod ipc;
mod kiosk_window;
mod logging;
mod malloc_tuning;
pub mod photo_scheme;
mod rendering;
mod save_dialog;
pub mod state;
mod sync_service;
pub mod token_store;
mod verdict_paint;

use frontdesk::clock::{Clock, SystemClock};
use frontdesk::db::Db;
use frontdesk::sync::config::{self, Overrides};
use ipc::IpcError;
use state::Desk;
use std::path::Path;
use std::sync::Arc;
use tauri::Manager;

/// Opens the replica, installing the demo gym when the desk has no gym yet
/// (or refreshing a demo gym whose week has passed), and keeps a backup no
/// older than a day so a damaged replica can be restored.
pub fn open_desk(data_dir: &Path, clock: Arc<dyn Clock>) -> Desk {
    let lang = state::os_lang();
    let db = Db::open_in_dir(data_dir).map_err(IpcError::from).and_then(|mut db| {
        let mut desk = frontdesk::desk::Desk::new(&mut db, clock.as_ref(), lang);
        desk.keep_demo_fresh()?;
        if let Err(e) = desk.keep_backup_fresh() {
            tracing::warn!(code = %e.code(), "automatic backup failed: {e}");
        }
        Ok(db)
    });
    if let Err(e) = &db {
        tracing::error!(code = %e.code, "cannot open the replica: {}", e.message);
    }
    Desk::new(db, clock, data_dir.to_owned(), lang)
}

/// Configures an app builder on any runtime (the real one, or
/// `tauri::test::mock_builder()` in tests) with the desk and its commands.
pub fn builder<R: tauri::Runtime>(base: tauri::Builder<R>, desk: Arc<Desk>) -> tauri::Builder<R> {
    photo_scheme::register(base).manage(desk).on_window_event(kiosk_window::on_window_event).invoke_handler(
        tauri::generate_handler![
            commands::window_ready,
            commands::check_in_code,
            commands::check_in_member,
            commands::search_members,
            commands::today_sessions,
            commands::recent_check_ins,
            commands::sync_status,
            commands::outbox_items,
            commands::retry_parked,
            commands::dismiss_parked,
            commands::add_desk_note,
            commands::clear_desk_note,
            commands::member_notes,
            commands::enter_kiosk,
            commands::leave_kiosk,
            commands::set_kiosk_pin,
            commands::kiosk_check_in_code,
            commands::kiosk_refusals,
            commands::shift_status,
            commands::list_staff,
            commands::staff_sign_in,
            commands::lock_desk,
            commands::staff_activity,
            commands::admin_pin,
            commands::end_admin,
            commands::add_staff,
            commands::update_staff,
            commands::remove_staff,
            commands::get_settings,
            commands::save_settings,
            commands::list_cameras,
            commands::hold_camera_check_ins,
            commands::preview_painted,
            commands::watch_preview,
            commands::show_preview,
            commands::verdict_painted,
            commands::diagnostics,
            commands::restore_backup,
            commands::report_html,
            commands::export_report,
        ],
    )
}

/// The connection sync would use with `settings` (and `token`, when staff
/// just typed one): the core's one precedence rule, the environment (kiosk
/// scripts, tests) over the stored settings.
pub(crate) fn sync_config(
    desk: &Desk,
    settings: &frontdesk::desk_settings::DeskSettings,
    token: Option<String>,
) -> Result<frontdesk::sync::SyncConfig, frontdesk::sync::SyncError> {
    let stored = Overrides {
        api_url: settings.api_url.clone(),
        gym_id: settings.gym_id,
        token: token.or_else(token_store::load).map(frontdesk::sync::Token::new),
    };
    let env = |k: &str| std::env::var(k).ok();
    config::resolve_layers(Overrides::default(), &env, stored, &desk.data_dir)
}

/// Starts sync when the desk has a central API configured (scanning starts
/// when the UI is ready: see `commands::window_ready`).
fn start_services<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    let desk = app.state::<Arc<Desk>>().inner().clone();
    let Ok(settings) = desk.with_db(|db| Ok(frontdesk::desk_settings::load(db.conn(), desk.default_lang)?)) else {
        return;
    };
    match sync_config(&desk, &settings, None) {
        Ok(cfg) => sync_service::start(app, cfg),
        Err(e) => tracing::warn!("sync not configured: {e}"),
    }
}

pub fn run() {
    let plain_rendering = rendering::apply();
    let malloc_tuned = malloc_tuning::apply();
    let explicit = frontdesk::paths::explicit_data_dir(None);
    let log_dir = frontdesk::logs::log_dir(explicit.as_deref());
    let _log_guard = logging::init(&log_dir);
    if plain_rendering {
        tracing::info!("no GPU render node: WebKit compositing off (the plain software path)");
    }
    if malloc_tuned {
        tracing::info!(
            mmap_threshold = malloc_tuning::MMAP_THRESHOLD,
            trim_threshold = malloc_tuning::TRIM_THRESHOLD,
            "malloc tuned: large blocks go back to the OS when freed"
        );
    }
    let data_dir = explicit.unwrap_or_else(frontdesk::paths::default_data_dir);
    let desk = Arc::new(open_desk(&data_dir, Arc::new(SystemClock)).with_log_dir(log_dir));
    if kiosk_window::asked(std::env::args(), std::env::var("FRONTDESK_KIOSK").ok()) {
        // Staff must always be able to leave: no PIN, no kiosk.
        if desk.desk(|d| d.kiosk_pin_set()).unwrap_or(false) {
            desk.kiosk.store(true, std::sync::atomic::Ordering::SeqCst);
            tracing::info!("starting as a self check-in kiosk");
        } else {
            tracing::error!(
                "kiosk mode asked for, but no kiosk PIN is set: starting as a staff desk (set one in Settings)"
            );
        }
    }
    let kiosk = desk.in_kiosk();
    builder(tauri::Builder::default(), desk)
        .setup(move |app| {
            if let Some(window) = app.get_webview_window("main") {
                rendering::small_caches(&window);
                if kiosk {
                    kiosk_window::apply(&window, true);
                }
            }
            // Reading the token may wait on a keyring prompt: not on the main
            // thread, which would keep the window from showing.
            let app = app.handle().clone();
            tauri::async_runtime::spawn_blocking(move || start_services(&app));
            Ok(())
        })
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running Front Desk");
}
