//! The Tauri commands of docs/IPC.md: each parses its arguments, calls the
//! core and returns its value or an `IpcError`. No logic lives here.

use crate::ipc::{IpcError, IpcResult};
use crate::state::Desk;
use crate::sync_service::{self, SyncStatusView};
use crate::token_store;
use frontdesk::checkin::Verdict;
use frontdesk::db::desk_notes::DeskNote;
use frontdesk::db::staff::{Role, StaffMember};
use frontdesk::db::{gym, members};
use frontdesk::desk_settings::{self, DeskSettings};
use frontdesk::domain::Source;
use frontdesk::report::Format;
use frontdesk::shift::{Need, ShiftView};
use frontdesk::views;
use frontdesk::ErrorCode;
use serde::Serialize;
use std::sync::Arc;
use tauri::ipc::{Channel, InvokeResponseBody};
use tauri::State;

type DeskState<'a> = State<'a, Arc<Desk>>;

#[derive(Serialize, ts_rs::TS)]
pub struct AppStatus {
    version: &'static str,
    demo: bool,
    gym: Option<gym::Gym>,
    lang: frontdesk::domain::Lang,
    data_dir: String,
    log_dir: String,
    camera_error: Option<IpcError>,
    /// The desk runs as a self check-in kiosk (`--kiosk`, `FRONTDESK_KIOSK=1`,
    /// or staff started it): the page shows the kiosk screen only.
    kiosk: bool,
    /// Whether a kiosk PIN is set (kiosk mode cannot start without one).
    kiosk_pin_set: bool,
    /// Why the replica cannot be used (e.g. `db_corrupt`), with `backups` to restore from.
    db_error: Option<IpcError>,
    backups: usize,
}

/// The window says it is ready (it listens for events now): scanning starts
/// then, so no verdict is emitted before the window can show it, and the
/// desk's status comes back.
#[tauri::command(rename_all = "snake_case")]
pub fn window_ready<R: tauri::Runtime>(app: tauri::AppHandle<R>, desk: DeskState) -> IpcResult<AppStatus> {
    desk.scanning.call_once(|| crate::camera::start(&app));
    let (gym, db_error) = match desk.with_db(|db| Ok(gym::get(db.conn())?)) {
        Ok(g) => (g, None),
        Err(e) => (None, Some(e)),
    };
    Ok(AppStatus {
        version: env!("CARGO_PKG_VERSION"),
        demo: desk.is_demo(),
        gym,
        db_error,
        backups: frontdesk::db::backup::list(&desk.data_dir).map(|b| b.len()).unwrap_or(0),
        lang: desk.lang(),
        data_dir: desk.data_dir.display().to_string(),
        log_dir: desk.log_dir.display().to_string(),
        camera_error: desk.camera_error.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        kiosk: desk.in_kiosk(),
        kiosk_pin_set: desk.desk(|d| d.kiosk_pin_set()).unwrap_or(false),
    })
}

/// Who is on shift, whether the desk is locked, and its idle lock.
#[tauri::command(rename_all = "snake_case")]
pub fn shift_status(desk: DeskState) -> IpcResult<ShiftView> {
    desk.staff_only()?;
    desk.with_shift(|d, s| d.shift_view(s))
}

/// The staff profiles in use (for the sign-in list and Settings).
#[tauri::command(rename_all = "snake_case")]
pub fn list_staff(desk: DeskState) -> IpcResult<Vec<StaffMember>> {
    desk.staff_only()?;
    desk.desk(|d| d.staff_list())
}

/// Staff member `staff_id` signs in with their PIN: `unauthorized` for a
/// wrong one, `rate_limited` after five.
#[tauri::command(rename_all = "snake_case")]
pub fn staff_sign_in(desk: DeskState, staff_id: i64, pin: String) -> IpcResult<ShiftView> {
    desk.staff_only()?;
    desk.with_shift(|d, s| d.sign_in(s, staff_id, &pin))
}

/// The lock key: the desk goes back to scanning only.
#[tauri::command(rename_all = "snake_case")]
pub fn lock_desk(desk: DeskState) -> IpcResult<ShiftView> {
    desk.staff_only()?;
    desk.with_shift(|d, s| d.lock_desk(s))
}

/// Staff pressed a key or clicked (the page sends it at most every 30 s):
/// the idle time starts over. The shift as it is now.
#[tauri::command(rename_all = "snake_case")]
pub fn staff_activity(desk: DeskState) -> IpcResult<ShiftView> {
    desk.staff_only()?;
    desk.with_shift(|d, s| d.staff_activity(s))
}

