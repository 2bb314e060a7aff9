//! Opening a frame source: the one place that turns "which source, at what
//! size and rate" into a running webcam, image folder or demo camera, for the
//! desk app (from its camera settings) and for `frontdesk scan` (from its
//! flags) alike. Opening happens on the capture thread, so a camera that is
//! slow to start never blocks a window or a command.

use super::camera::{CameraConfig, CameraSource};
use super::demo_camera::{DemoCamera, DemoConfig, Hold};
use super::files::FilesSource;
use super::source::{FrameSource, SourceError, SourceSpec};

/// What to open and how.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRequest {
    pub spec: SourceSpec,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    /// The demo camera's sequence of cards (its default when `None`).
    pub seed: Option<u64>,
    /// An image folder starts again after its last image.
    pub looped: bool,
    /// The demo camera's switch (the desk holds its check-ins while staff
    /// are on another screen); other sources ignore it.
    pub hold: Hold,
    /// The demo camera's passers-by mode (`DemoConfig::passers_by`).
    pub passers_by: bool,
}

/// Opens the source. Camera errors are typed (`no_camera`, `camera_busy`, ...).
pub fn open(req: SourceRequest) -> Result<Box<dyn FrameSource>, SourceError> {
    Ok(match req.spec {
        SourceSpec::Demo => {
            let base = DemoConfig::default();
            Box::new(
                DemoCamera::new(DemoConfig {
                    width: req.width,
                    height: req.height,
                    fps: req.fps as f64,
                    seed: req.seed.unwrap_or(base.seed),
                    passers_by: req.passers_by,
                    ..base
                })
                .with_hold(req.hold),
            )
        }
        SourceSpec::Dir(path) => Box::new(FilesSource::open(&path, req.fps as f64, req.looped)?),
        SourceSpec::Camera(selector) => {
            Box::new(CameraSource::open(CameraConfig { selector, width: req.width, height: req.height, fps: req.fps })?)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo(width: u32, height: u32) -> SourceRequest {
        SourceRequest {
            spec: SourceSpec::Demo,
            width,
            height,
            fps: 0,
            seed: Some(7),
            looped: false,
            hold: Hold::default(),
            passers_by: false,
        }
    }

    #[test]
    fn the_demo_camera_opens_at_the_size_asked() {
        for (w, h) in [(640, 480), (1280, 720)] {
            let mut src = open(demo(w, h)).unwrap();
            let f = src.next_frame().unwrap().expect("a frame");
            assert_eq!((f.luma.width, f.luma.height), (w, h));
        }
    }

    #[test]
    fn an_empty_image_folder_is_a_typed_error() {
        let dir = tempfile::tempdir().unwrap();
        let req = SourceRequest { spec: SourceSpec::Dir(dir.path().into()), ..demo(640, 480) };
        assert_eq!(open(req).err().map(|e| e.code()), Some(crate::ErrorCode::NoImages));
    }
}
