//! `frontdesk scan`: the live scanning pipeline without a screen. Frames come
//! from the webcam, a folder of images or the demo camera; every new scan is
//! checked in through the gym's rules (method camera) and printed, with
//! `--json` as the check-in object of `check-in --json` plus `scan_ms`, the
//! frame-to-verdict latency measured inside the pipeline. `--event-id` adds
//! the outbox event id of each recorded check-in (null when refused), so a
//! script can match what it saw printed against the outbox.

use super::Ctx;
use anyhow::Context;
use frontdesk::checkin::{self, CheckInRequest};
use frontdesk::clock::{Clock, SystemClock};
use frontdesk::domain::Source;
use frontdesk::scan::camera;
use frontdesk::scan::open::SourceRequest;
use frontdesk::scan::{FrameSource, Pipeline, PipelineConfig, SourceError, SourceSpec};
use std::process::ExitCode;
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// camera, camera:N (index), camera:NAME, dir:PATH (folder or image) or demo
    #[arg(long, default_value = "camera", value_parser = parse_source)]
    source: SourceSpec,
    /// Print one JSON line per verdict
    #[arg(long)]
    json: bool,
    /// With --json, add `event_id`: the outbox event of a recorded check-in (null when refused)
    #[arg(long, requires = "json")]
    event_id: bool,
    /// The same code again within this many seconds is not a new scan
    #[arg(long, default_value_t = 3.0)]
    rescan_secs: f64,
    /// Stop after this many frames
    #[arg(long)]
    frames: Option<u64>,
    /// Stop after this many seconds
    #[arg(long)]
    seconds: Option<f64>,
    /// Frames per second asked of the camera, or played from files / the demo camera
    #[arg(long, default_value_t = 30)]
    fps: u32,
    /// Frame size WIDTHxHEIGHT asked of the camera or rendered by the demo camera
    #[arg(long, default_value = "1280x720", value_parser = parse_size)]
    resolution: (u32, u32),
    /// Seed of the demo camera's sequence
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Play a folder of images again and again
    #[arg(long = "loop")]
    looped: bool,
    /// List the cameras and exit
    #[arg(long)]
    list_cameras: bool,
}

fn parse_source(s: &str) -> Result<SourceSpec, String> {
    s.parse().map_err(|e: SourceError| e.to_string())
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or("use WIDTHxHEIGHT, e.g. 1280x720")?;
    let (w, h) = (w.parse::<u32>().map_err(|e| e.to_string())?, h.parse::<u32>().map_err(|e| e.to_string())?);
    if !(64..=8192).contains(&w) || !(64..=8192).contains(&h) {
        return Err("width and height must be 64..8192".into());
    }
    Ok((w, h))
}

/// The source the flags name, opened on the capture thread (`scan::open`).
fn opener(a: &Args) -> impl FnOnce() -> Result<Box<dyn FrameSource>, SourceError> + Send + 'static {
    let (width, height) = a.resolution;
    let request = SourceRequest {
        spec: a.source.clone(),
        width,
        height,
        fps: a.fps,
        seed: Some(a.seed),
        looped: a.looped,
        hold: Default::default(),
        passers_by: false,
    };
    move || frontdesk::scan::open::open(request)
}

pub fn run(ctx: &Ctx, a: Args) -> anyhow::Result<ExitCode> {
    if a.list_cameras {
        let cams = camera::list_cameras().context("listing cameras")?;
        if a.json {
            super::print_json(&cams);
        } else if cams.is_empty() {
            println!("no camera found");
        } else {
            cams.iter().for_each(|c| println!("{}: {} ({})", c.index, c.name, c.description));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut db = ctx.open_db()?;
    let lang = ctx.lang(&db)?;
    frontdesk::db::gym::require(db.conn())
        .context("scan needs a gym in the replica (run `frontdesk import` or `frontdesk demo`)")?;
    let rescan = chrono::Duration::milliseconds((a.rescan_secs.max(0.0) * 1000.0) as i64);
    let config = PipelineConfig {
        rescan_window: rescan,
        max_frames: a.frames,
        // Replayed files: every frame counts; live sources: the latest frame wins.
        lossless: matches!(a.source, SourceSpec::Dir(_)),
        ..Default::default()
    };
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let rules_clock = clock.clone();
    let pipeline = Pipeline::start(opener(&a), config, clock, move |scan| {
        let req = CheckInRequest { at: Some(scan.at), ..CheckInRequest::scan(scan.code.clone(), Source::Camera) };
        checkin::check_in(&mut db, rules_clock.as_ref(), &req, lang)
    });
    let deadline = a.seconds.map(|s| Instant::now() + Duration::from_secs_f64(s.max(0.0)));
    let mut failed_check_ins = 0u32;
    loop {
        let wait = deadline.map_or(Duration::from_secs(3600), |d| d.saturating_duration_since(Instant::now()));
        let ev = match pipeline.events().recv_timeout(wait) {
            Ok(ev) => ev,
            Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) if deadline.is_some_and(|d| Instant::now() >= d) => break,
            Err(RecvTimeoutError::Timeout) => continue,
        };
        let scan_ms = (ev.latency.total.as_secs_f64() * 1e6).round() / 1e3;
        match ev.result {
            Ok(verdict) if a.json => {
                let mut obj = verdict.cli_json();
                obj["scan_ms"] = serde_json::json!(scan_ms);
                if a.event_id {
                    obj["event_id"] = serde_json::json!(verdict.event_id);
                }
                super::print_json(&obj);
            }
            Ok(v) => {
                let who = v.member.as_ref().map(|m| m.name.as_str()).unwrap_or("-");
                let mark = if v.success { "OK" } else { "REFUSED" };
                println!("{mark} [{}] {} | {who} | {} | {scan_ms:.1} ms", v.code.code(), v.message, ev.scan.code);
            }
            Err(e) => {
                failed_check_ins += 1;
                eprintln!("error: check-in of {} failed: {e}", ev.scan.code);
            }
        }
    }
    let report = pipeline.stop();
    eprintln!(
        "scan: {} frames captured, {} dropped, {} decoded, {} scans, {} repeats within the window, {} decoder panics contained",
        report.frames_captured,
        report.frames_dropped,
        report.frames_decoded,
        report.scans,
        report.repeats_suppressed,
        report.decoder.panics_caught
    );
    if let Some(err) = &report.source_error {
        eprintln!("error [{}]: {err}", report.source_error_code.map_or("source", |c| c.as_str()));
        return Ok(ExitCode::from(2));
    }
    Ok(if failed_check_ins > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
