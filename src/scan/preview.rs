//! The window's live preview, made cheap enough for a desk PC without a GPU.
//! A preview frame is the camera frame averaged down by a whole factor to at
//! most 480 pixels wide, sent as raw 8-bit grey behind a 4-byte header
//! (width, height: little-endian u16), so neither side encodes or decodes a
//! JPEG, a base64 string or JSON: the page copies the bytes into a canvas.
//! Frames are paced (`FrameDropper`, 20 a second), and a frame that shows
//! nothing new (`stillness`) is not sent at all, but for one a second so the
//! window knows the camera is alive. While nobody can see the preview (a
//! verdict card over it, or staff on another screen) nothing is shrunk or
//! sent at all; the first frame after it shows again goes at once. No Tauri
//! here: the shell only hands the bytes to the page.

use std::time::{Duration, Instant};

use crate::scan::frame_dropper::FrameDropper;
use crate::scan::luma::LumaFrame;
use crate::scan::stillness::Signature;

/// The widest preview sent: plenty for a guide box on screen.
pub const MAX_WIDTH: u32 = 480;
/// Bytes before the pixels: width and height, little-endian u16 each.
pub const HEADER_LEN: usize = 4;
/// Preview frames a second at most: above the 15 that look smooth, below a
/// 30 fps camera so a software-rendered webview keeps up.
pub const FPS: u32 = 20;
/// A still scene is still sent this often.
pub const KEEPALIVE: Duration = Duration::from_secs(1);

/// The camera frame averaged down by the smallest whole factor that brings
/// it to at most `MAX_WIDTH` wide (1280 -> 426, 640 -> 320, 1920 -> 480).
pub fn shrink(frame: &LumaFrame) -> LumaFrame {
    frame.downscale(frame.width.div_ceil(MAX_WIDTH).max(1))
}

/// The bytes the page receives for `img`.
pub fn encode(img: &LumaFrame) -> Vec<u8> {
    let (w, h) = (img.width.min(u16::MAX as u32) as u16, img.height.min(u16::MAX as u32) as u16);
    let mut out = Vec::with_capacity(HEADER_LEN + img.data.len());
    out.extend_from_slice(&w.to_le_bytes());
    out.extend_from_slice(&h.to_le_bytes());
    out.extend_from_slice(&img.data[..(w as usize * h as usize).min(img.data.len())]);
    out
}

/// What became of one camera frame.
#[derive(Debug, PartialEq, Eq)]
pub enum Offer {
    /// Send these bytes to the page.
    Send(Vec<u8>),
    /// Not this frame: the preview is at its rate already.
    Paced,
    /// Not this frame: it shows what the last one sent did.
    Still,
    /// Not this frame: the preview is out of sight.
    Hidden,
}

/// Counters over a logging window.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PreviewCounts {
    pub sent: u32,
    pub still: u32,
    pub hidden: u32,
}

/// Decides, frame by frame, what the preview sends.
pub struct PreviewStream {
    pacer: FrameDropper,
    last: Option<(Signature, Instant)>,
    hidden: bool,
    pub counts: PreviewCounts,
}

impl Default for PreviewStream {
    fn default() -> Self {
        PreviewStream::new(FPS)
    }
}

impl PreviewStream {
    pub fn new(fps: u32) -> PreviewStream {
        PreviewStream {
            pacer: FrameDropper::per_second(fps),
            last: None,
            hidden: false,
            counts: PreviewCounts::default(),
        }
    }

    /// Whether the page can show the preview now. Out of sight, frames are
    /// neither shrunk nor sent; back in sight, the next frame goes whatever
    /// it shows, so the picture under a card that goes is never the old one.
    pub fn set_shown(&mut self, shown: bool) {
        if shown && self.hidden {
            self.last = None;
        }
        self.hidden = !shown;
    }

    /// The camera's frame `frame`, seen at `now`.
    pub fn offer(&mut self, frame: &LumaFrame, now: Instant) -> Offer {
        if self.hidden {
            self.counts.hidden += 1;
            return Offer::Hidden;
        }
        if !self.pacer.ready(now) {
            return Offer::Paced;
        }
        let small = shrink(frame);
        let sig = Signature::of(&small);
        if let Some((last, at)) = &self.last {
            if !sig.moved_from(last) && now.duration_since(*at) < KEEPALIVE {
                self.counts.still += 1;
                return Offer::Still;
            }
        }
        self.last = Some((sig, now));
        self.counts.sent += 1;
        Offer::Send(encode(&small))
    }

