// Why this file exists: TEST-ONLY canned answers of the Rust core, for the mock backend. Each
// constant is what the real core returns (src/checkin.rs, src/desk.rs, src/views.rs,
// src-tauri/src/commands.rs, docs/IPC.md) for one fixture gym at the fixture's "now", typed
// with the IPC types of ../types so tsc checks their shape. Nothing here decides anything:
// the verdicts are written out per scanned code and per member and session, as the core's
// rules (src/domain/rules.rs) answer them for these facts. A new case is a new row.
//
// The fixture day: classes are laid out around the quarter hour the page loaded in (BASE), so
// Yoga (9002) started 15 to 30 minutes ago and is the one class in the core's check-in window
// (±30 minutes around the start); Spinning (9001) is over, Pilates, Boxeo (cancelled) and
// CrossFit are later. Sofía (107) is already checked in to Yoga; José, Lucía, Carmen and
// Javier (102, 103, 105, 106) to Spinning. The alert catalogue's cases: it is Elena's (108)
// birthday, Pablo (109) has a desk note ("firma pendiente"), and Rosa's (110) data is from a
// pull 30 hours old.

import type {
  AlertPolicy,
  AppStatus,
  CameraInfo,
  CheckInRow,
  ClockSummary,
  DeskNote,
  IpcErrorData,
  KioskRefusal,
  KioskVerdict,
  Lang,
  MemberHit,
  Method,
  OutboxItem,
  SessionRow,
  Settings,
  SyncStatus,
  Verdict,
  VerdictCode,
  VerdictWarning,
} from '../types';

/**
 * A failure that is not the core's (so not one of its error codes): the IPC call itself
 * failing, or the mock lacking an answer.
 */
export interface MockFailure {
  code: 'internal' | 'mock_no_fixture' | 'unknown_command';
  message: string;
}

/** A command's canned answer: its value, or the error it rejects with. */
export type Answer<T> = { ok: T } | { err: IpcErrorData | MockFailure };

const MIN = 60_000;
/** The quarter hour the page loaded in: the fixture day is laid out around it. */
export const BASE = Math.floor(Date.now() / (15 * MIN)) * 15 * MIN;
/** A time as the core serialises it (RFC 3339, UTC, no zero fraction). */
export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

// ---- the gym, its members and today's classes --------------------------------------------

export const GYM = { id: 1, name: 'Gimnasio Demo Centro', timezone: 'Europe/Madrid' };

const PORTRAIT =
  'data:image/svg+xml,' +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9fb7c9"/><stop offset="1" stop-color="#5d7a91"/></linearGradient></defs><rect width="120" height="120" fill="url(#g)"/><circle cx="60" cy="48" r="22" fill="#e9c3a4"/><path d="M38 44c0-18 10-26 22-26s24 8 22 30c-4-10-10-14-22-14s-18 2-22 10z" fill="#3b2a20"/><path d="M18 120c2-26 20-38 42-38s40 12 42 38z" fill="#c0392b"/></svg>`,
  );

/** The members as `search_members` returns them. */
export const MEMBERS: Record<number, MemberHit> = {
  101: { id: 101, name: 'María López García', email: 'maria.lopez@example.com', picture: PORTRAIT,
    membership: { is_active: true, type: 'Mensual', expires_at: '2027-01-31T23:00:00Z' } },
  102: { id: 102, name: 'José Pérez Ruiz', email: 'jose.perez@example.com', picture: null,
    membership: { is_active: true, type: 'Trimestral', expires_at: '2026-10-31T23:00:00Z' } },
  103: { id: 103, name: 'Lucía Fernández', email: 'lucia.f@example.com', picture: null,
    membership: { is_active: true, type: 'Anual', expires_at: '2027-06-30T22:00:00Z' } },
  104: { id: 104, name: 'Andrés Núñez', email: 'andres.nunez@example.com', picture: null,
    membership: { is_active: false, type: 'Mensual', expires_at: null } },
  105: { id: 105, name: 'Carmen Ruiz Soto', email: 'carmen.ruiz@example.com', picture: null,
    membership: { is_active: true, type: 'Bono 10', expires_at: null } },
  106: { id: 106, name: 'Javier López Sánchez', email: 'javi.lopez@example.com', picture: null,
    membership: { is_active: true, type: 'Mensual', expires_at: '2026-12-31T23:00:00Z' } },
  // No stored code (a scan is accepted by id alone) and no membership.
  107: { id: 107, name: 'Sofía Martín', email: null, picture: null, membership: null },
  // Her birthday is today (an alert the gym allows by default: a note on a green card).
  108: { id: 108, name: 'Elena Torres Vidal', email: 'elena.torres@example.com', picture: null,
    membership: { is_active: true, type: 'Anual', expires_at: '2027-03-31T22:00:00Z' } },
  // Staff left a desk note on him (an alert that warns by default: an amber card).
  109: { id: 109, name: 'Pablo Gil Moreno', email: 'pablo.gil@example.com', picture: null,
    membership: { is_active: true, type: 'Mensual', expires_at: '2027-01-31T23:00:00Z' } },
  // Checked against member data the desk last pulled 30 hours ago (stale data: warns by default).
  110: { id: 110, name: 'Rosa Díaz Peña', email: 'rosa.diaz@example.com', picture: null,
    membership: { is_active: true, type: 'Mensual', expires_at: '2027-01-31T23:00:00Z' } },
};

/** The codes printed on the members' cards (107 has none stored: any `U107_…` is hers). */
export const CODES = {
  maria: 'U101_7f3a9c',
  jose: 'U102_b81d44',
  lucia: 'U103_c0ffee',
  andres: 'U104_aa11bb',
  carmen: 'U105_5e5e5e',
  javier: 'U106_123abc',
  sofia: 'U107_s0f1a',
  elena: 'U108_e1e7a0',
  pablo: 'U109_9ab10c',
  rosa: 'U110_r05a11',
} as const;

