//! The demo camera: a deterministic stream of realistic desk frames showing
//! the demo gym's member codes (`demo::demo_code`) on cards and phones,
//! tilted, in perspective, with noise, some blur and uneven light. Now and
//! then it shows a forged code, a stranger's code or nothing at all. The
//! demo app and the tests use it, since these machines have no webcam.
//!
//! Frame `seq` is a pure function of (config, seq): show `k` = seq / period
//! holds a card for `show_frames` frames, then the desk is empty for
//! `gap_frames` frames.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crate::demo::{demo_code, demo_has_code, DEFAULT_MEMBERS, FIRST_MEMBER_ID};
use crate::rng::SplitMix64;
use crate::scan::demo_cards::{composite, render_patch, Artwork, Holder, Patch};
use crate::scan::luma::LumaFrame;
use crate::scan::source::{Frame, FrameSleeper, FrameSource, SourceError};

#[derive(Clone, Debug)]
pub struct DemoConfig {
    pub width: u32,
    pub height: u32,
    /// Frames per second (0 = as fast as rendered).
    pub fps: f64,
    pub seed: u64,
    /// Members of the demo gym to cycle through (ids from FIRST_MEMBER_ID).
    pub members: usize,
    pub show_frames: u32,
    pub gap_frames: u32,
    /// People pass behind the desk and nobody holds up a code: the picture
    /// moves every frame (the desk drifts sideways) and no show has a code.
    /// The busiest preview with no verdict card over it, for measuring what
    /// painting the preview costs (scripts/measure-app.sh).
    pub passers_by: bool,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig {
            width: 640,
            height: 480,
            fps: 30.0,
            seed: 1,
            members: DEFAULT_MEMBERS,
            show_frames: 24,
            gap_frames: 10,
            passers_by: false,
        }
    }
}

/// A switch the desk turns on while staff work on another screen: the demo
/// camera's members wait out of view (the desk in the picture is empty, and
/// the frames go on), so no demo check-in lands on the screen staff are
/// using. Clones share the switch.
#[derive(Clone, Debug, Default)]
pub struct Hold(Arc<AtomicBool>);

impl Hold {
    pub fn set(&self, on: bool) {
        self.0.store(on, Ordering::SeqCst);
    }

