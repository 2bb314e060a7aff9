//! The desk's webcam through nokhwa (cargo feature `camera`): list the
//! cameras, open one by index or name at a chosen resolution and frame rate,
//! turn its frames (YUYV, MJPEG, NV12, grey, RGB) into luma, and map the
//! operating system's refusals to typed errors. A camera that disappears
//! mid-run is reported as `CameraLost` (transient) and reopened on the next
//! call. Without the feature, opening a camera says so.

use crate::scan::source::{CameraSelector, SourceError};

/// A camera as listed to staff.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CameraDesc {
    pub index: u32,
    pub name: String,
    pub description: String,
}

/// What to ask the camera for; it picks the closest mode it has.
#[derive(Clone, Debug)]
pub struct CameraConfig {
    pub selector: CameraSelector,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
}

impl Default for CameraConfig {
    fn default() -> Self {
        CameraConfig { selector: CameraSelector::First, width: 1280, height: 720, fps: 30 }
    }
}

/// Maps an OS error text from the camera backend to a typed error: V4L2's
/// errno texts on Linux; on Windows, Media Foundation's HRESULTs as nokhwa's
/// MSMF backend prints them ("... (0xC00D3704)").
pub fn classify(name: &str, reason: &str) -> SourceError {
    let r = reason.to_ascii_lowercase();
    let (name, reason) = (name.to_string(), reason.to_string());
    // MF_E_HW_MFT_FAILED_START_STREAMING: another program has the camera.
    // MF_E_VIDEO_RECORDING_DEVICE_PREEMPTED: another program took it over.
    let mf_busy = r.contains("0xc00d3704") || r.contains("0xc00d3ea3");
    // E_ACCESSDENIED: Settings > Privacy > Camera keeps desktop apps out.
    let win_denied = r.contains("0x80070005");
    if r.contains("os error 16") || r.contains("busy") || mf_busy {
        SourceError::CameraBusy { name, reason }
    } else if r.contains("os error 13")
        || r.contains("os error 1)")
        || r.contains("permission")
        || r.contains("denied")
        || win_denied
    {
        SourceError::PermissionDenied { name, reason }
    } else if r.contains("os error 2)")
        || r.contains("os error 19")
        || r.contains("no such")
        || r.contains("not found")
        || r.contains("no device")
    {
        SourceError::CameraNotFound { wanted: name, available: "-".into() }
    } else {
        SourceError::Camera { name, reason }
    }
}

/// Picks the camera `sel` among `cams`.
pub fn select(cams: &[CameraDesc], sel: &CameraSelector) -> Result<CameraDesc, SourceError> {
    if cams.is_empty() {
        return Err(SourceError::NoCamera);
    }
    let available = || cams.iter().map(|c| format!("{}: {}", c.index, c.name)).collect::<Vec<_>>().join(", ");
    let found = match sel {
        CameraSelector::First => cams.first(),
        CameraSelector::Index(i) => cams.iter().find(|c| c.index == *i),
        CameraSelector::Name(n) => {
            let n = n.to_lowercase();
            cams.iter().find(|c| c.name.to_lowercase().contains(&n))
        }
    };
    found.cloned().ok_or_else(|| SourceError::CameraNotFound {
        wanted: match sel {
            CameraSelector::First => "first".into(),
            CameraSelector::Index(i) => i.to_string(),
            CameraSelector::Name(n) => format!("{n:?}"),
        },
        available: available(),
    })
}

#[cfg(feature = "camera")]
pub use native::{list_cameras, CameraSource};

#[cfg(not(feature = "camera"))]
pub fn list_cameras() -> Result<Vec<CameraDesc>, SourceError> {
    Err(SourceError::CameraUnsupported)
}

/// Without the `camera` feature there is no camera source.
#[cfg(not(feature = "camera"))]
pub struct CameraSource(std::convert::Infallible);

#[cfg(not(feature = "camera"))]
impl CameraSource {
    pub fn open(_cfg: CameraConfig) -> Result<Self, SourceError> {
        Err(SourceError::CameraUnsupported)
    }
}

