//! The front desk as one service over the replica, the injected clock and the
//! desk's language: what a desk does (check a member in from a scan, by hand
//! or with an override; retry or dismiss a parked check-in; find members; list
//! the latest check-ins; build and export a day's attendance report; keep
//! the demo gym current and a backup no older than a day; build and export
//! a range report; leave and clear
//! notes on members), with
//! the desk's own rules that no screen may skip: an override needs a session,
//! a dismissal needs a note, a scan arrives by camera or scanner, lists have
//! limits, a report is never written over the replica. The Tauri commands and
//! the CLI commands only map their arguments and errors onto it.

use crate::checkin::{self, CheckInRequest, Input, Verdict, Who};
use crate::clock::Clock;
use crate::db::desk_notes::{self, DeskNote};
use crate::db::members::{self, MemberSummary};
use crate::db::{outbox, settings, Db};
use crate::domain::{Lang, Source};
use crate::report::{self, DayReport, Format, RangeParams, RangeReport};
use crate::views::{self, CheckInView, OutboxView, SessionView};
use crate::ErrorCode;
use chrono::NaiveDate;
use std::path::Path;

/// Longest list a screen may ask for.
pub const MAX_LIST: usize = 200;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// The request breaks a desk rule (the screen should not have sent it).
    #[error("{0}")]
    InvalidArgument(String),
    /// The check-in named is not (or no longer) parked.
    #[error("no parked check-in {0}")]
    NotParked(String),
    /// Leaving kiosk mode was refused: no PIN set, a wrong one, or locked.
    #[error(transparent)]
    Kiosk(#[from] crate::kiosk::UnlockError),
    /// The note named is not (or no longer) open.
    #[error("no open desk note {0}")]
    NoOpenNote(i64),
    /// Staff profiles: the shift does not allow it, a wrong PIN, a profile rule.
    #[error(transparent)]
    Staff(crate::staff::StaffError),
    #[error(transparent)]
    Core(#[from] crate::Error),
    #[error(transparent)]
    Report(#[from] crate::report::Error),
}

impl DeskError {
    /// A stable code for the UI and scripts.
    pub fn code(&self) -> ErrorCode {
        match self {
            DeskError::InvalidArgument(_) => ErrorCode::InvalidArgument,
            DeskError::NotParked(_) | DeskError::NoOpenNote(_) => ErrorCode::NotFound,
            DeskError::Kiosk(crate::kiosk::UnlockError::NoPin) => ErrorCode::Config,
            DeskError::Kiosk(crate::kiosk::UnlockError::Wrong { .. }) => ErrorCode::Unauthorized,
            DeskError::Kiosk(crate::kiosk::UnlockError::Locked { .. }) => ErrorCode::RateLimited,
            DeskError::Staff(e) => e.code(),
            DeskError::Core(e) => e.code(),
            DeskError::Report(e) => e.code(),
        }
    }
}

pub type DeskResult<T> = Result<T, DeskError>;

/// How a scanned code arrived: the camera or a keyboard-wedge scanner.
pub fn scan_method(name: &str) -> DeskResult<Source> {
    match name {
        "camera" => Ok(Source::Camera),
        "scanner" => Ok(Source::Scanner),
        other => Err(DeskError::InvalidArgument(format!("unknown scan method {other:?} (camera or scanner)"))),
    }
}

/// A report's day as staff type it (YYYY-MM-DD).
pub fn parse_day(text: &str) -> DeskResult<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| DeskError::InvalidArgument(format!("not a date (YYYY-MM-DD): {text}")))
}

pub struct Desk<'a> {
    pub(crate) db: &'a mut Db,
    pub(crate) clock: &'a dyn Clock,
    pub(crate) lang: Lang,
}

