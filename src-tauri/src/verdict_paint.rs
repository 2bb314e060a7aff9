//! The number staff feel: from a member's code coming into view of the
//! camera to its verdict card painted on screen. The pipeline knows when the
//! frame was read (and the demo camera when the card first showed); only the
//! page knows when the card was painted. Each camera verdict gets a number,
//! the page calls `verdict_painted` with it after the paint, and the time is
//! logged on the app's one clock (the call back costs well under a
//! millisecond, so the figure errs long). scripts/measure-app.sh reads it.

use frontdesk::scan::Latency;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Verdicts waiting for their paint; older ones (a page that never said) drop out.
const OPEN: usize = 16;

/// Where a camera verdict's time is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Since {
    /// The first frame that showed the code (the demo camera knows it).
    CardShown,
    /// The frame that was read (a webcam cannot tell when the card came).
    FrameRead,
}

impl Since {
    pub fn as_str(self) -> &'static str {
        match self {
            Since::CardShown => "card shown",
            Since::FrameRead => "frame read",
        }
    }
}

#[derive(Default)]
pub struct Paints {
    next: AtomicU64,
    open: Mutex<VecDeque<(u64, Instant, Since)>>,
}

impl Paints {
    /// A camera verdict about to go to the page, with its pipeline latency
    /// (measured up to now). Its number for `painted`.
    pub fn started(&self, latency: &Latency) -> u64 {
        self.started_at(latency, Instant::now())
    }

    fn started_at(&self, latency: &Latency, now: Instant) -> u64 {
        let (took, since) = match latency.since_appeared {
            Some(d) => (d, Since::CardShown),
            None => (latency.total, Since::FrameRead),
        };
        let start = now.checked_sub(took).unwrap_or(now);
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if open.len() == OPEN {
            open.pop_front();
        }
        open.push_back((id, start, since));
        id
    }

    /// The page painted verdict `id`: how long since its start, once.
    pub fn painted(&self, id: u64) -> Option<(Duration, Since)> {
        self.painted_at(id, Instant::now())
    }

    fn painted_at(&self, id: u64, now: Instant) -> Option<(Duration, Since)> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let i = open.iter().position(|(n, _, _)| *n == id)?;
        let (_, start, since) = open.remove(i)?;
        Some((now.saturating_duration_since(start), since))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latency(total_ms: u64, appeared_ms: Option<u64>) -> Latency {
        Latency {
            total: Duration::from_millis(total_ms),
            since_appeared: appeared_ms.map(Duration::from_millis),
            ..Latency::default()
        }
    }

    #[test]
    fn a_paint_is_timed_from_the_card_shown_or_else_the_frame_read_and_only_once() {
        let p = Paints::default();
        let t = Instant::now() + Duration::from_secs(5);
        let shown = p.started_at(&latency(20, Some(90)), t);
        let read = p.started_at(&latency(20, None), t);
        assert_ne!(shown, read);
        let later = t + Duration::from_millis(30);
        assert_eq!(p.painted_at(shown, later), Some((Duration::from_millis(120), Since::CardShown)));
        assert_eq!(p.painted_at(read, later), Some((Duration::from_millis(50), Since::FrameRead)));
        assert_eq!(p.painted_at(shown, later), None, "a second report of the same paint");
        assert_eq!(p.painted_at(999, later), None, "a number never given");
    }

    #[test]
    fn a_page_that_never_reports_leaves_only_the_last_sixteen_open() {
        let p = Paints::default();
        let t = Instant::now() + Duration::from_secs(5);
        let ids: Vec<u64> = (0..20).map(|_| p.started_at(&latency(10, None), t)).collect();
        assert_eq!(p.painted_at(ids[3], t), None);
        assert!(p.painted_at(ids[4], t).is_some());
        assert!(p.painted_at(ids[19], t).is_some());
    }
}
