//! The QR decoder used by the desk: rqrr behind a panic wall, driven by a
//! measured retry strategy with a time budget, and a memory of where the
//! last code was so that the next video frame is cheap.
//!
//! Every call into rqrr goes through `catch_unwind` (rqrr panics on some
//! real photos, upstream issue 54): a bad frame yields no code, never a
//! crash. Codes are only reported after Reed-Solomon correction succeeded,
//! so frames without a code give nothing.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::scan::binarize;
use crate::scan::error::DecodeError;
use crate::scan::luma::LumaFrame;
pub use crate::scan::pass::Decoded;
use crate::scan::pass::{Affine, PassOutcome};
use crate::scan::strategy::{default_plan, Binarizer, Engine, Pass, Scale};
use crate::scan::text::payload_to_text;

/// Counters for the operations view and the benchmark.
#[derive(Clone, Debug, Default)]
pub struct DecoderStats {
    pub frames: u64,
    pub passes_run: u64,
    pub panics_caught: u64,
    /// Passes skipped because their learned cost would overrun the budget.
    pub passes_skipped_for_budget: u64,
}

/// Run `f`, turning a panic into `None`. Every decoder call goes through here.
pub fn isolated<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

/// Run rqrr once on `frame` (native threshold) or on a prepared bitmap.
/// `to_frame` maps pass pixels back to the caller's frame. Never panics.
pub(crate) fn rqrr_pass(frame: &LumaFrame, bitmap: Option<&[u8]>, to_frame: Affine) -> PassOutcome {
    let (w, h) = (frame.width as usize, frame.height as usize);
    let mut out = PassOutcome::default();
    if w < 21 || h < 21 {
        return out;
    }
    let detected = catch_unwind(AssertUnwindSafe(|| {
        let mut img = match bitmap {
            None => rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| frame.data[y * w + x]),
            Some(b) => rqrr::PreparedImage::prepare_from_bitmap(w, h, |x, y| b[y * w + x] != 0),
        };
        let grids = img.detect_grids();
        let mut found = Vec::with_capacity(grids.len());
        for g in &grids {
            let corners = g.bounds.map(|p| to_frame.apply(p.x as f32, p.y as f32));
            let mut bytes = Vec::new();
            let ok = catch_unwind(AssertUnwindSafe(|| g.decode_to(&mut bytes).is_ok()));
            found.push((corners, ok.map_err(|_| ()).map(|ok| ok.then_some(bytes))));
        }
        found
    }));
    match detected {
        Err(_) => out.panicked = true,
        Ok(found) => {
            for (corners, r) in found {
                match r {
                    Ok(Some(bytes)) => out.codes.push(Decoded { text: payload_to_text(&bytes, None), bytes, corners }),
                    Ok(None) => out.failed_grids.push(corners),
                    Err(()) => {
                        out.panicked = true;
                        out.failed_grids.push(corners);
                    }
                }
            }
        }
    }
    out
}

