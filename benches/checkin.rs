//! Benchmark: the check-in decision plus its durable commit (WAL, fsync) on a
//! replica of 50,000 members and 1,000,000 participations in a real file.
//! Prints p50/p99/max over individual check-ins. `cargo bench --bench checkin`
//! (`-- --quick` for a smaller run).

use chrono::{Duration, TimeZone, Utc};
use frontdesk::checkin::{check_in, CheckInRequest, Input};
use frontdesk::clock::FixedClock;
use frontdesk::db::Db;
use frontdesk::domain::{Lang, Source};
use frontdesk::time::to_ms;
use std::time::Instant;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (members, parts, runs) = if quick { (5_000, 100_000, 300) } else { (50_000, 1_000_000, 2_000) };
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_dir(dir.path()).unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 6, 0, 0).unwrap();
    let sessions = parts / 20;
    let built = Instant::now();
    db.write(|tx| {
        tx.execute("INSERT INTO gym (id, name, timezone) VALUES (1, 'Bench', 'America/Mexico_City')", [])?;
        {
            let mut m = tx.prepare(
                "INSERT INTO members (id, first_name, last_name, qr_digest, search_key) VALUES (?1, 'N', 'M', ?2, '')",
            )?;
            for id in 1..=members as i64 {
                m.execute(rusqlite::params![id, &frontdesk::domain::member_code::digest(&format!("U{id}_bench"))[..]])?;
            }
            let mut s = tx.prepare(
                "INSERT INTO sessions (id, gym_id, start_time, end_time, status, class_name) VALUES (?1, 1, ?2, ?3, 'scheduled', 'C')",
            )?;
            for id in 0..sessions as i64 {
                let start = t0 + Duration::minutes(30 * id);
                s.execute(rusqlite::params![id, to_ms(start), to_ms(start + Duration::hours(1))])?;
            }
            let mut p = tx.prepare(
                "INSERT INTO participations (server_id, session_id, member_id, gym_id, status, registration_time, source)
                 VALUES (?1, ?2, ?3, 1, 'registered', 0, 'server')",
            )?;
            let mut x: u64 = 7;
            for id in 0..parts as i64 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let member = (x >> 33) % members as u64 + 1;
                let _ = p.execute(rusqlite::params![id, id % sessions as i64, member as i64]);
            }
        }
        Ok(())
    })
    .unwrap();
    eprintln!("replica built in {:.1} s", built.elapsed().as_secs_f64());

    let clock = FixedClock::new(t0);
    let mut times = Vec::with_capacity(runs);
    let mut ok = 0;
    let mut x: u64 = 99;
    for _ in 0..runs {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let member = (x >> 33) % members as u64 + 1;
        let session = (x >> 13) % sessions as u64;
        let at = t0 + Duration::minutes(30 * session as i64 + 5);
        let req = CheckInRequest {
            input: Input::Code(format!("U{member}_bench")),
            session_id: None,
            at: Some(at),
            method: Source::Camera,
            override_reason: None,
            who: Default::default(),
        };
        let start = Instant::now();
        let v = check_in(&mut db, &clock, &req, Lang::Es).unwrap();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        ok += v.success as usize;
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "checkin: {members} members, {parts} participations, {runs} check-ins ({ok} recorded): \
         p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        pct(0.50),
        pct(0.99),
        times[times.len() - 1]
    );
}