/** Pablo's (109) open desk note, as `member_notes` lists it at load (staff's own words: not
 * translated). */
export const NOTE_TEXT = 'Firma pendiente del consentimiento: pedírsela hoy';
export const NOTES: DeskNote[] = [
  { id: 1, member_id: 109, text: NOTE_TEXT, device_id: 'desk-mock', staff: null,
    created_at: iso(BASE - 2 * 24 * 60 * MIN), cleared_at: null, cleared_by_device: null, cleared_by_staff: null },
];

/** When the desk last pulled member data from the server (the verdicts' `data_as_of`) for the
 * alert cases; Rosa's (110) is 30 hours old, past the default 24 hours: stale. */
export const DATA_AS_OF = iso(BASE - 4 * MIN);
export const STALE_AS_OF = iso(BASE - 30 * 60 * MIN);

/** `today_sessions`. */
export const SESSIONS: SessionRow[] = [
  { id: 9001, class_name: 'Spinning', start_time: iso(BASE - 120 * MIN), end_time: iso(BASE - 75 * MIN),
    room: 'Sala 1', status: 'completed', capacity: 20, registered: 18, attended: 15 },
  { id: 9002, class_name: 'Yoga', start_time: iso(BASE - 15 * MIN), end_time: iso(BASE + 45 * MIN),
    room: 'Sala 2', status: 'in_progress', capacity: 16, registered: 12, attended: 5 },
  { id: 9003, class_name: 'Pilates', start_time: iso(BASE + 60 * MIN), end_time: iso(BASE + 115 * MIN),
    room: 'Sala 2', status: 'scheduled', capacity: 12, registered: 9, attended: 0 },
  { id: 9004, class_name: 'Boxeo', start_time: iso(BASE + 180 * MIN), end_time: iso(BASE + 240 * MIN),
    room: 'Ring', status: 'cancelled', capacity: 14, registered: 6, attended: 0 },
  { id: 9005, class_name: 'CrossFit', start_time: iso(BASE + 300 * MIN), end_time: iso(BASE + 360 * MIN),
    room: 'Box', status: 'scheduled', capacity: null, registered: 20, attended: 0 },
];
const session = (id: number) => SESSIONS.find((s) => s.id === id)!;

/** `recent_check_ins` at load, newest first: the core lists check-ins recorded, never refusals. */
export const RECENT: CheckInRow[] = [
  row(107, 9002, 'manual', [], 'sent', BASE - 16 * MIN, 'ev-107-9002'),
  row(102, 9001, 'camera', ['membership_expired'], 'sent', BASE - 92 * MIN, 'ev-102-9001'),
  row(103, 9001, 'camera', [], 'sent', BASE - 95 * MIN, 'ev-103-9001'),
  row(106, 9001, 'scanner', [], 'parked', BASE - 100 * MIN, 'ev-p2'),
  { ...row(105, 9001, 'camera', [], 'parked', BASE - 110 * MIN, 'ev-p1'), clock_flag: 'skew' },
];

function row(memberId: number, sessionId: number, method: Method, warnings: string[],
  state: CheckInRow['sync_state'], at: number, eventId: string): CheckInRow {
  return {
    event_id: eventId, at: iso(at), member_id: memberId, member_name: MEMBERS[memberId].name,
    session_id: sessionId, class_name: session(sessionId).class_name, method, success: true,
    code: 'checked_in', warnings, sync_state: state, clock_flag: null, staff: null, approved_by: null,
  };
}

// ---- status, settings, cameras, errors ----------------------------------------------------

/** `window_ready` (the mock's `?demo=0`, `?camera_error=CODE` and `?db_error=1` pick variants). */
export const STATUS: AppStatus = {
  version: '0.1.0-mock',
  demo: true,
  gym: GYM,
  lang: 'es',
  data_dir: '~/.local/share/frontdesk',
  log_dir: '~/.local/state/frontdesk/logs',
  camera_error: null,
  kiosk: false,
  kiosk_pin_set: false,
  db_error: null,
  backups: 1,
};

/** `window_ready` on a replica that cannot be opened. */
export const DAMAGED_STATUS: AppStatus = {
  ...STATUS,
  gym: null,
  db_error: { code: 'db_corrupt', message: 'the database at ~/.local/share/frontdesk/frontdesk.db is not a valid Front Desk database or is damaged: file is not a database' },
};

/** A camera `verdict` event's frame-to-verdict time (`scan_ms`), in ms. */
export const CAMERA_SCAN_MS = 38;

/** `restore_backup`. */
export const RESTORED_FROM = '~/.local/share/frontdesk/backups/frontdesk-20261128T040000.000Z.db';

/** The alert catalogue's defaults (src/domain/alerts.rs `AlertPolicy::default`). */
export const DEFAULT_ALERTS: AlertPolicy = {
  actions: {
    membership_inactive: 'warn',
    membership_expired: 'warn',
    membership_expiring: 'allow',
    user_inactive: 'warn',
    no_stored_code: 'warn',
    new_member: 'allow',
    birthday: 'allow',
    desk_note: 'warn',
    stale_data: 'warn',
  },
  expiring_within_days: 7,
  new_member_days: 14,
  stale_after_hours: 24,
};

/** `get_settings` on a fresh desk (the demo camera, no central API). */
export const SETTINGS: Settings = {
  camera: { index: 0, name: 'Integrated Camera', width: 1280, height: 720, fps: 30, mirrored: true, source: 'demo' },
  api_url: null,
  gym_id: null,
  token: 'none',
  lang: 'es',
  sound: true,
  alerts: DEFAULT_ALERTS,
  rescan_window_secs: 120,
  already_inside_minutes: 0,
  idle_lock_minutes: 10,
};

