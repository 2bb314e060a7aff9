//! Turns whatever a picture URL answered into the photo the desk keeps: a
//! JPEG of at most 256 px on its longest side and at most 64 KB. The format is
//! sniffed from the bytes (a server's Content-Type is not trusted), absurd
//! dimensions are refused from the header before anything is decoded, and
//! an HTML page, a non-image or a truncated file is a typed error.

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageReader, Limits, RgbImage};
use std::io::Cursor;

/// Longest side of a kept photo.
pub const MAX_SIDE: u32 = 256;
/// Largest kept JPEG.
pub const MAX_JPEG_BYTES: usize = 64 * 1024;
/// Larger sources are refused before decoding.
pub const MAX_SOURCE_SIDE: u32 = 4096;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShrinkError {
    #[error("not an image (PNG or JPEG){}", if *.html { ": an HTML page" } else { "" })]
    NotAnImage { html: bool },
    #[error("the image is {width}x{height}, larger than {MAX_SOURCE_SIDE} px on a side")]
    TooLarge { width: u32, height: u32 },
    #[error("the image cannot be decoded: {0}")]
    Decode(String),
    #[error("no JPEG of at most {MAX_JPEG_BYTES} bytes could be made")]
    Encode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shrunk {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") || head.contains("<head")
}

/// Decodes `bytes` and makes the kept JPEG.
pub fn shrink(bytes: &[u8]) -> Result<Shrunk, ShrinkError> {
    let reader = || ImageReader::new(Cursor::new(bytes)).with_guessed_format();
    let probe = reader().map_err(|e| ShrinkError::Decode(e.to_string()))?;
    if probe.format().is_none() {
        return Err(ShrinkError::NotAnImage { html: looks_like_html(bytes) });
    }
    let (width, height) = probe.into_dimensions().map_err(|e| ShrinkError::Decode(e.to_string()))?;
    if width > MAX_SOURCE_SIDE || height > MAX_SOURCE_SIDE {
        return Err(ShrinkError::TooLarge { width, height });
    }
    let mut decoder = reader().map_err(|e| ShrinkError::Decode(e.to_string()))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_SIDE);
    limits.max_image_height = Some(MAX_SOURCE_SIDE);
    limits.max_alloc = Some(128 * 1024 * 1024);
    decoder.limits(limits);
    let img = decoder.decode().map_err(|e| ShrinkError::Decode(e.to_string()))?;
    let img = if img.width().max(img.height()) > MAX_SIDE { img.thumbnail(MAX_SIDE, MAX_SIDE) } else { img };
    encode_jpeg(&img.to_rgb8())
}

/// The smallest-loss JPEG of `rgb` that fits [`MAX_JPEG_BYTES`], stepping the quality down.
pub fn encode_jpeg(rgb: &RgbImage) -> Result<Shrunk, ShrinkError> {
    for quality in [85u8, 75, 65, 50, 35, 20] {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(&DynamicImage::ImageRgb8(rgb.clone()))
            .map_err(|_| ShrinkError::Encode)?;
        if out.len() <= MAX_JPEG_BYTES {
            return Ok(Shrunk { jpeg: out, width: rgb.width(), height: rgb.height() });
        }
    }
    Err(ShrinkError::Encode)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, Rgb};

    fn encoded(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
        // Noise, so the JPEG is not trivially small.
        let mut rng = crate::rng::SplitMix64::new(7);
        let img = RgbImage::from_fn(w, h, |_, _| Rgb([rng.below(256) as u8, rng.below(256) as u8, 90]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img).write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    #[test]
    fn good_images_become_small_jpegs_and_bad_input_is_a_typed_error() {
        let ok = [
            ("large noisy PNG", encoded(1200, 800, ImageFormat::Png), (256, 171)),
            ("portrait JPEG", encoded(300, 600, ImageFormat::Jpeg), (128, 256)),
            ("small PNG kept at its size", encoded(100, 80, ImageFormat::Png), (100, 80)),
        ];
        for (name, bytes, (w, h)) in ok {
            let s = shrink(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!((s.width, s.height), (w, h), "{name}");
            assert!(s.jpeg.len() <= MAX_JPEG_BYTES, "{name}: {} bytes", s.jpeg.len());
            let back = image::load_from_memory_with_format(&s.jpeg, ImageFormat::Jpeg).unwrap();
            assert_eq!((back.width(), back.height()), (w, h), "{name}: decodes as JPEG");
        }
        let truncated = encoded(400, 400, ImageFormat::Png)[..2000].to_vec();
        type Case<'a> = (&'a str, Vec<u8>, fn(&ShrinkError) -> bool);
        let bad: Vec<Case> = vec![
            ("HTML page", b"<!DOCTYPE html><html><body>Login</body></html>".to_vec(), |e| {
                *e == ShrinkError::NotAnImage { html: true }
            }),
            ("text", b"just some text, not a picture".to_vec(), |e| *e == ShrinkError::NotAnImage { html: false }),
            ("empty", vec![], |e| matches!(e, ShrinkError::NotAnImage { .. })),
            ("truncated PNG", truncated, |e| matches!(e, ShrinkError::Decode(_))),
            ("5000 px wide", encoded(5000, 10, ImageFormat::Png), |e| {
                *e == ShrinkError::TooLarge { width: 5000, height: 10 }
            }),
        ];
        for (name, bytes, expected) in bad {
            let e = shrink(&bytes).unwrap_err();
            assert!(expected(&e), "{name}: {e:?}");
        }
    }
}
