//! Behaviour tests of the QR decoder: generated codes, real photos from
//! ../shared/qr-samples (a test that needs them fails when they are missing),
//! frames without a code, and
//! the rqrr panic that must stay contained. Moved from the decode lab.

#[path = "support/qr_card.rs"]
mod qr_card;

use frontdesk::scan::decode::isolated;
use frontdesk::scan::{decode_file, DecodeError, Decoder, LumaFrame};

/// Render `text` as a QR code with `module` px per module and a 4-module quiet zone,
/// placed at (ox, oy) in a w x h grey (200) frame; dark modules at 40.
fn render(text: &str, module: u32, w: u32, h: u32, ox: u32, oy: u32) -> LumaFrame {
    qr_card::place(&qr_card::render(text, module, 40, 220), w, h, ox, oy, 200)
}

#[test]
fn generated_code_decodes_with_corners() {
    let f = render("FD-MEMBER-000123", 6, 640, 480, 100, 80);
    let mut d = Decoder::new();
    let codes = d.decode(&f);
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert_eq!(codes[0].text, "FD-MEMBER-000123");
    assert_eq!(codes[0].bytes, b"FD-MEMBER-000123");
    // code spans x 124..(124 + 21*6) = 250; corners must be near that box
    for (x, y) in codes[0].corners {
        assert!((100.0..280.0).contains(&x) && (80.0..260.0).contains(&y), "corner {x},{y}");
    }
}

#[test]
fn next_frame_reuses_location() {
    let mut d = Decoder::new();
    let a = render("FD-MEMBER-7", 5, 640, 480, 300, 200);
    assert_eq!(d.decode(&a)[0].text, "FD-MEMBER-7");
    let passes = d.stats.passes_run;
    let b = render("FD-MEMBER-7", 5, 640, 480, 306, 204); // moved a little
    assert_eq!(d.decode(&b)[0].text, "FD-MEMBER-7");
    assert_eq!(d.stats.passes_run, passes + 1, "second frame should take one (region) pass");
}

#[test]
fn utf8_payload_decodes() {
    let f = render("Zoë Müller – 会員", 5, 400, 400, 20, 20);
    let codes = Decoder::new().decode(&f);
    assert_eq!(codes.first().map(|c| c.text.as_str()), Some("Zoë Müller – 会員"));
}

#[test]
fn no_code_frames_give_nothing() {
    let mut d = Decoder::new();
    let mut seed = 12345u32;
    let noise: Vec<u8> = (0..640 * 480)
        .map(|_| {
            seed = seed.wrapping_mul(1664525).wrapping_add(1013904223);
            (seed >> 24) as u8
        })
        .collect();
    for f in [
        LumaFrame { width: 640, height: 480, data: vec![255; 640 * 480] },
        LumaFrame { width: 640, height: 480, data: vec![0; 640 * 480] },
        LumaFrame { width: 640, height: 480, data: noise },
        LumaFrame { width: 10, height: 10, data: vec![0; 100] },
        LumaFrame { width: 0, height: 0, data: vec![] },
    ] {
        assert!(d.decode(&f).is_empty());
    }
}

#[test]
fn panics_are_contained() {
    assert_eq!(isolated(|| 7), Some(7));
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r: Option<()> = isolated(|| panic!("decoder bug"));
    std::panic::set_hook(prev);
    assert!(r.is_none());
}

#[test]
fn real_photo_that_panics_rqrr_is_survived() {
    // rqrr upstream issue 54; skipped where the shared samples are absent.
    let dir = samples();
    let img = image::open(dir.join("qrcode-6/7.png")).unwrap();
    let f = LumaFrame::from_dynamic(&img);
    let mut d = Decoder::with_plan(vec![Default::default()], std::time::Duration::from_secs(1));
    let codes = d.decode(&f);
    assert!(codes.is_empty());
    assert_eq!(d.stats.panics_caught, 1);
}

#[test]
fn unreadable_file_is_a_coded_error() {
    let err = decode_file(std::path::Path::new("/nonexistent/x.png")).unwrap_err();
    assert!(matches!(err, DecodeError::ImageUnreadable { .. }));
    assert_eq!(err.code(), "image_unreadable");
}

