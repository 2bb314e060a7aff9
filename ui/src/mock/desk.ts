// Why this file exists: TEST-ONLY. The mock's stand-in for the desk: it answers each command
// of docs/IPC.md from the canned fixtures (fixtures.ts) and keeps only the bookkeeping a real
// replica would show afterwards: a served check-in appears in the recent list and the class's
// count (queued while offline), a retried or dismissed parked item leaves the panel, saved
// settings are read back, a desk note added is listed until it is cleared. It decides nothing:
// which answer is served is looked up, by the request (code, member and session), by the
// alert actions the saved settings name, and by the scenario the test controls switched to.
// (A canned verdict does not follow the notes added here: Pablo's, 109, carries his canned note.)
// A report is the canned day or range page with the days asked for filled in; a range the core
// refuses (no first day, inverted, over 366 days) is refused with its error, as a note is.
// The kiosk (issue 15): `?kiosk=1` opens the desk as a kiosk with the canned PIN set; the kiosk
// flag, the PIN and the wrong tries are kept in sessionStorage, so a reload (leaving the kiosk)
// sees them as the real shell would; while a kiosk, every staff command is refused.
// Staff profiles and the shift (also issue 15) are kept by mock/staff.ts; what it says of who
// is on shift comes here to be recorded with a check-in by hand and a desk note.

import {
  BASE,
  CAMERAS,
  CAMERA_ERRORS,
  CLOCKS,
  DAMAGED_STATUS,
  DIAGNOSTICS,
  ERRORS,
  FIXTURES,
  KIOSK_MAX_TRIES,
  KIOSK_PIN,
  KIOSK_REFUSALS,
  MEMBERS,
  NOTES,
  RECENT,
  REASON,
  RESTORED_FROM,
  SEARCHES,
  SESSIONS,
  SETTINGS,
  STATUS,
  SYNC_OFFLINE,
  SYNC_ONLINE,
  iso,
  kioskVerdict,
  manualKey,
  type Answer,
  type ClockName,
  type MockFailure,
} from './fixtures';
import type { AppStatus, CheckInRow, DeskNote, IpcErrorData, KioskRefusal, KioskVerdict, OutboxItem, Settings, SyncStatus, Verdict } from '../types';

/** The commands a kiosk refuses with `forbidden` (src-tauri/src/commands.rs `staff_only`). */
export const STAFF_COMMANDS = [
  'check_in_code', 'check_in_member', 'search_members', 'recent_check_ins', 'outbox_items', 'retry_parked',
  'dismiss_parked', 'add_desk_note', 'clear_desk_note', 'member_notes', 'get_settings', 'save_settings',
  'report_html', 'export_report', 'restore_backup', 'diagnostics', 'enter_kiosk', 'set_kiosk_pin', 'kiosk_refusals',
] as const;

/** The mock's kiosk bookkeeping, kept across reloads of the page (sessionStorage). */
interface KioskState {
  on: boolean;
  pin: string | null;
  tries: number;
  lockedUntil: number;
}
const KIOSK_KEY = 'mock-kiosk';

/** Thrown (as a rejected command) with the error object the core (or the IPC) would send. */
export class CommandError {
  constructor(readonly data: IpcErrorData | MockFailure) {}
}

function unwrap<T>(a: Answer<T>): T {
  if ('err' in a) throw new CommandError(a.err);
  return a.ok;
}

let eventSeq = 0;

/** Who a check-in by hand records: the staff member on shift, and whose PIN approved an override. */
export interface Who {
  staff: string | null;
  approved_by: string | null;
}
const NOBODY: Who = { staff: null, approved_by: null };

