//! Runs the core's scanning pipeline for the reception window: opens the
//! configured source (`scan::open`: the webcam, or the demo camera on a demo desk), sends
//! preview frames (`preview-frame`, 20 per second at most, as JPEG) and turns
//! every scan into a check-in whose verdict goes out as a `verdict` event.

use crate::ipc::{IpcError, IpcResult};
use crate::state::{CameraRun, Desk};
use base64::Engine;
use frontdesk::checkin::CheckInRequest;
use frontdesk::desk_settings;
use frontdesk::domain::Source;
use frontdesk::scan::camera;
use frontdesk::scan::frame_dropper::FrameDropper;
use frontdesk::scan::{Frame, FrameSource, Pipeline, PipelineConfig, SourceError, SourceSpec};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
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

#[derive(Serialize, Clone, ts_rs::TS)]
pub struct PreviewFrame {
    jpeg_base64: String,
    width: u32,
    height: u32,
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

/// The preview's rate: above the 15 fps that looks smooth, below a 30 fps
/// camera so the webview (software-rendered on desks without a GPU) keeps up.
const PREVIEW_FPS: u32 = 20;

/// Wraps a source and publishes a downscaled JPEG of some frames for the preview.
struct Preview<S, F: FnMut(PreviewFrame)> {
    inner: S,
    pacer: FrameDropper,
    emit: F,
    /// Frames sent since `window_start`, logged every 10 s (docs/PERFORMANCE.md).
    sent: u32,
    window_start: Instant,
}

impl<S: FrameSource, F: FnMut(PreviewFrame)> FrameSource for Preview<S, F> {
    fn next_frame(&mut self) -> Result<Option<Frame>, SourceError> {
        let frame = self.inner.next_frame()?;
        if let Some(f) = &frame {
            if self.pacer.ready(Instant::now()) {
                if let Some(p) = encode_preview(f) {
                    (self.emit)(p);
                    self.sent += 1;
                }
                let elapsed = self.window_start.elapsed();
                if elapsed >= Duration::from_secs(10) {
                    tracing::info!(fps = self.sent as f64 / elapsed.as_secs_f64(), "preview frame rate");
                    self.sent = 0;
                    self.window_start = Instant::now();
                }
            }
        }
        Ok(frame)
    }

    fn describe(&self) -> String {
        self.inner.describe()
    }
}

fn encode_preview(f: &Frame) -> Option<PreviewFrame> {
    let l = &f.luma;
    let img = image::GrayImage::from_raw(l.width, l.height, l.data.clone())?;
    // 480 px wide is plenty for a guide box on screen and keeps the webview's
    // per-frame paint cheap (it renders in software on desks without a GPU).
    let img = if l.width > 480 {
        image::imageops::resize(&img, 480, l.height * 480 / l.width, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 70).encode_image(&img).ok()?;
    Some(PreviewFrame {
        jpeg_base64: base64::engine::general_purpose::STANDARD.encode(&jpeg),
        width: img.width(),
        height: img.height(),
    })
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
        let empty = frontdesk::scan::demo_camera::Hold::default();
        empty.set(true);
        empty
    } else {
        desk.demo_hold.clone()
    };
    let emit_app = app.clone();
    let open = move || -> Result<Preview<Box<dyn FrameSource>, _>, SourceError> {
        let inner = frontdesk::scan::open::open(request)?;
        Ok(Preview {
            inner,
            pacer: FrameDropper::per_second(PREVIEW_FPS),
            sent: 0,
            window_start: Instant::now(),
            emit: move |p: PreviewFrame| {
                let _ = emit_app.emit("preview-frame", p);
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
