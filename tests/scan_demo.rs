//! The demo camera: deterministic frames that decode to the demo gym's codes,
//! with forged and stranger codes and empty frames in between.

use frontdesk::demo::{demo_code, FIRST_MEMBER_ID};
use frontdesk::scan::demo_camera::{DemoCamera, DemoConfig, Hold, Shown};
use frontdesk::scan::{Decoder, FrameSource};
use std::time::Duration;

fn cfg(w: u32, h: u32, seed: u64) -> DemoConfig {
    DemoConfig { width: w, height: h, fps: 0.0, seed, ..Default::default() }
}

/// A decoder whose budget is never the reason a frame is missed (debug builds are slow).
fn patient() -> Decoder {
    Decoder::with_budget(Duration::from_secs(10))
}

#[test]
fn same_seed_same_frames_other_seed_other_frames() {
    let (mut a, mut b, mut c) =
        (DemoCamera::new(cfg(320, 240, 7)), DemoCamera::new(cfg(320, 240, 7)), DemoCamera::new(cfg(320, 240, 8)));
    for seq in [0u64, 5, 40, 3] {
        assert_eq!(a.render(seq), b.render(seq), "frame {seq}");
    }
    assert_ne!(a.render(5), c.render(5));
    // The source yields the same frames as `render`, numbered from 0.
    let mut d = DemoCamera::new(cfg(320, 240, 7));
    for seq in 0..3 {
        let f = d.next_frame().unwrap().unwrap();
        assert_eq!(f.seq, seq);
        assert_eq!(f.luma, a.render(seq));
        assert_eq!((f.luma.width, f.luma.height), (320, 240));
    }
}

#[test]
fn the_sequence_cycles_members_and_mixes_in_forged_strangers_and_nothing() {
    let cam = DemoCamera::new(cfg(640, 480, 1));
    assert_eq!(cam.show(0), Shown::Member(FIRST_MEMBER_ID));
    assert_eq!(cam.show(1), Shown::Member(FIRST_MEMBER_ID + 1));
    let shows: Vec<Shown> = (0..60).map(|k| cam.show(k)).collect();
    let forged: Vec<&Shown> = shows.iter().filter(|s| matches!(s, Shown::Forged(_))).collect();
    assert!(!forged.is_empty() && shows.iter().any(|s| matches!(s, Shown::Stranger(_))));
    assert!(shows.contains(&Shown::Nothing));
    for s in forged {
        let code = s.code().unwrap();
        let id: i64 = code[1..code.find('_').unwrap()].parse().unwrap();
        assert_ne!(code, demo_code(id), "a forged code must not be the real one");
    }
    // Between shows the desk is empty.
    let period = (cam.config().show_frames + cam.config().gap_frames) as u64;
    assert_eq!(cam.expected(0), Some(demo_code(FIRST_MEMBER_ID)));
    assert_eq!(cam.expected(period - 1), None);
}

fn check_decodes(w: u32, h: u32, seed: u64, shows: u64) {
    let mut cam = DemoCamera::new(cfg(w, h, seed));
    let period = (cam.config().show_frames + cam.config().gap_frames) as u64;
    let mut read_shows = 0;
    let mut code_shows = 0;
    for k in 0..shows {
        let expected = cam.show(k).code();
        code_shows += expected.is_some() as u32;
        let mut hits = 0;
        // A few frames of the show (past the blurred arrival) and one of the gap.
        for f in [3u64, 9, 15, 21, period - 2] {
            let seq = k * period + f;
            let codes = patient().decode(&cam.render(seq));
            let want = cam.expected(seq);
            for c in &codes {
                assert_eq!(Some(&c.text), want.as_ref(), "frame {seq} read a code that is not shown");
            }
            hits += (!codes.is_empty()) as u32;
        }
        read_shows += (hits > 0) as u32;
    }
    assert!(read_shows == code_shows, "{w}x{h} seed {seed}: {read_shows} of {code_shows} shows read");
}

#[test]
fn demo_frames_decode_to_the_shown_codes_vga() {
    check_decodes(640, 480, 1, 12);
}

#[test]
fn demo_frames_decode_to_the_shown_codes_720p() {
    check_decodes(1280, 720, 3, 6);
}

/// The demo camera's frames survive a PNG round trip pixel for pixel (they
/// are what `scripts/` and the docs save to look at), and a frame that shows
/// a member card differs from the empty scene.
#[test]
fn demo_frames_save_as_png_and_read_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    for (w, h) in [(640u32, 480u32), (1280, 720)] {
        let mut cam = DemoCamera::new(cfg(w, h, 1));
        let mut frames = Vec::new();
        for seq in [5u64, 40, 75, 110, 145, 150] {
            let f = cam.render(seq);
            let path = dir.path().join(format!("demo-{w}-{seq}.png"));
            image::GrayImage::from_raw(f.width, f.height, f.data.clone()).unwrap().save(&path).unwrap();
            let back = image::open(&path).unwrap().to_luma8();
            assert_eq!((back.width(), back.height()), (w, h));
            assert_eq!(back.as_raw(), &f.data, "{w}x{h} frame {seq} reads back as written");
            frames.push(f.data);
        }
        assert!(frames.windows(2).any(|p| p[0] != p[1]), "the demo camera's frames change over time");
    }
}

