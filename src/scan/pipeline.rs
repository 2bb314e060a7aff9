//! The live scanning pipeline: capture on one thread, decoding (and the
//! caller's handler, e.g. the check-in with its durable commit) on another.
//! Between them a single slot: the latest frame wins and a frame the decoder
//! had no time for is dropped, so a slow frame never builds a queue. Codes
//! go through the re-scan window, then each new scan is handed to the
//! handler and its result, with the frame-to-verdict latency, comes out of
//! `events()`. A code shown again inside the window is no scan, but comes out
//! of `shown_again()`, so the desk can say "already read" instead of nothing.
//! No Tauri here: the desktop app and the CLI both drive this.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::clock::Clock;
use crate::scan::decode::{Decoder, DecoderStats};
use crate::scan::dedup::{RescanWindow, Sighting};
use crate::scan::luma::LumaFrame;
use crate::scan::source::{Frame, FrameSource, SourceError};
use crate::scan::stillness::Signature;

#[derive(Clone, Debug)]
pub struct PipelineConfig {
    /// The same code again within this window is not a new scan.
    pub rescan_window: chrono::Duration,
    /// Decoder time budget per frame (the next frame is another chance).
    pub decode_budget: Duration,
    /// Stop after this many captured frames.
    pub max_frames: Option<u64>,
    /// Capture waits for the decoder instead of dropping frames (replaying
    /// files, where every frame matters more than being current). Every
    /// frame of a lossless run is decoded, still or not.
    pub lossless: bool,
    /// While the scene is still (`stillness`) and the last decode found no
    /// code, only one frame in this many is decoded: an empty desk costs a
    /// quarter of the CPU, and anything coming into view is decoded at once.
    /// 1 decodes every frame.
    pub still_decode_every: u32,
    /// While the scene moves but the last decode found no code (people
    /// passing behind the desk, a hand on its way in), only one frame in
    /// this many is decoded: a busy entrance costs half the decoding, and a
    /// code coming into view is read at most a frame later. Once a code is
    /// found, every frame is decoded again. 1 decodes every frame.
    pub moving_decode_every: u32,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            rescan_window: chrono::Duration::seconds(3),
            decode_budget: Duration::from_millis(8),
            max_frames: None,
            lossless: false,
            still_decode_every: 4,
            moving_decode_every: 2,
        }
    }
}

/// How many "shown again" sightings wait for the caller at most.
pub const SHOWN_AGAIN_QUEUE: usize = 16;

/// A new scan, as handed to the handler.
#[derive(Clone, Debug)]
pub struct Scan {
    pub code: String,
    pub frame_seq: u64,
    /// Clock time (the injected clock) at which the frame was captured.
    pub at: DateTime<Utc>,
}

/// Where the time went, from the frame leaving the source to the handler's return.
#[derive(Clone, Copy, Debug, Default)]
pub struct Latency {
    /// Waiting in the slot until the decoder took the frame.
    pub handoff: Duration,
    pub decode: Duration,
    /// The handler: rules plus durable commit for a check-in.
    pub handle: Duration,
    pub total: Duration,
    /// From the first frame showing the code (where the source knows it, as
    /// the demo camera does) to the handler's return.
    pub since_appeared: Option<Duration>,
}

/// One scan and what the handler made of it.
#[derive(Debug)]
pub struct ScanEvent<R> {
    pub scan: Scan,
    pub result: R,
    pub latency: Latency,
}

/// Counters, returned by `stop`/`join`.
#[derive(Clone, Debug, Default)]
pub struct PipelineReport {
    pub frames_captured: u64,
    /// Replaced in the slot before the decoder took them.
    pub frames_dropped: u64,
    pub frames_decoded: u64,
    /// Taken by the decoder but not decoded: the scene was still and the
    /// last decode had found nothing.
    pub frames_still: u64,
    /// Taken by the decoder but not decoded: the scene moved, but the last
    /// decode had found nothing (`moving_decode_every`).
    pub frames_moving: u64,
    pub scans: u64,
    /// Sightings inside the re-scan window.
    pub repeats_suppressed: u64,
    pub transient_source_errors: u64,
    pub decoder: DecoderStats,
    /// Why capture stopped early, if it did.
    pub source_error: Option<String>,
    pub source_error_code: Option<crate::ErrorCode>,
}