/** `list_cameras`. */
export const CAMERAS: CameraInfo[] = [
  { index: 0, name: 'Integrated Camera' },
  { index: 1, name: 'Logitech C920 HD Pro' },
];

/** `camera-error` payloads (and `window_ready.camera_error`), as src/scan/source.rs words them. */
export const CAMERA_ERRORS: Record<string, IpcErrorData> = {
  camera_not_found: { code: 'camera_not_found', message: 'camera 0 not found; available: none' },
  camera_busy: { code: 'camera_busy', message: 'camera Integrated Camera is busy (used by another program): Device or resource busy (os error 16)' },
  camera_permission_denied: { code: 'camera_permission_denied', message: 'permission to use camera Integrated Camera was denied: Permission denied (os error 13)' },
  camera_lost: { code: 'camera_lost', message: 'camera Integrated Camera was lost: No such device (os error 19)' },
  camera_failed: { code: 'camera_failed', message: 'camera Integrated Camera failed: Input/output error (os error 5)' },
};

/** Errors commands reject with (src/desk.rs `DeskError`, src/error.rs). */
export const ERRORS = {
  notParked: (eventId: string): IpcErrorData => ({ code: 'not_found', message: `no parked check-in ${eventId}` }),
  overrideNeedsSession: { code: 'invalid_argument', message: 'an override needs a session' } satisfies IpcErrorData,
  /** `add_desk_note` with no text, or too much (src/db/desk_notes.rs `clean`). */
  noteEmpty: { code: 'invalid_argument', message: 'a note needs some text' } satisfies IpcErrorData,
  noteTooLong: (n: number): IpcErrorData => ({ code: 'invalid_argument', message: `a note is at most 280 characters (${n} given)` }),
  noteUnknownMember: (id: number): IpcErrorData => ({ code: 'invalid_argument', message: `no member ${id}` }),
  /** `report_html` / `export_report` with `to` but no first day, or a range the core refuses
   * (src-tauri/src/commands.rs `span`, src/report/range/mod.rs `RangeParams::validate`). */
  rangeNeedsStart: { code: 'invalid_argument', message: 'a range needs its first day' } satisfies IpcErrorData,
  rangeInverted: (from: string, to: string): IpcErrorData => ({
    code: 'invalid_argument', message: `the range ends (${to}) before it starts (${from})`,
  }),
  rangeTooLong: (days: number): IpcErrorData => ({
    code: 'invalid_argument', message: `a range report covers at most 366 days (${days} asked)`,
  }),
  /** `clear_desk_note` of a note already cleared or unknown. */
  noteNotOpen: (id: number): IpcErrorData => ({ code: 'not_found', message: `no open desk note ${id}` }),
  /** A staff command while the desk is a kiosk (src-tauri/src/state.rs `staff_only`). */
  kioskForbidden: { code: 'forbidden', message: 'not available while the desk is a self check-in kiosk' } satisfies IpcErrorData,
  /** `enter_kiosk` / `leave_kiosk` with no kiosk PIN set. */
  kioskNoPin: { code: 'config', message: 'set a kiosk PIN in Settings before starting kiosk mode' } satisfies IpcErrorData,
  /** `set_kiosk_pin` with something that is not 4-6 digits. */
  kioskPinInvalid: { code: 'invalid_argument', message: 'a kiosk PIN is 4 to 6 digits' } satisfies IpcErrorData,
  /** `leave_kiosk` with a wrong PIN: how many tries are left before the lock. */
  kioskWrongPin: (left: number): IpcErrorData => ({
    code: 'unauthorized', message: `wrong kiosk PIN: ${left} ${left === 1 ? 'try' : 'tries'} left`,
  }),
  /** `leave_kiosk` after five wrong PINs in a row, for a minute. */
  kioskLocked: { code: 'rate_limited', message: 'too many wrong kiosk PINs: try again in a minute' } satisfies IpcErrorData,
  /** Not the core's: the call itself failed (the backend went away), as Tauri would reject it. */
  noBackend: { code: 'internal', message: 'the desk did not answer (IPC channel closed)' } satisfies MockFailure,
  /** Not the core's: the mock has no canned answer for this request. */
  noFixture: (what: string): MockFailure => ({
    code: 'mock_no_fixture',
    message: `the mock has no canned answer for ${what}: add one to ui/src/mock/fixtures.ts`,
  }),
};

/** `diagnostics` (src/diagnostics.rs's layout; no token, no member codes). */
export const DIAGNOSTICS = `front desk     0.1.0-mock (linux x86_64)
generated      2026-11-28T09:05:00Z (desk clock)
data dir       ~/.local/share/frontdesk
log dir        ~/.local/state/frontdesk/logs
program        Front Desk app
api            not configured
gym id         -
token          none
camera         running
database       ~/.local/share/frontdesk/frontdesk.db (1843200 bytes, schema v7 of v7)
integrity      ok
gym            #1 Gimnasio Demo Centro (Europe/Madrid)
replica        10 members, 5 sessions, 75 participations
outbox         0 queued, 3 sent, 2 parked
sync           online=true offline_since=- last_success=2026-11-28T09:04:00Z last_pull=2026-11-28T09:04:00Z last_error=-
clock          agrees with the server (300 ms); 1 check-ins with doubtful times

--- last 200 log lines (secrets removed) ---
(no log files)
`;

// ---- sync ---------------------------------------------------------------------------------

