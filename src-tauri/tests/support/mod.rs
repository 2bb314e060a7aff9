//! What the shell's test files share: the app on Tauri's mock runtime with
//! the shipped capabilities, and calling a command the way the window does
//! (an IPC request with the UI's JSON arguments).

#![allow(dead_code)] // each test file uses its own part

use frontdesk::clock::FixedClock;
use frontdesk_app::{builder, open_desk};
use serde_json::Value;
use std::sync::Arc;
use tauri::test::{get_ipc_response, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;

/// Runs `cmd` with `args` as the window would: `Ok` with the command's JSON, `Err` with its error object.
pub fn call(w: &tauri::WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

pub fn app(
    dir: &std::path::Path,
    clock: Arc<FixedClock>,
) -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    let desk = Arc::new(open_desk(dir, clock));
    // The real context: the same capabilities (ACL) and window as the shipped app.
    let app = builder(tauri::test::mock_builder(), desk)
        .build(tauri::generate_context!("../tauri.conf.json"))
        .expect("app builds");
    let webview = match app.get_webview_window("main") {
        Some(w) => w,
        None => tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window"),
    };
    (app, webview)
}

/// 10:05 in Mexico City on the demo day: the 10:00 hour is open for check-in.
pub fn demo_clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new("2026-11-28T16:05:00Z".parse().unwrap()))
}
