//! A desk process SIGKILLed at random points while it syncs loses nothing and
//! duplicates nothing. 20 iterations by default, alternating the extension and
//! the plain API; a longer soak:
//! `SYNC_KILL_ITERATIONS=300 cargo test -p frontdesk --release --test sync_kill -- --nocapture`

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{Duration, Utc};
use std::process::{Command, Stdio};

const QUEUED: i64 = 40;

fn one_iteration(i: u64, rng: &mut fastrand::Rng) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, QUEUED as usize + 5, Utc::now()));
    let extension = i % 2 == 0;
    let mut args = vec!["--faults", "latency_ms=5"];
    if extension {
        args.push("--extension");
    }
    let server = Central::start(&[&snap], &args);
    let data = dir.path().join("desk");
    assert!(sync_once(&data, &server, 1, &[]).status.success());
    for m in 3..3 + QUEUED {
        check_in(&data, 10_000 + m, sid(1, NOW), Utc::now() - Duration::seconds(m));
    }
    let url = server.api_url();
    let mut kills = 0;
    for _ in 0..3 {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
        cmd.arg("--data-dir")
            .arg(&data)
            .args(["sync", "--once", "--no-pull", "--api-url", &url, "--gym-id", "1"])
            .env("FRONTDESK_TOKEN", TOKEN)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = spawn_retry::spawn(&mut cmd).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(rng.u64(0..100)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL on Unix
            kills += 1;
        }
        child.wait().unwrap();
    }
    let o = sync_once(&data, &server, 1, &["--no-pull"]);
    assert!(o.status.success(), "iteration {i}: the round after the kills completes: {}", text(&o));
    let events = outbox(&data);
    assert_eq!(events.len(), QUEUED as usize, "iteration {i}: no event lost from the outbox");
    assert!(events.iter().all(|e| e["state"] == "sent"), "iteration {i}: {events:?}");
    let records = server.check_ins();
    assert_eq!(
        records.len(),
        QUEUED as usize,
        "iteration {i} (extension={extension}): every check-in reached the server"
    );
    for r in &records {
        assert_eq!(r["times_recorded"], 1, "iteration {i} (extension={extension}): no duplicate: {r}");
    }
    kills
}

#[test]
fn a_desk_killed_mid_sync_loses_nothing_and_duplicates_nothing() {
    let iterations: u64 = std::env::var("SYNC_KILL_ITERATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let seed = std::env::var("SYNC_KILL_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| fastrand::u64(..));
    eprintln!("sync_kill: {iterations} iterations, SYNC_KILL_SEED={seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let kills: usize = (0..iterations).map(|i| one_iteration(i, &mut rng)).sum();
    eprintln!("sync_kill: {kills} processes killed mid-round");
    assert!(kills > 0, "the test did kill desks mid-round (seed {seed})");
}