#[cfg(not(feature = "camera"))]
impl crate::scan::source::FrameSource for CameraSource {
    fn next_frame(&mut self) -> Result<Option<crate::scan::source::Frame>, SourceError> {
        match self.0 {}
    }
    fn describe(&self) -> String {
        match self.0 {}
    }
}

#[cfg(feature = "camera")]
mod native {
    use super::{classify, select, CameraConfig, CameraDesc};
    use crate::scan::luma::LumaFrame;
    use crate::scan::source::{Frame, FrameSource, SourceError};
    use nokhwa::pixel_format::LumaFormat;
    use nokhwa::utils::{
        ApiBackend, CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType, Resolution,
    };
    use nokhwa::{Camera, NokhwaError};

    /// The cameras the system reports (empty when none is plugged in).
    pub fn list_cameras() -> Result<Vec<CameraDesc>, SourceError> {
        let infos = nokhwa::query(ApiBackend::Auto)
            .map_err(|e| SourceError::Camera { name: "-".into(), reason: e.to_string() })?;
        Ok(infos
            .iter()
            .enumerate()
            .map(|(i, c)| CameraDesc {
                index: c.index().as_index().unwrap_or(i as u32),
                name: c.human_name(),
                description: c.description().to_string(),
            })
            .collect())
    }

    fn to_error(name: &str, e: NokhwaError) -> SourceError {
        match e {
            NokhwaError::OpenDeviceError(_, why) | NokhwaError::OpenStreamError(why) => classify(name, &why),
            other => SourceError::Camera { name: name.into(), reason: other.to_string() },
        }
    }

    /// An open webcam. Reopens itself after the device went away.
    pub struct CameraSource {
        cfg: CameraConfig,
        desc: CameraDesc,
        cam: Option<Camera>,
        seq: u64,
        pub reopened: u64,
    }

    impl CameraSource {
        /// Opens the selected camera and starts its stream; typed errors for a
        /// missing, busy or forbidden camera.
        pub fn open(cfg: CameraConfig) -> Result<Self, SourceError> {
            let desc = select(&list_cameras()?, &cfg.selector)?;
            let mut src = CameraSource { cfg, desc, cam: None, seq: 0, reopened: 0 };
            src.cam = Some(src.connect()?);
            Ok(src)
        }

        fn connect(&self) -> Result<Camera, SourceError> {
            let want =
                CameraFormat::new(Resolution::new(self.cfg.width, self.cfg.height), FrameFormat::YUYV, self.cfg.fps);
            let req = RequestedFormat::new::<LumaFormat>(RequestedFormatType::Closest(want));
            let mut cam =
                Camera::new(CameraIndex::Index(self.desc.index), req).map_err(|e| to_error(&self.desc.name, e))?;
            cam.open_stream().map_err(|e| to_error(&self.desc.name, e))?;
            tracing::info!(camera = %self.desc.name, format = %cam.camera_format(), "camera open");
            Ok(cam)
        }

        pub fn desc(&self) -> &CameraDesc {
            &self.desc
        }
    }

    fn to_luma(buf: &nokhwa::Buffer) -> Result<LumaFrame, SourceError> {
        let res = buf.resolution();
        let (w, h, data) = (res.width_x, res.height_y, buf.buffer());
        Ok(match buf.source_frame_format() {
            FrameFormat::YUYV => LumaFrame::from_yuyv(w, h, data)?,
            FrameFormat::GRAY => LumaFrame::new(w, h, data.to_vec())?,
            // NV12: the Y plane comes first.
            FrameFormat::NV12 => LumaFrame::new(w, h, data.get(..(w * h) as usize).unwrap_or(data).to_vec())?,
            FrameFormat::RAWRGB => LumaFrame::from_rgb8(w, h, data)?,
            FrameFormat::RAWBGR => {
                let rgb: Vec<u8> = data.chunks_exact(3).flat_map(|p| [p[2], p[1], p[0]]).collect();
                LumaFrame::from_rgb8(w, h, &rgb)?
            }
            FrameFormat::MJPEG => {
                let img = image::load_from_memory_with_format(data, image::ImageFormat::Jpeg).map_err(|e| {
                    crate::scan::DecodeError::ImageUnreadable { path: "camera frame".into(), reason: e.to_string() }
                })?;
                LumaFrame::from_dynamic(&img)
            }
        })
    }

