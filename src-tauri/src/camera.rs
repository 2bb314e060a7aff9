//! Runs the core's scanning pipeline for the reception window: opens the
//! configured source (`scan::open`: the webcam, or the demo camera on a demo
//! desk), hands the page the preview frames `scan::preview` chooses (raw grey
//! bytes over the `watch_preview` channel: no JPEG, base64 or JSON per frame)
//! and turns every scan into a check-in whose verdict goes out as a `verdict`
//! event.

use crate::ipc::{IpcError, IpcResult};
use crate::state::{CameraRun, Desk};
use frontdesk::checkin::CheckInRequest;
use frontdesk::desk_settings;
use frontdesk::domain::Source;
use frontdesk::scan::camera;
use frontdesk::scan::demo_camera::Hold;
use frontdesk::scan::preview::{Offer, PreviewStream};
use frontdesk::scan::{Frame, FrameSource, Pipeline, PipelineConfig, SourceError, SourceSpec};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tauri::ipc::{Channel, InvokeResponseBody};
use tauri::{Emitter, Manager, Runtime};

#[derive(Serialize, ts_rs::TS)]
pub struct CameraInfo {
    index: u32,
    name: String,
}

pub fn list() -> IpcResult<Vec<CameraInfo>> {
    camera::list_cameras()
        .map(|cams| cams.into_iter().map(|c| CameraInfo { index: c.index, name: c.name }).collect())
        .map_err(|e| IpcError::new(e.code(), e.to_string()))
}

/// The `verdict` event: the core's verdict, and for a camera scan how long
/// it took from the frame to the verdict.
#[derive(Serialize, Clone, ts_rs::TS)]
pub struct VerdictEvent {
    #[serde(flatten)]
    pub verdict: frontdesk::checkin::Verdict,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scan_ms: Option<f64>,
    /// A camera verdict's number for `verdict_painted`, which the page calls
    /// once the card is on screen (the camera-to-screen time in the log).
    #[ts(optional, type = "number")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paint_id: Option<u64>,
}

/// The `kiosk-verdict` event: a camera scan while the desk is a self
/// check-in kiosk, reduced to what the kiosk shows (`frontdesk::kiosk`).
#[derive(Serialize, Clone, ts_rs::TS)]
pub struct KioskVerdictEvent {
    #[serde(flatten)]
    pub kiosk: frontdesk::kiosk::KioskVerdict,
    /// As for `VerdictEvent`: the page calls `verdict_painted` with it.
    #[ts(optional, type = "number")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paint_id: Option<u64>,
}

/// The `already-read` event: a card was shown to the camera again inside the
/// re-scan window. Nothing was checked in; the window says so briefly.
#[derive(Serialize, Clone, ts_rs::TS)]
pub struct AlreadyRead {
    #[ts(type = "string")]
    #[serde(with = "frontdesk::time::serde_utc")]
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Set on the demo camera by scripts/measure-app.sh: an empty desk all the
/// time (no member ever comes), the idle figure of docs/PERFORMANCE.md.
const EMPTY_DESK_ENV: &str = "FRONTDESK_DEMO_EMPTY_DESK";

/// Set on the demo camera by scripts/measure-app.sh: people pass behind the
/// desk and nobody shows a code, so the preview changes every frame with no
/// verdict card over it (what painting the preview costs).
const PASSERS_BY_ENV: &str = "FRONTDESK_DEMO_PASSERS_BY";

/// Wraps a source and hands the preview the frames `PreviewStream` picks.
struct Preview<S, F: FnMut(Vec<u8>)> {
    inner: S,
    stream: PreviewStream,
    send: F,
    /// The page's `show_preview` switch.
    shown: Arc<AtomicBool>,
    /// Counted since `window_start`, logged every 10 s (docs/PERFORMANCE.md).
    window_start: Instant,
}

impl<S: FrameSource, F: FnMut(Vec<u8>)> FrameSource for Preview<S, F> {
    fn next_frame(&mut self) -> Result<Option<Frame>, SourceError> {
        let frame = self.inner.next_frame()?;
        if let Some(f) = &frame {
            let now = Instant::now();
            self.stream.set_shown(self.shown.load(Ordering::SeqCst));
            if let Offer::Send(bytes) = self.stream.offer(&f.luma, now) {
                (self.send)(bytes);
            }
            let elapsed = now.duration_since(self.window_start);
            if elapsed >= Duration::from_secs(10) {
                let n = self.stream.take_counts();
                let secs = elapsed.as_secs_f64();
                tracing::info!(
                    fps = n.sent as f64 / secs,
                    still_fps = n.still as f64 / secs,
                    hidden_fps = n.hidden as f64 / secs,
                    "preview frame rate"
                );
                self.window_start = now;
            }
        }
        Ok(frame)
    }

