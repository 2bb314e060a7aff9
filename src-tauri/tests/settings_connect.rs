//! Connecting a desk from Settings: the connection is checked against the
//! server before anything is saved, each mistake comes back as its own code,
//! and a right one takes effect at once (sync starts and pulls the gym, with
//! no restart, the demo gym and the demo camera gone). Against `frontdesk-central` on loopback, through the real
//! commands on Tauri's mock runtime. The token comes from FRONTDESK_TOKEN, as
//! on a kiosk, so the test never touches this machine's keyring.

mod support;

#[path = "../../tests/support/central.rs"]
mod central;

use central::*;
use frontdesk::clock::SystemClock;
use frontdesk_app::{builder, open_desk};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::call;

#[test]
fn settings_check_the_connection_first_and_then_sync_starts_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::Utc::now();
    let g1 = write_snapshot(dir.path(), "g1.json", &gym(1, 5, now));
    let g2 = write_snapshot(dir.path(), "g2.json", &gym(2, 5, now));
    let server = Central::start(&[&g1, &g2], &["--token", "only-one#gyms=1"]);
    for k in ["FRONTDESK_API_URL", "FRONTDESK_GYM_ID", "FRONTDESK_TOKEN"] {
        std::env::remove_var(k);
    }

    let data = dir.path().join("desk");
    let desk = Arc::new(open_desk(&data, Arc::new(SystemClock)));
    let app = builder(tauri::test::mock_builder(), desk).build(tauri::generate_context!("../tauri.conf.json")).unwrap();
    let w = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let before = call(&w, "get_settings", json!({})).unwrap();
    assert_eq!(before["api_url"], Value::Null, "a new desk is not connected");
    assert_eq!(call(&w, "sync_status", json!({})).unwrap()["configured"], false);

    let connect = |gym: i64, token: &str| {
        std::env::set_var("FRONTDESK_TOKEN", token);
        let mut s = before.clone();
        s["api_url"] = json!(server.api_url());
        s["gym_id"] = json!(gym);
        call(&w, "save_settings", json!({"settings": s, "token": null}))
    };
    // Each mistake is told apart, and none of them is saved.
    assert_eq!(connect(1, "typo-token").unwrap_err()["code"], "unauthorized");
    assert_eq!(connect(2, "only-one").unwrap_err()["code"], "forbidden", "a gym the token cannot see");
    assert_eq!(call(&w, "get_settings", json!({})).unwrap()["api_url"], Value::Null, "nothing saved");
    assert_eq!(call(&w, "sync_status", json!({})).unwrap()["configured"], false);

    // The right connection is saved and sync starts with it, no restart.
    let saved = connect(1, "only-one").unwrap();
    assert_eq!(saved["api_url"], json!(server.api_url()));
    assert_eq!(saved["gym_id"], 1);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let hits = call(&w, "search_members", json!({"query": "Gym1", "limit": 10})).unwrap();
        let status = call(&w, "sync_status", json!({})).unwrap();
        if hits.as_array().unwrap().len() == 5 && status["configured"] == true && status["online"] == true {
            break;
        }
        assert!(Instant::now() < deadline, "the gym was not pulled after saving: {status}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = call(&w, "window_ready", json!({})).unwrap();
    assert_eq!(status["demo"], false, "the demo gym is gone: {status}");
    assert_eq!(status["gym"]["id"], 1);
    assert_eq!(call(&w, "sync_status", json!({})).unwrap()["demo"], false, "the window is told (banner off)");
    // The demo camera gives way to the desk's camera, or to scanner only on a desk with none.
    let deadline = Instant::now() + Duration::from_secs(20);
    let source = loop {
        let s = call(&w, "get_settings", json!({})).unwrap()["camera"]["source"].clone();
        if s != "demo" {
            break s;
        }
        assert!(Instant::now() < deadline, "the demo camera is still chosen after the real gym arrived");
        std::thread::sleep(Duration::from_millis(50));
    };
    let cameras = call(&w, "list_cameras", json!({})).map(|c| c.as_array().map_or(0, |a| a.len())).unwrap_or(0);
    assert_eq!(source, if cameras == 0 { "none" } else { "camera" }, "{cameras} camera(s) here");

    // Clearing the address stops sync.
    let mut off = saved.clone();
    off["api_url"] = Value::Null;
    std::env::remove_var("FRONTDESK_TOKEN");
    call(&w, "save_settings", json!({"settings": off, "token": null})).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while call(&w, "sync_status", json!({})).unwrap()["configured"] != false {
        assert!(Instant::now() < deadline, "sync still runs after the address was cleared");
        std::thread::sleep(Duration::from_millis(50));
    }
}
