//! The background sync worker against the reference central API: with nothing
//! queued and no pull due it still asks the server one cheap question each
//! interval (the heartbeat), so an outage shows after one failed request,
//! not at the next pull minutes later, and "last contact" is a time the server
//! really answered. Before the heartbeat, an idle desk went on saying online
//! (and moved its last success forward) with the server gone.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::Utc;
use frontdesk::clock::SystemClock;
use frontdesk::db::{sync_status, Db};
use frontdesk::sync::worker::{self, WorkerOptions, WorkerStatus};
use frontdesk::sync::{SyncConfig, Token};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Waits for the worker to publish a status that satisfies `done`. The bound
/// only keeps a broken build from hanging CI; the rounds here are 200 ms apart.
async fn until(
    status: &mut watch::Receiver<WorkerStatus>,
    what: &str,
    done: impl Fn(&WorkerStatus) -> bool,
) -> WorkerStatus {
    let wait = async {
        loop {
            let s = status.borrow_and_update().clone();
            if done(&s) {
                return s;
            }
            status.changed().await.expect("the worker is running");
        }
    };
    tokio::time::timeout(Duration::from_secs(120), wait)
        .await
        .unwrap_or_else(|_| panic!("the worker never reached: {what}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_desk_sees_the_server_go_and_come_back_and_keeps_the_last_real_contact() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("desk");
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 5, Utc::now()));
    let mut server = Central::start(&[&snap], &[]);
    let o = sync_once(&data, &server, 1, &[]);
    assert!(o.status.success(), "the first pull: {}", text(&o));

    let db_path = Db::open_in_dir(&data).unwrap().path().unwrap().to_owned();
    let mut opts = WorkerOptions::new(db_path.clone());
    opts.interval = Duration::from_millis(200);
    opts.pull_every = Duration::from_secs(3600); // one pull at start, then none: only the heartbeat asks
    opts.backoff_base = Duration::from_millis(100);
    opts.backoff_cap = Duration::from_millis(400);
    let cfg = SyncConfig { api_url: server.api_url(), gym_id: 1, token: Token::new(TOKEN) };
    let handle = worker::spawn(cfg, opts, Arc::new(SystemClock)).unwrap();
    let mut status = handle.status.clone();

    let online =
        until(&mut status, "online, two rounds after the pull", |s| s.online == Some(true) && s.rounds >= 3).await;
    assert_eq!(online.queued, 0, "nothing queued: the rounds after the pull are heartbeats");
    let requests = |c: &Central| c.stats()["requests"].as_u64().unwrap();
    let before = requests(&server);
    let rounds = online.rounds;
    until(&mut status, "two more rounds", |s| s.rounds >= rounds + 2).await;
    assert!(requests(&server) >= before + 2, "idle rounds ask the server (heartbeat)");

    server.kill();
    let killed_at = Utc::now();
    let offline = until(&mut status, "offline", |s| s.online == Some(false)).await;
    assert!(offline.last_error.is_some(), "the failed request is named: {offline:?}");
    assert!(offline.consecutive_failures >= 1);
    let row = sync_status::get(Db::open(&db_path).unwrap().conn()).unwrap();
    assert_eq!(row.online, Some(false), "the status row says offline: {row:?}");
    let last = row.last_success_at.expect("a real contact before the outage");
    assert!(last <= killed_at, "last contact {last} is from before the server went, at {killed_at}");
    assert!(row.offline_since.unwrap() >= last, "{row:?}");

    server.restart();
    until(&mut status, "online again", |s| s.online == Some(true) && s.consecutive_failures == 0).await;
    let row = sync_status::get(Db::open(&db_path).unwrap().conn()).unwrap();
    assert_eq!((row.online, row.offline_since), (Some(true), None), "{row:?}");
    assert!(row.last_success_at.unwrap() > killed_at, "the contact after the outage is recorded: {row:?}");
    handle.stop().await;
}

