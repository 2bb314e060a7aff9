//! Frame sources: one abstraction over the webcam, image files and the demo
//! camera, so the pipeline, the CLI and the tests do not care where frames
//! come from (these machines have no webcam; the desk does).

use crate::ErrorCode;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::{Duration, Instant};

use crate::scan::error::DecodeError;
use crate::scan::luma::LumaFrame;

/// One captured frame.
#[derive(Clone, Debug)]
pub struct Frame {
    pub luma: LumaFrame,
    /// 0, 1, 2, ... in capture order.
    pub seq: u64,
    /// When the source handed the frame over (after its own conversion or rendering).
    pub captured: Instant,
    /// When what this frame shows first came into view, where the source
    /// knows it: the demo camera, for the camera-to-screen figure of
    /// docs/PERFORMANCE.md. `None` from a webcam or files.
    pub appeared: Option<Instant>,
}

impl Frame {
    /// A frame handed over now, by a source that cannot tell when its content appeared.
    pub fn now(luma: LumaFrame, seq: u64) -> Frame {
        Frame { luma, seq, captured: Instant::now(), appeared: None }
    }
}

/// Anything that yields frames. `next_frame` blocks until the next frame is
/// due (sources pace themselves at their frame rate) and returns `Ok(None)`
/// at the end of a finite stream. Not `Send`: a camera handle must stay on
/// the thread that opened it, so the pipeline opens sources on its capture thread.
pub trait FrameSource {
    fn next_frame(&mut self) -> Result<Option<Frame>, SourceError>;
    /// Human description for logs ("demo 640x480@30", "camera 0: HD Webcam").
    fn describe(&self) -> String;
}

/// A source chosen at run time (`--source`).
impl FrameSource for Box<dyn FrameSource> {
    fn next_frame(&mut self) -> Result<Option<Frame>, SourceError> {
        (**self).next_frame()
    }
    fn describe(&self) -> String {
        (**self).describe()
    }
}

/// Why a source cannot give frames. `code()` is stable for scripts and the UI.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("no camera is connected")]
    NoCamera,
    #[error("camera {wanted} not found; available: {available}")]
    CameraNotFound { wanted: String, available: String },
    #[error("camera {name} is busy (used by another program): {reason}")]
    CameraBusy { name: String, reason: String },
    #[error("permission to use camera {name} was denied: {reason}")]
    PermissionDenied { name: String, reason: String },
    /// The camera went away mid-run; the source will try to reopen it.
    #[error("camera {name} was lost: {reason}")]
    CameraLost { name: String, reason: String },
    #[error("camera {name} failed: {reason}")]
    Camera { name: String, reason: String },
    #[error("this build has no camera support (cargo feature `camera`)")]
    CameraUnsupported,
    #[error("no images in {path}")]
    NoImages { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("bad source {spec:?}: {reason}")]
    BadSpec { spec: String, reason: String },
    #[error(transparent)]
    Frame(#[from] DecodeError),
}

impl SourceError {
    pub fn code(&self) -> ErrorCode {
        match self {
            SourceError::NoCamera => ErrorCode::NoCamera,
            SourceError::CameraNotFound { .. } => ErrorCode::CameraNotFound,
            SourceError::CameraBusy { .. } => ErrorCode::CameraBusy,
            SourceError::PermissionDenied { .. } => ErrorCode::CameraPermissionDenied,
            SourceError::CameraLost { .. } => ErrorCode::CameraLost,
            SourceError::Camera { .. } => ErrorCode::CameraFailed,
            SourceError::CameraUnsupported => ErrorCode::CameraUnsupported,
            SourceError::NoImages { .. } => ErrorCode::NoImages,
            SourceError::Io { .. } => ErrorCode::Io,
            SourceError::BadSpec { .. } => ErrorCode::BadSource,
            SourceError::Frame(e) => e.code(),
        }
    }

    /// Transient errors: the pipeline waits a little and asks again (a lost
    /// camera is reopened on the next call); the others end the run.
    pub fn is_transient(&self) -> bool {
        matches!(self, SourceError::CameraLost { .. } | SourceError::Frame(_))
    }
}

/// Which camera to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CameraSelector {
    /// The first camera found.
    First,
    Index(u32),
    /// First camera whose name contains this text (case-insensitive).
    Name(String),
}

/// A source as given on the command line: `camera`, `camera:N`,
/// `camera:NAME`, `dir:PATH` (a folder or a single image) or `demo`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceSpec {
    Camera(CameraSelector),
    Dir(PathBuf),
    Demo,
}

impl FromStr for SourceSpec {
    type Err = SourceError;
    fn from_str(s: &str) -> Result<Self, SourceError> {
        let bad = |reason: &str| SourceError::BadSpec { spec: s.to_string(), reason: reason.to_string() };
        let (kind, arg) = match s.split_once(':') {
            Some((k, a)) => (k, Some(a)),
            None => (s, None),
        };
        match (kind, arg) {
            ("demo", None) => Ok(SourceSpec::Demo),
            ("camera", None) => Ok(SourceSpec::Camera(CameraSelector::First)),
            ("camera", Some("")) => Err(bad("give a camera index or name after camera:")),
            ("camera", Some(a)) => Ok(SourceSpec::Camera(match a.parse::<u32>() {
                Ok(n) => CameraSelector::Index(n),
                Err(_) => CameraSelector::Name(a.to_string()),
            })),
            ("dir", Some(p)) if !p.is_empty() => Ok(SourceSpec::Dir(PathBuf::from(p))),
            ("dir", _) => Err(bad("give a folder or an image after dir:")),
            _ => Err(bad("use camera[:N|:NAME], dir:PATH or demo")),
        }
    }
}

/// Sleeps until the next frame of a stream paced at `fps` (0 = unpaced).
#[derive(Debug)]
pub struct FrameSleeper {
    period: Option<Duration>,
    next: Option<Instant>,
}

impl FrameSleeper {
    pub fn new(fps: f64) -> Self {
        let period = (fps > 0.0).then(|| Duration::from_secs_f64(1.0 / fps));
        FrameSleeper { period, next: None }
    }

    pub fn wait(&mut self) {
        let Some(period) = self.period else { return };
        let now = Instant::now();
        let due = self.next.unwrap_or(now);
        if due > now {
            std::thread::sleep(due - now);
        }
        // A late frame does not make the following ones come in a burst.
        self.next = Some(due.max(now) + period);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse() {
        assert_eq!("demo".parse::<SourceSpec>().unwrap(), SourceSpec::Demo);
        assert_eq!("camera".parse::<SourceSpec>().unwrap(), SourceSpec::Camera(CameraSelector::First));
        assert_eq!("camera:2".parse::<SourceSpec>().unwrap(), SourceSpec::Camera(CameraSelector::Index(2)));
        assert_eq!(
            "camera:HD Webcam".parse::<SourceSpec>().unwrap(),
            SourceSpec::Camera(CameraSelector::Name("HD Webcam".into()))
        );
        assert_eq!("dir:/tmp/a:b".parse::<SourceSpec>().unwrap(), SourceSpec::Dir("/tmp/a:b".into()));
        for bad in ["", "dir:", "camera:", "webcam", "demo:1"] {
            assert_eq!(bad.parse::<SourceSpec>().unwrap_err().code(), "bad_source", "{bad}");
        }
    }
}
