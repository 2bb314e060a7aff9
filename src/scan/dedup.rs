//! The re-scan window: a code held in front of the camera is read in many
//! consecutive frames but must give one scan. A code is admitted when it has
//! not been seen for `window`; every sighting (admitted or not) restarts its
//! window, so a card held still never triggers twice, and the same member
//! can scan again once the card has been away for the window. A card taken
//! away and shown again inside the window is a re-presentation (`Sighting::Again`):
//! still not a scan, but staff are told "already read" instead of nothing.
//! Time comes from the injected clock, so tests drive it with a `FixedClock`.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

/// How long a code must have been out of sight for its return, inside the
/// window, to count as shown again rather than as a few frames it was not read in.
pub const SHOWN_AGAIN_GAP: Duration = Duration::milliseconds(1000);

/// What one sighting of a code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sighting {
    /// Not seen for the window: a new scan.
    New,
    /// Seen moments ago: the same card still in view.
    Held,
    /// Out of sight for at least `SHOWN_AGAIN_GAP`, back inside the window.
    Again,
}

#[derive(Debug)]
pub struct RescanWindow {
    window: Duration,
    last_seen: HashMap<String, DateTime<Utc>>,
}

impl RescanWindow {
    pub fn new(window: Duration) -> Self {
        RescanWindow { window, last_seen: HashMap::new() }
    }

    pub fn window(&self) -> Duration {
        self.window
    }

    /// Records a sighting of `code` at `now`; true if it is a new scan.
    pub fn admit(&mut self, code: &str, now: DateTime<Utc>) -> bool {
        self.sight(code, now) == Sighting::New
    }

    /// Records a sighting of `code` at `now` and says what it is.
    pub fn sight(&mut self, code: &str, now: DateTime<Utc>) -> Sighting {
        let window = self.window;
        // Forget codes gone for longer than the window (bounded memory over a day).
        if self.last_seen.len() > 64 {
            self.last_seen.retain(|_, t| now.signed_duration_since(*t) < window);
        }
        let kind = match self.last_seen.get(code) {
            None => Sighting::New,
            // A clock stepping backwards counts as "just seen", never as a new scan.
            Some(t) if now.signed_duration_since(*t) >= window => Sighting::New,
            Some(t) if now.signed_duration_since(*t) >= SHOWN_AGAIN_GAP => Sighting::Again,
            Some(_) => Sighting::Held,
        };
        let last = self.last_seen.entry(code.to_string()).or_insert(now);
        if now > *last || kind == Sighting::New {
            *last = now;
        }
        kind
    }

    /// Forget everything (e.g. staff pressed "scan again").
    pub fn clear(&mut self) {
        self.last_seen.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FixedClock};
    use chrono::TimeZone;

    #[test]
    fn consecutive_sightings_give_one_scan() {
        let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap());
        let mut w = RescanWindow::new(Duration::seconds(3));
        assert!(w.admit("U1001_a", clock.now()));
        for _ in 0..60 {
            clock.advance(Duration::milliseconds(33)); // two seconds of video at 30 fps
            assert!(!w.admit("U1001_a", clock.now()));
        }
        // Another member in between is its own scan.
        assert!(w.admit("U1002_b", clock.now()));
        // Held still for longer than the window: still one scan.
        clock.advance(Duration::seconds(2));
        assert!(!w.admit("U1001_a", clock.now()));
        // Away for the whole window: scans again.
        clock.advance(Duration::seconds(3));
        assert!(w.admit("U1001_a", clock.now()));
        clock.advance(Duration::milliseconds(2999));
        assert!(!w.admit("U1001_a", clock.now()));
    }

    #[test]
    fn clock_going_back_does_not_rescan() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap();
        let mut w = RescanWindow::new(Duration::seconds(3));
        assert!(w.admit("c", t0));
        assert!(!w.admit("c", t0 - Duration::hours(1)));
        assert!(!w.admit("c", t0 + Duration::seconds(2)));
        assert!(w.admit("c", t0 + Duration::seconds(5)));
    }

    #[test]
    fn zero_window_admits_every_sighting() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap();
        let mut w = RescanWindow::new(Duration::zero());
        assert!(w.admit("c", t0));
        assert!(w.admit("c", t0));
        w.clear();
        assert!(w.admit("c", t0));
    }

    #[test]
    fn memory_stays_bounded() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap();
        let mut w = RescanWindow::new(Duration::seconds(3));
        for i in 0..1000 {
            assert!(w.admit(&format!("code-{i}"), t0 + Duration::seconds(i)));
        }
        assert!(w.last_seen.len() <= 65);
    }

    #[test]
    fn a_card_shown_again_inside_the_window_is_again_not_held_nor_new() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0).unwrap();
        let ms = Duration::milliseconds;
        let mut w = RescanWindow::new(Duration::seconds(5));
        let cases = [
            (0, Sighting::New, "first sighting"),
            (33, Sighting::Held, "the next frame"),
            (600, Sighting::Held, "a few frames not read: still held"),
            (1600, Sighting::Again, "out of sight for a second, back"),
            (1633, Sighting::Held, "held again"),
            (6633, Sighting::New, "away for the whole window: a new scan"),
            (6000, Sighting::Held, "the clock stepped back: never new, never again"),
        ];
        for (at, want, what) in cases {
            assert_eq!(w.sight("U1_x", t0 + ms(at)), want, "{what} (at {at} ms)");
        }
    }
}
