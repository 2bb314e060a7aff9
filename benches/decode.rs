//! Decode benchmark on the real QR photos: rate, median and p95 per folder
//! and in total, false codes, contained panics, frames without a code, and
//! the live-video view (idle desk, tracked code).
//!
//! `cargo bench --bench decode [-- --baseline | --list-failures | --budget-ms=N]`
//! Samples: FRONTDESK_QR_SAMPLES, default ../shared/qr-samples from the repo root.
//! Match rule: the decoded payload, read as its chosen text or as UTF-8,
//! Shift_JIS or ISO-8859-1, equals the .txt content after both sides have
//! CRLF turned into LF and trailing LFs removed. qrcode-2/33 (a binary
//! payload) is excluded: 178 plain-text samples. Timing: decode of an
//! in-memory luma frame (file reading and PNG decoding excluded), the
//! decoder reset before each image, single thread.

use std::path::{Path, PathBuf};
use std::time::Instant;

use frontdesk::scan::text::{latin1, shift_jis};
use frontdesk::scan::Decoded;
use frontdesk::scan::{Decoder, LumaFrame};

struct Sample {
    folder: String,
    name: String,
    frame: LumaFrame,
    expected: String,
}

fn norm(s: &str) -> String {
    s.replace("\r\n", "\n").trim_end_matches('\n').to_string()
}

fn matches(d: &Decoded, expected: &str) -> bool {
    let e = norm(expected);
    let mut cands = vec![d.text.clone(), latin1(&d.bytes)];
    if let Ok(s) = std::str::from_utf8(&d.bytes) {
        cands.push(s.to_string());
    }
    if let Some(s) = shift_jis(&d.bytes) {
        cands.push(s);
    }
    cands.iter().any(|c| norm(c) == e)
}

fn load(dir: &Path) -> Vec<Sample> {
    let mut out = Vec::new();
    for f in 1..=6 {
        let folder = format!("qrcode-{f}");
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join(&folder))
            .expect("samples folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
            .collect();
        names.sort_by_key(|p| p.file_stem().unwrap().to_string_lossy().parse::<u32>().unwrap_or(0));
        for p in names {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            if folder == "qrcode-2" && name == "33" {
                continue;
            }
            let expected = String::from_utf8(std::fs::read(p.with_extension("txt")).expect("txt")).expect("utf8 txt");
            let img = image::open(&p).expect("png");
            out.push(Sample { folder: folder.clone(), name, frame: LumaFrame::from_dynamic(&img), expected });
        }
    }
    out
}

/// Frames that contain no code: flat, noise, gradients, textures.
fn no_code_frames() -> Vec<LumaFrame> {
    let mut v = Vec::new();
    let mut seed = 0x9E3779B97F4A7C15u64;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for &(w, h) in &[(640u32, 480u32), (240, 240), (1280, 720)] {
        let n = (w * h) as usize;
        v.push(LumaFrame { width: w, height: h, data: vec![255; n] });
        v.push(LumaFrame { width: w, height: h, data: vec![0; n] });
        v.push(LumaFrame { width: w, height: h, data: vec![128; n] });
        for _ in 0..4 {
            v.push(LumaFrame { width: w, height: h, data: (0..n).map(|_| rnd() as u8).collect() });
        }
        v.push(LumaFrame { width: w, height: h, data: (0..n).map(|i| ((i as u32 % w) * 255 / w) as u8).collect() });
        for cell in [2u32, 3, 5, 8] {
            let blocks: Vec<u8> =
                (0..(w / cell + 1) * (h / cell + 1)).map(|_| if rnd() & 1 == 0 { 30 } else { 220 }).collect();
            v.push(LumaFrame {
                width: w,
                height: h,
                data: (0..n as u32)
                    .map(|i| blocks[((i / w / cell) * (w / cell + 1) + (i % w) / cell) as usize])
                    .collect(),
            });
        }
    }
    v
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i]
}

