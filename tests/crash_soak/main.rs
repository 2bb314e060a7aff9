//! Crash soak (hardening issue): the desk's CLI is SIGKILLed at random moments
//! while it checks members in (`frontdesk scan` over a folder of member cards),
//! while it replaces the replica from a big gym (`frontdesk sync` pulling from
//! `frontdesk-central`), and while a scan and a sync run at once on the same
//! data directory. Pushes alone are covered by tests/sync_kill.rs.
//!
//! After every kill: the database opens and passes `PRAGMA integrity_check` and
//! `frontdesk doctor`; every check-in whose green verdict the child printed is
//! in the outbox with its participation, no member is checked in twice and no
//! event exists twice; the replica is wholly the old gym or wholly the new one;
//! the desk's queued events are untouched by a pull. At the end of each round
//! everything is synced and each check-in reached the server exactly once.
//!
//! Knobs: `CRASH_SOAK_ITERATIONS` kills per scenario (default 20; the soak in
//! scripts/soak.sh runs 500), `CRASH_SOAK_SEED` replays a run (the seed is
//! printed), `CRASH_SOAK_PULL_MEMBERS` sizes the pulled gym (default 4000; the
//! soak uses 20000). Each scenario prints one `crash_soak[...]` figures line.

#[path = "../support/central.rs"]
mod central;
#[path = "../support/qr_card.rs"]
mod qr_card;

mod checkins;
mod disk;
mod process;
mod pulls;

use disk::*;
use process::*;

use central::*;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use frontdesk::db::Db;
use frontdesk::snapshot::{ApiParticipation, Snapshot};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Generous: the machine is shared and slow; these only stop a hung test.
const LINE_TIMEOUT: Duration = Duration::from_secs(120);
/// Member cards shown to one scan process.
const CARDS: usize = 24;
/// Scan processes killed per round (one more runs to its end).
const KILLS_PER_ROUND: usize = 5;
/// Queued desk check-ins in the pull scenario's replica.
const QUEUED: i64 = 12;
/// First member id of the gyms built by `central::gym(1, ..)`.
const FIRST_MEMBER: i64 = 10_001;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn iterations() -> u64 {
    env_u64("CRASH_SOAK_ITERATIONS", 20)
}

/// The run's seed (printed so that a failure can be replayed), salted per scenario.
fn rng_for(scenario: &str, salt: u64) -> (u64, fastrand::Rng) {
    let seed = std::env::var("CRASH_SOAK_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| fastrand::u64(..));
    eprintln!("crash_soak[{scenario}]: CRASH_SOAK_SEED={seed}, {} iterations", iterations());
    (seed, fastrand::Rng::with_seed(seed ^ salt))
}

/// What a scenario did, printed as one line for scripts/soak.sh.
#[derive(Default)]
struct Figures {
    iterations: u64,
    kills: u64,
    completed: u64,
    rounds: u64,
    verdicts: u64,
    extra: BTreeMap<&'static str, u64>,
}

impl Figures {
    fn add(&mut self, key: &'static str, n: u64) {
        *self.extra.entry(key).or_default() += n;
    }

    fn print(&self, scenario: &str, seed: u64, started: Instant) {
        let extra: String = self.extra.iter().map(|(k, v)| format!(" {k}={v}")).collect();
        eprintln!(
            "crash_soak[{scenario}]: iterations={} kills={} completed={} rounds={} verdicts_checked={}{extra} seconds={:.1} seed={seed}",
            self.iterations,
            self.kills,
            self.completed,
            self.rounds,
            self.verdicts,
            started.elapsed().as_secs_f64()
        );
    }
}
