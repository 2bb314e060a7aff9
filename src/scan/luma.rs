//! 8-bit luminance frames: the single input format of the decoder.
//!
//! Cameras give YUYV or RGB, files give anything `image` reads; all of it
//! becomes a `LumaFrame` here with integer BT.601 weights (no floats on the
//! hot path). Cheap resampling (box downscale, 2x upscale, crop) lives here
//! too because the decode strategy needs it on every frame.

use crate::scan::error::DecodeError;

/// A grey image, row-major, one byte per pixel, no padding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LumaFrame {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

#[inline(always)]
fn luma_of(r: u8, g: u8, b: u8) -> u8 {
    // BT.601: 0.299 R + 0.587 G + 0.114 B, in 8.8 fixed point (weights sum to 256).
    ((77 * r as u32 + 150 * g as u32 + 29 * b as u32 + 128) >> 8) as u8
}

fn check_len(width: u32, height: u32, bpp: usize, got: usize) -> Result<(), DecodeError> {
    let expected = width as usize * height as usize * bpp;
    if got < expected {
        return Err(DecodeError::BadFrame { width, height, expected, got });
    }
    Ok(())
}

impl LumaFrame {
    pub fn new(width: u32, height: u32, data: Vec<u8>) -> Result<Self, DecodeError> {
        check_len(width, height, 1, data.len())?;
        let mut data = data;
        data.truncate(width as usize * height as usize);
        Ok(LumaFrame { width, height, data })
    }

    #[inline(always)]
    pub fn get(&self, x: u32, y: u32) -> u8 {
        self.data[y as usize * self.width as usize + x as usize]
    }

    pub fn from_rgb8(width: u32, height: u32, rgb: &[u8]) -> Result<Self, DecodeError> {
        check_len(width, height, 3, rgb.len())?;
        let n = width as usize * height as usize;
        let data = rgb[..n * 3].chunks_exact(3).map(|p| luma_of(p[0], p[1], p[2])).collect();
        Ok(LumaFrame { width, height, data })
    }

    /// RGBA8; alpha is ignored except that fully transparent pixels count as white
    /// (a transparent PNG background behind a black code).
    pub fn from_rgba8(width: u32, height: u32, rgba: &[u8]) -> Result<Self, DecodeError> {
        check_len(width, height, 4, rgba.len())?;
        let n = width as usize * height as usize;
        let data =
            rgba[..n * 4].chunks_exact(4).map(|p| if p[3] == 0 { 255 } else { luma_of(p[0], p[1], p[2]) }).collect();
        Ok(LumaFrame { width, height, data })
    }

    /// YUYV / YUY2 (Y0 U Y1 V per two pixels): luma is every even byte.
    pub fn from_yuyv(width: u32, height: u32, yuyv: &[u8]) -> Result<Self, DecodeError> {
        check_len(width, height, 2, yuyv.len())?;
        let n = width as usize * height as usize;
        let data = yuyv[..n * 2].iter().step_by(2).copied().collect();
        Ok(LumaFrame { width, height, data })
    }

    pub fn from_dynamic(img: &image::DynamicImage) -> Self {
        use image::DynamicImage as D;
        let (w, h) = (img.width(), img.height());
        match img {
            D::ImageLuma8(b) => LumaFrame { width: w, height: h, data: b.as_raw().clone() },
            D::ImageRgb8(b) => Self::from_rgb8(w, h, b.as_raw()).expect("image buffer sized"),
            D::ImageRgba8(b) => Self::from_rgba8(w, h, b.as_raw()).expect("image buffer sized"),
            D::ImageLumaA8(b) => LumaFrame {
                width: w,
                height: h,
                data: b.as_raw().chunks_exact(2).map(|p| if p[1] == 0 { 255 } else { p[0] }).collect(),
            },
            other => {
                let rgba = other.to_rgba8();
                Self::from_rgba8(w, h, rgba.as_raw()).expect("image buffer sized")
            }
        }
    }

    /// Box-filter downscale by an integer factor (>= 1). Averaging, not skipping,
    /// so thin modules do not alias away.
    pub fn downscale(&self, factor: u32) -> LumaFrame {
        if factor <= 1 {
            return self.clone();
        }
        let (w, h) = (self.width / factor, self.height / factor);
        let sw = self.width as usize;
        let f = factor as usize;
        let area = (f * f) as u32;
        let mut data = vec![0u8; w as usize * h as usize];
        let mut acc = vec![0u32; w as usize];
        for y in 0..h as usize {
            acc.fill(0);
            for dy in 0..f {
                let row = &self.data[(y * f + dy) * sw..(y * f + dy) * sw + w as usize * f];
                for (x, a) in acc.iter_mut().enumerate() {
                    *a += row[x * f..x * f + f].iter().map(|&v| v as u32).sum::<u32>();
                }
            }
            for (x, a) in acc.iter().enumerate() {
                data[y * w as usize + x] = ((a + area / 2) / area) as u8;
            }
        }
        LumaFrame { width: w, height: h, data }
    }