/** The clock part of `sync_status`, by name (the mock's `setClock(name)` and `?clock=name`). */
export const CLOCKS = {
  ok: { state: 'ok', offset_ms: 300, checked_at: iso(Date.now() - MIN), flagged: 0 },
  unknown: { state: 'unknown', checked_at: null, flagged: 0 },
  /** The server 10 minutes ahead: the desk is behind, 3 check-ins carry a doubtful time. */
  desk_behind_10min: { state: 'skewed', offset_ms: 600_000, checked_at: iso(Date.now() - MIN), flagged: 3 },
  /** The server 10 minutes behind. */
  desk_ahead_10min: { state: 'skewed', offset_ms: -600_000, checked_at: iso(Date.now() - MIN), flagged: 3 },
  /** The desk's clock went back an hour between two check-ins. */
  desk_went_back_1h: { state: 'went_backwards', by_ms: 3_600_000, checked_at: iso(Date.now() - MIN), flagged: 1 },
} satisfies Record<string, ClockSummary>;
export type ClockName = keyof typeof CLOCKS;

/** `sync_status` with the central API reachable (counts and clock are filled in by the mock). */
export const SYNC_ONLINE: SyncStatus = {
  demo: true,
  configured: true,
  online: true,
  offline_since: null,
  queued: 0,
  parked: 2,
  last_attempt_at: iso(Date.now() - MIN),
  last_success_at: iso(Date.now() - MIN),
  last_error: null,
  pull: null,
  clock: CLOCKS.ok,
  booked_recent: 0,
  follow_ups: [],
};

/** `sync_status` with the central API unreachable (`offline_since` is the test's). */
export const SYNC_OFFLINE: SyncStatus = {
  ...SYNC_ONLINE,
  online: false,
  offline_since: iso(Date.now()),
  last_attempt_at: iso(Date.now()),
  last_error: 'cannot reach the central API: connection refused',
};

// ---- what the core says, in the desk's language (src/domain/outcome.rs, outbox_reason.rs) ---

const CORE_TEXT = {
  es: {
    outcome: {
      checked_in: 'Check-in realizado correctamente',
      already_checked_in: 'Ya has hecho check-in en esta clase',
      already_inside: 'Ya está dentro: hizo check-in hace unos minutos',
      invalid_code: 'Código QR inválido',
      not_a_member: 'Usuario no pertenece a este gimnasio',
      no_class_now: 'No hay clases disponibles para check-in en este momento',
      session_not_found: 'Sesión no encontrada o no pertenece a este gimnasio',
      session_cancelled: 'La sesión está cancelada',
      outside_window: 'La sesión está fuera del horario de check-in (±30 minutos)',
      membership_inactive: 'La membresía no está activa: acceso bloqueado',
      alert_blocked: 'Acceso bloqueado por una alerta del gimnasio',
      save_failed: 'No se pudo guardar el check-in',
    },
    birthday: '¡Hoy es su cumpleaños!',
    deskNote: 'Nota de recepción',
    staleData: (asOf: string) =>
      `Datos del miembro sin actualizar desde el ${asOf.slice(0, 10)} ${asOf.slice(11, 16)} UTC: la membresía podría haber cambiado`,
    noStoredCode: 'El miembro no tiene código guardado: aceptado solo por su id',
    membershipInactive: 'Membresía inactiva',
    membershipExpired: 'Membresía vencida el 2026-10-31',
    override: 'Autorizado por el personal',
    refusedByServer: 'GymAPI lo rechazó (HTTP 404): «Sesión no encontrada en este gimnasio»',
    classStartedUnbooked: 'La clase empezó hace más de 30 minutos según el reloj del servidor y el socio no tenía reserva: GymAPI ya no puede registrarlo; regístralo a mano.',
    report: { title: 'Informe de asistencia', date: 'Fecha', timezone: 'Zona horaria', checkIns: 'Check-ins',
      time: 'Hora', member: 'Miembro', class: 'Clase', method: 'Método', sync: 'Sincronización',
      unsynced: 'Hay check-ins sin sincronizar: 0 en cola, 2 retenidos.', sent: 'Enviado', parked: 'Retenido',
      camera: 'Cámara', scanner: 'Lector', manual: 'Manual' },
    range: { title: 'Informe de asistencia por periodo', from: 'Desde', to: 'Hasta', perDay: 'Visitas por día',
      heat: 'Visitas por día de la semana y hora', classes: 'Ocupación por clase', attended: 'Asistencias',
      capacity: 'Plazas', noShows: 'No asistieron', walkIns: 'Sin reserva', churn: 'Riesgo de baja',
      churnNote: 'Miembros con membresía de pago que no han venido en 14 días.', lastVisit: 'Última visita',
      weekdays: ['L', 'M', 'X', 'J', 'V', 'S', 'D'] },
  },
  en: {
    outcome: {
      checked_in: 'Checked in',
      already_checked_in: 'Already checked in to this class',
      already_inside: 'Already inside: checked in a few minutes ago',
      invalid_code: 'Invalid QR code',
      not_a_member: 'This person is not a member of this gym',
      no_class_now: 'No class is open for check-in right now',
      session_not_found: 'Session not found in this gym',
      session_cancelled: 'This session is cancelled',
      outside_window: 'The session is outside the check-in window (±30 minutes)',
      membership_inactive: 'Membership is not active: entry blocked',
      alert_blocked: "Entry blocked by one of the gym's alerts",
      save_failed: 'The check-in could not be saved',
    },
    birthday: "It's their birthday today!",
    deskNote: 'Desk note',
    staleData: (asOf: string) =>
      `Member data not refreshed since ${asOf.slice(0, 10)} ${asOf.slice(11, 16)} UTC: the membership may have changed`,
    noStoredCode: 'The member has no stored code: accepted by id alone',
    membershipInactive: 'Membership inactive',
    membershipExpired: 'Membership expired on 2026-10-31',
    override: 'Overridden by staff',
    refusedByServer: 'Refused by GymAPI (HTTP 404): “Sesión no encontrada en este gimnasio”',
    classStartedUnbooked: "The class started more than 30 minutes ago by the server's clock and the member had not booked: GymAPI can no longer record it; record it by hand.",
    report: { title: 'Attendance report', date: 'Date', timezone: 'Time zone', checkIns: 'Check-ins',
      time: 'Time', member: 'Member', class: 'Class', method: 'Method', sync: 'Sync',
      unsynced: 'Some check-ins are not synced: 0 queued, 2 parked.', sent: 'Sent', parked: 'Parked',
      camera: 'Camera', scanner: 'Scanner', manual: 'Manual' },
    range: { title: 'Attendance report for a period', from: 'From', to: 'To', perDay: 'Visits per day',
      heat: 'Visits by day of the week and hour', classes: 'Utilisation per class', attended: 'Attended',
      capacity: 'Places', noShows: 'No-shows', walkIns: 'Walk-ins', churn: 'Churn risk',
      churnNote: 'Members with a paid membership who have not come in 14 days.', lastVisit: 'Last visit',
      weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] },
  },
} satisfies Record<Lang, unknown>;

