//! Benchmark: the daily report of a busy day (5,000 check-ins: half from the
//! server, half from this desk with outbox events in every state, among a
//! week of other sessions and attendances) on a real replica file. Measures
//! building the day model, and building plus rendering CSV, XLSX and HTML.
//! Goals (issue 6): CSV ≤ 100 ms, XLSX ≤ 500 ms. `cargo bench --bench report`.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use frontdesk::db::outbox::{self, CheckInPayload};
use frontdesk::db::participations::{self, ServerParticipation};
use frontdesk::db::Db;
use frontdesk::domain::{Lang, ParticipationStatus, Source};
use frontdesk::report::{self, DayReport, Format};
use frontdesk::time::to_ms;

const CHECK_INS: i64 = 5_000;
const MEMBERS: i64 = 20_000;
const SESSIONS_PER_DAY: i64 = 60;

fn replica(dir: &std::path::Path) -> (Db, NaiveDate) {
    let mut db = Db::open_in_dir(dir).unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    // Local midnight in Mexico City (UTC-6).
    let day0: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 11, 28, 6, 0, 0).unwrap();
    db.write(|tx| {
        tx.execute("INSERT INTO gym (id, name, timezone) VALUES (1, 'Gimnasio Bench', 'America/Mexico_City')", [])?;
        let mut m = tx.prepare(
            "INSERT INTO members (id, first_name, last_name, email) VALUES (?1, 'José María', 'Núñez Peña', 'x@example.mx')",
        )?;
        for id in 1..=MEMBERS {
            m.execute([id])?;
        }
        let mut s = tx.prepare(
            "INSERT INTO sessions (id, gym_id, start_time, end_time, room, status, class_name, max_capacity)
             VALUES (?1, 1, ?2, ?3, 'Estudio A', ?4, 'Spinning avanzado', 120)",
        )?;
        // A week: three days before and after the reported one.
        for day in -3..=3i64 {
            for k in 0..SESSIONS_PER_DAY {
                let id = (day + 3) * 1000 + k;
                let start = day0 + Duration::days(day) + Duration::minutes(5 * 60 + 15 * k);
                let status = if k % 29 == 28 { "cancelled" } else { "scheduled" };
                s.execute(rusqlite::params![id, to_ms(start), to_ms(start + Duration::minutes(45)), status])?;
            }
        }
        let mut server_id = 1;
        for day in -3..=3i64 {
            for i in 0..CHECK_INS {
                let session_id = (day + 3) * 1000 + (i % SESSIONS_PER_DAY) % 28 + 29 * ((i / 28) % 2);
                let start = day0 + Duration::days(day) + Duration::minutes(5 * 60 + 15 * (session_id % 1000));
                let member_id = 1 + (i * 7 + day.rem_euclid(7)) % MEMBERS;
                let at = start + Duration::minutes(i % 20 - 10);
                if day != 0 || i % 2 == 0 {
                    participations::merge_from_server(
                        tx,
                        &ServerParticipation {
                            id: server_id,
                            session_id,
                            member_id,
                            gym_id: 1,
                            status: ParticipationStatus::Attended,
                            registration_time: (i % 3 != 0).then_some(day0 - Duration::days(5)),
                            attendance_time: Some(at),
                            cancellation_time: None,
                            cancellation_reason: None,
                        },
                    )?;
                    server_id += 1;
                } else {
                    let method = [Source::Camera, Source::Scanner, Source::Manual, Source::Override][(i % 4) as usize];
                    let reason = (method == Source::Override).then(|| "=olvidó la tarjeta".to_string());
                    let event_id = format!("ev-{i}");
                    participations::mark_attended(tx, 1, session_id, member_id, at, method, reason.as_deref(), &event_id)?;
                    let payload = CheckInPayload {
                        event_id: event_id.clone(),
                        gym_id: 1,
                        member_id,
                        session_id,
                        qr_code: None,
                        scanned_at: at,
                        method,
                        override_reason: reason,
                        device_id: "bench".into(),
                        new_participation: true,
                        warnings: if i % 5 == 0 { vec!["membership_expired".into()] } else { vec![] },
                    };
                    outbox::enqueue(tx, &payload, at, outbox::Audience::Server)?;
                    match i % 10 {
                        0..=6 => outbox::mark_sent(tx, &event_id, at, "check_in")?,
                        7 => outbox::park(
                            tx,
                            &event_id,
                            &frontdesk::domain::OutboxReason::RefusedByServer { status: Some(422), detail: "422".into() },
                        )?,
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    })
    .unwrap();
    (db, date)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (db, date) = replica(dir.path());
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 14, 0, 0).unwrap();
    let r = DayReport::build(db.conn(), date, now).unwrap();
    assert_eq!(r.check_ins.len() as i64, CHECK_INS, "the reported day holds the intended check-ins");
    eprintln!(
        "day: {} sessions, {} check-ins, {} unsynced; csv {} KB, xlsx {} KB",
        r.sessions.len(),
        r.check_ins.len(),
        r.totals.unsynced(),
        report::render(&r, Format::Csv, Lang::Es).unwrap().len() / 1024,
        report::render(&r, Format::Xlsx, Lang::Es).unwrap().len() / 1024,
    );
    let mut g = c.benchmark_group("report_5000_check_ins");
    g.sample_size(20);
    g.bench_function("build_day_model", |b| b.iter(|| DayReport::build(db.conn(), date, now).unwrap()));
    for format in Format::ALL {
        g.bench_function(format!("build_and_render_{format}"), |b| {
            b.iter(|| {
                let r = DayReport::build(db.conn(), date, now).unwrap();
                report::render(&r, format, Lang::Es).unwrap()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