/// The decode thread's counters.
#[derive(Default)]
struct DecodeCounts {
    decoded: u64,
    still: u64,
    moving: u64,
    scans: u64,
    repeats: u64,
    decoder: DecoderStats,
}

/// Which frames the decoder skips after a decode that found no code: while
/// nothing moved since, all but one in `every`; while the scene moves, all
/// but one in `moving_every`. A decode that found a code is never the
/// reference, so a code in view is decoded every frame (the re-scan window
/// needs its sightings).
///
/// A frame's signature (0.1 ms at 720p) is worked out only where it can
/// change something: to compare with a still reference, or to become one
/// after a decode that found nothing. A lossless run (`every` 1) and a
/// tracked code never need one.
struct StillSkip {
    every: u32,
    moving_every: u32,
    /// The last decoded frame, when it held no code.
    empty: Option<Signature>,
    skipped: u32,
    /// Signatures worked out (for the tests).
    signatures: u64,
}

/// What the decoder does with a frame.
enum Step {
    /// Not decoded: still (`true`) or moving, after a decode that found nothing.
    Skip { still: bool },
    /// Decode it; its signature, if it was already worked out.
    Decode(Option<Signature>),
}

impl StillSkip {
    fn new(every: u32, moving_every: u32) -> StillSkip {
        StillSkip { every, moving_every, empty: None, skipped: 0, signatures: 0 }
    }

    fn signature(&mut self, luma: &LumaFrame) -> Signature {
        self.signatures += 1;
        Signature::of(luma)
    }

    fn step(&mut self, luma: &LumaFrame) -> Step {
        if self.every <= 1 || self.empty.is_none() {
            self.skipped = 0;
            return Step::Decode(None);
        }
        let sig = self.signature(luma);
        let still = self.empty.as_ref().is_some_and(|e| !sig.moved_from(e));
        let every = if still { self.every } else { self.moving_every };
        if self.skipped + 1 < every {
            self.skipped += 1;
            return Step::Skip { still };
        }
        self.skipped = 0;
        Step::Decode(Some(sig))
    }

    fn decoded(&mut self, luma: &LumaFrame, sig: Option<Signature>, found_nothing: bool) {
        self.empty =
            if self.every > 1 && found_nothing { Some(sig.unwrap_or_else(|| self.signature(luma))) } else { None };
    }
}

#[derive(Default)]
struct Slot {
    /// The newest frame and its capture time by the injected clock.
    frame: Option<(Frame, DateTime<Utc>)>,
    ended: bool,
}

struct Shared {
    slot: Mutex<Slot>,
    ready: Condvar,
    stop: AtomicBool,
}

/// A running pipeline. Drop or `stop()` ends it; `join()` waits for the source to end.
pub struct Pipeline<R> {
    shared: Arc<Shared>,
    events: Receiver<ScanEvent<R>>,
    shown_again: Receiver<Scan>,
    capture: Option<JoinHandle<(u64, u64, u64, Option<SourceError>)>>,
    decode: Option<JoinHandle<DecodeCounts>>,
}

