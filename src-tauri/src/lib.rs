//! The Front Desk desktop shell: builds the Tauri app and registers thin
//! commands over the `frontdesk` core.

use serde::Serialize;

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
}

#[tauri::command]
fn app_info() -> AppInfo {
    AppInfo { version: env!("CARGO_PKG_VERSION") }
}

/// Builds the app on any runtime (the real one, or the mock one in tests).
pub fn builder<R: tauri::Runtime>() -> tauri::Builder<R> {
    tauri::Builder::<R>::new().invoke_handler(tauri::generate_handler![app_info])
}

pub fn run() {
    builder::<tauri::Wry>()
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running Front Desk");
}
