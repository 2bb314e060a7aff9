//! Sync benchmark (not a test): drains 10,000 queued check-ins through the
//! batch extension and through the plain API (at most 4 in flight), and pulls
//! 20,000 members, against `frontdesk-central` on loopback.
//!
//! `cargo build --release -p frontdesk-central && cargo run --release --example sync_bench`
//! Goals (issue 4): extension <= 10 s, plain >= 200/s, pull of 20,000 members <= 5 s.

#[path = "support/bench_gym.rs"]
mod bench_gym;
#[path = "../tests/support/central_bin.rs"]
mod central_bin;

use bench_gym::{snapshot, Server};

use chrono::Utc;
use frontdesk::clock::SystemClock;
use frontdesk::db::outbox::{self, CheckInPayload};
use frontdesk::db::Db;
use frontdesk::domain::Source;
use frontdesk::snapshot::Snapshot;
use frontdesk::sync::pull::{pull, PullOptions};
use frontdesk::sync::push::{push, PushOptions};
use frontdesk::sync::{Client, SyncConfig, Token};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

const TOKEN: &str = "bench-token";

fn server(snap: &std::path::Path, extension: bool) -> Server {
    let exe = central_bin::central_bin();
    let mut cmd = Command::new(&exe);
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--token", TOKEN, "--snapshot"]).arg(snap).stdout(Stdio::piped());
    if extension {
        cmd.arg("--extension");
    }
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("{} does not start: {e}", exe.display()));
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.trim().trim_start_matches("listening on ").to_owned();
    Server(child, addr)
}

fn client(s: &Server) -> Arc<Client> {
    let cfg = SyncConfig { api_url: format!("http://{}/api/v1", s.1), gym_id: 1, token: Token::new(TOKEN) };
    Arc::new(Client::new(cfg).unwrap())
}

/// A replica holding the bench gym and `n` queued check-ins into session 1.
fn queued_desk(dir: &std::path::Path, snap: &Snapshot, n: i64) -> Db {
    let mut db = Db::open_in_dir(dir).unwrap();
    frontdesk::replica::replace(&mut db, snap).unwrap();
    let now = Utc::now();
    db.write(|tx| {
        for id in 1..=n {
            let p = CheckInPayload {
                event_id: uuid::Uuid::new_v4().to_string(),
                gym_id: 1,
                member_id: id,
                session_id: 1,
                qr_code: Some(format!("U{id}_b{id}")),
                scanned_at: now,
                method: Source::Scanner,
                override_reason: None,
                device_id: "bench".into(),
                new_participation: true,
                warnings: vec![],
            };
            outbox::enqueue(tx, &p, now, outbox::Audience::Server)?;
        }
        Ok(())
    })
    .unwrap();
    db
}

async fn drain(label: &str, extension: bool, snap_file: &std::path::Path, snap: &Snapshot) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = queued_desk(dir.path(), snap, 10_000);
    let s = server(snap_file, extension);
    let c = client(&s);
    let opts = PushOptions { ignore_backoff: true, ..PushOptions::default() };
    let t = Instant::now();
    let r = push(&mut db, &c, &SystemClock, &opts).await.unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(r.sent, 10_000, "{r:?}");
    println!("{label}: 10000 check-ins in {secs:.2} s ({:.0}/s), extension={}", 10_000.0 / secs, r.extension);
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let small = snapshot(10_000, |_| None);
    let small_file = dir.path().join("small.json");
    std::fs::write(&small_file, small.to_json()).unwrap();
    drain("push via the extension", true, &small_file, &small).await;
    drain("push via the plain API (4 in flight)", false, &small_file, &small).await;

    let big = snapshot(20_000, |_| None);
    let big_file = dir.path().join("big.json");
    std::fs::write(&big_file, big.to_json()).unwrap();
    let s = server(&big_file, false);
    let c = client(&s);
    let desk = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_dir(desk.path()).unwrap();
    let t = Instant::now();
    let stats = pull(&mut db, &c, &SystemClock, &PullOptions::default(), &|_| {}).await.unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(stats.imported.members, 20_000);
    println!("pull of 20000 members (+ one membership call each): {secs:.2} s");
}