    /// Bilinear 2x upscale: gives the finder-pattern scanner more pixels per
    /// module on small, cropped photos.
    pub fn upscale2(&self) -> LumaFrame {
        let (w, h) = (self.width as usize, self.height as usize);
        let (nw, nh) = (w * 2, h * 2);
        let mut data = vec![0u8; nw * nh];
        for ny in 0..nh {
            // source coordinate (ny - 0.5) / 2, clamped
            let sy2 = (ny as i64 * 2 - 1).max(0) as usize; // in quarter units *2
            let y0 = (sy2 / 4).min(h - 1);
            let y1 = (y0 + 1).min(h - 1);
            let fy = (sy2 % 4) as u32; // 0..3 quarters
            for nx in 0..nw {
                let sx2 = (nx as i64 * 2 - 1).max(0) as usize;
                let x0 = (sx2 / 4).min(w - 1);
                let x1 = (x0 + 1).min(w - 1);
                let fx = (sx2 % 4) as u32;
                let p = |x: usize, y: usize| self.data[y * w + x] as u32;
                let top = p(x0, y0) * (4 - fx) + p(x1, y0) * fx;
                let bot = p(x0, y1) * (4 - fx) + p(x1, y1) * fx;
                data[ny * nw + nx] = ((top * (4 - fy) + bot * fy + 8) / 16) as u8;
            }
        }
        LumaFrame { width: nw as u32, height: nh as u32, data }
    }

    /// Copy of the rectangle [x0, x0+w) x [y0, y0+h), clamped to the frame.
    pub fn crop(&self, x0: u32, y0: u32, w: u32, h: u32) -> LumaFrame {
        let x0 = x0.min(self.width);
        let y0 = y0.min(self.height);
        let w = w.min(self.width - x0);
        let h = h.min(self.height - y0);
        let mut data = Vec::with_capacity(w as usize * h as usize);
        for y in y0..y0 + h {
            let s = y as usize * self.width as usize + x0 as usize;
            data.extend_from_slice(&self.data[s..s + w as usize]);
        }
        LumaFrame { width: w, height: h, data }
    }

    /// 3x3 box blur (separable), used as a retry against sensor noise and moiré.
    pub fn blur3(&self) -> LumaFrame {
        let (w, h) = (self.width as usize, self.height as usize);
        if w < 3 || h < 3 {
            return self.clone();
        }
        let mut tmp = vec![0u16; w * h];
        for y in 0..h {
            let r = &self.data[y * w..y * w + w];
            for x in 0..w {
                let a = r[x.saturating_sub(1)] as u16;
                let c = r[(x + 1).min(w - 1)] as u16;
                tmp[y * w + x] = a + r[x] as u16 + c;
            }
        }
        let mut data = vec![0u8; w * h];
        for y in 0..h {
            let (ya, yc) = (y.saturating_sub(1), (y + 1).min(h - 1));
            for x in 0..w {
                let s = tmp[ya * w + x] + tmp[y * w + x] + tmp[yc * w + x];
                data[y * w + x] = ((s + 4) / 9) as u8;
            }
        }
        LumaFrame { width: self.width, height: self.height, data }
    }

    /// Rotate by `deg` degrees about the centre into a canvas large enough to
    /// hold the whole frame (bilinear, white fill). Returns the frame and the
    /// inverse mapping parameters (cos, sin, cx_src, cy_src, cx_dst, cy_dst).
    pub fn rotate(&self, deg: f32) -> (LumaFrame, [f32; 6]) {
        let (w, h) = (self.width as f32, self.height as f32);
        let (s, c) = deg.to_radians().sin_cos();
        let nw = (w * c.abs() + h * s.abs()).ceil() as usize;
        let nh = (w * s.abs() + h * c.abs()).ceil() as usize;
        let (cx, cy) = (w / 2.0, h / 2.0);
        let (ncx, ncy) = (nw as f32 / 2.0, nh as f32 / 2.0);
        let mut data = vec![255u8; nw * nh];
        let sw = self.width as usize;
        for y in 0..nh {
            let dy = y as f32 + 0.5 - ncy;
            for x in 0..nw {
                let dx = x as f32 + 0.5 - ncx;
                // inverse rotation
                let sx = c * dx + s * dy + cx - 0.5;
                let sy = -s * dx + c * dy + cy - 0.5;
                if sx < 0.0 || sy < 0.0 || sx >= w - 1.0 || sy >= h - 1.0 {
                    continue;
                }
                let (x0, y0) = (sx as usize, sy as usize);
                let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
                let i = y0 * sw + x0;
                let p00 = self.data[i] as f32;
                let p10 = self.data[i + 1] as f32;
                let p01 = self.data[i + sw] as f32;
                let p11 = self.data[i + sw + 1] as f32;
                let v = (p00 * (1.0 - fx) + p10 * fx) * (1.0 - fy) + (p01 * (1.0 - fx) + p11 * fx) * fy;
                data[y * nw + x] = (v + 0.5) as u8;
            }
        }
        (LumaFrame { width: nw as u32, height: nh as u32, data }, [c, s, cx, cy, ncx, ncy])
    }
}
