//! Black/white images for the finder-pattern detector.
//!
//! rqrr's built-in threshold is a one-dimensional running mean along each
//! row; it fails on glare, vignetting and low contrast. These are the
//! alternatives the retry strategy uses: local block mean and Sauvola over
//! integral images (O(1) per pixel for any window) and global Otsu.
//! Output: one byte per pixel, 1 = black (dark module), 0 = white.

use crate::scan::luma::LumaFrame;

/// Summed-area tables of values and squared values, (w+1) x (h+1).
struct Integral {
    w1: usize,
    sum: Vec<u32>,
    sq: Vec<u64>,
}

impl Integral {
    fn new(f: &LumaFrame, with_sq: bool) -> Self {
        let (w, h) = (f.width as usize, f.height as usize);
        let w1 = w + 1;
        let mut sum = vec![0u32; w1 * (h + 1)];
        let mut sq = if with_sq { vec![0u64; w1 * (h + 1)] } else { Vec::new() };
        for y in 0..h {
            let mut rs = 0u32;
            let mut rq = 0u64;
            let row = &f.data[y * w..y * w + w];
            for x in 0..w {
                let v = row[x] as u32;
                rs += v;
                sum[(y + 1) * w1 + x + 1] = sum[y * w1 + x + 1] + rs;
                if with_sq {
                    rq += (v * v) as u64;
                    sq[(y + 1) * w1 + x + 1] = sq[y * w1 + x + 1] + rq;
                }
            }
        }
        Integral { w1, sum, sq }
    }

    #[inline(always)]
    fn rect_sum(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> u32 {
        let w1 = self.w1;
        self.sum[y1 * w1 + x1] + self.sum[y0 * w1 + x0] - self.sum[y0 * w1 + x1] - self.sum[y1 * w1 + x0]
    }

    #[inline(always)]
    fn rect_sq(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> u64 {
        let w1 = self.w1;
        self.sq[y1 * w1 + x1] + self.sq[y0 * w1 + x0] - self.sq[y0 * w1 + x1] - self.sq[y1 * w1 + x0]
    }
}

/// Visits every pixel with its clamped (2r+1)^2 window `[x0, x1) x [y0, y1)`
/// and marks it black (1) where `dark(value, x0, y0, x1, y1)` says so.
fn threshold_by_window(
    f: &LumaFrame,
    radius: u32,
    mut dark: impl FnMut(u8, usize, usize, usize, usize) -> bool,
) -> Vec<u8> {
    let (w, h) = (f.width as usize, f.height as usize);
    let r = radius as usize;
    let mut out = vec![0u8; w * h];
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
            out[y * w + x] = dark(f.data[y * w + x], x0, y0, x1, y1) as u8;
        }
    }
    out
}

/// Pixel is black when darker than the mean of the (2r+1)^2 window minus `offset`.
pub fn block_mean(f: &LumaFrame, radius: u32, offset: i32) -> Vec<u8> {
    let ii = Integral::new(f, false);
    threshold_by_window(f, radius, |v, x0, y0, x1, y1| {
        let n = ((x1 - x0) * (y1 - y0)) as i32;
        let s = ii.rect_sum(x0, y0, x1, y1) as i32;
        (v as i32) * n < s - offset * n
    })
}

/// Sauvola: T = m * (1 + k * (s / 128 - 1)); robust to uneven lighting.
pub fn sauvola(f: &LumaFrame, radius: u32, k: f32) -> Vec<u8> {
    let ii = Integral::new(f, true);
    threshold_by_window(f, radius, |v, x0, y0, x1, y1| {
        let n = ((x1 - x0) * (y1 - y0)) as f32;
        let m = ii.rect_sum(x0, y0, x1, y1) as f32 / n;
        let var = (ii.rect_sq(x0, y0, x1, y1) as f32 / n - m * m).max(0.0);
        let t = m * (1.0 + k * (var.sqrt() / 128.0 - 1.0));
        (v as f32) < t
    })
}

/// Global Otsu threshold value.
pub fn otsu_level(f: &LumaFrame) -> u8 {
    let mut hist = [0u64; 256];
    for &v in &f.data {
        hist[v as usize] += 1;
    }
    let total = f.data.len() as f64;
    let sum_all: f64 = hist.iter().enumerate().map(|(i, &c)| i as f64 * c as f64).sum();
    let (mut wb, mut sb, mut best, mut level) = (0f64, 0f64, -1f64, 128u8);
    for (t, &c) in hist.iter().enumerate() {
        wb += c as f64;
        if wb == 0.0 {
            continue;
        }
        let wf = total - wb;
        if wf == 0.0 {
            break;
        }
        sb += t as f64 * c as f64;
        let (mb, mf) = (sb / wb, (sum_all - sb) / wf);
        let between = wb * wf * (mb - mf) * (mb - mf);
        if between > best {
            best = between;
            level = t as u8;
        }
    }
    level
}

/// Black where luma <= level.
pub fn global(f: &LumaFrame, level: u8) -> Vec<u8> {
    f.data.iter().map(|&v| (v <= level) as u8).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(w: u32, h: u32, f: impl Fn(u32, u32) -> u8) -> LumaFrame {
        let mut d = Vec::new();
        for y in 0..h {
            for x in 0..w {
                d.push(f(x, y));
            }
        }
        LumaFrame { width: w, height: h, data: d }
    }

    #[test]
    fn local_thresholds_survive_a_gradient() {
        // Checkerboard of 4px squares, contrast 40, on a left-to-right ramp 20..220.
        let f = frame(64, 64, |x, y| {
            let base = 20 + (x * 200 / 63) as i32;
            let dark = ((x / 4) + (y / 4)) % 2 == 0;
            (base + if dark { -20 } else { 20 }).clamp(0, 255) as u8
        });
        for bin in [block_mean(&f, 6, 2), sauvola(&f, 6, 0.05)] {
            let mut wrong = 0;
            for y in 0..64u32 {
                for x in 0..64u32 {
                    let dark = ((x / 4) + (y / 4)) % 2 == 0;
                    wrong += (bin[(y * 64 + x) as usize] != dark as u8) as u32;
                }
            }
            assert!(wrong < 64 * 64 / 20, "{wrong} wrong pixels");
        }
    }

    #[test]
    fn otsu_splits_two_levels() {
        let f = frame(10, 10, |x, _| if x < 5 { 40 } else { 200 });
        let t = otsu_level(&f);
        assert!((40..200).contains(&t));
        assert_eq!(global(&f, t).iter().map(|&b| b as u32).sum::<u32>(), 50);
    }
}