    /// The counts since the last call, starting again from zero.
    pub fn take_counts(&mut self) -> PreviewCounts {
        std::mem::take(&mut self.counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grey(w: u32, h: u32, v: u8) -> LumaFrame {
        LumaFrame { width: w, height: h, data: vec![v; (w * h) as usize] }
    }

    #[test]
    fn frames_shrink_by_a_whole_factor_to_at_most_480_wide() {
        for ((w, h), want) in [
            ((1280, 720), (426, 240)),
            ((640, 480), (320, 240)),
            ((1920, 1080), (480, 270)),
            ((480, 270), (480, 270)),
            ((320, 240), (320, 240)),
        ] {
            let s = shrink(&grey(w, h, 9));
            assert_eq!((s.width, s.height), want, "{w}x{h}");
        }
    }

    #[test]
    fn the_bytes_are_a_little_endian_header_then_the_pixels() {
        let mut img = grey(300, 2, 0);
        img.data[0] = 7;
        img.data[599] = 200;
        let bytes = encode(&img);
        assert_eq!(&bytes[..4], &[44, 1, 2, 0]); // 300 = 0x012C, 2
        assert_eq!(bytes.len(), HEADER_LEN + 600);
        assert_eq!((bytes[4], bytes[603]), (7, 200));
    }

    #[test]
    fn a_still_scene_is_sent_once_a_second_and_a_change_at_once() {
        let mut p = PreviewStream::new(20);
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let (empty, card) = (grey(1280, 720, 120), {
            let mut f = grey(1280, 720, 120);
            for y in 300..420 {
                for x in 600..720 {
                    f.data[y * 1280 + x] = 10;
                }
            }
            f
        });
        // (ms, frame, what becomes of it): a 30 fps camera, the preview at 20 a second.
        let script: Vec<(u64, &LumaFrame, &str)> = vec![
            (0, &empty, "send"),
            (33, &empty, "paced"),
            (50, &empty, "still"),
            (100, &empty, "still"),
            (150, &card, "send"),
            (200, &card, "still"),
            (250, &empty, "send"),
            (1200, &empty, "still"),
            (1250, &empty, "send"), // a second after the last one sent
        ];
        for (ms, frame, want) in script {
            let got = match p.offer(frame, at(ms)) {
                Offer::Send(b) => {
                    assert_eq!(b.len(), HEADER_LEN + 426 * 240);
                    "send"
                }
                Offer::Paced => "paced",
                Offer::Still => "still",
                Offer::Hidden => "hidden",
            };
            assert_eq!(got, want, "at {ms} ms");
        }
        assert_eq!(p.take_counts(), PreviewCounts { sent: 4, still: 4, hidden: 0 });
        assert_eq!(p.take_counts(), PreviewCounts::default());
    }

    #[test]
    fn out_of_sight_nothing_is_sent_and_back_in_sight_the_next_frame_goes_at_once() {
        let mut p = PreviewStream::new(20);
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let still = grey(640, 480, 90);
        let kind = |o: Offer| match o {
            Offer::Send(_) => "send",
            Offer::Paced => "paced",
            Offer::Still => "still",
            Offer::Hidden => "hidden",
        };
        assert_eq!(kind(p.offer(&still, at(0))), "send");
        p.set_shown(false);
        // Hidden for longer than the keep-alive: still nothing goes.
        for ms in [100, 1100, 2100] {
            assert_eq!(kind(p.offer(&still, at(ms))), "hidden", "at {ms} ms");
        }
        p.set_shown(true);
        // The same still scene, inside the keep-alive of nothing: it goes, once.
        assert_eq!(kind(p.offer(&still, at(2150))), "send");
        assert_eq!(kind(p.offer(&still, at(2200))), "still");
        // Saying "shown" again while shown changes nothing.
        p.set_shown(true);
        assert_eq!(kind(p.offer(&still, at(2250))), "still");
        assert_eq!(p.take_counts(), PreviewCounts { sent: 2, still: 2, hidden: 3 });
    }
}