/// What a pull showed of its progress: (phase, done, total, estimated).
type Seen = Vec<(&'static str, u64, Option<u64>, bool)>;

/// Runs a worker until its first pull is done, collecting the progress it
/// published on the way.
async fn first_pull(cfg: SyncConfig, opts: WorkerOptions) -> (WorkerStatus, Seen) {
    let handle = worker::spawn(cfg, opts, Arc::new(SystemClock)).unwrap();
    let mut status = handle.status.clone();
    let mut seen: Seen = Vec::new();
    let done = until(&mut status, "the first pull is done", |s| s.rounds >= 1 && s.pull.is_none());
    // Collect what the watch shows while the pull runs, alongside waiting for the end.
    let mut watch = handle.status.clone();
    let collect = async {
        loop {
            if let Some(p) = watch.borrow_and_update().pull {
                seen.push((p.phase, p.done, p.total, p.estimated));
            }
            if watch.changed().await.is_err() {
                break;
            }
        }
    };
    let finished = tokio::select! {
        s = done => s,
        _ = collect => unreachable!("the worker is running"),
    };
    handle.stop().await;
    (finished, seen)
}

/// The member list's progress as (done, total, estimated), page by page.
fn member_pages(seen: &Seen) -> Vec<(u64, Option<u64>, bool)> {
    seen.iter().filter(|(phase, ..)| *phase == "members").map(|(_, d, t, e)| (*d, *t, *e)).collect()
}

/// The worker publishes a running pull page by page, for the window's progress
/// bar (the shell used to send no progress at all), and none once it is done.
/// GymAPI's lists give no count: a new desk shows no total until the last
/// page; a desk that pulled the gym before shows the last pull's count as an
/// estimate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_publishes_its_progress_page_by_page_and_none_when_done() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("desk");
    let snap = write_snapshot(dir.path(), "gym.json", &gym(1, 2500, Utc::now()));
    let server = Central::start(&[&snap], &["--faults", "latency_ms=2"]);
    let db_path = Db::open_in_dir(&data).unwrap().path().unwrap().to_owned();
    let mut opts = WorkerOptions::new(db_path);
    opts.interval = Duration::from_secs(3600);
    let cfg = SyncConfig { api_url: server.api_url(), gym_id: 1, token: Token::new(TOKEN) };
    let (finished, seen) = first_pull(cfg.clone(), opts.clone()).await;
    assert_eq!(finished.online, Some(true), "{finished:?}");
    let members = member_pages(&seen);
    assert!(members.len() >= 2, "the member pages show as they come: {seen:?}");
    assert!(members.windows(2).all(|w| w[0].0 <= w[1].0), "never backwards: {members:?}");
    assert!(seen.iter().all(|(_, done, total, _)| total.is_none_or(|t| *done <= t)), "{seen:?}");
    assert!(seen.iter().all(|(phase, ..)| *phase != "done"), "the end is no progress, but none: {seen:?}");
    let (last, paging) = members.split_last().unwrap();
    assert!(paging.iter().all(|(_, t, e)| t.is_none() && !e), "a new desk has nothing to go by: {members:?}");
    assert_eq!(*last, (2500, Some(2500), false), "the last page makes the total exact");

    // Pulled again in full (no tiers), the same desk expects the 2,500 members it holds.
    opts.round.pull_opts.tiers = None;
    let (_, seen) = first_pull(cfg, opts).await;
    let members = member_pages(&seen);
    let (last, paging) = members.split_last().expect("member pages");
    assert!(!paging.is_empty(), "{seen:?}");
    // (A full page that ends the list is only known to end it by the empty page after it.)
    assert!(
        paging.iter().all(|&(d, t, e)| (d < 2500 && t == Some(2500) && e) || (d == 2500 && t.is_none() && !e)),
        "the last pull's count: {members:?}"
    );
    assert!(paging.iter().filter(|p| p.2).count() >= 2, "{members:?}");
    assert_eq!(*last, (2500, Some(2500), false));
}
