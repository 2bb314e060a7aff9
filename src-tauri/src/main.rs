//! Entry point of the Front Desk desktop app; everything lives in the library
//! so tests can build the app with Tauri's mock runtime.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    frontdesk_app::run();
}