    fn describe(&self) -> String {
        self.inner.describe()
    }
}

/// The page's preview channel (`watch_preview`): replaced when the page
/// loads again; frames go nowhere until the page asks for them. A page that
/// asks anew starts on the scan screen with no card: the preview in sight.
pub fn watch<R: Runtime>(app: &tauri::AppHandle<R>, channel: Channel<InvokeResponseBody>) {
    let desk = app.state::<Arc<Desk>>();
    *desk.preview.lock().unwrap_or_else(|e| e.into_inner()) = Some(channel);
    desk.preview_shown.store(true, Ordering::SeqCst);
}

/// Stops the running camera pipeline (if any) and starts the one the desk's
/// settings name now: a change of camera in Settings, or the demo camera
/// giving way to the real one, takes effect without a restart.
pub fn restart<R: Runtime>(app: &tauri::AppHandle<R>) {
    let desk = app.state::<Arc<Desk>>().inner().clone();
    if !desk.scanning.is_completed() {
        return; // the window is not ready yet: window_ready starts scanning
    }
    let running = desk.camera.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(run) = running {
        run.stop.store(true, Ordering::SeqCst);
        let _ = run.thread.join();
    }
    *desk.camera_error.lock().unwrap_or_else(|x| x.into_inner()) = None;
    start(app);
}

/// Starts scanning in the background; errors go to `camera-error` and window_ready.
/// A scanner-only desk (camera source `none`) starts nothing.
pub fn start<R: Runtime>(app: &tauri::AppHandle<R>) {
    let desk = app.state::<Arc<Desk>>().inner().clone();
    let settings = match desk.with_db(|db| Ok(desk_settings::load(db.conn(), desk.default_lang)?)) {
        Ok(s) => s,
        Err(e) => return report_error(app, &desk, e),
    };
    let request = settings.camera.source_request(std::env::var("FRONTDESK_CAMERA").as_deref() == Ok("demo"));
    desk.demo_camera.store(request.as_ref().is_some_and(|r| r.spec == SourceSpec::Demo), Ordering::SeqCst);
    let Some(mut request) = request else {
        tracing::info!("no camera: this desk scans with a USB scanner only");
        return;
    };
    request.hold = if std::env::var(EMPTY_DESK_ENV).as_deref() == Ok("1") {
        let empty = Hold::default();
        empty.set(true);
        empty
    } else {
        desk.demo_hold.clone()
    };
    request.passers_by = std::env::var(PASSERS_BY_ENV).as_deref() == Ok("1");
    let preview_desk = desk.clone();
    let shown = desk.preview_shown.clone();
    let open = move || -> Result<Preview<Box<dyn FrameSource>, _>, SourceError> {
        let inner = frontdesk::scan::open::open(request)?;
        Ok(Preview {
            inner,
            stream: PreviewStream::default(),
            window_start: Instant::now(),
            shown,
            send: move |bytes: Vec<u8>| {
                if let Some(ch) = preview_desk.preview.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
                    let _ = ch.send(InvokeResponseBody::Raw(bytes));
                }
            },
        })
    };
    let config = PipelineConfig {
        rescan_window: chrono::Duration::seconds(settings.rescan_window_secs as i64),
        ..PipelineConfig::default()
    };
    let handler_desk = desk.clone();
    let pipeline = Pipeline::start(open, config, desk.clock.clone(), move |scan| {
        handler_desk.check_in(CheckInRequest::scan(scan.code.clone(), Source::Camera))
    });
    let app = app.clone();
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    let run_desk = desk.clone();
    let thread = std::thread::Builder::new()
        .name("scan-events".into())
        .spawn(move || {
            loop {
                // A card shown again inside the re-scan window: no check-in, but staff see
                // "already read" rather than nothing.
                for again in pipeline.shown_again().try_iter() {
                    let _ = app.emit("already-read", AlreadyRead { at: again.at });
                }
                let ev = match pipeline.events().recv_timeout(Duration::from_millis(100)) {
                    Ok(ev) => ev,
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) if !stopped.load(Ordering::SeqCst) => continue,
                    Err(_) => break,
                };
                match ev.result {
                    Ok(verdict) if desk.in_kiosk() => {
                        // The kiosk's webview sees only what the kiosk shows.
                        let paint_id = Some(desk.paints.started(&ev.latency));
                        match desk.desk(|d| d.kiosk_verdict(&verdict)) {
                            Ok(kiosk) => {
                                let _ = app.emit("kiosk-verdict", KioskVerdictEvent { kiosk, paint_id });
                            }
                            Err(e) => tracing::error!(code = %e.code, "kiosk verdict: {}", e.message),
                        }
                    }
                    Ok(verdict) => {
                        let scan_ms = Some(ev.latency.total.as_secs_f64() * 1000.0);
                        let paint_id = Some(desk.paints.started(&ev.latency));
                        let _ = app.emit("verdict", VerdictEvent { verdict, scan_ms, paint_id });
                    }
                    Err(e) => {
                        let verdict = save_failed(&desk, &e);
                        let _ = app.emit("verdict", VerdictEvent { verdict, scan_ms: None, paint_id: None });
                    }
                }
            }
            if stopped.load(Ordering::SeqCst) {
                pipeline.stop();
                return;
            }
            let report = pipeline.join();
            if let Some(msg) = report.source_error {
                let code = report.source_error_code.unwrap_or(frontdesk::ErrorCode::CameraFailed);
                report_error(&app, &desk, IpcError::new(code, msg));
            }
        })
        .expect("spawn scan-events thread");
    *run_desk.camera.lock().unwrap_or_else(|e| e.into_inner()) = Some(CameraRun { stop, thread });
}

/// A check-in that could not be saved is the core's red card, never green.
fn save_failed(desk: &Desk, e: &IpcError) -> frontdesk::checkin::Verdict {
    frontdesk::checkin::Verdict::save_failed(
        &e.message,
        frontdesk::domain::Source::Camera,
        desk.clock.now(),
        desk.lang(),
    )
}

fn report_error<R: Runtime>(app: &tauri::AppHandle<R>, desk: &Desk, e: IpcError) {
    tracing::warn!(code = %e.code, "camera: {}", e.message);
    *desk.camera_error.lock().unwrap_or_else(|x| x.into_inner()) = Some(e.clone());
    let _ = app.emit("camera-error", e);
}
