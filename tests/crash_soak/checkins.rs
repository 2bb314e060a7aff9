//! Scenarios 1 and 3: check-ins killed at random moments, alone or with a
//! sync running alongside on the same data directory.

use super::*;

fn write_cards(dir: &Path, members: &[i64]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for (i, m) in members.iter().enumerate() {
        qr_card::save_card(&dir.join(format!("{i:03}.png")), &code(*m));
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