impl<'a> Desk<'a> {
    pub fn new(db: &'a mut Db, clock: &'a dyn Clock, lang: Lang) -> Desk<'a> {
        Desk { db, clock, lang }
    }

    /// Any check-in through the rules; `Err` when nothing could be decided
    /// or saved.
    pub fn check_in(&mut self, req: &CheckInRequest) -> DeskResult<Verdict> {
        if req.override_reason.as_deref().is_some_and(|r| !r.trim().is_empty()) && req.session_id.is_none() {
            return Err(DeskError::InvalidArgument("an override needs a session".into()));
        }
        Ok(checkin::check_in(self.db, self.clock, req, self.lang)?)
    }

    /// A check-in whose failure to save is the red "not saved" card rather
    /// than an error (what the reception screen shows).
    pub fn check_in_or_red_card(&mut self, req: &CheckInRequest) -> DeskResult<Verdict> {
        match self.check_in(req) {
            Err(DeskError::Core(e)) => {
                tracing::error!(code = %e.code(), "check-in not saved: {e}");
                let at = req.at.unwrap_or_else(|| self.clock.now());
                Ok(Verdict::save_failed(&e.to_string(), req.method, at, self.lang))
            }
            other => other,
        }
    }

    /// A code from the camera or the scanner (`method` as the screen names it).
    pub fn scan(&mut self, code: String, method: &str) -> DeskResult<Verdict> {
        let req = CheckInRequest::scan(code, scan_method(method)?);
        self.check_in_or_red_card(&req)
    }

    /// Staff picked the member; with `override_reason`, a refusal is let
    /// through and recorded as an override (it needs a session, and on a
    /// desk with staff profiles the PIN of someone allowed to override,
    /// `approval_pin`). `staff` is who is on shift, recorded with it.
    pub fn manual(
        &mut self,
        member_id: i64,
        session_id: Option<i64>,
        override_reason: Option<String>,
        staff: Option<String>,
        approval_pin: Option<&str>,
    ) -> DeskResult<Verdict> {
        let mut req = CheckInRequest {
            input: Input::Member(member_id),
            session_id,
            at: None,
            method: Source::Manual,
            override_reason: override_reason.filter(|r| !r.trim().is_empty()),
            who: Who { staff, approved_by: None },
        };
        if req.override_reason.is_some() {
            if req.session_id.is_none() {
                return Err(DeskError::InvalidArgument("an override needs a session".into()));
            }
            req.who.approved_by = self.approve_override(approval_pin)?;
        }
        self.check_in_or_red_card(&req)
    }

    /// Puts a parked check-in back in the queue.
    pub fn retry_parked(&mut self, event_id: &str) -> DeskResult<()> {
        let now = self.clock.now();
        if !self.db.write(|tx| outbox::requeue(tx, event_id, now))? {
            return Err(DeskError::NotParked(event_id.to_owned()));
        }
        Ok(())
    }

    /// Dismisses a parked check-in with the note that says why (it stays in
    /// the outbox and the reports).
    pub fn dismiss_parked(&mut self, event_id: &str, note: &str, staff: Option<&str>) -> DeskResult<()> {
        let note = note.trim();
        if note.is_empty() {
            return Err(DeskError::InvalidArgument("a dismissal needs a note".into()));
        }
        let now = self.clock.now();
        if !self.db.write(|tx| outbox::dismiss(tx, event_id, note, staff, now))? {
            return Err(DeskError::NotParked(event_id.to_owned()));
        }
        Ok(())
    }

    /// Leaves a note on member `member_id` ("pending waiver"): it shows on
    /// each of their check-ins at this desk until someone clears it.
    pub fn add_note(&mut self, member_id: i64, text: &str, staff: Option<&str>) -> DeskResult<DeskNote> {
        let now = self.clock.now();
        Ok(self.db.write(|tx| {
            if members::summary(tx, member_id)?.is_none() {
                return Err(crate::Error::Invalid(format!("no member {member_id} in this gym")));
            }
            let device = settings::device_id(tx)?;
            desk_notes::add(tx, member_id, text, &device, staff, now)
        })?)
    }

    /// Clears an open note; `NotFound` when it is already cleared or unknown.
    pub fn clear_note(&mut self, note_id: i64, staff: Option<&str>) -> DeskResult<()> {
        let now = self.clock.now();
        let cleared = self.db.write(|tx| {
            let device = settings::device_id(tx)?;
            desk_notes::clear(tx, note_id, &device, staff, now)
        })?;
        if !cleared {
            return Err(DeskError::NoOpenNote(note_id));
        }
        Ok(())
    }

    /// What the self check-in kiosk shows of `v` (the first name, the class,
    /// the result in the member's words); a refusal is recorded for staff.
    pub fn kiosk_verdict(&mut self, v: &Verdict) -> DeskResult<crate::kiosk::KioskVerdict> {
        let lang = self.lang;
        Ok(self.db.write(|tx| {
            crate::kiosk::record_refusal(tx, v)?;
            let first = match v.user_id.filter(|_| v.member.is_some()) {
                Some(id) => crate::kiosk::first_name(tx, id)?,
                None => None,
            };
            Ok(crate::kiosk::KioskVerdict::of(v, first, lang))
        })?)
    }

    /// Sets the PIN staff type to leave kiosk mode (4-6 digits).
    pub fn set_kiosk_pin(&mut self, pin: &str) -> DeskResult<()> {
        Ok(self.db.write(|tx| crate::kiosk::set_pin(tx, pin))?)
    }

    pub fn kiosk_pin_set(&self) -> DeskResult<bool> {
        Ok(crate::kiosk::has_pin(self.db.conn())?)
    }

    /// Checks the PIN to leave kiosk mode (five wrong ones lock it for a minute).
    pub fn leave_kiosk(&mut self, pin: &str) -> DeskResult<()> {
        let now = self.clock.now();
        Ok(self.db.write(|tx| crate::kiosk::unlock(tx, pin, now))??)
    }

    /// The latest refusals at the kiosk, newest first.
    pub fn kiosk_refusals(&self, limit: usize) -> DeskResult<Vec<crate::kiosk::KioskRefusal>> {
        Ok(crate::kiosk::refusals(self.db.conn(), limit.clamp(1, MAX_LIST))?)
    }

    /// Member `member_id`'s open notes, oldest first.
    pub fn member_notes(&self, member_id: i64) -> DeskResult<Vec<DeskNote>> {
        Ok(desk_notes::open_for(self.db.conn(), member_id)?)
    }

    pub fn search_members(&self, query: &str, limit: usize) -> DeskResult<Vec<MemberSummary>> {
        Ok(members::search(self.db.conn(), query, limit.clamp(1, MAX_LIST))?)
    }

    pub fn recent_check_ins(&self, limit: usize) -> DeskResult<Vec<CheckInView>> {
        Ok(views::recent_check_ins(self.db.conn(), limit.clamp(1, MAX_LIST))?)
    }

    pub fn today_sessions(&self) -> DeskResult<Vec<SessionView>> {
        Ok(views::today_sessions(self.db.conn(), self.clock.now())?)
    }

    pub fn outbox(&self, state: Option<&str>) -> DeskResult<Vec<OutboxView>> {
        let state = state.map(|s| s.parse()).transpose().map_err(DeskError::InvalidArgument)?;
        Ok(views::outbox_items(self.db.conn(), state, self.lang)?)
    }

    /// The attendance report of a day in the gym's time zone (today there
    /// when `None`), as of the injected clock.
    pub fn day_report(&self, date: Option<NaiveDate>) -> DeskResult<DayReport> {
        Ok(DayReport::build(self.db.conn(), self.report_date(date)?, self.clock.now())?)
    }

    /// The day a report is about: `date`, or today in the gym's zone.
    fn report_date(&self, date: Option<NaiveDate>) -> DeskResult<NaiveDate> {
        match date {
            Some(d) => Ok(d),
            None => Ok(report::day::today(&crate::db::gym::require(self.db.conn())?, self.clock.now())),
        }
    }

    /// What the save dialog of an export of that day proposes, in the desk's
    /// language.
    pub fn report_save_suggestion(
        &self,
        date: Option<NaiveDate>,
        format: Format,
    ) -> DeskResult<report::SaveSuggestion> {
        Ok(report::SaveSuggestion::new(self.report_date(date)?, format, self.lang))
    }

    /// A day's report in a format, in the desk's language.
    pub fn render_report(&self, date: Option<NaiveDate>, format: Format) -> DeskResult<Vec<u8>> {
        Ok(report::render(&self.day_report(date)?, format, self.lang)?)
    }

    /// Writes a day's report to the file staff chose, atomically, and never
    /// over the replica (however the name is spelt).
    pub fn export_report(&self, date: Option<NaiveDate>, format: Format, path: &Path) -> DeskResult<()> {
        if self.is_replica(path) {
            return Err(DeskError::InvalidArgument(format!(
                "refusing to write the report over the desk's database {}",
                path.display()
            )));
        }
        let bytes = self.render_report(date, format)?;
        Ok(report::output::write_atomic(path, &bytes)?)
    }

    /// The range report of `from`..=`to` (days in the gym's zone), as of the
    /// injected clock; `churn_days` defaults to 14.
    pub fn range_report(&self, from: NaiveDate, to: NaiveDate, churn_days: Option<u32>) -> DeskResult<RangeReport> {
        let mut p = RangeParams::new(from, to);
        if let Some(days) = churn_days {
            p.churn_days = days;
        }
        p.validate().map_err(DeskError::InvalidArgument)?;
        Ok(RangeReport::build(self.db.conn(), p, self.clock.now())?)
    }

    /// A range report in a format, in the desk's language.
    pub fn render_range_report(&self, from: NaiveDate, to: NaiveDate, format: Format) -> DeskResult<Vec<u8>> {
        Ok(report::range::render(&self.range_report(from, to, None)?, format, self.lang)?)
    }

    /// What the save dialog of a range export proposes; a range that cannot
    /// be reported is refused here, before any dialog opens.
    pub fn range_save_suggestion(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        format: Format,
    ) -> DeskResult<report::SaveSuggestion> {
        RangeParams::new(from, to).validate().map_err(DeskError::InvalidArgument)?;
        Ok(report::SaveSuggestion {
            file_name: report::range::file_name(from, to, format, self.lang),
            title: report::labels::labels(self.lang).save_title,
            format,
        })
    }

    /// Writes a range report where staff chose, atomically, never over the replica.
    pub fn export_range_report(&self, from: NaiveDate, to: NaiveDate, format: Format, path: &Path) -> DeskResult<()> {
        if self.is_replica(path) {
            return Err(DeskError::InvalidArgument(format!(
                "refusing to write the report over the desk's database {}",
                path.display()
            )));
        }
        let bytes = self.render_range_report(from, to, format)?;
        Ok(report::output::write_atomic(path, &bytes)?)
    }

    /// Member `member_id`'s cached photo (a JPEG of at most 256 px and 64 KB),
    /// or `None` when the desk has none for them (or no such member).
    pub fn member_photo(&self, member_id: i64) -> DeskResult<Option<Vec<u8>>> {
        Ok(crate::db::member_photos::image(self.db.conn(), member_id)?)
    }

    /// Writes member `member_id`'s cached photo to `path` (atomically, never
    /// over the replica); `Ok(false)` when there is no cached photo.
    pub fn export_member_photo(&self, member_id: i64, path: &Path) -> DeskResult<bool> {
        if self.is_replica(path) {
            return Err(DeskError::InvalidArgument(format!(
                "refusing to write the photo over the desk's database {}",
                path.display()
            )));
        }
        match self.member_photo(member_id)? {
            Some(jpeg) => {
                report::output::write_atomic(path, &jpeg)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// The demo gym on a desk with no gym, kept around today (`demo::keep_fresh`).
    pub fn keep_demo_fresh(&mut self) -> DeskResult<bool> {
        Ok(crate::demo::keep_fresh(self.db, self.clock.now())?)
    }

    /// A backup of the replica no older than a day, on the injected clock
    /// (`backup::keep_fresh`). Nothing for a replica in memory.
    pub fn keep_backup_fresh(&self) -> DeskResult<Option<std::path::PathBuf>> {
        match self.db.path().and_then(Path::parent) {
            Some(dir) => Ok(crate::db::backup::keep_fresh(self.db, dir, self.clock.now())?),
            None => Ok(None),
        }
    }

    /// Whether `path` is this desk's replica file (or its WAL / shared-memory file).
    pub fn is_replica(&self, path: &Path) -> bool {
        let dir = self.db.path().and_then(Path::parent);
        dir.is_some_and(|d| crate::db::is_replica_file(d, path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::demo::{self, DemoOptions};

    fn demo_desk() -> (tempfile::TempDir, Db, FixedClock) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open_in_dir(dir.path()).unwrap();
        let at = "2026-11-28T16:05:00Z".parse().unwrap();
        demo::install(&mut db, &DemoOptions { members: 50, date: demo::demo_today(at), seed: 1 }).unwrap();
        (dir, db, FixedClock::new(at))
    }

    #[test]
    fn the_desks_rules_hold_whichever_shell_calls() {
        let (_d, mut db, clock) = demo_desk();
        let mut desk = Desk::new(&mut db, &clock, Lang::En);
        let e = desk.manual(demo::FIRST_MEMBER_ID, None, Some("visita".into()), None, None).unwrap_err();
        assert_eq!((e.code().as_str(), e.to_string().as_str()), ("invalid_argument", "an override needs a session"));
        assert_eq!(desk.scan("U1_x".into(), "telepathy").unwrap_err().code(), "invalid_argument");
        assert_eq!(
            desk.dismiss_parked("nope", "  ", None).unwrap_err().code(),
            "invalid_argument",
            "a note is required"
        );
        assert_eq!(desk.dismiss_parked("nope", "duplicado", None).unwrap_err().code(), "not_found");
        assert_eq!(desk.retry_parked("nope").unwrap_err().code(), "not_found");
        assert_eq!(desk.outbox(Some("lost")).unwrap_err().code(), "invalid_argument");
        // A blank override reason is no override: the manual check-in goes through the rules.
        let v = desk.manual(demo::FIRST_MEMBER_ID, None, Some("   ".into()), None, None).unwrap();
        assert_eq!(v.method, Source::Manual);
    }

    #[test]
    fn a_report_is_built_for_the_gyms_day_and_never_written_over_the_replica() {
        let (dir, mut db, clock) = demo_desk();
        let mut desk = Desk::new(&mut db, &clock, Lang::En);
        let v = desk.scan(demo::demo_code(demo::FIRST_MEMBER_ID), "scanner").unwrap();
        assert!(v.success, "{v:?}");
        let today = desk.day_report(None).unwrap();
        assert_eq!(today.date, demo::demo_today(clock.now()));
        let session = v.session.as_ref().unwrap().id;
        let is_the_scan = |l: &report::day::CheckInLine| l.session_id == session && l.method == Source::Scanner;
        assert_eq!(today.check_ins.iter().filter(|l| is_the_scan(l)).count(), 1, "the scan is in today's report");
        let yesterday = desk.day_report(Some(today.date.pred_opt().unwrap())).unwrap();
        assert!(!yesterday.check_ins.iter().any(is_the_scan), "and not in yesterday's");

        let out = dir.path().join("report.csv");
        desk.export_report(None, Format::Csv, &out).unwrap();
        let csv = std::fs::read_to_string(&out).unwrap();
        assert!(csv.contains(&v.member.as_ref().unwrap().name), "{csv}");

        for name in ["frontdesk.db", "frontdesk.db-wal"] {
            let e = desk.export_report(None, Format::Csv, &dir.path().join(name)).unwrap_err();
            assert_eq!(e.code(), "invalid_argument", "{name}: {e}");
        }
        assert_eq!(parse_day(" 2026-11-28 ").unwrap().to_string(), "2026-11-28");
        assert_eq!(parse_day("28/11/2026").unwrap_err().code(), "invalid_argument");
    }

    /// The report's "now" is the desk's injected clock: at 16:05 UTC the
    /// demo's later classes have not ended and their bookings are pending;
    /// the same day's report run the next morning counts them as no-shows.
    #[test]
    fn a_report_counts_the_bookings_of_classes_still_to_end_as_pending() {
        let (_d, mut db, clock) = demo_desk();
        let desk = Desk::new(&mut db, &clock, Lang::Es);
        let now = clock.now();
        let today = desk.day_report(None).unwrap();
        let open: Vec<_> = today.sessions.iter().filter(|s| !s.is_cancelled() && s.end.utc > now).collect();
        assert!(open.iter().any(|s| s.registered > 0), "the demo has bookings for later classes");
        for s in &open {
            assert_eq!((s.no_shows, s.pending), (0, s.registered - (s.attended - s.walk_ins)), "{}", s.class_name);
        }
        assert!(today.sessions.iter().filter(|s| s.end.utc <= now).all(|s| s.pending == 0));
        assert_eq!(today.totals.pending, open.iter().map(|s| s.pending).sum::<i64>());
        assert!(today.totals.pending > 0);

        clock.set(now + chrono::Duration::days(1));
        let later = desk.day_report(Some(today.date)).unwrap();
        assert_eq!(later.totals.pending, 0);
        assert_eq!(later.totals.no_shows, today.totals.no_shows + today.totals.pending);
    }
}