impl<R: Send + 'static> Pipeline<R> {
    /// Starts capture and decoding. `open` runs on the capture thread (a
    /// camera is opened where it is read); `handler` runs on the decode
    /// thread for every new scan.
    pub fn start<S, O, H>(open: O, config: PipelineConfig, clock: Arc<dyn Clock>, mut handler: H) -> Self
    where
        S: FrameSource + 'static,
        O: FnOnce() -> Result<S, SourceError> + Send + 'static,
        H: FnMut(&Scan) -> R + Send + 'static,
    {
        let shared =
            Arc::new(Shared { slot: Mutex::new(Slot::default()), ready: Condvar::new(), stop: AtomicBool::new(false) });
        let (tx, events) = mpsc::channel();
        // Bounded, and dropped when full: a caller that never reads it loses nothing it needs.
        let (again_tx, shown_again) = mpsc::sync_channel(SHOWN_AGAIN_QUEUE);
        let cap_shared = shared.clone();
        let cfg = config.clone();
        let cap_clock = clock.clone();
        let capture = std::thread::Builder::new()
            .name("scan-capture".into())
            .spawn(move || capture_loop(open, &cfg, cap_clock.as_ref(), &cap_shared))
            .expect("spawn capture thread");
        let dec_shared = shared.clone();
        let decode = std::thread::Builder::new()
            .name("scan-decode".into())
            .spawn(move || {
                let mut decoder = Decoder::with_budget(config.decode_budget);
                let mut window = RescanWindow::new(config.rescan_window);
                let (every, moving_every) = match config.lossless {
                    true => (1, 1),
                    false => (config.still_decode_every.max(1), config.moving_decode_every.max(1)),
                };
                let mut still = StillSkip::new(every, moving_every);
                let mut n = DecodeCounts::default();
                while let Some(((frame, at), taken)) = take_latest(&dec_shared) {
                    let sig = match still.step(&frame.luma) {
                        Step::Skip { still: true } => {
                            n.still += 1;
                            continue;
                        }
                        Step::Skip { still: false } => {
                            n.moving += 1;
                            continue;
                        }
                        Step::Decode(sig) => sig,
                    };
                    let t = Instant::now();
                    let codes = decoder.decode(&frame.luma);
                    let decode = t.elapsed();
                    n.decoded += 1;
                    still.decoded(&frame.luma, sig, codes.is_empty());
                    for code in codes {
                        match window.sight(&code.text, at) {
                            Sighting::New => {}
                            Sighting::Held => {
                                n.repeats += 1;
                                continue;
                            }
                            Sighting::Again => {
                                n.repeats += 1;
                                let _ = again_tx.try_send(Scan { code: code.text, frame_seq: frame.seq, at });
                                continue;
                            }
                        }
                        n.scans += 1;
                        let scan = Scan { code: code.text, frame_seq: frame.seq, at };
                        let h = Instant::now();
                        let result = handler(&scan);
                        let done = Instant::now();
                        let latency = Latency {
                            handoff: taken.saturating_duration_since(frame.captured),
                            decode,
                            handle: done - h,
                            total: done.saturating_duration_since(frame.captured),
                            since_appeared: frame.appeared.map(|a| done.saturating_duration_since(a)),
                        };
                        if tx.send(ScanEvent { scan, result, latency }).is_err() {
                            dec_shared.stop.store(true, Ordering::SeqCst); // nobody listens any more
                        }
                    }
                }
                n.decoder = decoder.stats.clone();
                n
            })
            .expect("spawn decode thread");
        Pipeline { shared, events, shown_again, capture: Some(capture), decode: Some(decode) }
    }
}

impl<R> Pipeline<R> {
    /// Scan events as they happen; disconnects when the pipeline has ended.
    pub fn events(&self) -> &Receiver<ScanEvent<R>> {
        &self.events
    }

    /// Codes shown again inside the re-scan window: not scans, nothing was
    /// checked in; the desk says "already read". At most `SHOWN_AGAIN_QUEUE`
    /// wait; later ones are dropped until the caller reads.
    pub fn shown_again(&self) -> &Receiver<Scan> {
        &self.shown_again
    }

    /// Asks both threads to stop, waits for them and returns the counters.
    pub fn stop(mut self) -> PipelineReport {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.ready.notify_all();
        self.finish()
    }

    /// Waits for the source to end (a finite source or `max_frames`).
    pub fn join(mut self) -> PipelineReport {
        self.finish()
    }