/// An admin's PIN, to open Settings: admin work is allowed until the desk
/// locks, someone signs in, or staff leave Settings (`end_admin`).
#[tauri::command(rename_all = "snake_case")]
pub fn admin_pin(desk: DeskState, pin: String) -> IpcResult<ShiftView> {
    desk.staff_only()?;
    desk.with_shift(|d, s| d.raise_admin(s, &pin))
}

/// Staff left Settings: admin work needs an admin's PIN again.
#[tauri::command(rename_all = "snake_case")]
pub fn end_admin(desk: DeskState) -> IpcResult<ShiftView> {
    desk.staff_only()?;
    desk.with_shift(|d, s| {
        s.end_admin();
        d.shift_view(s)
    })
}

/// Adds a staff profile (admin work; the first must be an admin, who is then on shift).
#[tauri::command(rename_all = "snake_case")]
pub fn add_staff(desk: DeskState, name: String, role: Role, pin: String) -> IpcResult<StaffMember> {
    desk.staff_only()?;
    desk.with_shift(|d, s| d.add_staff(s, &name, role, &pin))
}

/// Changes a profile's role and, with `pin`, its PIN (admin work).
#[tauri::command(rename_all = "snake_case")]
pub fn update_staff(desk: DeskState, staff_id: i64, role: Role, pin: Option<String>) -> IpcResult<StaffMember> {
    desk.staff_only()?;
    desk.with_shift(|d, s| d.update_staff(s, staff_id, role, pin.as_deref()))
}

/// Takes a profile out of use (admin work; what it recorded stays).
#[tauri::command(rename_all = "snake_case")]
pub fn remove_staff(desk: DeskState, staff_id: i64) -> IpcResult<()> {
    desk.staff_only()?;
    desk.with_shift(|d, s| d.remove_staff(s, staff_id))
}

/// Starts kiosk mode (staff, from Settings): the window goes full screen and
/// every staff command is refused until `leave_kiosk`. Needs a kiosk PIN.
#[tauri::command(rename_all = "snake_case")]
pub fn enter_kiosk<R: tauri::Runtime>(window: tauri::WebviewWindow<R>, desk: DeskState) -> IpcResult<()> {
    desk.staff(Need::Staff)?;
    if !desk.desk(|d| d.kiosk_pin_set())? {
        return Err(IpcError::new(ErrorCode::Config, "set a kiosk PIN in Settings before starting kiosk mode"));
    }
    desk.kiosk.store(true, std::sync::atomic::Ordering::SeqCst);
    crate::kiosk_window::apply(&window, true);
    tracing::info!("kiosk mode started");
    Ok(())
}

/// Leaves kiosk mode with the kiosk PIN: `unauthorized` for a wrong one (the
/// message says how many tries are left), `rate_limited` while locked after
/// five, `config` when no PIN is set.
#[tauri::command(rename_all = "snake_case")]
pub fn leave_kiosk<R: tauri::Runtime>(window: tauri::WebviewWindow<R>, desk: DeskState, pin: String) -> IpcResult<()> {
    desk.desk(|d| d.leave_kiosk(&pin))?;
    desk.kiosk.store(false, std::sync::atomic::Ordering::SeqCst);
    crate::kiosk_window::apply(&window, false);
    tracing::info!("kiosk mode left by staff");
    Ok(())
}

/// Sets the kiosk PIN (4-6 digits; staff only, never from the kiosk).
#[tauri::command(rename_all = "snake_case")]
pub fn set_kiosk_pin(desk: DeskState, pin: String) -> IpcResult<()> {
    desk.staff(Need::Admin)?;
    desk.desk(|d| d.set_kiosk_pin(&pin))
}

/// A code typed by a USB scanner at the kiosk: checked in as any scan, and
/// answered with what the kiosk may show.
#[tauri::command(rename_all = "snake_case")]
pub fn kiosk_check_in_code(desk: DeskState, code: String) -> IpcResult<frontdesk::kiosk::KioskVerdict> {
    let verdict = desk.red_card_unless_rule(desk.desk(|d| d.scan(code, "scanner")), Source::Scanner)?;
    desk.after_check_in(&verdict);
    desk.desk(|d| d.kiosk_verdict(&verdict))
}

/// The latest refusals at the kiosk, for staff.
#[tauri::command(rename_all = "snake_case")]
pub fn kiosk_refusals(desk: DeskState, limit: usize) -> IpcResult<Vec<frontdesk::kiosk::KioskRefusal>> {
    desk.staff(Need::Staff)?;
    desk.desk(|d| d.kiosk_refusals(limit))
}

