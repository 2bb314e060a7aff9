// Why this file exists: the ONLY module that talks to Rust (invoke/listen). Every command
// and event of docs/IPC.md has one typed function here, so the rest of the UI never sees
// raw IPC names or argument shapes, and every failure arrives as an IpcError.

import { Channel, invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  AppStatus,
  CameraInfo,
  CheckInRow,
  DeskNote,
  IpcErrorData,
  KioskRefusal,
  KioskVerdict,
  KioskVerdictEvent,
  MemberHit,
  OutboxItem,
  AlreadyRead,
  ReportFormat,
  SessionRow,
  Settings,
  ShiftView,
  StaffMember,
  StaffRole,
  SyncState,
  SyncStatus,
  Verdict,
  ErrorCode,
} from './types';
import { parsePreviewFrame, type PreviewFrame } from './preview-frame';

export type { UnlistenFn };

/** The codes a command can fail with: the core's, and `internal` for a failure of the IPC itself. */
export type FailureCode = ErrorCode | 'internal';

/** A command failure: `{code, message}` as Rust sent it. Match on `code`, never on `message`. */
export class IpcError extends Error {
  readonly code: FailureCode;
  constructor(code: FailureCode, message: string) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
  }
}

/** Normalises anything a rejected invoke may carry into an IpcError. */
export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcError) return e;
  if (e && typeof e === 'object' && typeof (e as IpcErrorData).code === 'string') {
    const d = e as IpcErrorData;
    return new IpcError(d.code, typeof d.message === 'string' ? d.message : d.code);
  }
  if (typeof e === 'string') return new IpcError('internal', e);
  if (e instanceof Error) return new IpcError('internal', e.message);
  return new IpcError('internal', String(e));
}

/** Who hears of every failed command (the app: `desk_locked` opens the sign-in dialog). */
let failureHook: ((err: IpcError, cmd: string) => void) | null = null;

/** Sets the one listener told of every failed command (the caller still gets the error, and
 * handles it as before). `null` removes it. */
export function onCommandFailure(h: ((err: IpcError, cmd: string) => void) | null): void {
  failureHook = h;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    const err = toIpcError(e);
    if (failureHook) {
      const hook = failureHook;
      queueMicrotask(() => hook(err, cmd));
    }
    throw err;
  }
}

// ---- commands -------------------------------------------------------------------------

export const windowReady = () => call<AppStatus>('window_ready');

export const checkInCode = (code: string, method: 'camera' | 'scanner') =>
  call<Verdict>('check_in_code', { code, method });

/** With `overrideReason`, a refusal is let through as an override; on a desk with staff
 * profiles it needs `approvalPin`, the PIN of a supervisor or an admin (`approval_required`
 * without it, `unauthorized` for a PIN that may not approve, `rate_limited` after five wrong). */
export const checkInMember = (
  memberId: number,
  sessionId: number | null,
  overrideReason: string | null,
  approvalPin: string | null = null,
) =>
  call<Verdict>('check_in_member', {
    member_id: memberId,
    session_id: sessionId,
    override_reason: overrideReason,
    approval_pin: approvalPin,
  });

export const searchMembers = (query: string, limit = 20) =>
  call<MemberHit[]>('search_members', { query, limit });

export const todaySessions = () => call<SessionRow[]>('today_sessions');

export const recentCheckIns = (limit = 12) => call<CheckInRow[]>('recent_check_ins', { limit });

export const syncStatus = () => call<SyncStatus>('sync_status');

export const outboxItems = (state: SyncState | null) =>
  call<OutboxItem[]>('outbox_items', { state });

export const retryParked = (eventId: string) =>
  call<null>('retry_parked', { event_id: eventId });

export const dismissParked = (eventId: string, note: string) =>
  call<null>('dismiss_parked', { event_id: eventId, note });

/** Leaves a note on a member at this desk (1-280 characters, one line; `invalid_argument`
 * otherwise): it shows on each of their check-ins until cleared. GymAPI never sees it. */
export const addDeskNote = (memberId: number, text: string) =>
  call<DeskNote>('add_desk_note', { member_id: memberId, text });

/** Clears an open note (`not_found` when it was already cleared). */
export const clearDeskNote = (noteId: number) => call<null>('clear_desk_note', { note_id: noteId });

/** The member's open notes, oldest first. */
export const memberNotes = (memberId: number) => call<DeskNote[]>('member_notes', { member_id: memberId });

export const getSettings = () => call<Settings>('get_settings');

/** `token` is null to keep the stored token; a string replaces it in the OS keyring. */
export const saveSettings = (settings: Settings, token: string | null) =>
  call<Settings>('save_settings', { settings, token });

export const listCameras = () => call<CameraInfo[]>('list_cameras');

/** Staff left the scan screen (`held`) or came back: the demo camera's members wait while held.
 * Whether the demo camera is held now (a real camera never is). */
export const holdCameraCheckIns = (held: boolean) => call<boolean>('hold_camera_check_ins', { held });

/** The live preview: `h` gets each frame Rust sends over the channel (raw grey bytes, only
 * while the picture changes, once a second when it does not). Calling it again (a reloaded
 * page) replaces the channel. A message that is not a frame is skipped. */
export async function watchPreview(h: (f: PreviewFrame) => void): Promise<void> {
  const channel = new Channel<ArrayBuffer>((message) => {
    const f = parsePreviewFrame(message);
    if (f) h(f);
  });
  await call<null>('watch_preview', { channel });
}

/** Whether staff can see the preview now (no verdict card over it, the scan screen open).
 * Out of sight Rust makes and sends no preview frame; back in sight the next one comes at once. */