/// Build the pass image (resampled, blurred, rotated) and run it.
pub(crate) fn run_pass(frame: &LumaFrame, pass: &Pass) -> PassOutcome {
    let (mut img, mut map) = match pass.scale {
        Scale::Full => (None, Affine::IDENTITY),
        Scale::Down(k) => (Some(frame.downscale(k as u32)), Affine::then_scale_offset(k as f32, 0.0, 0.0)),
        Scale::Up2 => (Some(frame.upscale2()), Affine::then_scale_offset(0.5, 0.0, 0.0)),
    };
    if pass.blur {
        img = Some(img.as_ref().unwrap_or(frame).blur3());
    }
    if pass.rotate_deg != 0 {
        let (r, [c, s, cx, cy, ncx, ncy]) = img.as_ref().unwrap_or(frame).rotate(pass.rotate_deg as f32);
        // rotated (x,y) -> source: sx = c*(x-ncx) + s*(y-ncy) + cx ; sy = -s*(x-ncx) + c*(y-ncy) + cy
        let rot = Affine([c, s, cx - c * ncx - s * ncy, -s, c, cy + s * ncx - c * ncy]);
        let m = map.0;
        // compose: frame = map(rot(p))
        let r0 = rot.0;
        map = Affine([
            m[0] * r0[0] + m[1] * r0[3],
            m[0] * r0[1] + m[1] * r0[4],
            m[0] * r0[2] + m[1] * r0[5] + m[2],
            m[3] * r0[0] + m[4] * r0[3],
            m[3] * r0[1] + m[4] * r0[4],
            m[3] * r0[2] + m[4] * r0[5] + m[5],
        ]);
        img = Some(r);
    }
    let f = img.as_ref().unwrap_or(frame);
    let min_dim = f.width.min(f.height);
    let bitmap = match pass.bin {
        Binarizer::Native => None,
        Binarizer::BlockMean { div, offset } => {
            Some(binarize::block_mean(f, (min_dim / div as u32).max(3), offset as i32))
        }
        Binarizer::Sauvola { div, k100 } => {
            Some(binarize::sauvola(f, (min_dim / div as u32).max(3), k100 as f32 / 100.0))
        }
        Binarizer::Otsu if pass.engine == Engine::Rqrr => Some(binarize::global(f, binarize::otsu_level(f))),
        Binarizer::Otsu => None,
    };
    match pass.engine {
        Engine::Rqrr => rqrr_pass(f, bitmap.as_deref(), map),
        #[cfg(feature = "rxing")]
        Engine::RxCpp { try_harder } | Engine::RxJava { try_harder } => {
            use crate::scan::rxing_decoder::{rxing_pass, RxReader};
            let reader = if matches!(pass.engine, Engine::RxCpp { .. }) { RxReader::Cpp } else { RxReader::Java };
            match bitmap {
                // our own binarisation, handed over as a 0/255 image through the global binariser
                Some(b) => {
                    let bw = LumaFrame {
                        width: f.width,
                        height: f.height,
                        data: b.iter().map(|&v| if v != 0 { 0 } else { 255 }).collect(),
                    };
                    rxing_pass(&bw, reader, false, try_harder, map)
                }
                None => rxing_pass(f, reader, pass.bin == Binarizer::Native, try_harder, map),
            }
        }
        #[cfg(not(feature = "rxing"))]
        _ => PassOutcome::default(),
    }
}

/// Where the previous frame's code was, for temporal reuse.
#[derive(Clone, Debug)]
struct Hint {
    corners: [(f32, f32); 4],
    pass: usize,
}

/// Stateful decoder: give it every frame of a stream, or single stills.
pub struct Decoder {
    plan: Vec<Pass>,
    budget: Duration,
    hint: Option<Hint>,
    /// Learned cost of each plan pass, ms per megapixel (EWMA), so that a pass
    /// that would overrun the budget is skipped instead of started.
    cost_ms_per_mpx: Vec<f32>,
    pub stats: DecoderStats,
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

impl Decoder {
    /// The measured default plan with a 25 ms budget per frame (stills, files).
    pub fn new() -> Self {
        Self::with_plan(default_plan(), Duration::from_millis(25))
    }

    /// For live video: an 8 ms budget per frame; the next frame is another
    /// chance, and the location of a found code makes the next frames cheap.
    pub fn for_video() -> Self {
        Self::with_plan(default_plan(), Duration::from_millis(8))
    }

    /// Same plan, with a per-frame budget for live video (e.g. 5 ms at 30 fps:
    /// the next frame is another chance, so give up early on each one).
    pub fn with_budget(budget: Duration) -> Self {
        Self::with_plan(default_plan(), budget)
    }

    pub fn with_plan(plan: Vec<Pass>, budget: Duration) -> Self {
        let n = plan.len();
        Decoder { plan, budget, hint: None, cost_ms_per_mpx: vec![0.0; n], stats: DecoderStats::default() }
    }

    pub fn set_budget(&mut self, budget: Duration) {
        self.budget = budget;
    }

    /// Forget the last location (e.g. when switching camera).
    pub fn reset(&mut self) {
        self.hint = None;
    }

    /// Decode all codes found in the frame; empty when none.
    pub fn decode(&mut self, frame: &LumaFrame) -> Vec<Decoded> {
        let start = Instant::now();
        self.stats.frames += 1;
        if frame.width < 21 || frame.height < 21 || frame.data.len() < frame.width as usize * frame.height as usize {
            return Vec::new();
        }
        // 1. temporal reuse: the region of the last code, with the pass that found it.
        if let Some(h) = self.hint.clone() {
            if let Some(codes) = self.try_region(frame, &h) {
                return codes;
            }
        }
        // 2. the plan, in order of measured yield per millisecond.
        let mpx = (frame.width as f32 * frame.height as f32 / 1e6).max(0.05);
        let budget_ms = self.budget.as_secs_f32() * 1e3;
        for i in 0..self.plan.len() {
            let pass = self.plan[i];
            if !pass.applies(frame) {
                continue;
            }
            let elapsed = start.elapsed().as_secs_f32() * 1e3;
            if i > 0 && elapsed + self.cost_ms_per_mpx[i] * mpx > budget_ms {
                self.stats.passes_skipped_for_budget += 1;
                continue; // a cheaper later pass may still fit
            }
            let t = Instant::now();
            let out = self.run(frame, &pass);
            let ms = t.elapsed().as_secs_f32() * 1e3 / mpx;
            let c = &mut self.cost_ms_per_mpx[i];
            *c = if *c == 0.0 { ms } else { 0.8 * *c + 0.2 * ms };
            if !out.codes.is_empty() {
                self.hint = Some(Hint { corners: out.codes[0].corners, pass: i });
                return out.codes;
            }
        }
        self.hint = None;
        Vec::new()
    }