// ---- verdicts --------------------------------------------------------------------------------

/**
 * The canned answers of the check-in commands, in one language. The mock fills in only what
 * the request or the moment gives: the method it came by, the time, a fresh event id for a
 * success, and an override's reason (`{reason}` below).
 */
export interface CheckInFixtures {
  /** `check_in_code` (and camera `verdict` events) by scanned code, warn-only policy. */
  scans: Record<string, Answer<Verdict>>;
  /** The same with inactive memberships set to block (`alerts.actions.membership_inactive`),
   * where the answer differs. */
  scansBlocking: Record<string, Answer<Verdict>>;
  /** The same with desk notes set to block (`alerts.actions.desk_note`), where it differs. */
  scansNoteBlocking: Record<string, Answer<Verdict>>;
  /** What a code not in `scans` gets: the core cannot match it to a member. */
  unknownCode: Answer<Verdict>;
  /** `check_in_member`, keyed by `manualKey()`, warn-only policy. */
  manual: Record<string, Answer<Verdict>>;
  /** The same with inactive memberships set to block, where the answer differs. */
  manualBlocking: Record<string, Answer<Verdict>>;
  /** The same with desk notes set to block, where the answer differs. */
  manualNoteBlocking: Record<string, Answer<Verdict>>;
  /** `outbox_items` at load. */
  parked: OutboxItem[];
  /** `report_html` (`{date}` is the date asked for). */
  reportHtml: string;
  /** `report_html` with `to`: the range report (`{from}` and `{to}` are the days asked for),
   * a small page with the core's two charts (`svg.chart--days`, `svg.chart--heat`). */
  rangeReportHtml: string;
}

/** 'auto' when no session is named. */
export type SessionPick = 'auto' | 9001 | 9002 | 9003 | 9004 | 9005;
const PICKS: SessionPick[] = ['auto', 9001, 9002, 9003, 9004, 9005];

/** The key of `manual`: member, session (or auto) and whether an override reason was given. */
export function manualKey(memberId: number, sessionId: number | null, withReason: boolean): string {
  return `${memberId}@${sessionId ?? 'auto'}${withReason ? '+reason' : ''}`;
}

/** The placeholder the mock replaces with the override reason staff typed. */
export const REASON = '{reason}';