#[tauri::command(rename_all = "snake_case")]
pub fn check_in_code(desk: DeskState, code: String, method: String) -> IpcResult<Verdict> {
    desk.staff_only()?;
    let how = method.parse().unwrap_or(Source::Scanner);
    let verdict = desk.red_card_unless_rule(desk.desk(|d| d.scan(code, &method)), how)?;
    desk.after_check_in(&verdict);
    Ok(verdict)
}

#[tauri::command(rename_all = "snake_case")]
pub fn check_in_member(
    desk: DeskState,
    member_id: i64,
    session_id: Option<i64>,
    override_reason: Option<String>,
    approval_pin: Option<String>,
) -> IpcResult<Verdict> {
    let verdict = desk.red_card_unless_rule(
        desk.staff(Need::Staff).and_then(|staff| {
            desk.desk(|d| d.manual(member_id, session_id, override_reason, staff, approval_pin.as_deref()))
        }),
        Source::Manual,
    )?;
    desk.after_check_in(&verdict);
    Ok(verdict)
}

#[tauri::command(rename_all = "snake_case")]
pub fn search_members(desk: DeskState, query: String, limit: usize) -> IpcResult<Vec<members::MemberSummary>> {
    desk.staff(Need::Staff)?;
    desk.desk(|d| d.search_members(&query, limit))
}

#[tauri::command(rename_all = "snake_case")]
pub fn today_sessions(desk: DeskState) -> IpcResult<Vec<views::SessionView>> {
    desk.desk(|d| d.today_sessions())
}

#[tauri::command(rename_all = "snake_case")]
pub fn recent_check_ins(desk: DeskState, limit: usize) -> IpcResult<Vec<views::CheckInView>> {
    desk.staff_only()?;
    desk.desk(|d| d.recent_check_ins(limit))
}

#[tauri::command(rename_all = "snake_case")]
pub fn sync_status(desk: DeskState) -> IpcResult<SyncStatusView> {
    sync_service::status_view(&desk)
}

