//! Paces a side stream (the window's camera preview) taken from a faster
//! frame stream. A "wait `every` since the last one" rule aliases with the
//! camera's frame period: at 30 fps, a 66 ms interval is missed by jitter half
//! the time and the preview falls to 10-12 fps. The frame dropper keeps a schedule
//! instead, so the average rate is the one asked for, and after a stall it
//! starts again from now rather than sending a burst to catch up.

use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct FrameDropper {
    every: Duration,
    next: Option<Instant>,
}

impl FrameDropper {
    /// A frame dropper for `per_second` items a second (at least one).
    pub fn per_second(per_second: u32) -> FrameDropper {
        FrameDropper { every: Duration::from_secs(1) / per_second.max(1), next: None }
    }

    /// Whether the frame seen at `now` should be taken.
    pub fn ready(&mut self, now: Instant) -> bool {
        match self.next {
            Some(due) if now < due => false,
            Some(due) => {
                let next = due + self.every;
                // More than a period late (a stall): no burst, restart from now.
                self.next = Some(if next <= now { now + self.every } else { next });
                true
            }
            None => {
                self.next = Some(now + self.every);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frames at `fps` for `secs` seconds with ±`jitter_ms` of jitter; how many the frame dropper takes.
    fn taken(dropper: &mut FrameDropper, fps: f64, secs: f64, jitter_ms: i64) -> usize {
        let start = Instant::now();
        let mut rng = fastrand::Rng::with_seed(7);
        let frames = (fps * secs) as usize;
        (0..frames)
            .filter(|i| {
                let ideal = (*i as f64 / fps * 1000.0) as i64;
                let at = (ideal + rng.i64(-jitter_ms..=jitter_ms)).max(0);
                dropper.ready(start + Duration::from_millis(at as u64))
            })
            .count()
    }

    #[test]
    fn a_30_fps_camera_gives_a_20_fps_preview_even_with_jitter() {
        let n = taken(&mut FrameDropper::per_second(20), 30.0, 10.0, 4);
        assert!((195..=201).contains(&n), "{n} frames in 10 s");
    }

    #[test]
    fn the_fixed_interval_rule_it_replaces_would_have_lost_a_third() {
        // The old rule: take a frame when 50 ms passed since the last taken.
        let mut rng = fastrand::Rng::with_seed(7);
        let mut last: Option<u64> = None;
        let mut n = 0;
        for i in 0..300u64 {
            let at = (i * 1000 / 30) as i64 + rng.i64(-4..=4);
            let at = at.max(0) as u64;
            if last.is_none_or(|l| at - l >= 50) {
                last = Some(at);
                n += 1;
            }
        }
        assert!(n <= 160, "{n}: the interval rule takes every other frame at best");
        assert!(taken(&mut FrameDropper::per_second(20), 30.0, 10.0, 4) > n + 30);
    }

    #[test]
    fn a_slow_camera_is_passed_through_whole() {
        assert_eq!(taken(&mut FrameDropper::per_second(20), 10.0, 5.0, 0), 50);
    }

    #[test]
    fn after_a_stall_there_is_no_burst() {
        let mut p = FrameDropper::per_second(20);
        let t0 = Instant::now();
        assert!(p.ready(t0));
        // The camera hangs for 2 s, then frames come every 10 ms.
        let after = t0 + Duration::from_secs(2);
        let burst = (0..10).filter(|i| p.ready(after + Duration::from_millis(i * 10))).count();
        assert_eq!(burst, 2, "one at once, the next a period later (at 50 ms)");
    }
}
