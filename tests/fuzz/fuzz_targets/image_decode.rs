//! Fuzz target `image_decode`: the scan path from bytes to member code.
//! Encoded stills (PNG, JPEG: image files and the webcam's MJPEG frames) and
//! raw camera frames (luma, RGB, RGBA, YUYV) become a `LumaFrame`, the desk's
//! `Decoder` (the measured plan: rxing passes, then rqrr, behind its panic
//! wall) reads it, and again as the next video frame when it found a code
//! (that read goes through the last code's region), and each decoded text
//! goes to `MemberCode::parse`.
//!
//! Frames are bounded like a camera frame, so executions stay short: encoded
//! images above 256x256 are refused from their header by `image`'s limits,
//! raw frames have one-byte dimensions (at most 255x255).
//!
//! Input: one selector byte, then
//! - 0: a PNG file; 1: a JPEG file / MJPEG frame;
//! - 2: width, height, pixel format (0 luma, 1 RGB, 2 RGBA, 3 YUYV), pixels;
//! - 3: an ECI designator byte, then QR payload bytes (`text::payload_to_text`).
#![no_main]

use frontdesk::domain::MemberCode;
use frontdesk::scan::text::payload_to_text;
use frontdesk::scan::{Decoder, LumaFrame};
use image::{ImageFormat, ImageReader, Limits};
use libfuzzer_sys::fuzz_target;
use std::io::Cursor;

const MAX_SIDE: u32 = 256;

fn encoded(bytes: &[u8], format: ImageFormat) -> Option<LumaFrame> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(64 << 20);
    reader.limits(limits);
    let img = reader.decode().ok()?;
    Some(LumaFrame::from_dynamic(&img))
}

fn raw(bytes: &[u8]) -> Option<LumaFrame> {
    let ([w, h, fmt], px) = bytes.split_first_chunk::<3>().map(|(a, b)| (*a, b))?;
    let (w, h) = (u32::from(w), u32::from(h));
    match fmt % 4 {
        0 => LumaFrame::new(w, h, px.to_vec()),
        1 => LumaFrame::from_rgb8(w, h, px),
        2 => LumaFrame::from_rgba8(w, h, px),
        _ => LumaFrame::from_yuyv(w, h, px),
    }
    .ok()
}

fn scan(frame: &LumaFrame) {
    assert_eq!(frame.data.len(), frame.width as usize * frame.height as usize);
    let mut decoder = Decoder::new();
    let codes = decoder.decode(frame);
    if codes.is_empty() {
        return; // no hint was kept: a second read would repeat the first
    }
    for code in codes.iter().chain(&decoder.decode(frame)) {
        let _ = MemberCode::parse(&code.text);
    }
}

fuzz_target!(
    init: {
        // libfuzzer-sys's panic hook aborts on every panic, even one the
        // decoder catches; the decoder's panic wall around rqrr and rxing is
        // part of the path under test (rqrr asserts on some frames: corpus
        // file regression_rqrr_geometry_panic). Back to the default hook: a
        // panic that escapes the target still aborts (libfuzzer-sys catches
        // it at the top and aborts), a caught one is only printed.
        drop(std::panic::take_hook());
    },
    |data: &[u8]| {
    frontdesk_fuzz::linked();
    let Some((selector, body)) = frontdesk_fuzz::split_selector(data) else { return };
    match selector % 4 {
        0 => {
            if let Some(f) = encoded(body, ImageFormat::Png) {
                scan(&f)
            }
        }
        1 => {
            if let Some(f) = encoded(body, ImageFormat::Jpeg) {
                scan(&f)
            }
        }
        2 => {
            if let Some(f) = raw(body) {
                scan(&f)
            }
        }
        _ => {
            let Some((eci, payload)) = body.split_first() else { return };
            let text = payload_to_text(payload, Some(u32::from(*eci)).filter(|&e| e != 0));
            let _ = MemberCode::parse(&text);
        }
    }
});