export class MockDesk {
  private settings: Settings;
  private online = true;
  private offlineSince: string | null = null;
  private lastContact: string | null = SYNC_ONLINE.last_success_at;
  private clock: ClockName;
  private pull: SyncStatus['pull'] = null;
  private readonly sessions = structuredClone(SESSIONS);
  private readonly recent: CheckInRow[] = structuredClone(RECENT);
  /** The parked items still in the panel (their texts come from the fixtures, in the desk's language). */
  private parkedIds: string[];
  private queued = 0;
  /** Every desk note, open or cleared (cleared ones stay, as the core keeps them for reports). */
  private readonly notes: DeskNote[] = structuredClone(NOTES);
  private noteSeq = Math.max(0, ...NOTES.map((n) => n.id));
  private readonly kioskRefusalList: KioskRefusal[] = structuredClone(KIOSK_REFUSALS);

  constructor(private readonly params: URLSearchParams) {
    this.settings = { ...structuredClone(SETTINGS), lang: params.get('lang') === 'en' ? 'en' : 'es' };
    // `?token=keyring_unavailable` (or another TokenHeld): where the desk's token is.
    const token = params.get('token');
    if (token === 'keyring' || token === 'environment' || token === 'keyring_unavailable') this.settings.token = token;
    const clock = params.get('clock');
    this.clock = clock && clock in CLOCKS ? (clock as ClockName) : 'ok';
    this.parkedIds = FIXTURES[this.settings.lang].parked.map((p) => p.event_id);
  }

  /** The camera problem the page was opened with (`?camera_error=CODE`, a code of CAMERA_ERRORS; others play camera_failed). */
  get cameraError(): IpcErrorData | null {
    const code = this.params.get('camera_error');
    return code ? (CAMERA_ERRORS[code] ?? CAMERA_ERRORS.camera_failed) : null;
  }

  private get fixtures() {
    return FIXTURES[this.settings.lang];
  }

  // ---- commands ------------------------------------------------------------------------

  windowReady(): AppStatus {
    // `?db_error=1` plays a damaged replica until restore_backup runs.
    if (this.params.get('db_error') && !sessionStorage.getItem('restored')) {
      return { ...DAMAGED_STATUS, lang: this.settings.lang };
    }
    const k = this.kioskState;
    return {
      ...STATUS, lang: this.settings.lang, demo: this.params.get('demo') !== '0', camera_error: this.cameraError,
      kiosk: k.on, kiosk_pin_set: k.pin !== null,
    };
  }

  // ---- the kiosk -------------------------------------------------------------------------

  /** The kiosk state: as saved, else as the page was opened (`?kiosk=1`: a kiosk with the
   * canned PIN; `?kiosk_pin=1`: a staff desk with the canned PIN set). */
  private get kioskState(): KioskState {
    const saved = sessionStorage.getItem(KIOSK_KEY);
    if (saved) return JSON.parse(saved) as KioskState;
    const on = this.params.get('kiosk') === '1';
    return { on, pin: on || this.params.get('kiosk_pin') === '1' ? KIOSK_PIN : null, tries: 0, lockedUntil: 0 };
  }

  private set kioskState(k: KioskState) {
    sessionStorage.setItem(KIOSK_KEY, JSON.stringify(k));
  }

  /** Whether the desk is a kiosk now. */
  get kiosk(): boolean {
    return this.kioskState.on;
  }

  /** A staff command while a kiosk: refused as the core refuses it. */
  staffOnly(cmd: string): void {
    if (this.kiosk && (STAFF_COMMANDS as readonly string[]).includes(cmd)) throw new CommandError(ERRORS.kioskForbidden);
  }

  enterKiosk(): null {
    const k = this.kioskState;
    if (k.pin === null) throw new CommandError(ERRORS.kioskNoPin);
    this.kioskState = { ...k, on: true };
    return null;
  }

