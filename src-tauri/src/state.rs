//! The app's shared state: the replica (one connection behind a mutex: SQLite
//! serialises writers anyway, and a check-in takes well under a millisecond),
//! the injected clock, the data directory and the background services.

use crate::ipc::{IpcError, IpcResult};
use frontdesk::checkin::{CheckInRequest, Verdict};
use frontdesk::clock::Clock;
use frontdesk::db::{settings, Db};
use frontdesk::domain::{Lang, Source};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

pub struct Desk {
    db: Mutex<Result<Db, IpcError>>,
    pub clock: Arc<dyn Clock>,
    pub data_dir: PathBuf,
    /// Where the app's log files go (see `frontdesk::logs`).
    pub log_dir: PathBuf,
    pub default_lang: Lang,
    pub camera_error: Mutex<Option<IpcError>>,
    /// The core's sync worker, once `sync_service::start` has it running.
    pub sync: Mutex<Option<frontdesk::sync::worker::WorkerHandle>>,
    /// Scanning starts once, when the UI first asks for the app status.
    pub scanning: std::sync::Once,
    /// The camera pipeline now running (none on a scanner-only desk), so a
    /// change of camera settings can stop it and start the new one.
    pub camera: Mutex<Option<CameraRun>>,
    /// The demo camera's switch: on while staff are on another screen, so
    /// its members wait and no demo check-in covers that screen
    /// (`hold_camera_check_ins`). A real camera is never held: a member at
    /// the desk is checked in whatever screen staff have open.
    pub demo_hold: frontdesk::scan::demo_camera::Hold,
    /// Whether the camera running now is the demo camera.
    pub demo_camera: std::sync::atomic::AtomicBool,
    /// Self check-in kiosk mode: on, the webview gets only `KioskVerdict`s
    /// and every staff command is refused (`forbidden`) until staff leave
    /// with the kiosk PIN (`frontdesk::kiosk`).
    pub kiosk: std::sync::atomic::AtomicBool,
    /// Who is on shift and whether the desk is locked (`frontdesk::shift`);
    /// in memory only: a restarted desk starts with nobody on shift.
    pub shift: Mutex<frontdesk::shift::Shift>,
    /// The page's preview channel (`watch_preview`), once it asked.
    pub preview: Mutex<Option<tauri::ipc::Channel<tauri::ipc::InvokeResponseBody>>>,
    /// Whether the page can show the preview (`show_preview`): off while a
    /// verdict card covers it or staff are on another screen, and then no
    /// preview frame is made or sent.
    pub preview_shown: Arc<std::sync::atomic::AtomicBool>,
    /// Camera verdicts waiting for the page to say they are painted.
    pub paints: crate::verdict_paint::Paints,
}

/// A running camera pipeline (started by `camera::start`): its events
/// thread, and the flag that stops it.
pub struct CameraRun {
    pub stop: Arc<std::sync::atomic::AtomicBool>,
    pub thread: std::thread::JoinHandle<()>,
}

impl Desk {
    pub fn new(db: Result<Db, IpcError>, clock: Arc<dyn Clock>, data_dir: PathBuf, default_lang: Lang) -> Self {
        Desk {
            db: Mutex::new(db),
            clock,
            log_dir: data_dir.join("logs"),
            data_dir,
            default_lang,
            camera_error: Mutex::new(None),
            sync: Mutex::new(None),
            scanning: std::sync::Once::new(),
            camera: Mutex::new(None),
            demo_hold: Default::default(),
            demo_camera: Default::default(),
            kiosk: Default::default(),
            shift: Default::default(),
            preview: Mutex::new(None),
            preview_shown: Arc::new(std::sync::atomic::AtomicBool::new(true)),
            paints: Default::default(),
        }
    }

    pub fn with_log_dir(mut self, log_dir: PathBuf) -> Self {
        self.log_dir = log_dir;
        self
    }