    fn finish(&mut self) -> PipelineReport {
        let mut r = PipelineReport::default();
        if let Some(c) = self.capture.take() {
            match c.join() {
                Ok((captured, dropped, transient, err)) => {
                    r.frames_captured = captured;
                    r.frames_dropped = dropped;
                    r.transient_source_errors = transient;
                    r.source_error_code = err.as_ref().map(|e| e.code());
                    r.source_error = err.map(|e| e.to_string());
                }
                Err(_) => r.source_error = Some("capture thread panicked".into()),
            }
        }
        // Capture has ended and marked the slot; the decoder drains it and exits.
        if let Some(d) = self.decode.take() {
            if let Ok(n) = d.join() {
                r.frames_decoded = n.decoded;
                r.frames_still = n.still;
                r.frames_moving = n.moving;
                r.scans = n.scans;
                r.repeats_suppressed = n.repeats;
                r.decoder = n.decoder;
            }
        }
        r
    }
}

impl<R> Drop for Pipeline<R> {
    fn drop(&mut self) {
        if self.capture.is_some() || self.decode.is_some() {
            self.shared.stop.store(true, Ordering::SeqCst);
            self.shared.ready.notify_all();
            self.finish();
        }
    }
}

/// Returns (captured, dropped, transient errors, fatal error).
fn capture_loop<S, O>(
    open: O,
    cfg: &PipelineConfig,
    clock: &dyn Clock,
    shared: &Shared,
) -> (u64, u64, u64, Option<SourceError>)
where
    S: FrameSource,
    O: FnOnce() -> Result<S, SourceError>,
{
    let (mut captured, mut dropped, mut transient) = (0u64, 0u64, 0u64);
    let mut fatal = None;
    match open() {
        Err(e) => fatal = Some(e),
        Ok(mut source) => {
            tracing::info!(source = %source.describe(), "capture started");
            while !shared.stop.load(Ordering::SeqCst) && cfg.max_frames.map_or(true, |m| captured < m) {
                match source.next_frame() {
                    Ok(Some(frame)) => {
                        captured += 1;
                        let at = clock.now();
                        let mut slot = shared.slot.lock().unwrap_or_else(|e| e.into_inner());
                        while cfg.lossless && slot.frame.is_some() && !shared.stop.load(Ordering::SeqCst) {
                            slot = shared.ready.wait(slot).unwrap_or_else(|e| e.into_inner());
                        }
                        if slot.frame.replace((frame, at)).is_some() {
                            dropped += 1;
                        }
                        drop(slot);
                        shared.ready.notify_all();
                    }
                    Ok(None) => break,
                    Err(e) if e.is_transient() => {
                        transient += 1;
                        tracing::warn!(error = %e, "frame source hiccup; retrying");
                        let until = Instant::now() + Duration::from_millis(500);
                        while Instant::now() < until && !shared.stop.load(Ordering::SeqCst) {
                            std::thread::sleep(Duration::from_millis(20));
                        }
                    }
                    Err(e) => {
                        fatal = Some(e);
                        break;
                    }
                }
            }
        }
    }
    shared.slot.lock().unwrap_or_else(|e| e.into_inner()).ended = true;
    shared.ready.notify_all();
    (captured, dropped, transient, fatal)
}

