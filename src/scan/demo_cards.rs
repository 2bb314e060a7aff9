//! Drawing a member card or a phone showing a QR code into a camera frame,
//! seen at an angle (a projective warp), for the demo camera. Pure
//! functions of their inputs: the same pose gives the same pixels.

use qrcode::{Color, QrCode};

/// A 3x3 projective map, row-major, h[8] = 1.
#[derive(Clone, Copy, Debug)]
pub struct Homography([f64; 9]);

impl Homography {
    /// The map that sends `from[i]` to `to[i]` (four points, no three collinear).
    pub fn from_points(from: [(f64, f64); 4], to: [(f64, f64); 4]) -> Option<Self> {
        // Unknowns h0..h7; for each pair: x' = (h0 x + h1 y + h2) / (h6 x + h7 y + 1), same for y'.
        let mut a = [[0f64; 9]; 8];
        for i in 0..4 {
            let ((x, y), (u, v)) = (from[i], to[i]);
            a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
            a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
        }
        for col in 0..8 {
            let piv = (col..8).max_by(|&r, &s| a[r][col].abs().total_cmp(&a[s][col].abs()))?;
            if a[piv][col].abs() < 1e-12 {
                return None;
            }
            a.swap(col, piv);
            for r in 0..8 {
                if r != col {
                    let f = a[r][col] / a[col][col];
                    for c in col..9 {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        let mut h = [0f64; 9];
        for i in 0..8 {
            h[i] = a[i][8] / a[i][i];
        }
        h[8] = 1.0;
        Some(Homography(h))
    }

    #[inline]
    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let h = &self.0;
        let w = h[6] * x + h[7] * y + h[8];
        ((h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w)
    }
}

/// What holds the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// A white plastic card with a coloured band.
    Card,
    /// A phone: dark bezel around a bright screen.
    Phone,
}

/// The flat artwork, in module units, before the warp.
pub struct Artwork {
    modules: Vec<bool>,
    n: usize,
    holder: Holder,
    /// Size in modules.
    pub width: f64,
    pub height: f64,
    /// Top-left of the code's first module.
    code_x: f64,
    code_y: f64,
}

impl Artwork {
    /// `None` if the text does not fit a QR code.
    pub fn new(text: &str, holder: Holder) -> Option<Self> {
        let code = QrCode::new(text.as_bytes()).ok()?;
        let n = code.width();
        let modules = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
        let side = n as f64 + 8.0; // code plus its quiet zone
        let (width, height, code_x, code_y) = match holder {
            Holder::Card => (side * 1.55, side * 1.05, side * 0.5 + 4.0, side * 0.05 + 4.0),
            Holder::Phone => (side + 4.0, side * 1.9, 6.0, side * 0.45 + 4.0),
        };
        Some(Artwork { modules, n, holder, width, height, code_x, code_y })
    }

    /// Luma at (u, v) in module units; `None` outside the artwork.
    #[inline]
    pub fn luma(&self, u: f64, v: f64) -> Option<f64> {
        if u < 0.0 || v < 0.0 || u >= self.width || v >= self.height {
            return None;
        }
        let (mx, my) = (u - self.code_x, v - self.code_y);
        if mx >= 0.0 && my >= 0.0 && (mx as usize) < self.n && (my as usize) < self.n {
            return Some(if self.modules[my as usize * self.n + mx as usize] { 28.0 } else { 238.0 });
        }
        Some(match self.holder {
            Holder::Card if u < self.width * 0.27 => 95.0, // coloured band with the gym's logo
            Holder::Card => 236.0,
            Holder::Phone if u < 2.0 || u > self.width - 2.0 || v < self.height * 0.08 || v > self.height * 0.92 => {
                22.0
            }
            Holder::Phone => 244.0,
        })
    }
}

/// A rendered patch: luma and coverage (0..=255) over a bounding box.
pub struct Patch {
    pub x0: i32,
    pub y0: i32,
    pub width: usize,
    pub height: usize,
    pub luma: Vec<u8>,
    pub alpha: Vec<u8>,
}

/// Renders `art` so that its corners land on `quad` (frame pixels, clockwise
/// from top-left), with 2x2 supersampling, a brightness gain and an optional
/// glare spot (centre in frame pixels, radius, strength 0..1).
pub fn render_patch(
    art: &Artwork,
    quad: [(f64, f64); 4],
    gain: f64,
    glare: Option<((f64, f64), f64, f64)>,
) -> Option<Patch> {
    let corners = [(0.0, 0.0), (art.width, 0.0), (art.width, art.height), (0.0, art.height)];
    let inv = Homography::from_points(quad, corners)?;
    let xs = quad.map(|p| p.0);
    let ys = quad.map(|p| p.1);
    let x0 = xs.iter().cloned().fold(f64::MAX, f64::min).floor() as i32 - 1;
    let y0 = ys.iter().cloned().fold(f64::MAX, f64::min).floor() as i32 - 1;
    let x1 = xs.iter().cloned().fold(f64::MIN, f64::max).ceil() as i32 + 1;
    let y1 = ys.iter().cloned().fold(f64::MIN, f64::max).ceil() as i32 + 1;
    let (width, height) = ((x1 - x0).max(1) as usize, (y1 - y0).max(1) as usize);
    if width * height > 16_000_000 {
        return None;
    }
    let mut luma = vec![0u8; width * height];
    let mut alpha = vec![0u8; width * height];
    const OFFS: [(f64, f64); 4] = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)];
    for py in 0..height {
        for px in 0..width {
            let (fx, fy) = ((x0 + px as i32) as f64, (y0 + py as i32) as f64);
            let (mut sum, mut hits) = (0.0, 0u32);
            for (ox, oy) in OFFS {
                let (u, v) = inv.apply(fx + ox, fy + oy);
                if let Some(l) = art.luma(u, v) {
                    sum += l;
                    hits += 1;
                }
            }
            if hits == 0 {
                continue;
            }
            let mut l = sum / hits as f64 * gain;
            if let Some(((gx, gy), r, s)) = glare {
                let d2 = ((fx - gx).powi(2) + (fy - gy).powi(2)) / (r * r);
                l += (255.0 - l) * s * (-d2).exp();
            }
            let i = py * width + px;
            luma[i] = l.clamp(0.0, 255.0) as u8;
            alpha[i] = (hits * 255 / 4) as u8;
        }
    }
    Some(Patch { x0, y0, width, height, luma, alpha })
}

/// Composites `p` onto a frame at an extra offset (dx, dy).
pub fn composite(frame: &mut [u8], fw: usize, fh: usize, p: &Patch, dx: i32, dy: i32) {
    for py in 0..p.height {
        let y = p.y0 + dy + py as i32;
        if y < 0 || y as usize >= fh {
            continue;
        }
        for px in 0..p.width {
            let x = p.x0 + dx + px as i32;
            let i = py * p.width + px;
            let a = p.alpha[i] as u32;
            if a == 0 || x < 0 || x as usize >= fw {
                continue;
            }
            let d = &mut frame[y as usize * fw + x as usize];
            *d = ((p.luma[i] as u32 * a + *d as u32 * (255 - a) + 127) / 255) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homography_maps_the_four_corners() {
        let from = [(0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (0.0, 5.0)];
        let to = [(100.0, 50.0), (190.0, 70.0), (180.0, 140.0), (95.0, 120.0)];
        let h = Homography::from_points(from, to).unwrap();
        for (f, t) in from.iter().zip(to) {
            let (x, y) = h.apply(f.0, f.1);
            assert!((x - t.0).abs() < 1e-6 && (y - t.1).abs() < 1e-6);
        }
        assert!(Homography::from_points([(0.0, 0.0); 4], to).is_none());
    }
}
