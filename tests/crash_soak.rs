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

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use frontdesk::db::Db;
use frontdesk::snapshot::{ApiParticipation, Snapshot};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
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

// ---------------------------------------------------------------------------
// A child process whose output is read line by line while it runs.

enum Out {
    Line(String),
    /// Bytes after the last newline when the pipe closed (the child died mid-write).
    Partial(String),
}

struct Watched {
    child: Child,
    stdout: Receiver<Out>,
    stderr: Receiver<String>,
    readers: Vec<JoinHandle<()>>,
    seen_out: Vec<Out>,
    seen_err: Vec<String>,
}

struct Finished {
    /// The process died of our SIGKILL (not of its own accord before it).
    killed: bool,
    status: ExitStatus,
    lines: Vec<String>,
    partial: Option<String>,
    stderr: String,
}

impl Watched {
    fn spawn(data: &Path, args: &[&str]) -> Watched {
        let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
            .arg("--data-dir")
            .arg(data)
            .args(args)
            .env("FRONTDESK_TOKEN", TOKEN)
            .env("FRONTDESK_LANG", "en")
            .env_remove("FRONTDESK_API_URL")
            .env_remove("FRONTDESK_GYM_ID")
            .env_remove("FRONTDESK_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("frontdesk starts");
        let (otx, stdout) = mpsc::channel();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let r1 = std::thread::spawn(move || loop {
            let mut buf = Vec::new();
            match out.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) if buf.ends_with(b"\n") => {
                    buf.pop();
                    let _ = otx.send(Out::Line(String::from_utf8_lossy(&buf).into_owned()));
                }
                Ok(_) => {
                    let _ = otx.send(Out::Partial(String::from_utf8_lossy(&buf).into_owned()));
                    break;
                }
            }
        });
        let (etx, stderr) = mpsc::channel();
        let err = BufReader::new(child.stderr.take().unwrap());
        let r2 = std::thread::spawn(move || {
            for l in err.lines() {
                let Ok(l) = l else { break };
                if etx.send(l).is_err() {
                    break;
                }
            }
        });
        Watched { child, stdout, stderr, readers: vec![r1, r2], seen_out: vec![], seen_err: vec![] }
    }

    /// The next complete stdout line; None once the child has closed stdout.
    fn next_line(&mut self) -> Option<()> {
        match self.stdout.recv_timeout(LINE_TIMEOUT) {
            Ok(o) => {
                let full = matches!(o, Out::Line(_));
                self.seen_out.push(o);
                full.then_some(())
            }
            Err(RecvTimeoutError::Disconnected) => None,
            Err(RecvTimeoutError::Timeout) => panic!("no output from the child in {LINE_TIMEOUT:?}"),
        }
    }

    /// Waits until a stderr line contains `needle`; false if stderr closed first.
    fn wait_stderr(&mut self, needle: &str) -> bool {
        loop {
            match self.stderr.recv_timeout(LINE_TIMEOUT) {
                Ok(l) => {
                    let hit = l.contains(needle);
                    self.seen_err.push(l);
                    if hit {
                        return true;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return false,
                Err(RecvTimeoutError::Timeout) => panic!("no stderr line with {needle:?} in {LINE_TIMEOUT:?}"),
            }
        }
    }

    fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// SIGKILL (unless it already exited), then collect everything it wrote.
    fn kill(mut self) -> Finished {
        if self.running() {
            let _ = self.child.kill(); // SIGKILL on Unix
        }
        self.collect()
    }

    /// Lets it run to its end.
    fn finish(self) -> Finished {
        self.collect()
    }

    fn collect(mut self) -> Finished {
        let status = self.child.wait().unwrap();
        for r in self.readers.drain(..) {
            r.join().unwrap();
        }
        self.seen_out.extend(self.stdout.try_iter());
        self.seen_err.extend(self.stderr.try_iter());
        let mut lines = Vec::new();
        let mut partial = None;
        for o in self.seen_out {
            match o {
                Out::Line(l) => lines.push(l),
                Out::Partial(p) => partial = Some(p),
            }
        }
        Finished { killed: status.signal() == Some(9), status, lines, partial, stderr: self.seen_err.join("\n") }
    }
}

// ---------------------------------------------------------------------------
// What is on disk.

#[derive(Debug, Clone, PartialEq)]
struct Event {
    event_id: String,
    member_id: i64,
    session_id: i64,
    scanned_at: i64,
    state: String,
}

/// Opens the replica after a kill and checks what must always hold: it opens,
/// SQLite finds it intact, `frontdesk doctor` agrees, and the outbox and the
/// desk's participations are one-to-one with no event and no check-in twice.
fn check_disk(data: &Path, ctx: &str) -> Vec<Event> {
    let db = Db::open_in_dir(data).unwrap_or_else(|e| panic!("{ctx}: the database opens after the kill: {e}"));
    let verdict: String = db.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(verdict, "ok", "{ctx}: integrity_check");
    let events: Vec<Event> = db
        .conn()
        .prepare("SELECT event_id, member_id, session_id, scanned_at, state FROM outbox ORDER BY seq")
        .unwrap()
        .query_map([], |r| {
            Ok(Event {
                event_id: r.get(0)?,
                member_id: r.get(1)?,
                session_id: r.get(2)?,
                scanned_at: r.get(3)?,
                state: r.get(4)?,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let local: HashMap<String, (i64, i64, String)> = db
        .conn()
        .prepare("SELECT event_id, member_id, session_id, status FROM participations WHERE event_id IS NOT NULL")
        .unwrap()
        .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    drop(db);
    let ids: HashSet<&str> = events.iter().map(|e| e.event_id.as_str()).collect();
    assert_eq!(ids.len(), events.len(), "{ctx}: an event exists twice in the outbox");
    let pairs: HashSet<(i64, i64)> = events.iter().map(|e| (e.member_id, e.session_id)).collect();
    assert_eq!(pairs.len(), events.len(), "{ctx}: a member was checked in twice into one session: {events:?}");
    assert_eq!(local.len(), events.len(), "{ctx}: outbox events and desk participations are one-to-one");
    for e in &events {
        let p = local.get(&e.event_id).unwrap_or_else(|| panic!("{ctx}: event {e:?} has no participation"));
        assert_eq!((p.0, p.1), (e.member_id, e.session_id), "{ctx}: participation of {e:?}");
        assert_eq!(p.2, "attended", "{ctx}: participation of {e:?}");
        assert!(["queued", "sent"].contains(&e.state.as_str()), "{ctx}: nothing is parked here: {e:?}");
    }
    let o = frontdesk(data, &["doctor"]);
    assert!(o.status.success(), "{ctx}: frontdesk doctor: {}", text(&o));
    events
}

// ---------------------------------------------------------------------------
// Scenario 1 and 3: check-ins (optionally with a sync running alongside).

/// A clean QR code of `text` as a PNG (4 px modules, 4-module quiet zone).
fn write_card(path: &Path, text: &str) {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    let (n, colors) = (code.width() as u32, code.to_colors());
    let img = image::GrayImage::from_fn((n + 8) * 4, (n + 8) * 4, |x, y| {
        let (mx, my) = ((x / 4) as i64 - 4, (y / 4) as i64 - 4);
        let inside = (0..n as i64).contains(&mx) && (0..n as i64).contains(&my);
        let dark = inside && colors[(my * n as i64 + mx) as usize] == qrcode::Color::Dark;
        image::Luma([if dark { 0 } else { 255 }])
    });
    img.save(path).unwrap();
}

fn write_cards(dir: &Path, members: &[i64]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for (i, m) in members.iter().enumerate() {
        write_card(&dir.join(format!("{i:03}.png")), &code(*m));
    }
    dir.to_owned()
}

fn checkin_scenario(mixed: bool) {
    let name = if mixed { "mixed" } else { "checkins" };
    let started = Instant::now();
    let (seed, mut rng) = rng_for(name, if mixed { 0x3 } else { 0x1 });
    let mut fig = Figures::default();
    while fig.iterations < iterations() {
        let kills = (KILLS_PER_ROUND as u64).min(iterations() - fig.iterations) as usize;
        checkin_round(fig.rounds, kills, mixed, seed, &mut rng, &mut fig);
        fig.rounds += 1;
    }
    fig.print(name, seed, started);
    assert!(fig.kills > 0, "seed {seed}: the scan was killed mid-run at least once");
    assert!(fig.verdicts > 0, "seed {seed}: verdicts were printed and checked");
}

/// One data directory: `kills` scan processes SIGKILLed after a random number
/// of verdicts plus a random delay, one more that runs to its end, then a sync
/// and the server's account of every check-in.
fn checkin_round(round: u64, kills: usize, mixed: bool, seed: u64, rng: &mut fastrand::Rng, fig: &mut Figures) {
    let dir = tempfile::tempdir().unwrap();
    // The mixed run pulls a gym big enough for the pull to overlap the scan.
    let size = if mixed { 1500 } else { (kills + 1) * CARDS + 10 };
    let mut snap = gym(1, size, Utc::now());
    // Only the session under way remains, so every scan goes to it.
    snap.sessions.retain(|s| s.session.id != sid(1, CANCELLED));
    let snap_path = write_snapshot(dir.path(), "gym.json", &snap);
    let extension = round % 2 == 0;
    let args: &[&str] = if extension { &["--extension"] } else { &[] };
    let server = Central::start(&[&snap_path], args);
    let url = server.api_url();
    let data = dir.path().join("desk");
    let o = frontdesk(&data, &["import", snap_path.to_str().unwrap()]);
    assert!(o.status.success(), "import: {}", text(&o));

    let mut next = 0usize; // index of the next member to show
    let mut printed: HashMap<String, (i64, i64)> = HashMap::new(); // event id -> (member, session)
    let mut shown_upto = FIRST_MEMBER;
    let mut disk = check_disk(&data, &format!("seed {seed}, round {round}, after the import"));
    for it in 0..=kills {
        let ctx = format!("seed {seed}, round {round}, process {it} ({})", if mixed { "mixed" } else { "check-ins" });
        let last = it == kills;
        let members: Vec<i64> = (next..next + CARDS).map(|i| FIRST_MEMBER + i as i64).collect();
        shown_upto = shown_upto.max(*members.last().unwrap());
        let cards = write_cards(&dir.path().join(format!("cards{it}")), &members);
        let before: HashMap<i64, Event> = disk.into_iter().map(|e| (e.member_id, e)).collect();

        // The mixed run: a sync round (pull + push, or push only) starts at a
        // random moment of the scan and is killed at another, independently.
        let sync = (mixed && !last).then(|| {
            let mut args: Vec<String> =
                ["sync", "--once", "--api-url", &url, "--gym-id", "1"].into_iter().map(String::from).collect();
            if rng.bool() {
                args.push("--no-pull".into());
            }
            let (start, life) = (Duration::from_millis(rng.u64(0..400)), Duration::from_millis(rng.u64(0..600)));
            let data = data.clone();
            std::thread::spawn(move || {
                std::thread::sleep(start);
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let w = Watched::spawn(&data, &args);
                std::thread::sleep(life);
                w.kill()
            })
        });

        let cards_arg = format!("dir:{}", cards.display());
        let mut scan = Watched::spawn(&data, &["scan", "--source", &cards_arg, "--json", "--event-id", "--fps", "60"]);
        let fin = if last {
            scan.finish()
        } else {
            let target = rng.usize(0..CARDS - 4);
            let mut n = 0;
            while n < target && scan.next_line().is_some() {
                n += 1;
            }
            std::thread::sleep(Duration::from_micros(rng.u64(0..20_000)));
            scan.kill()
        };
        if let Some(t) = sync {
            let f = t.join().unwrap();
            fig.add(if f.killed { "sync_kills" } else { "sync_completed" }, 1);
            if !f.killed {
                // Busy or not, a sync left alone finishes its round.
                assert!(f.status.success(), "{ctx}: a concurrent sync: {}\n{}", f.lines.join("\n"), f.stderr);
            }
        }
        if fin.killed {
            fig.kills += 1;
        } else {
            fig.completed += 1;
        }
        if !last {
            fig.iterations += 1;
        }
        fig.add("partial_lines", fin.partial.is_some() as u64);
        let failed: Vec<&str> = fin.stderr.lines().filter(|l| l.contains("check-in of")).collect();
        if mixed {
            // A check-in that waited too long for the sync's write lock fails
            // without a verdict (nothing promised, nothing recorded): counted.
            fig.add("check_in_errors", failed.len() as u64);
        } else {
            assert!(failed.is_empty(), "{ctx}: check-ins failed: {}", fin.stderr);
        }
        if last {
            assert!(fin.status.success(), "{ctx}: the process after the kills runs normally: {}", fin.stderr);
        }

        // Every printed verdict: a new check-in for a member not on disk
        // before, or the refusal of one already recorded by a killed process.
        let mut last_printed = None;
        for l in &fin.lines {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{ctx}: {e}: {l:?}"));
            fig.verdicts += 1;
            let member = v["user_id"].as_i64().unwrap_or_else(|| panic!("{ctx}: verdict without member: {l}"));
            let pos = members.iter().position(|m| *m == member).unwrap_or_else(|| panic!("{ctx}: {member} not shown"));
            assert!(last_printed.map_or(true, |p| pos > p), "{ctx}: verdicts in card order: {l}");
            last_printed = Some(pos);
            if v["success"] == true {
                let event = v["event_id"].as_str().unwrap_or_else(|| panic!("{ctx}: green verdict without event: {l}"));
                assert!(
                    !before.contains_key(&member),
                    "{ctx}: member {member} checked in a second time (first {:?}): {l}",
                    before[&member]
                );
                let session = v["session"]["id"].as_i64().unwrap();
                assert!(printed.insert(event.to_owned(), (member, session)).is_none(), "{ctx}: event twice: {l}");
            } else {
                assert_eq!(v["code"], "already_checked_in", "{ctx}: only repeats are refused: {l}");
                assert!(before.contains_key(&member), "{ctx}: refused as a repeat but never recorded: {l}");
                fig.add("repeats_of_unprinted", 1);
            }
        }
        if last {
            assert_eq!(last_printed, Some(CARDS - 1), "{ctx}: the last process shows every card: {:?}", fin.lines);
        }

        disk = check_disk(&data, &ctx);
        let events = &disk;
        let on_disk: HashMap<&str, &Event> = events.iter().map(|e| (e.event_id.as_str(), e)).collect();
        for (id, (m, s)) in &printed {
            let e = on_disk.get(id.as_str()).unwrap_or_else(|| panic!("{ctx}: printed check-in {id} of {m} lost"));
            assert_eq!((e.member_id, e.session_id), (*m, *s), "{ctx}: event {id}");
            if !mixed {
                assert_eq!(e.state, "queued", "{ctx}: event {id}");
            }
        }
        for e in events {
            assert!((FIRST_MEMBER..=shown_upto).contains(&e.member_id), "{ctx}: a check-in nobody scanned: {e:?}");
        }
        // Recorded by the killed process but never printed (killed between commit and print).
        let unprinted =
            events.iter().filter(|e| !printed.contains_key(&e.event_id) && !before.contains_key(&e.member_id)).count();
        fig.add("committed_unprinted", unprinted as u64);
        if let Some(p) = last_printed {
            next += p + 1;
        }
    }

    let o = sync_once(&data, &server, 1, &[]);
    let ctx = format!("seed {seed}, round {round} (extension={extension})");
    assert!(o.status.success(), "{ctx}: the final sync: {}", text(&o));
    let events = check_disk(&data, &ctx);
    assert!(events.iter().all(|e| e.state == "sent"), "{ctx}: {events:?}");
    let records = server.check_ins();
    assert_eq!(records.len(), events.len(), "{ctx}: every recorded check-in reached the server: {records:?}");
    let desk: HashSet<(i64, i64)> = events.iter().map(|e| (e.member_id, e.session_id)).collect();
    for r in &records {
        assert_eq!(r["times_recorded"], 1, "{ctx}: reached the server exactly once: {r}");
        let key = (r["member_id"].as_i64().unwrap(), r["session_id"].as_i64().unwrap());
        assert!(desk.contains(&key), "{ctx}: the server has a check-in the desk never made: {r}");
    }
    fig.add("checkins_verified_on_server", records.len() as u64);
}

#[test]
fn check_ins_survive_sigkill_at_random_moments() {
    checkin_scenario(false);
}

#[test]
fn check_ins_and_a_sync_killed_together_lose_and_duplicate_nothing() {
    checkin_scenario(true);
}

// ---------------------------------------------------------------------------
// Scenario 2: pulls.

/// What tells the old gym from the new one (the desk's own check-ins aside).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint {
    members: (i64, i64, i64),
    sessions: (i64, i64),
    server_participations: (i64, i64),
}

fn queued_members() -> std::ops::RangeInclusive<i64> {
    FIRST_MEMBER + 2..=FIRST_MEMBER + 1 + QUEUED
}

fn fingerprint_of(s: &Snapshot) -> Fingerprint {
    let q = queued_members();
    let parts: Vec<&ApiParticipation> = s.participations.iter().filter(|p| !q.contains(&p.member_id)).collect();
    Fingerprint {
        members: (
            s.members.len() as i64,
            s.members.iter().map(|m| m.id).sum(),
            s.members.iter().filter(|m| m.last_name.as_deref() == Some("V2")).count() as i64,
        ),
        sessions: (s.sessions.len() as i64, s.sessions.iter().map(|x| x.session.id).sum()),
        server_participations: (parts.len() as i64, parts.iter().map(|p| p.id).sum()),
    }
}

fn fingerprint_on_disk(data: &Path) -> Fingerprint {
    let db = Db::open_in_dir(data).unwrap();
    let c = db.conn();
    let (lo, hi) = (*queued_members().start(), *queued_members().end());
    Fingerprint {
        members: c
            .query_row(
                "SELECT COUNT(*), COALESCE(SUM(id), 0), COALESCE(SUM(last_name = 'V2'), 0) FROM members",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap(),
        sessions: c
            .query_row("SELECT COUNT(*), COALESCE(SUM(id), 0) FROM sessions", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap(),
        server_participations: c
            .query_row(
                "SELECT COUNT(*), COALESCE(SUM(server_id), 0) FROM participations
                 WHERE source = 'server' AND member_id NOT BETWEEN ?1 AND ?2",
                [lo, hi],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap(),
    }
}

/// The gym before (4/5 of the members) and after: more members, every one
/// renamed, one more session with its registrations.
fn old_and_new_gym(members: usize, now: DateTime<Utc>) -> (Snapshot, Snapshot) {
    let old = gym(1, members * 4 / 5, now);
    let mut new = gym(1, members, now);
    for m in &mut new.members {
        m.last_name = Some("V2".into());
    }
    let mut extra = new.sessions[0].clone();
    extra.session.id = sid(1, 4);
    extra.session.start_time = now - ChronoDuration::minutes(70);
    extra.session.end_time = now - ChronoDuration::minutes(10);
    new.sessions.push(extra);
    let template = new.participations[0].clone();
    for i in 0..40 {
        new.participations.push(ApiParticipation {
            id: 500_000 + i,
            session_id: sid(1, 4),
            member_id: FIRST_MEMBER + 100 + i,
            ..template.clone()
        });
    }
    (old, new)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn sync_args(url: &str) -> Vec<&str> {
    vec!["sync", "--once", "--api-url", url, "--gym-id", "1"]
}

/// The two gyms and the desk's replica before the pull (the old gym and a
/// few check-ins waiting to be pushed), built around the clock's "now".
struct PullSetup {
    built: Instant,
    new_path: PathBuf,
    template: PathBuf,
    queued: Vec<Event>,
    fp_old: Fingerprint,
    fp_new: Fingerprint,
}

impl PullSetup {
    fn build(dir: &Path, size: usize) -> PullSetup {
        std::fs::create_dir_all(dir).unwrap();
        let now = Utc::now();
        let (old, new) = old_and_new_gym(size, now);
        let (fp_old, fp_new) = (fingerprint_of(&old), fingerprint_of(&new));
        assert_ne!(fp_old, fp_new);
        let old_path = write_snapshot(dir, "old.json", &old);
        let new_path = write_snapshot(dir, "new.json", &new);
        let template = dir.join("template");
        let o = frontdesk(&template, &["import", old_path.to_str().unwrap()]);
        assert!(o.status.success(), "import: {}", text(&o));
        for m in queued_members() {
            check_in(&template, m, sid(1, NOW), now - ChronoDuration::seconds(m - FIRST_MEMBER));
        }
        let queued = check_disk(&template, "template");
        assert_eq!(queued.len() as i64, QUEUED);
        assert_eq!(fingerprint_on_disk(&template), fp_old, "the old gym as imported");
        PullSetup { built: Instant::now(), new_path, template, queued, fp_old, fp_new }
    }
}

#[test]
fn a_pull_killed_at_random_moments_never_leaves_a_half_swapped_replica() {
    let started = Instant::now();
    let (seed, mut rng) = rng_for("pulls", 0x2);
    let mut fig = Figures::default();
    let size = env_u64("CRASH_SOAK_PULL_MEMBERS", 4000) as usize;
    let dir = tempfile::tempdir().unwrap();
    let mut setup = PullSetup::build(&dir.path().join("setup0"), size);

    // One uninterrupted pull: how long the whole takes and how long its tail
    // (from the last staged page to the exit: assemble, swap, push) takes.
    let calib = dir.path().join("calibration");
    copy_dir(&setup.template, &calib);
    let server = Central::start(&[&setup.new_path], &[]);
    let t0 = Instant::now();
    let mut w = Watched::spawn(&calib, &sync_args(&server.api_url()));
    assert!(w.wait_stderr("pull participations:"), "the pull reports its last phase");
    let t_tail = Instant::now();
    let f = w.finish();
    let (full, tail) = (t0.elapsed(), t_tail.elapsed());
    assert!(f.status.success(), "calibration pull: {}\n{}", f.lines.join("\n"), f.stderr);
    assert_eq!(fingerprint_on_disk(&calib), setup.fp_new, "the new gym as pulled");
    drop(server);
    eprintln!("crash_soak[pulls]: {size} members, a full pull takes {full:?}, its tail {tail:?}");

    while fig.iterations < iterations() {
        let round = fig.rounds;
        fig.rounds += 1;
        // The desk's check-ins must stay young: past the session's window
        // the push takes another path (tests/sync_outage.rs), not this test's subject.
        if setup.built.elapsed() > Duration::from_secs(300) {
            setup = PullSetup::build(&dir.path().join(format!("setup{round}")), size);
        }
        let PullSetup { new_path, template, queued, fp_old, fp_new, .. } = &setup;
        let (fp_old, fp_new) = (fp_old.clone(), fp_new.clone());
        let data = dir.path().join(format!("round{round}"));
        copy_dir(template, &data);
        let server = Central::start(&[new_path.as_path()], &[]);
        let url = server.api_url();
        let mut swapped = false;
        let mut kills_this_round = 0;
        loop {
            let ctx = format!("seed {seed}, pull round {round}, kill {kills_this_round}");
            let mut w = Watched::spawn(&data, &sync_args(&url));
            let targeted = rng.u8(0..3) == 0;
            let mut in_tail = false;
            let out_of_budget = fig.iterations >= iterations() || kills_this_round >= 40;
            let fin = if out_of_budget {
                w.finish()
            } else {
                if targeted {
                    // Aim at the swap: once the last page is staged.
                    in_tail = w.wait_stderr("pull participations:");
                    std::thread::sleep(tail.mul_f64(rng.f64() * 1.2));
                } else {
                    std::thread::sleep(full.mul_f64(rng.f64() / 4.0));
                }
                w.kill()
            };
            if fin.killed {
                fig.kills += 1;
                fig.iterations += 1;
                kills_this_round += 1;
            } else {
                fig.completed += 1;
                assert!(
                    fin.status.success(),
                    "{ctx}: a pull left to finish succeeds: {:?}\n{}\n{}",
                    fin.status,
                    fin.lines.join("\n"),
                    fin.stderr
                );
            }
            let fp = fingerprint_on_disk(&data);
            assert!(
                fp == fp_old || fp == fp_new,
                "{ctx}: half-swapped replica: {fp:?}\nold {fp_old:?}\nnew {fp_new:?}"
            );
            assert!(!(swapped && fp == fp_old), "{ctx}: the replica went back to the old gym");
            if fin.killed && in_tail {
                fig.add(if fp == fp_old { "kills_between_last_page_and_swap" } else { "kills_after_swap" }, 1);
            }
            swapped |= fp == fp_new;
            // The desk's check-ins: all there, unchanged, only ever queued -> sent.
            let events = check_disk(&data, &ctx);
            assert_eq!(events.len(), queued.len(), "{ctx}: queued events kept");
            for (e, q) in events.iter().zip(queued) {
                assert_eq!(
                    (&e.event_id, e.member_id, e.session_id, e.scanned_at),
                    (&q.event_id, q.member_id, q.session_id, q.scanned_at),
                    "{ctx}"
                );
                if !swapped {
                    assert_eq!(e.state, "queued", "{ctx}: nothing is pushed before the pull is in");
                }
            }
            fig.add("queued_events_checked", events.len() as u64);
            if !fin.killed {
                break;
            }
        }
        assert!(swapped, "seed {seed}, pull round {round}: the completed pull swapped the new gym in");
        let ctx = format!("seed {seed}, pull round {round}");
        let o = sync_once(&data, &server, 1, &["--no-pull"]);
        assert!(o.status.success(), "{ctx}: final push: {}", text(&o));
        let events = check_disk(&data, &ctx);
        assert!(events.iter().all(|e| e.state == "sent"), "{ctx}: {events:?}");
        let records = server.check_ins();
        assert_eq!(records.len() as i64, QUEUED, "{ctx}: every queued check-in reached the server: {records:?}");
        assert!(records.iter().all(|r| r["times_recorded"] == 1), "{ctx}: exactly once: {records:?}");
        fig.add("checkins_verified_on_server", records.len() as u64);
        std::fs::remove_dir_all(&data).unwrap();
    }
    fig.print("pulls", seed, started);
    assert!(fig.kills > 0, "seed {seed}: pulls were killed");
}