    pub fn is_on(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Two holds are equal when they are the same switch.
impl PartialEq for Hold {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What a show holds up to the camera.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    Member(i64),
    /// A member's code with a made-up check part.
    Forged(String),
    /// Someone else's QR code (not a member of this gym, or not a member code).
    Stranger(String),
    Nothing,
}

impl Shown {
    pub fn code(&self) -> Option<String> {
        match self {
            Shown::Member(id) => Some(demo_code(*id)),
            Shown::Forged(s) | Shown::Stranger(s) => Some(s.clone()),
            Shown::Nothing => None,
        }
    }
}

/// Everything about one show that stays fixed across its frames.
struct ShowScene {
    show: u64,
    background: Vec<u8>,
    patch: Option<Patch>,
}

pub struct DemoCamera {
    cfg: DemoConfig,
    seq: u64,
    pacer: FrameSleeper,
    scene: Option<ShowScene>,
    noise: Vec<i8>,
    /// `noise` at the current frame's strength: one buffer for every frame.
    scaled_noise: Vec<i16>,
    hold: Hold,
    /// The show whose card is in view, and when its first frame was handed over.
    in_view: Option<(u64, Instant)>,
}

impl DemoCamera {
    pub fn new(cfg: DemoConfig) -> Self {
        // A table of roughly Gaussian noise (sum of 4 uniforms), indexed at a random offset per frame.
        let mut rng = SplitMix64::mixed(cfg.seed, 0x401_5E, 0);
        let noise = (0..(1 << 16))
            .map(|_| ((0..4).map(|_| (rng.next_u64() % 64) as i32).sum::<i32>() - 126).clamp(-127, 127) as i8)
            .collect();
        DemoCamera {
            pacer: FrameSleeper::new(cfg.fps),
            cfg,
            seq: 0,
            scene: None,
            noise,
            scaled_noise: Vec::with_capacity(1 << 16),
            hold: Hold::default(),
            in_view: None,
        }
    }

    /// The camera with `hold` as its switch: while it is on, frames show the
    /// empty desk.
    pub fn with_hold(mut self, hold: Hold) -> Self {
        self.hold = hold;
        self
    }

    pub fn config(&self) -> &DemoConfig {
        &self.cfg
    }

    fn period(&self) -> u64 {
        (self.cfg.show_frames + self.cfg.gap_frames).max(1) as u64
    }

    /// What show `k` holds up: mostly members in turn, sometimes a forged
    /// code, a stranger's code or an empty hand.
    pub fn show(&self, k: u64) -> Shown {
        if self.cfg.passers_by {
            return Shown::Nothing;
        }
        let mut rng = SplitMix64::mixed(self.cfg.seed, k, 1);
        match k % 10 {
            4 => {
                let real = demo_code(self.member_for(k));
                let (head, _) = real.rsplit_once('_').unwrap_or((&real, ""));
                Shown::Forged(format!("{head}_{:08x}", rng.next_u64() as u32))
            }
            7 if k % 20 == 7 => Shown::Stranger(demo_code(90_000 + k as i64)),
            7 => Shown::Stranger(format!("https://example.com/promo?c={}", rng.next_u64() % 100_000)),
            9 if k % 30 == 9 => Shown::Nothing,
            _ => Shown::Member(self.member_for(k)),
        }
    }

    fn member_for(&self, k: u64) -> i64 {
        let n = self.cfg.members.max(1) as i64;
        let mut id = FIRST_MEMBER_ID + (k as i64 % n);
        for _ in 0..n {
            if demo_has_code(id) {
                break;
            }
            id = FIRST_MEMBER_ID + (id - FIRST_MEMBER_ID + 1) % n;
        }
        id
    }

    /// The code visible in frame `seq`, if any.
    pub fn expected(&self, seq: u64) -> Option<String> {
        let (k, f) = (seq / self.period(), seq % self.period());
        if f < self.cfg.show_frames as u64 {
            self.show(k).code()
        } else {
            None
        }
    }

    fn scene(&mut self, k: u64) -> &ShowScene {
        if self.scene.as_ref().map(|s| s.show) != Some(k) {
            self.scene = Some(self.build_scene(k));
        }
        self.scene.as_ref().expect("just built")
    }

    fn build_scene(&self, k: u64) -> ShowScene {
        let (w, h) = (self.cfg.width as usize, self.cfg.height as usize);
        let mut rng = SplitMix64::mixed(self.cfg.seed, k, 2);
        // The desk: a lateral light gradient, a vignette and a few soft shapes.
        let (base, slope) = (rng.range(90.0, 170.0), rng.range(-60.0, 60.0));
        let blobs: Vec<(f64, f64, f64, f64)> = (0..4)
            .map(|_| {
                (rng.range(0.0, w as f64), rng.range(0.0, h as f64), rng.range(40.0, 200.0), rng.range(-50.0, 50.0))
            })
            .collect();
        let mut background = vec![0u8; w * h];
        let (cx, cy, diag2) = (w as f64 / 2.0, h as f64 / 2.0, (w * w + h * h) as f64 / 4.0);
        // Evaluated once per 8 px cell and held constant across it: cheap, and
        // smooth enough under noise.
        for gy in (0..h).step_by(8) {
            for gx in (0..w).step_by(8) {
                let (fx, fy) = (gx as f64, gy as f64);
                let mut v = base + slope * (fx / w as f64 - 0.5);
                v *= 1.0 - 0.35 * ((fx - cx).powi(2) + (fy - cy).powi(2)) / diag2;
                for &(bx, by, r, a) in &blobs {
                    let d2 = ((fx - bx).powi(2) + (fy - by).powi(2)) / (r * r);
                    if d2 < 4.0 {
                        v += a * (-d2).exp();
                    }
                }
                let v = v.clamp(0.0, 255.0) as u8;
                for row in background[gy * w..].chunks_mut(w).take(8) {
                    row[gx..(gx + 8).min(w)].fill(v);
                }
            }
        }
        let patch = self.show(k).code().and_then(|text| {
            let holder = if rng.chance(0.5) { Holder::Card } else { Holder::Phone };
            let art = Artwork::new(&text, holder)?;
            // Code side in pixels: 28-50% of the frame height.
            let module = h as f64 * rng.range(0.28, 0.5)
                / (art.width.min(art.height) * if holder == Holder::Card { 0.66 } else { 1.0 });
            let (aw, ah) = (art.width * module, art.height * module);
            let angle = rng.range(-30.0f64, 30.0).to_radians();
            let (kx, ky) = (rng.range(-0.18, 0.18), rng.range(-0.15, 0.15)); // keystone = perspective tilt
            let (s, c) = angle.sin_cos();
            let ext = 0.5 * (aw.abs() * c.abs() + ah.abs() * s.abs()).max(aw * s.abs() + ah * c.abs());
            let (mx, my) = ((w as f64 / 2.0 - ext).max(0.0), (h as f64 / 2.0 - ext * 0.8).max(0.0));
            let (px, py) =
                (w as f64 / 2.0 + rng.range(-mx, mx + 1e-9) * 0.8, h as f64 / 2.0 + rng.range(-my, my + 1e-9) * 0.8);
            let quad = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)].map(|(u, v): (f64, f64)| {
                let (u, v) = (u * (1.0 + kx * v) * aw / 2.0, v * (1.0 + ky * u) * ah / 2.0);
                (px + c * u - s * v, py + s * u + c * v)
            });
            let gain = rng.range(0.55, 1.1);
            let glare = rng.chance(0.3).then(|| {
                ((px + rng.range(-aw, aw) / 3.0, py + rng.range(-ah, ah) / 3.0), aw * 0.25, rng.range(0.2, 0.5))
            });
            render_patch(&art, quad, gain, glare)
        });
        ShowScene { show: k, background, patch }
    }