#[test]
fn luma_conversions_on_known_pixels() {
    // red, green, blue, white
    let rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
    let f = LumaFrame::from_rgb8(2, 2, &rgb).unwrap();
    assert_eq!(f.data, vec![77, 149, 29, 255]);
    let rgba = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0];
    let f = LumaFrame::from_rgba8(2, 2, &rgba).unwrap();
    assert_eq!(f.data, vec![77, 149, 29, 255]); // transparent -> white
    let yuyv = [10, 128, 20, 128, 30, 128, 40, 128];
    let f = LumaFrame::from_yuyv(2, 2, &yuyv).unwrap();
    assert_eq!(f.data, vec![10, 20, 30, 40]);
    assert_eq!(LumaFrame::from_rgb8(2, 2, &rgb[..6]).unwrap_err().code(), "bad_frame");
    let dynimg = image::DynamicImage::ImageRgb8(image::RgbImage::from_raw(2, 2, rgb.to_vec()).unwrap());
    assert_eq!(LumaFrame::from_dynamic(&dynimg).data, vec![77, 149, 29, 255]);
    let half = LumaFrame { width: 4, height: 2, data: vec![0, 100, 200, 200, 100, 200, 0, 0] }.downscale(2);
    assert_eq!((half.width, half.height, half.data), (2, 1, vec![100, 100]));
    let up = LumaFrame { width: 2, height: 2, data: vec![0, 0, 0, 0] }.upscale2();
    assert_eq!((up.width, up.height), (4, 4));
}

/// The shared sample photos: FRONTDESK_QR_SAMPLES, else ../shared/qr-samples.
/// Missing samples fail the test that needs them: a test that passes on no
/// input proves nothing.
fn samples() -> std::path::PathBuf {
    let dir = std::env::var_os("FRONTDESK_QR_SAMPLES")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/qr-samples"));
    assert!(
        dir.join("qrcode-1").is_dir(),
        "the QR sample photos are expected at {} (the shared folder beside the repository, or set \
         FRONTDESK_QR_SAMPLES to their folder)",
        dir.display()
    );
    dir
}

#[test]
fn known_good_real_photos_decode_to_their_text() {
    let dir = samples();
    for name in ["qrcode-1/1.png", "qrcode-3/01.png", "qrcode-3/07.png", "qrcode-5/01.png", "qrcode-6/7.png"] {
        let p = dir.join(name);
        let expected = std::fs::read_to_string(p.with_extension("txt")).unwrap();
        // A patient decoder: the test is about what is read, not how fast (debug build).
        let frame = LumaFrame::from_dynamic(&image::open(&p).unwrap());
        let codes = Decoder::with_budget(std::time::Duration::from_secs(10)).decode(&frame);
        let got: Vec<String> = codes.iter().map(|c| c.text.replace("\r\n", "\n")).collect();
        assert!(
            got.iter().any(|t| t.trim_end_matches('\n') == expected.replace("\r\n", "\n").trim_end_matches('\n')),
            "{name}: read {got:?}, expected {expected:?}"
        );
        // The file path API agrees.
        assert!(!decode_file(&p).unwrap().is_empty(), "{name} via decode_file");
    }
}

#[test]
fn noise_and_texture_frames_give_no_false_codes() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut d = Decoder::with_budget(std::time::Duration::from_secs(10));
    for &(w, h) in &[(640u32, 480u32), (320, 240)] {
        let n = (w * h) as usize;
        // white noise, coarse random blocks (QR-like texture), stripes
        let white: Vec<u8> = (0..n).map(|_| rnd() as u8).collect();
        let blocks: Vec<Vec<u8>> = [4u32, 7, 11]
            .iter()
            .map(|&b| {
                let cells: Vec<u8> =
                    (0..(w / b + 1) * (h / b + 1)).map(|_| if rnd() & 1 == 0 { 30 } else { 220 }).collect();
                (0..n).map(|i| cells[((i as u32 / w) / b * (w / b + 1) + (i as u32 % w) / b) as usize]).collect()
            })
            .collect();
        let stripes: Vec<u8> = (0..n).map(|i| if (i as u32 % w) / 5 % 2 == 0 { 20 } else { 230 }).collect();
        for data in std::iter::once(white).chain(blocks).chain(std::iter::once(stripes)) {
            let codes = d.decode(&LumaFrame { width: w, height: h, data });
            assert!(codes.is_empty(), "false code(s) {codes:?} at {w}x{h}");
        }
    }
}