    impl FrameSource for CameraSource {
        fn next_frame(&mut self) -> Result<Option<Frame>, SourceError> {
            if self.cam.is_none() {
                // Lost earlier: look for it again (it may come back under another index).
                let name = self.desc.name.clone();
                let lost = |e: SourceError| SourceError::CameraLost { name: name.clone(), reason: e.to_string() };
                let cams = list_cameras().map_err(lost)?;
                let again = cams.iter().find(|c| c.name == name).cloned().ok_or_else(|| {
                    lost(SourceError::CameraNotFound { wanted: name.clone(), available: String::new() })
                })?;
                self.desc = again;
                self.cam = Some(self.connect().map_err(lost)?);
                self.reopened += 1;
            }
            let cam = self.cam.as_mut().expect("opened above");
            match cam.frame() {
                Ok(buf) => {
                    let luma = to_luma(&buf)?;
                    let seq = self.seq;
                    self.seq += 1;
                    Ok(Some(Frame::now(luma, seq)))
                }
                Err(e) => {
                    // Unplugged or the driver gave up: drop it and reopen on the next call.
                    self.cam = None;
                    Err(SourceError::CameraLost { name: self.desc.name.clone(), reason: e.to_string() })
                }
            }
        }

        fn describe(&self) -> String {
            format!(
                "camera {}: {} ({}x{}@{})",
                self.desc.index, self.desc.name, self.cfg.width, self.cfg.height, self.cfg.fps
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_foundation_refusals_are_typed_like_v4l_ones() {
        let busy = classify("USB Camera", "Failed to start stream (0xC00D3704)");
        assert!(matches!(busy, SourceError::CameraBusy { .. }), "{busy:?}");
        let taken = classify(
            "USB Camera",
            "The video recording device is preempted by another immersive application. (0xC00D3EA3)",
        );
        assert!(matches!(taken, SourceError::CameraBusy { .. }), "{taken:?}");
        let denied = classify("USB Camera", "Error (0x80070005)");
        assert!(matches!(denied, SourceError::PermissionDenied { .. }), "{denied:?}");
        assert!(matches!(classify("0", "No device"), SourceError::CameraNotFound { .. }));
        assert!(matches!(classify("USB Camera", "Unspecified error (0x80004005)"), SourceError::Camera { .. }));
    }

    fn cams() -> Vec<CameraDesc> {
        vec![
            CameraDesc { index: 0, name: "Integrated Camera".into(), description: String::new() },
            CameraDesc { index: 2, name: "Logitech HD Webcam C270".into(), description: String::new() },
        ]
    }

    #[test]
    fn selection_by_index_and_name() {
        assert_eq!(select(&cams(), &CameraSelector::First).unwrap().index, 0);
        assert_eq!(select(&cams(), &CameraSelector::Index(2)).unwrap().index, 2);
        assert_eq!(select(&cams(), &CameraSelector::Name("c270".into())).unwrap().index, 2);
        let e = select(&cams(), &CameraSelector::Index(1)).unwrap_err();
        assert_eq!(e.code(), "camera_not_found");
        assert!(e.to_string().contains("2: Logitech HD Webcam C270"), "{e}");
        assert_eq!(select(&[], &CameraSelector::First).unwrap_err().code(), "no_camera");
    }

    #[test]
    fn os_errors_become_typed() {
        assert_eq!(classify("cam", "V4L2 Error: Device or resource busy (os error 16)").code(), "camera_busy");
        assert_eq!(classify("cam", "V4L2 Error: Permission denied (os error 13)").code(), "camera_permission_denied");
        assert_eq!(classify("cam", "V4L2 Error: No such file or directory (os error 2)").code(), "camera_not_found");
        assert_eq!(classify("cam", "something else").code(), "camera_failed");
    }
}
