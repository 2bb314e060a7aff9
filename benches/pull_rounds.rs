//! Requests per tiered pull (issue 10, "pull less"): a 5,000-member gym with
//! 16 classes a day and 10 bookings each, pulled by the worker's schedule
//! (every 5 minutes) for a simulated day against `frontdesk-central` on
//! loopback. Prints the first pull's requests, the steady-state average and
//! maximum, and the oldest membership and expected visitor's membership seen.
//!
//! `cargo build --release -p frontdesk-central && cargo bench --bench pull_rounds [-- --members N --rounds N]`
//! (with `--profile dev`, build the server without `--release`: it is looked up next to the bench).

#[path = "../tests/support/central.rs"]
mod central;
#[path = "../tests/support/pull_sim.rs"]
mod pull_sim;

use chrono::{Duration, Utc};

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let members = arg("--members", 5000);
    let rounds = arg("--rounds", 288);
    let dir = tempfile::tempdir().unwrap();
    let snap = pull_sim::scheduled_gym(members, 16, 10, Utc::now());
    let started = std::time::Instant::now();
    let f = pull_sim::simulate(dir.path(), &snap, Duration::minutes(5), rounds);
    let mut sorted = f.per_round.clone();
    sorted.sort();
    let p95 = sorted[((sorted.len() - 1) as f64 * 0.95).round() as usize];
    println!("members {members}, rounds {rounds} (every 5 min), sessions {}", snap.sessions.len());
    println!("first pull: {} requests", f.first_pull_requests);
    println!("steady-state pull: average {:.1} requests, p95 {p95}, max {}", f.average(), f.max());
    println!(
        "oldest membership {:.1} h, oldest expected visitor's {:.1} min",
        f.worst_membership_age.num_minutes() as f64 / 60.0,
        f.worst_visitor_age.num_seconds() as f64 / 60.0
    );
    println!("wall time {:.1} s", started.elapsed().as_secs_f64());
}
