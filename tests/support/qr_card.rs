//! Clean QR codes for tests, drawn one way for every test file that needs a
//! card (the CLI scans, the decoder, the pipeline, the crash soak).
#![allow(dead_code)]

use frontdesk::scan::LumaFrame;
use image::{GrayImage, Luma};

/// `text` as a QR code, `module` px per module, with a 4-module quiet zone;
/// dark modules are `dark`, the rest `light`.
pub fn render(text: &str, module: u32, dark: u8, light: u8) -> GrayImage {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    let (n, colors) = (code.width() as u32, code.to_colors());
    let side = (n + 8) * module;
    GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = ((x / module) as i64 - 4, (y / module) as i64 - 4);
        let inside = (0..n as i64).contains(&mx) && (0..n as i64).contains(&my);
        let is_dark = inside && colors[(my * n as i64 + mx) as usize] == qrcode::Color::Dark;
        Luma([if is_dark { dark } else { light }])
    })
}

/// A black-on-white card PNG of `text` (4 px modules) at `path`.
pub fn save_card(path: &std::path::Path, text: &str) {
    render(text, 4, 0, 255).save(path).unwrap();
}

/// `card` placed at (`ox`, `oy`) in a `w`×`h` frame of grey `background`;
/// what falls outside the frame is cut off.
pub fn place(card: &GrayImage, w: u32, h: u32, ox: u32, oy: u32, background: u8) -> LumaFrame {
    let mut data = vec![background; (w * h) as usize];
    for (x, y, p) in card.enumerate_pixels() {
        let (px, py) = (ox + x, oy + y);
        if px < w && py < h {
            data[(py * w + px) as usize] = p.0[0];
        }
    }
    LumaFrame { width: w, height: h, data }
}
