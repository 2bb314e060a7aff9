//! Benchmark: what a staff PIN costs at the desk (issue 15). Every PIN is an
//! Argon2id hash (the crate's default cost: 19 MiB, 2 passes), so a check is
//! slow on purpose. Measures, on a real replica file with 12 profiles: a
//! sign-in (one hash checked), an override approved by the last of the
//! supervisors and admins (each of their hashes checked), and adding a
//! profile (the new PIN hashed, and checked against every other for
//! uniqueness). `cargo bench --bench staff_pins`.

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use frontdesk::clock::FixedClock;
use frontdesk::db::staff::Role;
use frontdesk::db::Db;
use frontdesk::desk::Desk;
use frontdesk::domain::Lang;
use frontdesk::shift::Shift;

const PROFILES: usize = 12;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_dir(dir.path()).unwrap();
    let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 12, 8, 9, 0, 0).unwrap());
    let mut shift = Shift::default();
    let mut last_id = 0;
    {
        let mut d = Desk::new(&mut db, &clock, Lang::Es);
        d.add_staff(&mut shift, "Admin", Role::Admin, "100000").unwrap();
        for i in 1..PROFILES {
            // Four supervisors, the rest reception.
            let role = if i <= 4 { Role::Supervisor } else { Role::Reception };
            last_id = d.add_staff(&mut shift, &format!("Staff {i}"), role, &format!("{}", 100000 + i)).unwrap().id;
        }
    }
    let mut g = c.benchmark_group("staff_pins");
    g.sample_size(20);
    g.bench_function("sign in (one hash)", |b| {
        let mut s = Shift::default();
        b.iter(|| Desk::new(&mut db, &clock, Lang::Es).sign_in(&mut s, last_id, "100011").unwrap())
    });
    g.bench_function("approve an override (5 hashes)", |b| {
        // The last supervisor's PIN: every allowed profile's hash is checked.
        b.iter(|| Desk::new(&mut db, &clock, Lang::Es).approve_override(Some("100004")).unwrap().unwrap())
    });
    g.bench_function("add a profile (hash + 12 checks)", |b| {
        let mut n = 0;
        b.iter(|| {
            n += 1;
            let mut d = Desk::new(&mut db, &clock, Lang::Es);
            let s = d.add_staff(&mut shift, &format!("New {n}"), Role::Reception, &format!("{}", 200000 + n)).unwrap();
            d.remove_staff(&mut shift, s.id).unwrap();
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
