//! Benchmark (not a test): how long a check-in waits while a pull of a
//! 20,000-member gym from `frontdesk-central` stages and swaps the replica.
//! A second connection checks members in every few milliseconds, as a desk's
//! scanner would, for the whole pull; the figure that matters is the slowest
//! check-in, since a pull must never hold the write lock long enough to delay
//! a verdict (issue 16: max <= 50 ms).
//!
//! `cargo build --release -p frontdesk-central && cargo run --release --example swap_bench`

#[path = "support/bench_gym.rs"]
mod bench_gym;
#[path = "../tests/support/central_bin.rs"]
mod central_bin;

use bench_gym::{snapshot, Server};
use frontdesk::checkin::{check_in, CheckInRequest};
use frontdesk::clock::SystemClock;
use frontdesk::db::Db;
use frontdesk::domain::{Lang, Source};
use frontdesk::snapshot::Snapshot;
use frontdesk::sync::pull::{pull, PullOptions};
use frontdesk::sync::{Client, SyncConfig, Token};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TOKEN: &str = "bench-token";
const MEMBERS: i64 = 20_000;

fn server(snap: &std::path::Path) -> Server {
    let exe = central_bin::central_bin();
    let mut child = Command::new(&exe)
        .args(["serve", "--addr", "127.0.0.1:0", "--token", TOKEN, "--snapshot"])
        .arg(snap)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} does not start: {e}", exe.display()));
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.trim().trim_start_matches("listening on ").to_owned();
    Server(child, addr)
}

/// Check-ins on their own connection until `stop`; each one's wall time and
/// when it started, from `t0` (the pull's start).
fn scanner(
    dir: std::path::PathBuf,
    stop: Arc<AtomicBool>,
    t0: Instant,
) -> std::thread::JoinHandle<Vec<(Duration, Duration)>> {
    std::thread::spawn(move || {
        let mut db = Db::open_in_dir(&dir).unwrap();
        let mut times = Vec::new();
        let mut x: u64 = 17;
        while !stop.load(Ordering::Relaxed) {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let id = (x >> 33) as i64 % MEMBERS + 1;
            let req = CheckInRequest::scan(format!("U{id}_b{id}"), Source::Scanner);
            let t = Instant::now();
            check_in(&mut db, &SystemClock, &req, Lang::En).unwrap();
            times.push((t.elapsed(), t - t0));
            std::thread::sleep(Duration::from_millis(3));
        }
        times
    })
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// One pull of `incoming` into a desk that holds `before`, with check-ins
/// running throughout.
async fn run(label: &str, before: &Snapshot, incoming: &Snapshot) {
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("gym.json");
    std::fs::write(&file, incoming.to_json()).unwrap();
    let s = server(&file);
    let cfg = SyncConfig { api_url: format!("http://{}/api/v1", s.1), gym_id: 1, token: Token::new(TOKEN) };
    let c = Arc::new(Client::new(cfg).unwrap());
    let desk = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_dir(desk.path()).unwrap();
    frontdesk::replica::replace(&mut db, before).unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let t = Instant::now();
    let scans = scanner(desk.path().to_path_buf(), stop.clone(), t);
    let stats = pull(&mut db, &c, &SystemClock, &PullOptions::default(), &|_| {}).await.unwrap();
    let secs = t.elapsed().as_secs_f64();
    // A few more check-ins after the swap, so the last of them ran against it.
    std::thread::sleep(Duration::from_millis(200));
    stop.store(true, Ordering::Relaxed);
    let mut slow = scans.join().unwrap();
    slow.sort_by_key(|x| std::cmp::Reverse(x.0));
    let slowest: Vec<String> = slow
        .iter()
        .take(3)
        .map(|(d, at)| format!("{:.1} ms at {:.2} s", d.as_secs_f64() * 1000.0, at.as_secs_f64()))
        .collect();
    let mut times: Vec<Duration> = slow.iter().map(|x| x.0).collect();
    assert_eq!(stats.imported.members, incoming.members.len());
    times.sort();
    println!(
        "{label}: pull {secs:.2} s; {} check-ins during it, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms (slowest: {})",
        times.len(),
        pct(&times, 0.5),
        pct(&times, 0.99),
        pct(&times, 1.0),
        slowest.join(", "),
    );
}

#[tokio::main]
async fn main() {
    let gym = snapshot(MEMBERS, |_| None);
    let mut renamed = gym.clone();
    for m in &mut renamed.members {
        m.last_name = Some("Renamed".into());
    }
    run("nothing changed", &gym, &gym).await;
    run("every member renamed", &gym, &renamed).await;
    let mut fewer = gym.clone();
    fewer.members.truncate(MEMBERS as usize / 5);
    run("16,000 new members", &fewer, &gym).await;
}