function build(lang: Lang): CheckInFixtures {
  const text = CORE_TEXT[lang];
  const W = {
    noStoredCode: { code: 'no_stored_code', message: text.noStoredCode },
    membershipInactive: { code: 'membership_inactive', message: text.membershipInactive },
    membershipExpired: { code: 'membership_expired', message: text.membershipExpired, expired_at: '2026-10-31T23:00:00Z' },
    birthday: { code: 'birthday', message: text.birthday, level: 'allow' },
    staleData: { code: 'stale_data', message: text.staleData(STALE_AS_OF), level: 'warn', at: STALE_AS_OF },
  } satisfies Record<string, VerdictWarning>;
  /** Pablo's note, at the level the policy gives desk notes. */
  const deskNote = (level: 'warn' | 'block'): VerdictWarning => ({
    code: 'desk_note', message: `${text.deskNote}: ${NOTE_TEXT}`, level,
    note_id: NOTES[0].id, text: NOTE_TEXT, at: NOTES[0].created_at,
  });
  const override = (refused: VerdictCode): VerdictWarning => ({
    code: 'override', message: `${text.override} (${refused}): ${REASON}`, refused, reason: REASON,
  });

  /** The verdict shape; `member`/`session` as the core shows them for this outcome. */
  const verdict = (code: VerdictCode, o: {
    member?: number | null; userId?: number | null; session?: number | null; warnings?: VerdictWarning[];
    method?: Method; message?: string; dataAsOf?: string;
  } = {}): Answer<Verdict> => {
    const m = o.member ? MEMBERS[o.member] : null;
    const s = o.session ? session(o.session) : null;
    return { ok: {
      success: code === 'checked_in',
      code,
      message: o.message ?? text.outcome[code],
      warnings: o.warnings ?? [],
      session: s ? { id: s.id, start_time: s.start_time, end_time: s.end_time, class_name: s.class_name, room: s.room } : null,
      member: m ? { id: m.id, name: m.name, picture: null, has_photo: m.picture !== null } : null,
      user_id: o.userId !== undefined ? o.userId : (m?.id ?? null),
      new_participation: false,
      method: o.method ?? 'scanner',
      at: iso(BASE),
      event_id: code === 'checked_in' ? 'ev-fixture' : null,
      ...(o.dataAsOf ? { data_as_of: o.dataAsOf } : {}),
    } };
  };

  // The warnings the core gives each member's check-ins (from the membership; Sofía's missing
  // code only on a scan, where a code is checked).
  const warns: Record<number, VerdictWarning[]> = {
    101: [], 102: [W.membershipExpired], 103: [], 104: [W.membershipInactive], 105: [], 106: [], 107: [],
    108: [W.birthday], 109: [deskNote('warn')], 110: [W.staleData],
  };
  // With desk notes set to block, Pablo's note is the reason he is refused.
  const noteBlockingWarns: Record<number, VerdictWarning[]> = { ...warns, 109: [deskNote('block')] };
  // The alert cases were decided on member data pulled a few minutes ago (Rosa's: 30 hours ago).
  const asOf: Record<number, string | undefined> = { 108: DATA_AS_OF, 109: DATA_AS_OF, 110: STALE_AS_OF };

  // check_in_code: the method is the request's (camera or scanner).
  const scans: Record<string, Answer<Verdict>> = {
    [CODES.maria]: verdict('checked_in', { member: 101, session: 9002 }),
    [CODES.jose]: verdict('checked_in', { member: 102, session: 9002, warnings: warns[102] }),
    [CODES.lucia]: verdict('checked_in', { member: 103, session: 9002 }),
    [CODES.andres]: verdict('checked_in', { member: 104, session: 9002, warnings: warns[104] }),
    [CODES.carmen]: verdict('checked_in', { member: 105, session: 9002 }),
    [CODES.javier]: verdict('checked_in', { member: 106, session: 9002 }),
    // The alert catalogue at its defaults: a birthday is a note on a green card, a desk note and
    // stale data are amber.
    [CODES.elena]: verdict('checked_in', { member: 108, session: 9002, warnings: warns[108], dataAsOf: asOf[108] }),
    [CODES.pablo]: verdict('checked_in', { member: 109, session: 9002, warnings: warns[109], dataAsOf: asOf[109] }),
    [CODES.rosa]: verdict('checked_in', { member: 110, session: 9002, warnings: warns[110], dataAsOf: asOf[110] }),
    // No stored code: taken by id, and she is already in Yoga.
    [CODES.sofia]: verdict('already_checked_in', { member: 107, session: 9002, warnings: [W.noStoredCode] }),
    // María's id with the wrong rest: a forged code names no one (src/checkin.rs).
    U101_wrongcode: verdict('invalid_code', { member: null, userId: null }),
    // A well-formed code of no member of this gym.
    U999_nadie: verdict('not_a_member', { member: null, userId: 999 }),
    // Not a member code at all.
    hola: verdict('invalid_code'),
    // The disk is full: the core's red "not saved" verdict (Verdict::save_failed).
    U666_diskfull: verdict('save_failed', {
      message: `${text.outcome.save_failed}: the disk is full: the check-in was not saved (database or disk is full)`,
    }),
    // The call itself fails (no backend): the UI's own red card.
    U000_nobackend: { err: ERRORS.noBackend },
  };
  const scansBlocking: Record<string, Answer<Verdict>> = {
    [CODES.jose]: verdict('membership_inactive', { member: 102, session: 9002, warnings: warns[102] }),
    [CODES.andres]: verdict('membership_inactive', { member: 104, session: 9002, warnings: warns[104] }),
  };
  const scansNoteBlocking: Record<string, Answer<Verdict>> = {
    [CODES.pablo]: verdict('alert_blocked', {
      member: 109, session: 9002, warnings: noteBlockingWarns[109], dataAsOf: asOf[109],
    }),
  };

  // check_in_member: the core's outcome by member (rows) and session (columns, 'auto' = none
  // named, when the core picks Yoga, the one class in the window), without and with an
  // override reason. `ov`: checked in as an override of the refusal given without a reason;
  // `ns`: refused with invalid_argument, an override needs a session.
  const c = 'checked_in', a = 'already_checked_in', o = 'outside_window', x = 'session_cancelled',
    mi = 'membership_inactive', ab = 'alert_blocked', ov = 'override', ns = 'needs_session';
  type Row = { plain: VerdictCode[]; reason: (VerdictCode | typeof ov | typeof ns)[] };
  //                            auto 9001 9002 9003 9004 9005
  const warnOnly: Record<number, Row> = {
    101: { plain: [c, o, c, o, x, o], reason: [ns, ov, c, ov, ov, ov] },
    102: { plain: [c, a, c, o, x, o], reason: [ns, a, c, ov, ov, ov] },
    103: { plain: [c, a, c, o, x, o], reason: [ns, a, c, ov, ov, ov] },
    104: { plain: [c, o, c, o, x, o], reason: [ns, ov, c, ov, ov, ov] },
    105: { plain: [c, a, c, o, x, o], reason: [ns, a, c, ov, ov, ov] },
    106: { plain: [c, a, c, o, x, o], reason: [ns, a, c, ov, ov, ov] },
    107: { plain: [a, o, a, o, x, o], reason: [ns, ov, a, ov, ov, ov] },
    108: { plain: [c, o, c, o, x, o], reason: [ns, ov, c, ov, ov, ov] },
    109: { plain: [c, o, c, o, x, o], reason: [ns, ov, c, ov, ov, ov] },
    110: { plain: [c, o, c, o, x, o], reason: [ns, ov, c, ov, ov, ov] },
  };
  // With inactive memberships set to block (only 102 and 104 answer differently): the
  // membership refusal is the first one, and the one an override names.
  const blocking: Record<number, Row> = {
    102: { plain: [mi, a, mi, mi, mi, mi], reason: [ns, a, ov, ov, ov, ov] },
    104: { plain: [mi, mi, mi, mi, mi, mi], reason: [ns, ov, ov, ov, ov, ov] },
  };
  // With desk notes set to block (only 109 answers differently): the note is the refusal.
  const noteBlocking: Record<number, Row> = {
    109: { plain: [ab, ab, ab, ab, ab, ab], reason: [ns, ov, ov, ov, ov, ov] },
  };
  const AUTO_PICK = 9002;

  const manualTable = (rows: Record<number, Row>, warnings = warns) => {
    const out: Record<string, Answer<Verdict>> = {};
    for (const [id, row] of Object.entries(rows)) {
      const member = Number(id);
      PICKS.forEach((pick, i) => {
        const named = pick === 'auto' ? null : pick;
        const facts = {
          member, session: named ?? AUTO_PICK, warnings: warnings[member], method: 'manual' as Method, dataAsOf: asOf[member],
        };
        out[manualKey(member, named, false)] = verdict(row.plain[i], facts);
        const withReason = row.reason[i];
        out[manualKey(member, named, true)] =
          withReason === ns
            ? { err: ERRORS.overrideNeedsSession }
            : withReason === ov
              ? verdict('checked_in', { ...facts, method: 'override', warnings: [...warnings[member], override(row.plain[i])] })
              : verdict(withReason, facts);
      });
    }
    return out;
  };

  const r = text.report;
  const reportRows = RECENT.map((x) =>
    `<tr><td>${x.at.slice(11, 16)}</td><td>${x.member_name}</td><td>${x.class_name} <small>#${x.session_id}</small></td><td>${r[x.method as 'camera' | 'scanner' | 'manual']}</td><td${x.sync_state === 'sent' ? '' : ' class="unsynced"'}>${x.sync_state === 'sent' ? r.sent : r.parked}</td></tr>`,
  ).join('\n');

  const g = text.range;
  // Canned numbers, not computed from anything: ten days of visits, and a week of hours, drawn
  // in the core's proportions (src/report/range/html.rs: 720 x 180 bars, 26-unit heat cells).
  const perDay = [14, 9, 17, 12, 0, 21, 18, 11, 15, 7];
  const bars = perDay
    .map((n, i) => {
      const bh = (150 * n) / 21;
      return `<rect class="bar" x="${(36 + i * 68.4 + 6.8).toFixed(1)}" y="${(158 - bh).toFixed(1)}" width="54.7" height="${bh.toFixed(1)}"><title>${n}</title></rect>`;
    })
    .join('');
  const cells = g.weekdays
    .map((d, row) =>
      [`<text x="0" y="${row * 26 + 34}" font-size="11">${d}</text>`]
        .concat(Array.from({ length: 24 }, (_, hour) => {
          const n = hour < 7 || hour > 21 ? 0 : (row * 7 + hour * 3) % 6;
          return `<rect x="${80 + hour * 26}" y="${row * 26 + 16}" width="25" height="25" fill="${n ? `rgba(31,78,121,${(n / 5).toFixed(2)})` : '#f2f2f2'}"><title>${d} ${String(hour).padStart(2, '0')}:00 · ${n}</title></rect>`;
        }))
        .join(''),
    )
    .join('');
  const rangeReportHtml = `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${g.title} · ${GYM.name} · {from} – {to}</title>
<style>body{font-family:system-ui,sans-serif;font-size:11pt;color:#1a1a1a;margin:16px}h1{font-size:18pt;margin:0 0 4px}
.meta{color:#444}svg{display:block;max-width:100%;height:auto;margin:4px 0 8px}.bar{fill:#1f4e79}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #c8c8c8;padding:3px 5px;text-align:left}th{background:#1f4e79;color:#fff}</style>
</head>
<body>
<h1>${g.title} — ${GYM.name}</h1>
<p class="meta"><span>${g.from}: <b>{from}</b></span> <span>${g.to}: <b>{to}</b></span> <span>${r.timezone}: ${GYM.timezone}</span></p>
<h2>${g.perDay}</h2>
<svg class="chart chart--days" viewBox="0 0 720 180" role="img" aria-labelledby="days-title"><title id="days-title">${g.perDay}</title><line class="axis" x1="36" y1="158" x2="720" y2="158" stroke="#888"/>${bars}</svg>
<h2>${g.heat}</h2>
<svg class="chart chart--heat" viewBox="0 0 704 202" role="img" aria-labelledby="heat-title"><title id="heat-title">${g.heat}</title>${cells}</svg>
<h2>${g.classes}</h2>
<table>
<thead><tr><th>${r.class}</th><th>${g.attended}</th><th>${g.capacity}</th><th>${g.noShows}</th><th>${g.walkIns}</th></tr></thead>
<tbody>
<tr><td>Spinning</td><td>38</td><td>60</td><td>4</td><td>2</td></tr>
<tr><td>Yoga</td><td>51</td><td>64</td><td>3</td><td>5</td></tr>
</tbody></table>
<h2>${g.churn}</h2>
<p>${g.churnNote}</p>
<table>
<thead><tr><th>${r.member}</th><th>${g.lastVisit}</th></tr></thead>
<tbody><tr><td>${MEMBERS[105].name}</td><td>2026-10-30</td></tr></tbody></table>
</body>
</html>
`;

  return {
    rangeReportHtml,
    scans,
    scansBlocking,
    scansNoteBlocking,
    unknownCode: verdict('invalid_code'),
    manual: manualTable(warnOnly),
    manualBlocking: manualTable(blocking),
    manualNoteBlocking: manualTable(noteBlocking, noteBlockingWarns),
    parked: [
      { event_id: 'ev-p1', state: 'parked', member_id: 105, member_name: MEMBERS[105].name, session_id: 9001,
        class_name: 'Spinning', session_start: session(9001).start_time, scanned_at: iso(BASE - 110 * MIN),
        attempts: 3, park_code: 'refused_by_server', last_error: text.refusedByServer, clock_flag: 'skew' },
      { event_id: 'ev-p2', state: 'parked', member_id: 106, member_name: MEMBERS[106].name, session_id: 9001,
        class_name: 'Spinning', session_start: session(9001).start_time, scanned_at: iso(BASE - 100 * MIN),
        attempts: 5, park_code: 'class_started_unbooked', last_error: text.classStartedUnbooked, clock_flag: null },
    ],
    reportHtml: `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${r.title} · ${GYM.name} · {date}</title>
<style>body{font-family:system-ui,sans-serif;font-size:11pt;color:#1a1a1a;margin:16px}h1{font-size:18pt;margin:0 0 4px}
.meta{color:#444}.alert{border:2px solid #c00000;background:#fdecea;color:#8b0000;font-weight:bold;padding:8px 10px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #c8c8c8;padding:3px 5px;text-align:left}
th{background:#1f4e79;color:#fff}td.unsynced{color:#c00000;font-weight:bold}small{color:#666}</style>
</head>
<body>
<h1>${r.title} — ${GYM.name}</h1>
<p class="meta"><span>${r.date}: <b>{date}</b></span> <span>${r.timezone}: ${GYM.timezone}</span></p>
<div class="alert" role="alert">${r.unsynced}</div>
<h2>${r.checkIns}</h2>
<table>
<thead><tr><th>${r.time} (UTC)</th><th>${r.member}</th><th>${r.class}</th><th>${r.method}</th><th>${r.sync}</th></tr></thead>
<tbody>
${reportRows}
</tbody></table>
</body>
</html>
`,
  };
}

