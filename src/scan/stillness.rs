//! Whether the picture in front of the camera has changed. Most of a desk's
//! day is an empty counter: decoding that frame 30 times a second, and
//! repainting the same grey picture 20 times a second in a software-rendered
//! webview, costs a good part of a cheap PC's CPU for nothing. A frame's
//! `Signature` is the mean brightness of a coarse grid of cells; sensor
//! noise averages away inside a cell, while a hand, a card or a phone coming
//! into view moves the means of the cells it covers by far more than the
//! threshold. The pipeline uses it to decode a still scene less often, the
//! preview to send a frame only when it shows something new.

use crate::scan::luma::LumaFrame;

/// Cells across and down. At 1280x720 a cell is 53x45 pixels: a member
/// code large enough to decode covers several.
pub const COLS: usize = 24;
pub const ROWS: usize = 16;

/// A cell whose mean brightness moved by more than this (out of 255) is a
/// change. Camera noise (a few levels per pixel) moves a cell's mean by well
/// under one level; a card or a hand moves it by tens.
pub const THRESHOLD: u8 = 4;

/// The coarse picture of one frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    width: u32,
    height: u32,
    means: Vec<u8>,
}

impl Signature {
    /// The frame's signature. Large frames are sampled on every other row and
    /// column (still hundreds of pixels a cell), so this costs a fraction of a
    /// millisecond at 720p.
    pub fn of(frame: &LumaFrame) -> Signature {
        let (w, h) = (frame.width as usize, frame.height as usize);
        let step = if w * h > 320 * 240 { 2 } else { 1 };
        let mut sums = vec![0u32; COLS * ROWS];
        let mut counts = vec![0u32; COLS * ROWS];
        if w > 0 && h > 0 && frame.data.len() >= w * h {
            let col_of: Vec<usize> = (0..w).step_by(step).map(|x| x * COLS / w).collect();
            for y in (0..h).step_by(step) {
                let row = &frame.data[y * w..(y + 1) * w];
                let base = (y * ROWS / h) * COLS;
                for (i, &v) in row.iter().step_by(step).enumerate() {
                    let c = base + col_of[i];
                    sums[c] += v as u32;
                    counts[c] += 1;
                }
            }
        }
        let means = sums.iter().zip(&counts).map(|(&s, &n)| (s + n / 2).checked_div(n).unwrap_or(0) as u8).collect();
        Signature { width: frame.width, height: frame.height, means }
    }

    /// Whether `self` shows something `earlier` did not: a cell moved by more
    /// than `THRESHOLD`, or the frame size changed (another camera).
    pub fn moved_from(&self, earlier: &Signature) -> bool {
        (self.width, self.height) != (earlier.width, earlier.height)
            || self.means.iter().zip(&earlier.means).any(|(&a, &b)| a.abs_diff(b) > THRESHOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;

    /// A desk: a gradient with sensor noise of about `noise` levels either way.
    fn desk(w: u32, h: u32, noise: u64, seed: u64) -> LumaFrame {
        let mut rng = SplitMix64::mixed(seed, 1, 2);
        let data = (0..w * h)
            .map(|i| {
                let base = 60 + (i % w) * 120 / w;
                let n = if noise == 0 { 0 } else { (rng.next_u64() % (2 * noise + 1)) as i64 - noise as i64 };
                (base as i64 + n).clamp(0, 255) as u8
            })
            .collect();
        LumaFrame { width: w, height: h, data }
    }

    /// `frame` with a dark `size`-pixel square (a phone, a card) at (x, y).
    fn with_square(mut frame: LumaFrame, x: u32, y: u32, size: u32) -> LumaFrame {
        for yy in y..(y + size).min(frame.height) {
            for xx in x..(x + size).min(frame.width) {
                frame.data[(yy * frame.width + xx) as usize] = 20;
            }
        }
        frame
    }

    #[test]
    fn noise_alone_is_no_change_and_something_in_view_is() {
        // (what, earlier frame, later frame, moved?)
        let cases: Vec<(&str, LumaFrame, LumaFrame, bool)> = vec![
            ("the same frame", desk(1280, 720, 0, 1), desk(1280, 720, 0, 1), false),
            ("720p, new noise of ±12", desk(1280, 720, 12, 1), desk(1280, 720, 12, 2), false),
            ("480p, new noise of ±12", desk(640, 480, 12, 1), desk(640, 480, 12, 2), false),
            ("the preview's size, new noise of ±8", desk(426, 240, 8, 1), desk(426, 240, 8, 2), false),
            ("a 60 px phone at 720p", desk(1280, 720, 12, 1), with_square(desk(1280, 720, 12, 2), 600, 300, 60), true),
            (
                "a 24 px card in the preview",
                desk(426, 240, 8, 1),
                with_square(desk(426, 240, 8, 2), 200, 100, 24),
                true,
            ),
            ("another camera size", desk(640, 480, 0, 1), desk(1280, 720, 0, 1), true),
        ];
        for (what, earlier, later, moved) in cases {
            let (a, b) = (Signature::of(&earlier), Signature::of(&later));
            assert_eq!(b.moved_from(&a), moved, "{what}");
            assert_eq!(a.moved_from(&b), moved, "{what}, the other way round");
        }
    }

    #[test]
    fn the_lights_coming_on_is_a_change() {
        let dim = desk(640, 480, 4, 1);
        let mut bright = dim.clone();
        bright.data.iter_mut().for_each(|v| *v = v.saturating_add(20));
        assert!(Signature::of(&bright).moved_from(&Signature::of(&dim)));
    }

    #[test]
    fn an_empty_or_short_frame_has_a_signature_and_no_panic() {
        let empty = LumaFrame { width: 0, height: 0, data: vec![] };
        let short = LumaFrame { width: 100, height: 100, data: vec![0; 10] };
        assert!(!Signature::of(&empty).moved_from(&Signature::of(&empty)));
        assert!(Signature::of(&short).moved_from(&Signature::of(&empty)));
    }
}
