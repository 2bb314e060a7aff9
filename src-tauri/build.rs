//! Reads the root tauri.conf.json (the owner's layout keeps it at the top) and
//! declares the app's commands to Tauri's permission system, so each one is
//! refused unless a capability grants it (capabilities/default.json grants
//! them to the reception window). ui/tests/backend.test.ts reads this list.

/// Every command of `lib.rs`'s `generate_handler!`, one per line.
const COMMANDS: &[&str] = &[
    "window_ready",
    "check_in_code",
    "check_in_member",
    "search_members",
    "today_sessions",
    "recent_check_ins",
    "sync_status",
    "outbox_items",
    "retry_parked",
    "dismiss_parked",
    "add_desk_note",
    "clear_desk_note",
    "member_notes",
    "enter_kiosk",
    "leave_kiosk",
    "set_kiosk_pin",
    "kiosk_check_in_code",
    "kiosk_refusals",
    "shift_status",
    "list_staff",
    "staff_sign_in",
    "lock_desk",
    "staff_activity",
    "admin_pin",
    "end_admin",
    "add_staff",
    "update_staff",
    "remove_staff",
    "get_settings",
    "save_settings",
    "list_cameras",
    "hold_camera_check_ins",
    "preview_painted",
    "watch_preview",
    "show_preview",
    "verdict_painted",
    "diagnostics",
    "restore_backup",
    "report_html",
    "export_report",
];

fn main() {
    let dist = std::path::Path::new("../ui/dist/index.html");
    if !dist.exists() {
        println!(
            "cargo:warning=ui/dist is missing: run `npm --prefix ui ci && npm --prefix ui run build` (scripts/test.sh does)"
        );
    }
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    println!("cargo:rerun-if-changed=../ui/dist");
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json").app_manifest(manifest))
        .expect("tauri build step failed");
}