    fn run(&mut self, frame: &LumaFrame, pass: &Pass) -> PassOutcome {
        self.stats.passes_run += 1;
        let out = run_pass(frame, pass);
        if out.panicked {
            self.stats.panics_caught += 1;
        }
        out
    }

    fn try_region(&mut self, frame: &LumaFrame, h: &Hint) -> Option<Vec<Decoded>> {
        let xs = h.corners.map(|c| c.0);
        let ys = h.corners.map(|c| c.1);
        let (x0, x1) = (xs.iter().cloned().fold(f32::MAX, f32::min), xs.iter().cloned().fold(f32::MIN, f32::max));
        let (y0, y1) = (ys.iter().cloned().fold(f32::MAX, f32::min), ys.iter().cloned().fold(f32::MIN, f32::max));
        let (mw, mh) = ((x1 - x0) * 0.5 + 8.0, (y1 - y0) * 0.5 + 8.0);
        let cx0 = (x0 - mw).max(0.0) as u32;
        let cy0 = (y0 - mh).max(0.0) as u32;
        let cw = ((x1 + mw) as u32).min(frame.width).saturating_sub(cx0);
        let ch = ((y1 + mh) as u32).min(frame.height).saturating_sub(cy0);
        if cw < 21 || ch < 21 || (cw as u64 * ch as u64) * 10 > frame.width as u64 * frame.height as u64 * 6 {
            return None; // no gain over the full plan
        }
        let crop = frame.crop(cx0, cy0, cw, ch);
        let mut pass = self.plan.get(h.pass).copied().unwrap_or_default();
        if matches!(pass.scale, Scale::Down(_)) {
            pass.scale = Scale::Full;
        }
        let mut out = self.run(&crop, &pass);
        if out.codes.is_empty() {
            return None;
        }
        for c in &mut out.codes {
            for p in &mut c.corners {
                p.0 += cx0 as f32;
                p.1 += cy0 as f32;
            }
        }
        self.hint = Some(Hint { corners: out.codes[0].corners, pass: h.pass });
        Some(out.codes)
    }
}

/// Decode a still image file with a fresh decoder.
pub fn decode_file(path: &Path) -> Result<Vec<Decoded>, DecodeError> {
    let img = image::open(path)
        .map_err(|e| DecodeError::ImageUnreadable { path: path.to_path_buf(), reason: e.to_string() })?;
    let frame = LumaFrame::from_dynamic(&img);
    Ok(Decoder::new().decode(&frame))
}

/// One pass of the plan on a frame, for the benchmark's matrix mode.
pub fn run_pass_pub(frame: &LumaFrame, pass: &crate::scan::strategy::Pass) -> Vec<Decoded> {
    run_pass(frame, pass).codes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::strategy::default_plan;

    // Regression (fuzz target image_decode, corpus file
    // tests/fuzz/corpus/image_decode/regression_rqrr_geometry_panic): on this
    // 50x50 grey frame rqrr 0.11 fails an assertion (geometry.rs:56,
    // `x >= i32::MIN as f64`). The panic wall must turn it into "no code".
    #[test]
    fn a_frame_that_makes_rqrr_panic_gives_no_code_and_no_crash() {
        let input = include_bytes!("../../tests/fuzz/corpus/image_decode/regression_rqrr_geometry_panic");
        // The target's raw-frame layout: selector 2, width, height, format 0 (grey), pixels.
        assert_eq!(input[..4], [2, 50, 50, 0]);
        let frame = LumaFrame::new(50, 50, input[4..].to_vec()).unwrap();
        // A generous budget, so that every pass of the plan runs.
        let mut decoder = Decoder::with_plan(default_plan(), Duration::from_secs(60));
        assert!(decoder.decode(&frame).is_empty());
        assert!(decoder.stats.panics_caught >= 1, "the frame no longer makes rqrr panic: {:?}", decoder.stats);
    }
}