  /** `leave_kiosk`: the PIN set (the canned one by default); five wrong in a row lock it for a minute. */
  leaveKiosk(pin: string): null {
    const k = this.kioskState;
    if (k.pin === null) throw new CommandError(ERRORS.kioskNoPin);
    if (Date.now() < k.lockedUntil) throw new CommandError(ERRORS.kioskLocked);
    if (pin !== k.pin) {
      const tries = k.tries + 1;
      if (tries >= KIOSK_MAX_TRIES) {
        this.kioskState = { ...k, tries: 0, lockedUntil: Date.now() + 60_000 };
        throw new CommandError(ERRORS.kioskLocked);
      }
      this.kioskState = { ...k, tries };
      throw new CommandError(ERRORS.kioskWrongPin(KIOSK_MAX_TRIES - tries));
    }
    this.kioskState = { ...k, on: false, tries: 0, lockedUntil: 0 };
    return null;
  }

  setKioskPin(pin: string): null {
    if (!/^\d{4,6}$/.test(pin)) throw new CommandError(ERRORS.kioskPinInvalid);
    this.kioskState = { ...this.kioskState, pin };
    return null;
  }

  /** `kiosk_check_in_code` (and `kiosk-verdict` events): the canned kiosk answer; a refusal is
   * listed for `kiosk_refusals`, as the core records it. */
  kioskCheckIn(code: string): KioskVerdict {
    const { verdict, member } = kioskVerdict(code, this.settings.lang);
    if (!verdict.success && verdict.code !== 'already_checked_in' && verdict.code !== 'already_inside') {
      this.kioskRefusalList.unshift({
        id: Math.max(0, ...this.kioskRefusalList.map((r) => r.id)) + 1,
        at: iso(Date.now()),
        member_id: member,
        member_name: member ? MEMBERS[member].name : null,
        code: verdict.code,
        alerts: verdict.code === 'membership_inactive' ? ['membership_inactive'] : [],
      });
    }
    return verdict;
  }

  kioskRefusals(limit: number): KioskRefusal[] {
    return structuredClone(this.kioskRefusalList.slice(0, limit));
  }

  restoreBackup(): string {
    sessionStorage.setItem('restored', '1');
    return RESTORED_FROM;
  }

  /** The canned answer for `key` under the alert actions saved: a table of the alerts set to
   * block first (where its answer differs), else the warn-only one. */
  private byPolicy<T>(key: string, blocking: Record<string, T>, noteBlocking: Record<string, T>, plain: Record<string, T>): T | undefined {
    const actions = this.settings.alerts.actions;
    return (
      (actions.membership_inactive === 'block' ? blocking[key] : undefined) ??
      (actions.desk_note === 'block' ? noteBlocking[key] : undefined) ??
      plain[key]
    );
  }

  /** `check_in_code`: the canned verdict for this code; the method is the request's. */
  checkInCode(code: string, method: 'camera' | 'scanner'): Verdict {
    const fx = this.fixtures;
    const answer = this.byPolicy(code, fx.scansBlocking, fx.scansNoteBlocking, fx.scans) ?? fx.unknownCode;
    return this.served({ ...unwrap(answer), method });
  }

  /** `check_in_member`: the canned verdict for this member, session and (no) reason; `who` is
   * whoever was on shift and approved an override (mock/staff.ts), recorded with a success. */
  checkInMember(memberId: number, sessionId: number | null, reason: string | null, who: Who = NOBODY): Verdict {
    const fx = this.fixtures;
    const key = manualKey(memberId, sessionId, reason !== null);
    const answer = this.byPolicy(key, fx.manualBlocking, fx.manualNoteBlocking, fx.manual);
    if (!answer) {
      throw new CommandError(ERRORS.noFixture(`check_in_member(member ${memberId}, session ${sessionId ?? 'auto'})`));
    }
    const v = unwrap(answer);
    // The core echoes the reason staff typed into the override warning.
    const warnings = v.warnings.map((w) =>
      w.code === 'override' && reason
        ? { ...w, reason, message: w.message.replace(REASON, reason) }
        : w,
    );
    return this.served({ ...v, warnings }, who);
  }

