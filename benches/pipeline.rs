//! Live pipeline benchmark on the demo camera: frame-to-verdict latency
//! (capture hand-off, decode, rules + durable commit in a real replica file)
//! at 640x480 and 1280x720, and the process CPU use at 30 fps.
//!
//! `cargo bench --bench pipeline [-- --seconds N]` (default 20 s per run).
//! Latency runs use a re-scan window of 0 so that every frame that reads a
//! code becomes a check-in (hundreds of samples instead of one per show);
//! the CPU runs use the desk's default 3 s window. CPU = (utime + stime)
//! from /proc/self/stat over wall time, for the whole process.

use frontdesk::checkin::{check_in, CheckInRequest};
use frontdesk::clock::{Clock, SystemClock};
use frontdesk::db::Db;
use frontdesk::demo::{self, DemoOptions};
use frontdesk::domain::{Lang, Source};
use frontdesk::scan::demo_camera::{DemoCamera, DemoConfig};
use frontdesk::scan::{Pipeline, PipelineConfig};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn cpu_secs() -> f64 {
    // Fields 14 and 15 (utime, stime) in clock ticks; USER_HZ is 100 on Linux.
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map(|r| r.1).unwrap_or("");
    let f: Vec<u64> = rest.split_whitespace().map(|x| x.parse().unwrap_or(0)).collect();
    if f.len() < 13 {
        return 0.0;
    }
    (f[11] + f[12]) as f64 / 100.0
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

struct Run {
    totals: Vec<f64>,
    handoff: Vec<f64>,
    decode: Vec<f64>,
    commit: Vec<f64>,
    successes: usize,
    report: frontdesk::scan::PipelineReport,
    cpu: f64,
    wall: f64,
}

fn run(w: u32, h: u32, fps: f64, secs: f64, window_secs: i64) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open_in_dir(dir.path()).unwrap();
    let date = demo::demo_today(SystemClock.now());
    demo::install(&mut db, &DemoOptions { members: demo::DEFAULT_MEMBERS, date, seed: 1 }).unwrap();
    let cam = DemoConfig { width: w, height: h, fps, seed: 1, ..Default::default() };
    let cfg = PipelineConfig { rescan_window: chrono::Duration::seconds(window_secs), ..Default::default() };
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let (cpu0, t0) = (cpu_secs(), Instant::now());
    let p = Pipeline::start(
        move || Ok(DemoCamera::new(cam)),
        cfg,
        clock.clone(),
        move |scan| {
            let req = CheckInRequest { at: Some(scan.at), ..CheckInRequest::scan(scan.code.clone(), Source::Camera) };
            check_in(&mut db, clock.as_ref(), &req, Lang::Es).map(|v| v.success).unwrap_or(false)
        },
    );
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut r = Run {
        totals: vec![],
        handoff: vec![],
        decode: vec![],
        commit: vec![],
        successes: 0,
        report: Default::default(),
        cpu: 0.0,
        wall: 0.0,
    };
    let end = t0 + Duration::from_secs_f64(secs);
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        if let Ok(ev) = p.events().recv_timeout(left) {
            r.totals.push(ms(ev.latency.total));
            r.handoff.push(ms(ev.latency.handoff));
            r.decode.push(ms(ev.latency.decode));
            r.commit.push(ms(ev.latency.handle));
            r.successes += ev.result as usize;
        }
    }
    r.report = p.stop();
    r.wall = t0.elapsed().as_secs_f64();
    r.cpu = cpu_secs() - cpu0;
    r
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let secs: f64 = args
        .iter()
        .position(|a| a == "--seconds")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(20.0);
    println!("demo camera -> pipeline -> check-in (durable commit), {secs} s per run, release build");
    for (w, h) in [(640u32, 480u32), (1280, 720)] {
        // What the demo camera itself costs per frame (it runs in the same process).
        let mut cam = DemoCamera::new(DemoConfig { width: w, height: h, fps: 0.0, ..Default::default() });
        let t = Instant::now();
        for seq in 0..120 {
            std::hint::black_box(cam.render(seq));
        }
        let render_ms = t.elapsed().as_secs_f64() * 1e3 / 120.0;

        let mut l = run(w, h, 30.0, secs, 0);
        let rep = &l.report;
        println!(
            "{w}x{h} latency (window 0): {} verdicts ({} ok) over {} frames ({} dropped)  total p50 {:.2} ms p99 {:.2} ms max {:.2} | hand-off p50 {:.2} p99 {:.2} | decode p50 {:.2} p99 {:.2} | rules+commit p50 {:.2} p99 {:.2}",
            l.totals.len(), l.successes, rep.frames_captured, rep.frames_dropped,
            pct(&mut l.totals, 0.5), pct(&mut l.totals, 0.99), pct(&mut l.totals, 1.0),
            pct(&mut l.handoff, 0.5), pct(&mut l.handoff, 0.99),
            pct(&mut l.decode, 0.5), pct(&mut l.decode, 0.99),
            pct(&mut l.commit, 0.5), pct(&mut l.commit, 0.99),
        );
        let c = run(w, h, 30.0, secs, 3);
        let core = c.cpu / c.wall * 100.0;
        let render_share = render_ms * 30.0 / 10.0;
        println!(
            "{w}x{h} CPU at 30 fps (window 3 s): {:.1}% of one core for the whole process ({} frames, {} decoded, {} dropped, {} scans, {} panics); demo rendering alone {:.2} ms/frame = {:.1}% -> pipeline without the renderer about {:.1}%",
            core, c.report.frames_captured, c.report.frames_decoded, c.report.frames_dropped, c.report.scans,
            c.report.decoder.panics_caught, render_ms, render_share, core - render_share
        );
    }
}