    /// Renders frame `seq` (pure in (config, seq)).
    pub fn render(&mut self, seq: u64) -> LumaFrame {
        self.render_frame(seq, true)
    }

    /// Frame `seq` with the desk empty (no hand, no code): what a held camera
    /// shows. The desk stays the one of the last show rendered.
    pub fn render_empty(&mut self, seq: u64) -> LumaFrame {
        self.render_frame(seq, false)
    }

    fn render_frame(&mut self, seq: u64, card: bool) -> LumaFrame {
        let (w, h) = (self.cfg.width as usize, self.cfg.height as usize);
        let (k, f) = (seq / self.period(), seq % self.period());
        let showing = card && f < self.cfg.show_frames as u64;
        let mut rng = SplitMix64::mixed(self.cfg.seed, seq, 3);
        let (noise_amp, offset) = (rng.range(0.3, 0.9), (rng.next_u64() % (1 << 16)) as usize);
        let (blur, shake) = (rng.chance(0.35), (rng.range(-2.0, 2.0), rng.range(-2.0, 2.0)));
        // A held camera keeps the desk it last showed: an empty counter does
        // not change its light every second (the idle desk of docs/PERFORMANCE.md).
        if card || self.scene.is_none() {
            self.scene(k);
        }
        let scene = self.scene.as_ref().expect("a scene was built above or before");
        let mut data = scene.background.clone();
        if self.cfg.passers_by {
            // The desk drifts 6 px a frame and someone dark walks across it at
            // 12 px a frame: a picture that never holds still.
            let w1 = w.max(1);
            let (shift, x0, band) = ((seq as usize * 6) % w1, (seq as usize * 12) % w1, w1 / 5);
            for row in data.chunks_mut(w1) {
                row.rotate_left(shift);
                for x in x0..(x0 + band).min(w1) {
                    row[x] = row[x].saturating_sub(70);
                }
            }
        }
        if let (true, Some(p)) = (showing, &scene.patch) {
            // The hand drifts a little across the show and shakes from frame to frame.
            let t = f as f64 / 8.0;
            let (dx, dy) = ((6.0 * t.sin() + shake.0) as i32, (4.0 * (t * 0.7).cos() + shake.1) as i32);
            composite(&mut data, w, h, p, dx, dy);
        }
        // This frame's noise at this frame's strength, worked out once per
        // table entry rather than once per pixel.
        let amp = (noise_amp * 256.0) as i32;
        let scaled = &mut self.scaled_noise;
        scaled.clear();
        scaled.extend(self.noise.iter().map(|&n| (((n as i32 * amp) >> 8) / 4) as i16));
        for (i, px) in data.iter_mut().enumerate() {
            *px = (*px as i16 + scaled[(offset + i * 7) & 0xFFFF]).clamp(0, 255) as u8;
        }
        let frame = LumaFrame { width: w as u32, height: h as u32, data };
        // Defocus or motion now and then; always while the card comes in.
        if blur || (showing && f < 2) {
            frame.blur3()
        } else {
            frame
        }
    }
}

impl FrameSource for DemoCamera {
    fn next_frame(&mut self) -> Result<Option<Frame>, SourceError> {
        let seq = self.seq;
        self.seq += 1;
        let held = self.hold.is_on();
        let luma = if held { self.render_empty(seq) } else { self.render(seq) };
        self.pacer.wait();
        let captured = Instant::now();
        // A card (or phone) in view since the first frame of its show.
        let show = (!held && self.expected(seq).is_some()).then(|| seq / self.period());
        let appeared = match (show, self.in_view) {
            (Some(k), Some((shown, at))) if shown == k => Some(at),
            (Some(k), _) => {
                self.in_view = Some((k, captured));
                Some(captured)
            }
            (None, _) => {
                self.in_view = None;
                None
            }
        };
        Ok(Some(Frame { luma, seq, captured, appeared }))
    }

    fn describe(&self) -> String {
        format!("demo camera {}x{}@{} (seed {})", self.cfg.width, self.cfg.height, self.cfg.fps, self.cfg.seed)
    }
}
