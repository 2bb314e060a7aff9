//! Photo cache benchmark (not a test, issue 14): a pull of a 5,000-member gym
//! against `frontdesk-central` on loopback, without the photo refresh and with
//! it (every member has a picture URL on the server: a 512 px portrait, shrunk
//! to a 256 px JPEG by the desk), then the rounds after it: nothing due, and a
//! day later every photo revalidated (304).
//!
//! `cargo build -p frontdesk-central && cargo run --example photo_bench`
//! (add `--release` to both for optimised figures). The server's portraits are
//! encoded once before timing, so the figures are the desk's.

#[path = "support/bench_gym.rs"]
mod bench_gym;
#[path = "../tests/support/central_bin.rs"]
mod central_bin;

use bench_gym::{snapshot, Server};

use chrono::{Duration, Utc};
use frontdesk::clock::FixedClock;
use frontdesk::db::{member_photos, Db};
use frontdesk::photos::RefreshOptions;
use frontdesk::sync::{run_round, Client, RoundOptions, SyncConfig, Token};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

const TOKEN: &str = "bench-token";
const MEMBERS: i64 = 5_000;

fn server(snap: &std::path::Path) -> Server {
    let mut cmd = Command::new(central_bin::central_bin());
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--token", TOKEN, "--snapshot"]).arg(snap).stdout(Stdio::piped());
    let mut child = cmd.spawn().expect("frontdesk-central starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    Server(child, line.trim().trim_start_matches("listening on ").to_owned())
}

/// Asks the server for every portrait once, so its encoding is not timed.
async fn warm(s: &Server) {
    let http = reqwest::Client::new();
    let mut set = tokio::task::JoinSet::new();
    for id in 1..=MEMBERS {
        if set.len() >= 8 {
            set.join_next().await;
        }
        let (h, url) = (http.clone(), format!("http://{}/photos/{id}.jpg", s.1));
        set.spawn(async move { h.get(url).send().await.unwrap().bytes().await.unwrap() });
    }
    while set.join_next().await.is_some() {}
}

async fn timed_round(label: &str, db: &mut Db, s: &Server, clock: &FixedClock, photos: bool) {
    let cfg = SyncConfig { api_url: format!("http://{}/api/v1", s.1), gym_id: 1, token: Token::new(TOKEN) };
    let client = Arc::new(Client::new(cfg).unwrap());
    let photos = photos.then(|| RefreshOptions { max_fetches: usize::MAX, ..RefreshOptions::default() });
    let opts = RoundOptions { pull: true, photos, ..RoundOptions::default() };
    let t = Instant::now();
    let r = run_round(db, &client, clock, &opts, &|_| {}).await.unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert!(r.pull_error.is_none() && r.photos_error.is_none(), "{r:?}");
    let cached = member_photos::count_images(db.conn()).unwrap();
    let bytes: i64 =
        db.conn().query_row("SELECT COALESCE(SUM(LENGTH(image)), 0) FROM member_photos", [], |r| r.get(0)).unwrap();
    println!("{label}: {secs:.2} s; photos {:?}; {cached} cached, {:.1} MB", r.photos, bytes as f64 / 1e6);
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gym.json");
    std::fs::write(&file, snapshot(MEMBERS, |id| Some(format!("{{self}}/photos/{id}.jpg"))).to_json()).unwrap();
    let s = server(&file);
    warm(&s).await;
    let clock = FixedClock::new(Utc::now());

    let plain = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_dir(plain.path()).unwrap();
    timed_round("pull of 5000 members, no photo refresh", &mut db, &s, &clock, false).await;

    let with = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_dir(with.path()).unwrap();
    timed_round("pull of 5000 members + first photo refresh (5000 downloads)", &mut db, &s, &clock, true).await;
    timed_round("next pull + refresh, nothing due", &mut db, &s, &clock, true).await;
    clock.advance(Duration::hours(25));
    timed_round("a day later: pull + 5000 revalidations (304)", &mut db, &s, &clock, true).await;
}