fn baseline(frame: &LumaFrame) -> Vec<Decoded> {
    // Plain rqrr as its README shows it: prepare the luma image, detect, decode.
    std::panic::catch_unwind(|| {
        let img = image::GrayImage::from_raw(frame.width, frame.height, frame.data.clone()).unwrap();
        let mut p = rqrr::PreparedImage::prepare(img);
        p.detect_grids()
            .iter()
            .filter_map(|g| {
                let mut b = Vec::new();
                g.decode_to(&mut b).ok()?;
                Some(Decoded {
                    text: frontdesk::scan::text::payload_to_text(&b, None),
                    bytes: b,
                    corners: [(0.0, 0.0); 4],
                })
            })
            .collect()
    })
    .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = std::env::var("FRONTDESK_QR_SAMPLES")
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/qr-samples").display().to_string());
    let is_baseline = args.iter().any(|a| a == "--baseline");
    let list_fail = args.iter().any(|a| a == "--list-failures");
    std::panic::set_hook(Box::new(|_| {})); // panics are counted, not printed
    let samples = load(Path::new(&dir));

    let budget_ms: u64 = args
        .iter()
        .find_map(|a| a.strip_prefix("--budget-ms="))
        .map(|v| v.parse().expect("--budget-ms=N"))
        .unwrap_or(25);
    let mut decoder = Decoder::with_budget(std::time::Duration::from_millis(budget_ms));
    let mut rows: Vec<(String, bool, f64, usize)> = Vec::new(); // folder, ok, ms, false codes
    let mut panics = 0u64;
    for s in &samples {
        let t = Instant::now();
        let codes = if is_baseline {
            baseline(&s.frame)
        } else {
            decoder.reset();
            decoder.decode(&s.frame)
        };
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let ok = codes.iter().any(|c| matches(c, &s.expected));
        let wrong = codes.iter().filter(|c| !matches(c, &s.expected)).count();
        if list_fail && (!ok || wrong > 0) {
            println!(
                "FAIL {}/{} ({}x{}) {:.1} ms{}",
                s.folder,
                s.name,
                s.frame.width,
                s.frame.height,
                ms,
                if wrong > 0 { format!(" WRONG: {:?}", codes[0].text) } else { String::new() }
            );
        }
        rows.push((s.folder.clone(), ok, ms, wrong));
    }
    panics += decoder.stats.panics_caught;
    // frames with no code at all
    let mut blank_false = 0;
    let mut blank_ms = Vec::new();
    for f in no_code_frames() {
        decoder.reset();
        let t = Instant::now();
        let codes = if is_baseline { baseline(&f) } else { decoder.decode(&f) };
        blank_ms.push(t.elapsed().as_secs_f64() * 1e3);
        blank_false += codes.len();
    }
    panics = panics.max(decoder.stats.panics_caught);

    if is_baseline {
        println!("BASELINE plain rqrr on {dir}");
    } else {
        println!(
            "frontdesk::scan::Decoder (budget {budget_ms} ms, rxing feature: {}) on {dir}",
            cfg!(feature = "rxing")
        );
    }
    println!("{:<10} {:>9} {:>7} {:>9} {:>8} {:>6}", "folder", "correct", "rate", "median", "p95", "false");
    let mut folders: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    folders.dedup();
    folders.push("TOTAL".into());
    for f in folders {
        let sel: Vec<_> = rows.iter().filter(|r| f == "TOTAL" || r.0 == f).collect();
        let ok = sel.iter().filter(|r| r.1).count();
        let wrong: usize = sel.iter().map(|r| r.3).sum();
        let mut ms: Vec<f64> = sel.iter().map(|r| r.2).collect();
        println!(
            "{:<10} {:>4}/{:<4} {:>6.1}% {:>7.2}ms {:>6.2}ms {:>6}",
            f,
            ok,
            sel.len(),
            100.0 * ok as f64 / sel.len() as f64,
            pct(&mut ms, 0.5),
            pct(&mut ms, 0.95),
            wrong
        );
    }
    println!(
        "no-code frames: {} frames, {} false codes, median {:.2} ms, p95 {:.2} ms",
        blank_ms.len(),
        blank_false,
        pct(&mut blank_ms.clone(), 0.5),
        pct(&mut blank_ms, 0.95)
    );
    println!("panics caught: {panics}");
    if !is_baseline {
        video(&samples);
    }
}

/// Live-stream view: Decoder::for_video() on 720p frames without a code (the
/// idle desk) and on a code that stays in view while moving a little.
fn video(samples: &[Sample]) {
    let mut d = Decoder::for_video();
    let idle: Vec<LumaFrame> = no_code_frames().into_iter().filter(|f| f.width == 1280).collect();
    let mut ms = Vec::new();
    for _ in 0..5 {
        for f in &idle {
            let t = Instant::now();
            assert!(d.decode(f).is_empty());
            ms.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    let mean = ms.iter().sum::<f64>() / ms.len() as f64;
    println!(
        "video idle 1280x720 (for_video, 8 ms budget): mean {:.2} ms, p95 {:.2} ms -> {:.0}% of one core at 30 fps",
        mean,
        pct(&mut ms, 0.95),
        mean * 30.0 / 10.0
    );
    // a qrcode-1 photo pasted into a 1280x720 frame, moving 3 px per frame
    let mut first = Vec::new();
    let mut next = Vec::new();
    for s in samples.iter().filter(|s| s.folder == "qrcode-1") {
        d.reset();
        for k in 0..6u32 {
            let mut data = vec![128u8; 1280 * 720];
            for y in 0..s.frame.height {
                let dst = ((100 + y + k * 3) * 1280 + 300 + k * 3) as usize;
                let src = (y * s.frame.width) as usize;
                data[dst..dst + s.frame.width as usize]
                    .copy_from_slice(&s.frame.data[src..src + s.frame.width as usize]);
            }
            let f = LumaFrame { width: 1280, height: 720, data };
            let t = Instant::now();
            let ok = d.decode(&f).iter().any(|c| matches(c, &s.expected));
            let e = t.elapsed().as_secs_f64() * 1e3;
            if ok {
                if k == 0 {
                    first.push(e)
                } else {
                    next.push(e)
                }
            }
        }
    }
    println!("video tracking 1280x720 (qrcode-1 pasted, moving): first frame median {:.2} ms ({} ok), following frames median {:.2} ms ({} ok)",
        pct(&mut first, 0.5), first.len(), pct(&mut next, 0.5), next.len());
}
