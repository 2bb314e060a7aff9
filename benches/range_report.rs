//! Benchmark: the range report of a month (31 days) for a 5,000-member gym
//! with 60,000 check-ins (issue 15: CSV <= 1 s, XLSX <= 2 s), on a real
//! replica file: 40 sessions a day, a third of the members paid and some of
//! them away for weeks (the churn list), bookings that were no-shows.
//! Measures building the model, and building plus rendering CSV, XLSX and
//! HTML. `cargo bench --bench range_report`.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use frontdesk::db::Db;
use frontdesk::domain::Lang;
use frontdesk::report::range::{self, RangeParams, RangeReport};
use frontdesk::report::Format;
use frontdesk::time::to_ms;

const MEMBERS: i64 = 5_000;
const CHECK_INS: i64 = 60_000;
const DAYS: i64 = 31;
const SESSIONS_PER_DAY: i64 = 40;

fn replica(dir: &std::path::Path) -> (Db, NaiveDate, NaiveDate) {
    let mut db = Db::open_in_dir(dir).unwrap();
    let from = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    // Local midnight of 1 October in Mexico City (UTC-6).
    let day0: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 10, 1, 6, 0, 0).unwrap();
    db.write(|tx| {
        tx.execute("INSERT INTO gym (id, name, timezone) VALUES (1, 'Gimnasio Bench', 'America/Mexico_City')", [])?;
        let mut m = tx.prepare(
            "INSERT INTO members (id, first_name, last_name, email, membership_active, membership_type)
             VALUES (?1, 'José María', ?2, 'x@example.mx', 1, ?3)",
        )?;
        for id in 1..=MEMBERS {
            let kind = if id % 3 == 0 { "paid" } else { "free" };
            m.execute(rusqlite::params![id, format!("Núñez {id}"), kind])?;
        }
        let mut s = tx.prepare(
            "INSERT INTO sessions (id, gym_id, start_time, end_time, room, status, class_name, max_capacity)
             VALUES (?1, 1, ?2, ?3, 'Estudio A', ?4, ?5, 60)",
        )?;
        let classes = ["Spinning", "Yoga", "Pilates", "Boxeo", "CrossFit", "Gimnasio libre", "Zumba", "Funcional"];
        for day in 0..DAYS {
            for k in 0..SESSIONS_PER_DAY {
                let id = day * 1000 + k;
                let start = day0 + Duration::days(day) + Duration::minutes(6 * 60 + 25 * k);
                let status = if k % 37 == 36 { "cancelled" } else { "completed" };
                let name = classes[(k % classes.len() as i64) as usize];
                s.execute(rusqlite::params![id, to_ms(start), to_ms(start + Duration::minutes(50)), status, name])?;
            }
        }
        let mut p = tx.prepare(
            "INSERT INTO participations (server_id, session_id, member_id, gym_id, status, registration_time, attendance_time)
             VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)",
        )?;
        let mut n = 0;
        let mut server_id = 1;
        for day in 0..DAYS {
            let target = CHECK_INS * (day + 1) / DAYS;
            let mut i = 0;
            while n < target {
                i += 1;
                let k = i % SESSIONS_PER_DAY;
                let session_id = day * 1000 + k;
                let start = day0 + Duration::days(day) + Duration::minutes(6 * 60 + 25 * k);
                // Members 1..=600 stay away after the first week: the churn list.
                let mut member_id = 1 + (i * 7 + day * 13) % MEMBERS;
                if day > 7 && member_id <= 600 {
                    member_id += 600;
                }
                let booked = (i % 3 != 0).then(|| to_ms(start - Duration::days(1)));
                let inserted = p.execute(rusqlite::params![
                    server_id,
                    session_id,
                    member_id,
                    "attended",
                    booked,
                    to_ms(start + Duration::minutes(i % 20 - 10))
                ]);
                server_id += 1;
                match inserted {
                    Ok(_) => n += 1,
                    // The same member twice in one session: another one comes instead.
                    Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        // Some bookings were no-shows.
        for j in 0..3_000i64 {
            let session_id = (j % DAYS) * 1000 + j % SESSIONS_PER_DAY;
            let _ = p.execute(rusqlite::params![
                server_id + j,
                session_id,
                1 + (j * 11) % MEMBERS,
                "no_show",
                to_ms(day0),
                Option::<i64>::None
            ]);
        }
        assert_eq!(n, CHECK_INS);
        Ok(())
    })
    .unwrap();
    (db, from, from + Duration::days(DAYS - 1))
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (db, from, to) = replica(dir.path());
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 14, 0, 0).unwrap();
    let p = RangeParams::new(from, to);
    let r = RangeReport::build(db.conn(), p, now).unwrap();
    assert_eq!(r.totals.visits, CHECK_INS, "the range holds the intended check-ins");
    eprintln!(
        "range {from}..{to}: {} visits by {} members, {} classes, {} at churn risk; csv {} KB, xlsx {} KB, html {} KB",
        r.totals.visits,
        r.totals.distinct_members,
        r.classes.len(),
        r.totals.churn_risk,
        range::render(&r, Format::Csv, Lang::Es).unwrap().len() / 1024,
        range::render(&r, Format::Xlsx, Lang::Es).unwrap().len() / 1024,
        range::render(&r, Format::Html, Lang::Es).unwrap().len() / 1024,
    );
    let mut g = c.benchmark_group("range_report_31_days_60000_check_ins");
    g.sample_size(10);
    g.bench_function("build", |b| b.iter(|| RangeReport::build(db.conn(), p, now).unwrap()));
    for format in Format::ALL {
        g.bench_function(format!("build+{format}"), |b| {
            b.iter(|| range::render(&RangeReport::build(db.conn(), p, now).unwrap(), format, Lang::Es).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
