//! Scenario 2: pulls of a big gym killed at random moments; the replica is
//! wholly the old gym or wholly the new one, and the desk's queue is untouched.

use super::*;
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