/** Every canned check-in answer, by the desk's language. */
export const FIXTURES: Record<Lang, CheckInFixtures> = { es: build('es'), en: build('en') };

/** Members by `search_members` query, in the core's order (exact id first, then first and last name). */
export const SEARCHES: Record<string, number[]> = {
  Lopez: [106, 101], lopez: [106, 101], López: [106, 101], lópez: [106, 101],
  Maria: [101], maria: [101], María: [101], maría: [101],
  Jose: [102], jose: [102], José: [102], josé: [102],
  Ruiz: [105, 102], ruiz: [105, 102],
  Lucia: [103], lucia: [103], Lucía: [103], lucía: [103],
  Andres: [104], andres: [104], Andrés: [104], andrés: [104],
  Carmen: [105], carmen: [105],
  Javier: [106], javier: [106],
  Sofia: [107], sofia: [107], Sofía: [107], sofía: [107],
  Elena: [108], elena: [108],
  Pablo: [109], pablo: [109],
  Rosa: [110], rosa: [110],
  101: [101], 102: [102], 103: [103], 104: [104], 105: [105], 106: [106], 107: [107],
  108: [108], 109: [109], 110: [110],
};

// ---- the self check-in kiosk (issue 15) -----------------------------------------------------

/** The kiosk PIN the mock accepts until staff set another (`?kiosk=1` starts with it set). */
export const KIOSK_PIN = '2468';