    /// Runs `f` with the replica, or returns why it could not be opened.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut Db) -> IpcResult<T>) -> IpcResult<T> {
        let mut guard: MutexGuard<'_, Result<Db, IpcError>> = self.db.lock().unwrap_or_else(|e| e.into_inner());
        match guard.as_mut() {
            Ok(db) => f(db),
            Err(e) => Err(e.clone()),
        }
    }

    /// Replaces the replica handle (after a restore from backup).
    pub fn replace_db(&self, db: Result<Db, IpcError>) {
        *self.db.lock().unwrap_or_else(|e| e.into_inner()) = db;
    }

    pub fn lang(&self) -> Lang {
        self.with_db(|db| Ok(settings::lang(db.conn())?)).ok().flatten().unwrap_or(self.default_lang)
    }

    /// Runs `f` on the core's desk service (the replica, the clock, the
    /// desk's language).
    pub fn desk<T>(
        &self,
        f: impl FnOnce(&mut frontdesk::desk::Desk<'_>) -> frontdesk::desk::DeskResult<T>,
    ) -> IpcResult<T> {
        let lang = self.lang();
        self.with_db(|db| Ok(f(&mut frontdesk::desk::Desk::new(db, self.clock.as_ref(), lang))?))
    }

    /// After any check-in, for the camera and the commands alike: nudges the
    /// sync worker when something was queued and asks it to read the
    /// member's membership again (after the verdict, never before it).
    pub fn after_check_in(&self, verdict: &Verdict) {
        if verdict.success {
            self.nudge_sync();
        }
        if let Some(id) = verdict.member.as_ref().map(|m| m.id) {
            self.refresh_member(id);
        }
    }

    /// One scanned check-in through the core's desk; a check-in that could
    /// not be saved is the core's red "not saved" verdict. A replica that
    /// cannot even be opened is that red card too.
    pub fn check_in(&self, req: CheckInRequest) -> IpcResult<Verdict> {
        let verdict = self.red_card_unless_rule(self.desk(|d| d.check_in_or_red_card(&req)), req.method)?;
        self.after_check_in(&verdict);
        Ok(verdict)
    }

    /// Turns a check-in that failed for any reason but a broken desk rule
    /// (`invalid_argument`) or a refusal of staff (the desk locked, an
    /// override without an allowed PIN), which stay errors, into the core's
    /// red "not saved" verdict: the screen always shows a card.
    pub fn red_card_unless_rule(&self, r: IpcResult<Verdict>, method: Source) -> IpcResult<Verdict> {
        use frontdesk::ErrorCode::*;
        const STAY_ERRORS: &[frontdesk::ErrorCode] =
            &[InvalidArgument, DeskLocked, AdminRequired, ApprovalRequired, Unauthorized, RateLimited, Forbidden];
        match r {
            Err(e) if !STAY_ERRORS.contains(&e.code) => {
                Ok(Verdict::save_failed(&e.message, method, self.clock.now(), self.lang()))
            }
            other => other,
        }
    }

    pub fn in_kiosk(&self) -> bool {
        self.kiosk.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Refuses a staff command while the desk is a self check-in kiosk: the
    /// kiosk's webview must not reach members' data, settings or reports.
    pub fn staff_only(&self) -> IpcResult<()> {
        if self.in_kiosk() {
            return Err(IpcError::new(
                frontdesk::ErrorCode::Forbidden,
                "the desk is in kiosk mode: staff leave it with the kiosk PIN first",
            ));
        }
        Ok(())
    }

    /// Refuses a staff command from the kiosk, then one the shift does not
    /// allow (`desk_locked`, `admin_required`); the name of whoever is on
    /// shift, to record with it (`None` on a desk without staff profiles).
    pub fn staff(&self, need: frontdesk::shift::Need) -> IpcResult<Option<String>> {
        self.staff_only()?;
        self.with_shift(|d, shift| d.require(shift, need))
    }

    /// Runs `f` on the core's desk service with the shift.
    pub fn with_shift<T>(
        &self,
        f: impl FnOnce(&mut frontdesk::desk::Desk<'_>, &mut frontdesk::shift::Shift) -> frontdesk::desk::DeskResult<T>,
    ) -> IpcResult<T> {
        let mut shift = self.shift.lock().unwrap_or_else(|e| e.into_inner());
        self.desk(|d| f(d, &mut shift))
    }

    pub fn is_demo(&self) -> bool {
        self.with_db(|db| Ok(settings::get_bool(db.conn(), settings::DEMO)?)).unwrap_or(false)
    }

    /// Asks the sync worker to read member `id`'s membership again (a verdict was just shown).
    pub fn refresh_member(&self, id: i64) {
        if let Some(s) = self.sync.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            s.refresh_member(id);
        }
    }

    /// Asks the sync worker to run a round now (a check-in was just queued).
    pub fn nudge_sync(&self) {
        if let Some(s) = self.sync.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            s.nudge();
        }
    }
}

/// The language of the OS, from the usual locale variables; on Windows, which
/// sets none of them, from the user's locale ("es-MX", "en-US").
pub fn os_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .chain(windows_locale())
        .find(|v| !v.is_empty() && v != "C" && v != "POSIX")
        .and_then(|v| v.parse().ok())
        .unwrap_or(Lang::Es)
}

#[cfg(windows)]
fn windows_locale() -> Option<String> {
    extern "system" {
        fn GetUserDefaultLocaleName(name: *mut u16, len: i32) -> i32;
    }
    // LOCALE_NAME_MAX_LENGTH.
    let mut buf = [0u16; 85];
    // SAFETY: the buffer and its length in UTF-16 units are passed together.
    let n = unsafe { GetUserDefaultLocaleName(buf.as_mut_ptr(), buf.len() as i32) };
    // n counts the terminating NUL; 0 means failure.
    (n > 1).then(|| String::from_utf16_lossy(&buf[..n as usize - 1]))
}

#[cfg(not(windows))]
fn windows_locale() -> Option<String> {
    None
}