  /** A served verdict gets its time and event id, and a success is recorded as the replica
   * would (with who entered it by hand and who approved it, when the desk has staff profiles). */
  private served(v: Verdict, who: Who = NOBODY): Verdict {
    const out: Verdict = {
      ...structuredClone(v),
      at: iso(Date.now()),
      event_id: v.success ? `ev-mock-${++eventSeq}` : null,
    };
    if (out.success && out.member && out.session) {
      const s = this.sessions.find((x) => x.id === out.session!.id);
      if (s) s.attended++;
      if (!this.online) this.queued++;
      this.recent.unshift({
        event_id: out.event_id, at: out.at, member_id: out.member.id, member_name: out.member.name,
        session_id: out.session.id, class_name: out.session.class_name, method: out.method, success: true,
        code: out.code, warnings: out.warnings.map((w) => w.code), sync_state: this.online ? 'sent' : 'queued',
        clock_flag: null, staff: who.staff, approved_by: who.approved_by,
      });
    }
    return out;
  }

  searchMembers(query: string, limit: number) {
    return (SEARCHES[query] ?? []).slice(0, limit).map((id) => structuredClone(MEMBERS[id]));
  }

  todaySessions() {
    return structuredClone(this.sessions);
  }

  recentCheckIns(limit: number) {
    return structuredClone(this.recent.slice(0, limit));
  }

  syncStatus(): SyncStatus {
    const base = this.online
      ? SYNC_ONLINE
      : { ...SYNC_OFFLINE, offline_since: this.offlineSince, last_success_at: this.lastContact };
    return { ...structuredClone(base), queued: this.queued, parked: this.parkedIds.length, clock: CLOCKS[this.clock], pull: this.pull };
  }

  outboxItems(state: string | null): OutboxItem[] {
    const parked = this.fixtures.parked.filter((p) => this.parkedIds.includes(p.event_id));
    return state === 'parked' || state === null ? structuredClone(parked) : [];
  }

  /** `retry_parked` / `dismiss_parked`: the item leaves the panel (a retried one is queued again). */
  resolveParked(eventId: string, retry: boolean): null {
    if (!this.parkedIds.includes(eventId)) throw new CommandError(ERRORS.notParked(eventId));
    this.parkedIds = this.parkedIds.filter((id) => id !== eventId);
    if (retry) this.queued++;
    return null;
  }

  /** `add_desk_note`: kept as the core keeps it (one line, trimmed), or refused as the core
   * refuses it (`invalid_argument`: no text, over 280 characters, or no such member). */
  addDeskNote(memberId: number, text: string, staff: string | null = null): DeskNote {
    if (!MEMBERS[memberId]) throw new CommandError(ERRORS.noteUnknownMember(memberId));
    const line = text.split(/\s+/).filter(Boolean).join(' ');
    const n = [...line].length;
    if (n === 0) throw new CommandError(ERRORS.noteEmpty);
    if (n > 280) throw new CommandError(ERRORS.noteTooLong(n));
    const note: DeskNote = {
      id: ++this.noteSeq, member_id: memberId, text: line, device_id: 'desk-mock', staff,
      created_at: iso(Date.now()), cleared_at: null, cleared_by_device: null, cleared_by_staff: null,
    };
    this.notes.push(note);
    return structuredClone(note);
  }

  /** `clear_desk_note`: the note leaves the open list (`not_found` when it is not open). */
  clearDeskNote(noteId: number, staff: string | null = null): null {
    const note = this.notes.find((n) => n.id === noteId && n.cleared_at === null);
    if (!note) throw new CommandError(ERRORS.noteNotOpen(noteId));
    note.cleared_at = iso(Date.now());
    note.cleared_by_device = 'desk-mock';
    note.cleared_by_staff = staff;
    return null;
  }