export const showPreview = (shown: boolean) => call<null>('show_preview', { shown });

/** The card of camera verdict `paintId` is on screen: the log gets camera-to-screen time. */
export const verdictPainted = (paintId: number) => call<null>('verdict_painted', { paint_id: paintId });

/** Tells the log how many preview frames the window painted in `seconds`. */
export const previewPainted = (frames: number, seconds: number) =>
  call<null>('preview_painted', { frames, seconds });

/** The support page (versions, paths, queue, sync, clock, recent log), without secrets. */
export const diagnostics = () => call<string>('diagnostics');

/** Replaces a damaged replica with the newest good backup; returns the backup used. */
export const restoreBackup = () => call<string>('restore_backup');

/** The print view of the day `date` (today when null); with `to`, of the range report from
 * `date` to `to`, both included (YYYY-MM-DD, at most 366 days, `invalid_argument` otherwise).
 * `to` is sent only for a range, so a day report asks exactly what it always asked. */
export const reportHtml = (date: string | null, to?: string | null) =>
  call<string>('report_html', to ? { date, to } : { date });

/** Opens the OS save dialog and writes the report (the day's, or with `to` the range's) where
 * staff chose: the path written, or null when they cancelled. The page never names the path. */
export const exportReport = (date: string | null, format: ReportFormat, to?: string | null) =>
  call<string | null>('export_report', to ? { date, to, format } : { date, format });

// ---- the self check-in kiosk (issue 15) ---------------------------------------------------

/** Staff turn this desk into a kiosk (`config` when no kiosk PIN is set). From then on every
 * staff command fails with `forbidden` and camera scans come as `kiosk-verdict` events. */
export const enterKiosk = () => call<null>('enter_kiosk');

/** Back to the staff desk with the kiosk PIN: `unauthorized` (wrong PIN), `rate_limited`
 * (a minute after five wrong ones), `config` (no PIN set). */
export const leaveKiosk = (pin: string) => call<null>('leave_kiosk', { pin });

/** Sets the kiosk PIN (4-6 digits, `invalid_argument` otherwise; `forbidden` in kiosk mode). */
export const setKioskPin = (pin: string) => call<null>('set_kiosk_pin', { pin });

/** A USB scanner burst at the kiosk: checked in as any scan, answered as the kiosk shows it. */
export const kioskCheckInCode = (code: string) => call<KioskVerdict>('kiosk_check_in_code', { code });

/** Who the kiosk turned away, newest first (staff only). */
export const kioskRefusals = (limit = 20) => call<KioskRefusal[]>('kiosk_refusals', { limit });

// ---- staff profiles and the shift (issue 15) ----------------------------------------------
// A desk with no profiles asks nothing (`ShiftView.profiles` false). With profiles, every staff
// command but scanning fails with `desk_locked` until someone signs in, and admin work with
// `admin_required` until an admin's PIN is given. A wrong PIN anywhere is `unauthorized`, and
// after five in a row `rate_limited` for a minute.

/** Who is on shift, whether the desk is locked, whether admin work is allowed, the idle lock. */
export const shiftStatus = () => call<ShiftView>('shift_status');

/** The staff profiles in use, by name (open while locked: the sign-in list). */
export const listStaff = () => call<StaffMember[]>('list_staff');

/** `staffId` signs in with their PIN (`not_found` for a profile no longer in use). */
export const staffSignIn = (staffId: number, pin: string) =>
  call<ShiftView>('staff_sign_in', { staff_id: staffId, pin });

/** The lock key: the desk goes back to scanning only. */
export const lockDesk = () => call<ShiftView>('lock_desk');

/** Staff pressed a key or clicked (sent at most every 30 s): the idle time starts over. */
export const staffActivity = () => call<ShiftView>('staff_activity');

/** An admin's PIN (to open Settings): admin work is allowed until the desk locks, someone
 * signs in, or `endAdmin`. */
export const adminPin = (pin: string) => call<ShiftView>('admin_pin', { pin });

/** Staff left Settings: admin work needs an admin's PIN again. */
export const endAdmin = () => call<ShiftView>('end_admin');

/** Adds a profile (admin work; the first must be an admin's, who is then on shift). */
export const addStaff = (name: string, role: StaffRole, pin: string) =>
  call<StaffMember>('add_staff', { name, role, pin });

/** Changes a profile's role and, with `pin`, its PIN (null keeps it). */
export const updateStaff = (staffId: number, role: StaffRole, pin: string | null) =>
  call<StaffMember>('update_staff', { staff_id: staffId, role, pin });

/** Takes a profile out of use (what it recorded stays); the last one opens the desk again. */
export const removeStaff = (staffId: number) => call<null>('remove_staff', { staff_id: staffId });

// ---- events ---------------------------------------------------------------------------

function on<T>(event: string, handler: (payload: T) => void): Promise<UnlistenFn> {
  return listen<T>(event, (e) => handler(e.payload));
}

export const onVerdict = (h: (v: Verdict) => void) => on<Verdict>('verdict', h);
export const onSyncStatus = (h: (s: SyncStatus) => void) => on<SyncStatus>('sync-status', h);
/** A card shown to the camera again inside the re-scan window: nothing was checked in. */
export const onAlreadyRead = (h: (e: AlreadyRead) => void) => on<AlreadyRead>('already-read', h);
export const onCameraError = (h: (e: IpcErrorData) => void) => on<IpcErrorData>('camera-error', h);
/** A camera scan while the desk is a kiosk (instead of `verdict`). */
export const onKioskVerdict = (h: (v: KioskVerdictEvent) => void) => on<KioskVerdictEvent>('kiosk-verdict', h);