/** Wrong PINs in a row before `leave_kiosk` is locked for a minute. */
export const KIOSK_MAX_TRIES = 5;

/** What the core tells the member at the kiosk, by outcome (src/kiosk.rs), in each language. */
const KIOSK_TEXT: Record<Lang, Partial<Record<VerdictCode, string>> & { fallback: string }> = {
  es: {
    checked_in: 'Check-in hecho. ¡Buena clase!',
    already_checked_in: 'Ya tenías el check-in en esta clase. Adelante.',
    membership_inactive: 'Tu membresía no está activa. Pasa por recepción, por favor.',
    not_a_member: 'Este código no es de este gimnasio. Pasa por recepción, por favor.',
    invalid_code: 'No reconocemos este código. Pasa por recepción, por favor.',
    fallback: 'No podemos registrar tu entrada. Pasa por recepción, por favor.',
  },
  en: {
    checked_in: "You're checked in. Enjoy the class!",
    already_checked_in: 'You were already checked in to this class. Go ahead.',
    membership_inactive: 'Your membership is not active. Please see reception.',
    not_a_member: 'This code is not from this gym. Please see reception.',
    invalid_code: 'We do not recognise this code. Please see reception.',
    fallback: 'We cannot check you in. Please see reception.',
  },
};

/** The kiosk's answer to each code: who (member id, for the first name and the refusal list),
 * in which class, and the outcome. A kiosk refuses an inactive membership (Andrés, 104). */
const KIOSK_SCANS: Record<string, { member: number | null; session: number | null; code: VerdictCode }> = {
  [CODES.maria]: { member: 101, session: 9002, code: 'checked_in' },
  [CODES.lucia]: { member: 103, session: 9002, code: 'checked_in' },
  [CODES.carmen]: { member: 105, session: 9002, code: 'checked_in' },
  [CODES.sofia]: { member: 107, session: 9002, code: 'already_checked_in' },
  [CODES.andres]: { member: 104, session: 9002, code: 'membership_inactive' },
  U999_nadie: { member: null, session: null, code: 'not_a_member' },
};

/** A kiosk verdict for `code` in `lang` (unknown codes: invalid_code), with the member id. */
export function kioskVerdict(code: string, lang: Lang): { verdict: KioskVerdict; member: number | null } {
  const row = KIOSK_SCANS[code] ?? { member: null, session: null, code: 'invalid_code' as const };
  const m = row.member ? MEMBERS[row.member] : null;
  const s = row.session ? session(row.session) : null;
  const text = KIOSK_TEXT[lang];
  return {
    member: row.member,
    verdict: {
      success: row.code === 'checked_in',
      code: row.code,
      first_name: m ? m.name.split(' ')[0] : null,
      class_name: s?.class_name ?? null,
      start_time: s?.start_time ?? null,
      message: text[row.code] ?? text.fallback,
    },
  };
}

/** `kiosk_refusals` at load, newest first: Andrés turned away, and a code of nobody. */
export const KIOSK_REFUSALS: KioskRefusal[] = [
  { id: 2, at: iso(BASE - 20 * MIN), member_id: 104, member_name: MEMBERS[104].name, code: 'membership_inactive', alerts: ['membership_inactive'] },
  { id: 1, at: iso(BASE - 50 * MIN), member_id: null, member_name: null, code: 'invalid_code', alerts: [] },
];