/// The decoder's side of the slot: the newest frame, or `None` once capture
/// has ended and the slot is empty (or on stop).
fn take_latest(shared: &Shared) -> Option<((Frame, DateTime<Utc>), Instant)> {
    let mut slot = shared.slot.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return None;
        }
        if let Some(f) = slot.frame.take() {
            drop(slot);
            shared.ready.notify_all(); // a lossless capture may be waiting for room
            return Some((f, Instant::now()));
        }
        if slot.ended {
            return None;
        }
        slot = shared.ready.wait(slot).unwrap_or_else(|e| e.into_inner());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luma(v: u8) -> LumaFrame {
        LumaFrame { width: 64, height: 48, data: vec![v; 64 * 48] }
    }

    /// Runs `frames` (brightness, whether a decode finds a code) through `s`; which were decoded.
    fn run(s: &mut StillSkip, frames: &[(u8, bool)]) -> Vec<bool> {
        frames
            .iter()
            .map(|&(v, found)| match s.step(&luma(v)) {
                Step::Skip { .. } => false,
                Step::Decode(sig) => {
                    s.decoded(&luma(v), sig, !found);
                    true
                }
            })
            .collect()
    }

    /// Runs a case table of (brightness, found when decoded, decoded?) through `s`.
    fn check(mut s: StillSkip, script: &[(u8, bool, bool)]) {
        let frames: Vec<(u8, bool)> = script.iter().map(|&(v, found, _)| (v, found)).collect();
        let want: Vec<bool> = script.iter().map(|&(_, _, decoded)| decoded).collect();
        assert_eq!(run(&mut s, &frames), want);
    }

    #[test]
    fn a_still_empty_scene_is_decoded_one_frame_in_four_and_anything_else_every_frame() {
        // (frame's brightness, what the decoder found when it decoded it, decoded?)
        let (empty, card) = (100u8, 30u8);
        let script: &[(u8, bool, bool)] = &[
            (empty, false, true), // nothing to compare with yet
            (empty, false, false),
            (empty, false, false),
            (empty, false, false),
            (empty, false, true), // the one in four
            (empty, false, false),
            (card, true, true), // something came into view: at once
            (card, true, true), // a code was found: every frame while it is in view
            (card, true, true),
            (card, false, true),  // still, but the last decode found a code
            (card, false, false), // now the still, empty reference
            (empty, false, true),
        ];
        check(StillSkip::new(4, 1), script);
    }

    #[test]
    fn a_moving_scene_with_no_code_is_decoded_every_other_frame_and_a_code_every_frame() {
        // People pass behind the desk: each frame differs from the last decoded one.
        let script: &[(u8, bool, bool)] = &[
            (60, false, true), // nothing to compare with yet
            (100, false, false),
            (140, false, true), // one in two while it moves
            (180, false, false),
            (20, false, true), // a card on its way in, not readable yet
            (60, true, false), // skipped: the card is read a frame later...
            (100, true, true), // ...here, and from then on every frame
            (140, true, true),
            (180, true, true),
            (180, false, true),  // gone: the last decode still found a code
            (180, false, false), // now the empty reference: still, one in four
            (180, false, false),
            (180, false, false),
            (180, false, true),
        ];
        check(StillSkip::new(4, 2), script);
    }

    #[test]
    fn a_move_after_still_frames_were_skipped_is_decoded_at_once() {
        let mut s = StillSkip::new(4, 2);
        // Decoded, then two still frames skipped; the scene moves: decoded at once,
        // though one in two would otherwise have skipped it.
        assert_eq!(run(&mut s, &[(100, false), (100, false), (100, false), (160, false)]), [true, false, false, true]);
    }

    #[test]
    fn every_one_decodes_every_frame_and_works_out_no_signature() {
        let mut s = StillSkip::new(1, 1);
        assert_eq!(run(&mut s, &[(100, false); 5]), [true; 5]);
        assert_eq!(s.signatures, 0);
    }

    #[test]
    fn a_tracked_code_needs_no_signature_and_an_empty_desk_one_a_frame() {
        let mut s = StillSkip::new(4, 2);
        // A code in view for five frames: decoded every frame, no signature at all.
        assert_eq!(run(&mut s, &[(30, true); 5]), [true; 5]);
        assert_eq!(s.signatures, 0);
        // It goes: that decode's frame becomes the reference (one signature),
        // then each frame is compared with it (one each).
        assert_eq!(run(&mut s, &[(100, false); 5]), [true, false, false, false, true]);
        assert_eq!(s.signatures, 1 + 4);
    }
}