/// While the desk holds the demo camera (staff on another screen) its frames
/// go on but show the empty desk, so nothing is read; let go, the next frames
/// show codes again. The same frames unheld are read: the case is real.
#[test]
fn a_held_demo_camera_shows_the_empty_desk_and_codes_again_when_let_go() {
    let hold = Hold::default();
    let mut cam = DemoCamera::new(cfg(640, 480, 1)).with_hold(hold.clone());
    let mut twin = DemoCamera::new(cfg(640, 480, 1));
    let period = (cam.config().show_frames + cam.config().gap_frames) as u64;
    let probes = |k: u64| [3u64, 9, 15].map(|f| k * period + f);
    let read = |codes: Vec<frontdesk::scan::Decoded>| !codes.is_empty();
    hold.set(true);
    let mut unheld_reads = 0;
    for k in 0..3 {
        for seq in probes(k) {
            let f = loop {
                let f = cam.next_frame().unwrap().unwrap();
                if f.seq == seq {
                    break f;
                }
            };
            assert!(!read(patient().decode(&f.luma)), "held frame {seq} shows a code");
            unheld_reads += read(patient().decode(&twin.render(seq))) as u32;
        }
    }
    assert!(unheld_reads > 0, "the same frames unheld show codes");
    hold.set(false);
    let seq = 3 * period + 9;
    let f = loop {
        let f = cam.next_frame().unwrap().unwrap();
        if f.seq == seq {
            break f;
        }
    };
    let codes = patient().decode(&f.luma);
    assert_eq!(codes.first().map(|c| c.text.clone()), cam.expected(seq), "let go, frame {seq} shows its code");
    assert!(cam.expected(seq).is_some());
}

#[test]
fn each_frame_of_a_show_says_when_its_card_came_into_view_and_empty_frames_say_nothing() {
    let mut cam = DemoCamera::new(cfg(320, 240, 3));
    let period = (cam.config().show_frames + cam.config().gap_frames) as u64;
    let frames: Vec<_> = (0..3 * period).map(|_| cam.next_frame().unwrap().unwrap()).collect();
    for k in 0..3 {
        let show = &frames[(k * period) as usize..((k + 1) * period) as usize];
        let first = show[0].captured;
        for f in show {
            let want = cam.expected(f.seq).map(|_| first);
            assert_eq!(f.appeared, want, "frame {} of show {k}", f.seq);
        }
    }
    assert!(frames.iter().any(|f| f.appeared.is_some()) && frames.iter().any(|f| f.appeared.is_none()));
}

#[test]
fn a_held_camera_keeps_one_empty_desk_from_show_to_show() {
    let hold = Hold::default();
    let mut cam = DemoCamera::new(cfg(320, 240, 1)).with_hold(hold.clone());
    hold.set(true);
    let period = (cam.config().show_frames + cam.config().gap_frames) as usize;
    let frames: Vec<_> = (0..3 * period).map(|_| cam.next_frame().unwrap().unwrap()).collect();
    assert!(frames.iter().all(|f| f.appeared.is_none()), "nothing comes into view of a held camera");
    // The desk's light does not jump at a show boundary: only the sensor noise differs.
    let mean = |f: &frontdesk::scan::LumaFrame| f.data.iter().map(|&v| v as f64).sum::<f64>() / f.data.len() as f64;
    let (a, b) = (mean(&frames[period - 1].luma), mean(&frames[period + 1].luma));
    assert!((a - b).abs() < 1.0, "the empty desk changed at the show boundary: {a:.1} -> {b:.1}");
    // Two shows' own desks do differ (so the check above means something).
    let own = |seq: usize| mean(&DemoCamera::new(cfg(320, 240, 1)).render_empty(seq as u64));
    assert!((own(period - 1) - own(period + 1)).abs() >= 1.0, "shows 0 and 1 have the same desk");
}

#[test]
fn passers_by_move_the_whole_picture_every_frame_and_show_no_code() {
    use frontdesk::scan::stillness::Signature;
    let mut cam = DemoCamera::new(DemoConfig { passers_by: true, ..cfg(640, 480, 1) });
    let twin = DemoCamera::new(cfg(640, 480, 1));
    let mut last: Option<Signature> = None;
    let mut twin_codes = 0;
    for seq in 0..40u64 {
        let f = cam.next_frame().unwrap().unwrap();
        assert_eq!(cam.expected(seq), None, "frame {seq}");
        assert!(f.appeared.is_none(), "frame {seq} says a card came into view");
        assert!(patient().decode(&f.luma).is_empty(), "frame {seq} shows a code");
        let sig = Signature::of(&f.luma);
        if let Some(prev) = &last {
            assert!(sig.moved_from(prev), "frame {seq} looks like the one before: the preview would skip it");
        }
        last = Some(sig);
        twin_codes += twin.expected(seq).is_some() as u32;
    }
    assert!(twin_codes > 0, "the same camera without passers-by shows codes in those frames");
}