  /** `member_notes`: the member's open notes, oldest first. */
  memberNotes(memberId: number): DeskNote[] {
    return structuredClone(
      this.notes
        .filter((n) => n.member_id === memberId && n.cleared_at === null)
        .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id),
    );
  }

  getSettings(): Settings {
    return structuredClone(this.settings);
  }

  saveSettings(s: Settings, token: string | null): Settings {
    // The core's DeskSettings::validate bound of the idle lock.
    if (!Number.isInteger(s.idle_lock_minutes) || s.idle_lock_minutes < 0 || s.idle_lock_minutes > 480)
      throw new CommandError({ code: 'invalid_argument', message: 'the idle lock is 0 to 480 minutes' });
    this.settings = { ...structuredClone(s), token: token !== null ? 'keyring' : this.settings.token };
    return this.getSettings();
  }

  diagnostics(): string {
    return DIAGNOSTICS;
  }

  listCameras() {
    return structuredClone(CAMERAS);
  }

  /** `hold_camera_check_ins`: a demo desk (the default) runs the demo camera, which is held. */
  holdCamera(held: boolean): boolean {
    return held && this.params.get('demo') !== '0';
  }

  /** The range `date`..=`to` when `to` names one (an empty `to` is a day report, as in the
   * core), or null; a range the core refuses is refused with its error. */
  private range(date: string | null, to: string | null | undefined): { from: string; to: string } | null {
    if (!to || !to.trim()) return null;
    if (!date || !date.trim()) throw new CommandError(ERRORS.rangeNeedsStart);
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000 + 1;
    if (days < 1) throw new CommandError(ERRORS.rangeInverted(date, to));
    if (days > 366) throw new CommandError(ERRORS.rangeTooLong(days));
    return { from: date, to };
  }

  /** What the OS save dialog would return: the suggested file in ~/Front Desk (a day's, or with
   * `to` the range's `…-FROM_TO.FORMAT`), or null with `?save=cancel` (staff closed the dialog).
   * As in the core, the dialog comes before the range is checked. */
  exportReport(date: string | null, format: string, to?: string | null): string | null {
    if (this.params.get('save') === 'cancel') return null;
    const stem = this.settings.lang === 'en' ? 'attendance' : 'asistencia';
    const range = this.range(date, to);
    if (range) return `~/Front Desk/${stem}-${range.from}_${range.to}.${format}`;
    const day = date ?? new Date(BASE).toISOString().slice(0, 10);
    return `~/Front Desk/${stem}-${day}.${format}`;
  }

  /** The canned day report, or with `to` the canned range report, with the days asked for. */
  reportHtml(date: string | null, to?: string | null): string {
    const range = this.range(date, to);
    if (range) return this.fixtures.rangeReportHtml.replaceAll('{from}', range.from).replaceAll('{to}', range.to);
    return this.fixtures.reportHtml.replaceAll('{date}', date ?? new Date(BASE).toISOString().slice(0, 10));
  }

  // ---- scenarios the test controls switch to --------------------------------------------

  /** Offline: the server last answered at `lastContact` (null: never); the desk noticed now. */
  setOnline(online: boolean, lastContact?: string | null): void {
    this.online = online;
    this.offlineSince = online ? null : iso(Date.now());
    if (!online && lastContact !== undefined) this.lastContact = lastContact;
    if (online) {
      // Back online, the queue is sent.
      this.queued = 0;
      for (const r of this.recent) if (r.sync_state === 'queued') r.sync_state = 'sent';
    }
  }

  setClock(name: ClockName): void {
    if (!(name in CLOCKS)) throw new Error(`no canned clock ${name}; one of ${Object.keys(CLOCKS).join(', ')}`);
    this.clock = name;
  }

  setPull(pull: SyncStatus['pull']): void {
    this.pull = pull;
  }

  cameraErrorFor(code: string): IpcErrorData {
    const err = CAMERA_ERRORS[code];
    if (!err) throw new Error(`no canned camera error ${code}; one of ${Object.keys(CAMERA_ERRORS).join(', ')}`);
    return err;
  }
}