#[tauri::command(rename_all = "snake_case")]
pub fn outbox_items(desk: DeskState, state: Option<String>) -> IpcResult<Vec<views::OutboxView>> {
    desk.staff(Need::Staff)?;
    desk.desk(|d| d.outbox(state.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn retry_parked(desk: DeskState, event_id: String) -> IpcResult<()> {
    desk.staff(Need::Staff)?;
    desk.desk(|d| d.retry_parked(&event_id))?;
    desk.nudge_sync();
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub fn dismiss_parked(desk: DeskState, event_id: String, note: String) -> IpcResult<()> {
    let staff = desk.staff(Need::Staff)?;
    desk.desk(|d| d.dismiss_parked(&event_id, &note, staff.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_desk_note(desk: DeskState, member_id: i64, text: String) -> IpcResult<DeskNote> {
    let staff = desk.staff(Need::Staff)?;
    desk.desk(|d| d.add_note(member_id, &text, staff.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn clear_desk_note(desk: DeskState, note_id: i64) -> IpcResult<()> {
    let staff = desk.staff(Need::Staff)?;
    desk.desk(|d| d.clear_note(note_id, staff.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
pub fn member_notes(desk: DeskState, member_id: i64) -> IpcResult<Vec<DeskNote>> {
    desk.staff(Need::Staff)?;
    desk.desk(|d| d.member_notes(member_id))
}

/// The desk's settings, with where its token is (asked of the keyring off
/// the main thread: see `token_store::off_ui`).
#[tauri::command(rename_all = "snake_case")]
pub async fn get_settings(desk: DeskState<'_>) -> IpcResult<DeskSettings> {
    desk.staff_only()?;
    let mut s = desk.with_db(|db| Ok(desk_settings::load(db.conn(), desk.default_lang)?))?;
    s.token = token_store::off_ui(token_store::held).await.unwrap_or(desk_settings::TokenHeld::KeyringUnavailable);
    Ok(s)
}

/// Saves the desk's settings, and they take effect at once. A connection
/// (address, gym, token) is first checked against the server: when it is
/// wrong nothing is saved and the error says why (`offline`, `timeout`,
/// `unauthorized`, `forbidden`, `not_found`, `bad_shape`, `config`). When it
/// is right, sync restarts with it: a pull now, then the usual rounds.
/// Clearing the address stops sync.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_settings<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    desk: DeskState<'_>,
    settings: DeskSettings,
    token: Option<String>,
) -> IpcResult<DeskSettings> {
    desk.staff(Need::Admin)?;
    settings.validate()?;
    let typed = token.map(|t| t.trim().to_owned());
    let before = desk.with_db(|db| Ok(desk_settings::load(db.conn(), desk.default_lang)?))?;
    let reconnect = typed.is_some() || before.api_url != settings.api_url || before.gym_id != settings.gym_id;
    // The connection after saving: none when no address is given anywhere
    // (settings or environment), else checked against the server first.
    let blank = |u: &Option<String>| u.as_deref().map_or(true, |u| u.trim().is_empty());
    let unconfigured = blank(&settings.api_url) && blank(&std::env::var("FRONTDESK_API_URL").ok());
    let cfg = if !reconnect || unconfigured {
        None
    } else {
        let (d, s, t) = (desk.inner().clone(), settings.clone(), typed.clone().filter(|t| !t.is_empty()));
        let cfg =
            token_store::off_ui(move || crate::sync_config(&d, &s, t)).await.ok_or_else(keyring_call_failed)??;
        frontdesk::sync::probe::check(&cfg).await?;
        Some(cfg)
    };
    if let Some(t) = typed.clone() {
        token_store::off_ui(move || token_store::store(&t)).await.ok_or_else(keyring_call_failed)??;
    }
    desk.with_db(|db| Ok(db.write(|tx| desk_settings::save(tx, &settings))?))?;
    if before.camera != settings.camera {
        let app = app.clone();
        let _ = tauri::async_runtime::spawn_blocking(move || crate::camera::restart(&app)).await;
    }
    if reconnect {
        sync_service::stop(&desk).await;
        if let Some(cfg) = cfg {
            tracing::info!(api = %cfg.api_url, gym = cfg.gym_id, "settings saved: sync restarts with the new connection");
            sync_service::start(&app, cfg);
        }
    }
    get_settings(desk).await
}

fn keyring_call_failed() -> IpcError {
    token_store::unavailable("the call did not finish")
}

/// Replaces a damaged replica with the newest good backup (the damaged file
/// is kept aside) and reopens it.
#[tauri::command(rename_all = "snake_case")]
pub fn restore_backup(desk: DeskState) -> IpcResult<String> {
    desk.staff_only()?;
    desk.replace_db(Err(IpcError::new(ErrorCode::DbRestoring, "restoring from backup")));
    let used = frontdesk::db::backup::restore_latest(&desk.data_dir, desk.clock.now());
    desk.replace_db(frontdesk::db::Db::open_in_dir(&desk.data_dir).map_err(IpcError::from));
    let used = used?;
    desk.with_db(|_| Ok(()))?;
    Ok(used.display().to_string())
}

/// The support page for "Copy diagnostics": no token, no member codes.
#[tauri::command(rename_all = "snake_case")]
pub async fn diagnostics(desk: DeskState<'_>) -> IpcResult<String> {
    desk.staff_only()?;
    let token = token_store::off_ui(token_store::describe).await.unwrap_or_else(|| "the OS keyring call failed".into());
    let settings = desk.with_db(|db| Ok(desk_settings::load(db.conn(), desk.default_lang)?)).ok();
    let mut extra = vec![("program".to_owned(), "Front Desk app".to_owned())];
    if let Some(s) = &settings {
        extra.push(("api".into(), s.api_url.clone().unwrap_or_else(|| "not configured".into())));
        extra.push(("gym id".into(), s.gym_id.map_or("-".into(), |g| g.to_string())));
        extra.push(("token".into(), token));
    }
    extra.push((
        "camera".into(),
        match desk.camera_error.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            Some(e) => format!("ERROR {}: {}", e.code, e.message),
            None => "running".into(),
        },
    ));
    let page = |db: Result<&frontdesk::db::Db, String>, extra: Vec<(String, String)>| {
        frontdesk::diagnostics::collect(&frontdesk::diagnostics::Inputs {
            db,
            data_dir: &desk.data_dir,
            log_dir: &desk.log_dir,
            now: desk.clock.now(),
            extra,
        })
    };
    Ok(match desk.with_db(|db| Ok(page(Ok(db), extra.clone()))) {
        Ok(p) => p,
        Err(e) => page(Err(format!("{}: {}", e.code, e.message)), extra),
    })
}

/// The preview rate the window actually painted (frames it drew in `seconds`),
/// for the log: the rate Rust sends is not what staff see when the webview
/// cannot keep up. docs/PERFORMANCE.md reads this line.
#[tauri::command(rename_all = "snake_case")]
pub fn preview_painted(frames: u32, seconds: f64) -> IpcResult<()> {
    if seconds.is_finite() && seconds > 0.0 {
        tracing::info!(painted_fps = f64::from(frames) / seconds, frames, "preview painted frame rate");
    }
    Ok(())
}

/// The page's channel for the live preview: raw frames (`scan::preview`:
/// width and height as little-endian u16, then 8-bit grey), sent only while
/// something changes, and once a second when nothing does.
#[tauri::command(rename_all = "snake_case")]
pub fn watch_preview<R: tauri::Runtime>(app: tauri::AppHandle<R>, channel: Channel<InvokeResponseBody>) {
    crate::camera::watch(&app, channel);
}

/// The page says whether staff can see the preview: not while a verdict card
/// covers it or another screen is open. Out of sight, no preview frame is
/// made or sent (scanning goes on); back in sight, the next one goes at once.
#[tauri::command(rename_all = "snake_case")]
pub fn show_preview(desk: DeskState, shown: bool) {
    desk.preview_shown.store(shown, std::sync::atomic::Ordering::SeqCst);
}

/// The page painted the card of camera verdict `paint_id`: the log gets the
/// time from the code coming into view to the card on screen.
#[tauri::command(rename_all = "snake_case")]
pub fn verdict_painted(desk: DeskState, paint_id: u64) {
    if let Some((took, since)) = desk.paints.painted(paint_id) {
        tracing::info!(ms = took.as_secs_f64() * 1000.0, since = since.as_str(), "camera verdict painted");
    }
}

/// The page says whether staff left the scan screen (`held`) or came back.
/// While held, the demo camera's members wait (its frames go on); a real
/// camera is never held. Whether the demo camera is held now.
#[tauri::command(rename_all = "snake_case")]
pub fn hold_camera_check_ins(desk: DeskState, held: bool) -> bool {
    desk.demo_hold.set(held);
    held && desk.demo_camera.load(std::sync::atomic::Ordering::SeqCst)
}

#[tauri::command(rename_all = "snake_case")]
pub fn list_cameras() -> IpcResult<Vec<crate::camera::CameraInfo>> {
    crate::camera::list()
}

/// The day staff picked (YYYY-MM-DD), or today in the gym's zone when empty.
fn report_day(date: Option<String>) -> frontdesk::desk::DeskResult<Option<chrono::NaiveDate>> {
    date.filter(|d| !d.trim().is_empty()).map(|d| frontdesk::desk::parse_day(&d)).transpose()
}

/// A report's span: the day `date` (today when empty), or with `to` the
/// range from `date` to `to` (both days included).
#[derive(Clone, Copy)]
enum Span {
    Day(Option<chrono::NaiveDate>),
    Range(chrono::NaiveDate, chrono::NaiveDate),
}

fn span(date: Option<String>, to: Option<String>) -> frontdesk::desk::DeskResult<Span> {
    let from = report_day(date)?;
    Ok(match (from, report_day(to)?) {
        (_, None) => Span::Day(from),
        (Some(from), Some(to)) => Span::Range(from, to),
        (None, Some(_)) => {
            return Err(frontdesk::desk::DeskError::InvalidArgument("a range needs its first day".into()))
        }
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn report_html(desk: DeskState, date: Option<String>, to: Option<String>) -> IpcResult<String> {
    desk.staff(Need::Staff)?;
    let bytes = desk.desk(|d| match span(date, to)? {
        Span::Day(day) => d.render_report(day, Format::Html),
        Span::Range(from, to) => d.render_range_report(from, to, Format::Html),
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Exports a day's report (today when `date` is empty), or with `to` the
/// range report from `date` to `to`, where staff choose in
/// the OS save dialog, which opens in `~/Front Desk` with a name in the
/// desk's language. The path written, or `None` when staff cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_report<R: tauri::Runtime>(
    window: tauri::WebviewWindow<R>,
    desk: DeskState<'_>,
    date: Option<String>,
    to: Option<String>,
    format: String,
) -> IpcResult<Option<String>> {
    desk.staff(Need::Staff)?;
    let format: Format = format.parse().map_err(|e: String| IpcError::new(ErrorCode::InvalidArgument, e))?;
    let span = span(date, to)?;
    let suggestion = desk.desk(|d| match span {
        Span::Day(day) => d.report_save_suggestion(day, format),
        Span::Range(from, to) => d.range_save_suggestion(from, to, format),
    })?;
    let dir = frontdesk::paths::reports_dir(frontdesk::paths::home_dir().as_deref());
    let Some(path) = crate::save_dialog::ask(&window, &suggestion, dir).await? else { return Ok(None) };
    desk.desk(|d| match span {
        Span::Day(day) => d.export_report(day, format, &path),
        Span::Range(from, to) => d.export_range_report(from, to, format, &path),
    })?;
    Ok(Some(path.display().to_string()))
}
