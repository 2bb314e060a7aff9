// Why this file exists: a TEST-ONLY stand-in for the Rust side, so the UI can run in a plain
// browser (`npm run dev:mock`, and the Playwright flows in e2e/). It is imported only when
// Vite runs with `--mode mock`; the production build never contains it. It answers every
// command of docs/IPC.md through Tauri's own `mockIPC`, records the calls, emits the events
// (preview frames at 15 fps, verdicts, sync status) and exposes controls on
// `window.__frontDeskMock` for the tests.

import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type {
  AppStatus,
  CheckInRow,
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
  ErrorCode,
  WarningCode,
} from './types';

const params = new URLSearchParams(location.search);
const MIN = 60_000;

interface MockMember {
  hit: MemberHit;
  code: string | null;
  warning?: 'membership_expired' | 'membership_inactive' | 'user_inactive';
}

const PORTRAIT =
  'data:image/svg+xml,' +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9fb7c9"/><stop offset="1" stop-color="#5d7a91"/></linearGradient></defs><rect width="120" height="120" fill="url(#g)"/><circle cx="60" cy="48" r="22" fill="#e9c3a4"/><path d="M38 44c0-18 10-26 22-26s24 8 22 30c-4-10-10-14-22-14s-18 2-22 10z" fill="#3b2a20"/><path d="M18 120c2-26 20-38 42-38s40 12 42 38z" fill="#c0392b"/></svg>`,
  );

const members: MockMember[] = [
  {
    hit: { id: 101, name: 'María López García', email: 'maria.lopez@example.com', picture: PORTRAIT,
      membership: { is_active: true, type: 'Mensual', expires_at: '2027-01-31T23:00:00Z' } },
    code: 'U101_7f3a9c',
  },
  {
    hit: { id: 102, name: 'José Pérez Ruiz', email: 'jose.perez@example.com', picture: null,
      membership: { is_active: true, type: 'Trimestral', expires_at: '2026-10-31T23:00:00Z' } },
    code: 'U102_b81d44',
    warning: 'membership_expired',
  },
  {
    hit: { id: 103, name: 'Lucía Fernández', email: 'lucia.f@example.com', picture: null,
      membership: { is_active: true, type: 'Anual', expires_at: '2027-06-30T22:00:00Z' } },
    code: 'U103_c0ffee',
  },
  {
    hit: { id: 104, name: 'Andrés Núñez', email: 'andres.nunez@example.com', picture: null,
      membership: { is_active: false, type: 'Mensual', expires_at: null } },
    code: 'U104_aa11bb',
    warning: 'membership_inactive',
  },
  {
    hit: { id: 105, name: 'Carmen Ruiz Soto', email: 'carmen.ruiz@example.com', picture: null,
      membership: { is_active: true, type: 'Bono 10', expires_at: null } },
    code: 'U105_5e5e5e',
  },
  {
    hit: { id: 106, name: 'Javier López Sánchez', email: 'javi.lopez@example.com', picture: null,
      membership: { is_active: true, type: 'Mensual', expires_at: '2026-12-31T23:00:00Z' } },
    code: 'U106_123abc',
  },
  {
    hit: { id: 107, name: 'Sofía Martín', email: null, picture: null, membership: null },
    code: null,
  },
];

// ---- today's classes, around "now" ----------------------------------------------------

const base = Math.floor(Date.now() / (15 * MIN)) * 15 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
const sessions: SessionRow[] = [
  { id: 9001, class_name: 'Spinning', start_time: iso(base - 120 * MIN), end_time: iso(base - 75 * MIN),
    room: 'Sala 1', status: 'completed', capacity: 20, registered: 18, attended: 15 },
  { id: 9002, class_name: 'Yoga', start_time: iso(base - 15 * MIN), end_time: iso(base + 45 * MIN),
    room: 'Sala 2', status: 'in_progress', capacity: 16, registered: 12, attended: 5 },
  { id: 9003, class_name: 'Pilates', start_time: iso(base + 60 * MIN), end_time: iso(base + 115 * MIN),
    room: 'Sala 2', status: 'scheduled', capacity: 12, registered: 9, attended: 0 },
  { id: 9004, class_name: 'Boxeo', start_time: iso(base + 180 * MIN), end_time: iso(base + 240 * MIN),
    room: 'Ring', status: 'cancelled', capacity: 14, registered: 6, attended: 0 },
  { id: 9005, class_name: 'CrossFit', start_time: iso(base + 300 * MIN), end_time: iso(base + 360 * MIN),
    room: 'Box', status: 'scheduled', capacity: null, registered: 20, attended: 0 },
];

// ---- mutable state ---------------------------------------------------------------------

let settings: Settings = {
  camera: { index: 0, name: 'Integrated Camera', width: 1280, height: 720, fps: 30, mirrored: true, source: 'demo' },
  api_url: null,
  gym_id: null,
  has_token: false,
  lang: params.get('lang') === 'en' ? 'en' : 'es',
  sound: true,
  block_inactive_membership: false,
  rescan_window_secs: 120,
};

const status: AppStatus = {
  version: '0.1.0-mock',
  demo: params.get('demo') !== '0',
  gym: { id: 1, name: 'Gimnasio Demo Centro', timezone: 'Europe/Madrid' },
  lang: settings.lang,
  data_dir: '~/.local/share/frontdesk',
  log_dir: '~/.local/state/frontdesk/logs',
  camera_error: params.get('camera_error')
    ? { code: params.get('camera_error')! as ErrorCode, message: 'no video device at /dev/video0' }
    : null,
  db_error: null,
  backups: 0,
};

const sync: SyncStatus = {
  configured: true,
  online: true,
  offline_since: null,
  queued: 0,
  parked: 2,
  last_attempt_at: iso(Date.now() - MIN),
  last_success_at: iso(Date.now() - MIN),
  last_error: null,
  pull: null,
  follow_ups: [],
  booked_recent: 0,
  // `?clock_offset=SECONDS`: the server's clock that far ahead of the desk's.
  clock: params.get('clock_offset')
    ? { state: 'skewed', offset_ms: Number(params.get('clock_offset')) * 1000, checked_at: iso(Date.now() - MIN), flagged: 1 }
    : { state: 'ok', offset_ms: 300, checked_at: iso(Date.now() - MIN), flagged: 0 },
};

let parked: OutboxItem[] = [
  // Reasons as the core renders them (`OutboxReason::message`, Spanish).
  { event_id: 'ev-p1', state: 'parked', member_id: 105, member_name: 'Carmen Ruiz Soto', session_id: 9001,
    class_name: 'Spinning', session_start: iso(base - 120 * MIN),
    scanned_at: iso(base - 110 * MIN), attempts: 3, park_code: 'refused_by_server',
    last_error: 'GymAPI lo rechazó (HTTP 404): «Sesión no encontrada en este gimnasio»',
    clock_flag: 'skew' },
  { event_id: 'ev-p2', state: 'parked', member_id: 106, member_name: 'Javier López Sánchez', session_id: 9001,
    class_name: 'Spinning', session_start: iso(base - 120 * MIN),
    scanned_at: iso(base - 100 * MIN), attempts: 5, park_code: 'class_started_unbooked',
    last_error: 'La clase empezó hace más de 30 minutos según el reloj del servidor y el socio no tenía reserva: GymAPI ya no puede registrarlo; regístralo a mano.', clock_flag: null },
];

const log: CheckInRow[] = [
  row(105, 9001, 'camera', true, 'checked_in', [], 'parked', base - 110 * MIN),
  row(106, 9001, 'scanner', true, 'checked_in', [], 'parked', base - 100 * MIN),
  row(103, 9001, 'camera', true, 'checked_in', [], 'sent', base - 95 * MIN),
  row(102, 9001, 'camera', true, 'checked_in', ['membership_expired'], 'sent', base - 92 * MIN),
  row(107, 9002, 'manual', false, 'outside_window', [], null, base - 16 * MIN),
];

function row(memberId: number, sessionId: number, method: Method, success: boolean, code: VerdictCode,
  warnings: string[], state: CheckInRow['sync_state'], at: number): CheckInRow {
  const m = members.find((x) => x.hit.id === memberId)!;
  const s = sessions.find((x) => x.id === sessionId)!;
  return {
    event_id: success ? `ev-${memberId}-${at}` : null, at: iso(at), member_id: memberId, member_name: m.hit.name,
    session_id: sessionId, class_name: s.class_name, method, success, code, warnings, sync_state: state,
    clock_flag: null,
  };
}

// ---- rules (a small imitation of the core's) ----------------------------------------

const MESSAGES: Record<Lang, Record<string, string>> = {
  es: {
    checked_in: 'Check-in realizado correctamente', already_checked_in: 'Ya has hecho check-in en esta clase',
    invalid_code: 'Código QR inválido', not_a_member: 'Usuario no pertenece a este gimnasio',
    no_class_now: 'No hay clases disponibles para check-in en este momento',
    session_not_found: 'Sesión no encontrada o no pertenece a este gimnasio', session_cancelled: 'La sesión está cancelada',
    outside_window: 'La sesión está fuera del horario de check-in (±30 minutos)',
    membership_inactive: 'La membresía no está activa: acceso bloqueado',
    w_membership_inactive: 'Membresía inactiva', w_membership_expired: 'Membresía vencida el 2026-10-31',
    w_no_stored_code: 'El miembro no tiene código guardado: aceptado solo por su id',
    w_override: 'Autorizado por el personal ({refused}): {reason}',
  },
  en: {
    checked_in: 'Checked in', already_checked_in: 'Already checked in to this class', invalid_code: 'Invalid QR code',
    not_a_member: 'This person is not a member of this gym', no_class_now: 'No class is open for check-in right now',
    session_not_found: 'Session not found in this gym', session_cancelled: 'This session is cancelled',
    outside_window: 'The session is outside the check-in window (±30 minutes)',
    membership_inactive: 'Membership is not active: entry blocked',
    w_membership_inactive: 'Membership inactive', w_membership_expired: 'Membership expired on 2026-10-31',
    w_no_stored_code: 'The member has no stored code: accepted by id alone',
    w_override: 'Overridden by staff ({refused}): {reason}',
  },
};

const msg = (k: string) => MESSAGES[settings.lang][k] ?? k;
const warn = (code: WarningCode, vars: Record<string, string> = {}): VerdictWarning => ({
  code,
  message: msg(`w_${code}`).replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? ''),
});

function verdict(code: VerdictCode, method: Method, m: MockMember | null, s: SessionRow | null,
  warnings: VerdictWarning[] = []): Verdict {
  const success = code === 'checked_in';
  return {
    success, code, message: msg(code), warnings,
    session: s ? { id: s.id, start_time: s.start_time, end_time: s.end_time, class_name: s.class_name, room: s.room } : null,
    member: m ? { id: m.hit.id, name: m.hit.name, picture: m.hit.picture } : null,
    user_id: m ? m.hit.id : null, new_participation: false, method, at: iso(Date.now()),
    event_id: success ? `ev-${Date.now()}-${Math.random().toString(16).slice(2, 8)}` : null,
  };
}

function record(v: Verdict) {
  if (!v.member || !v.session) return;
  if (v.success) {
    const s = sessions.find((x) => x.id === v.session!.id)!;
    s.attended++;
    if (!sync.online) sync.queued++;
  }
  log.push({
    event_id: v.event_id, at: v.at, member_id: v.member.id, member_name: v.member.name, session_id: v.session.id,
    class_name: v.session.class_name, method: v.method, success: v.success, code: v.code,
    warnings: v.warnings.map((w) => w.code), sync_state: v.success ? (sync.online ? 'sent' : 'queued') : null,
    clock_flag: null,
  });
  if (v.success && !sync.online) void emit('sync-status', { ...sync });
}

const openNow = () =>
  sessions.find((s) => s.status !== 'cancelled' && inWindow(s)) ?? null;
const inWindow = (s: SessionRow) =>
  Date.now() >= Date.parse(s.start_time) - 30 * MIN && Date.now() <= Date.parse(s.end_time);
const already = (memberId: number, sessionId: number) =>
  log.some((r) => r.success && r.member_id === memberId && r.session_id === sessionId);

function memberWarnings(m: MockMember): VerdictWarning[] {
  if (m.warning) return [warn(m.warning)];
  if (!m.code) return [warn('no_stored_code')];
  return [];
}

function checkInCode(code: string, method: Method): Verdict {
  const match = /^U(\d+)_(.+)$/.exec(code.trim());
  if (!match) return verdict('invalid_code', method, null, null);
  const m = members.find((x) => x.hit.id === Number(match[1])) ?? null;
  if (!m) return verdict('not_a_member', method, null, null);
  if (m.code && m.code !== code.trim()) return verdict('invalid_code', method, m, null);
  const s = openNow();
  if (!s) return verdict('no_class_now', method, m, null);
  if (already(m.hit.id, s.id)) return verdict('already_checked_in', method, m, s);
  const warnings = memberWarnings(m);
  if (settings.block_inactive_membership && m.warning?.startsWith('membership'))
    return verdict('membership_inactive', method, m, s, warnings);
  const v = verdict('checked_in', method, m, s, warnings);
  return v;
}

function checkInMember(memberId: number, sessionId: number | null, reason: string | null): Verdict {
  const m = members.find((x) => x.hit.id === memberId) ?? null;
  if (!m) return verdict('not_a_member', 'manual', null, null);
  let s: SessionRow | null;
  let refusal: VerdictCode | null = null;
  if (sessionId !== null) {
    s = sessions.find((x) => x.id === sessionId) ?? null;
    if (!s) return verdict('session_not_found', 'manual', m, null);
    if (s.status === 'cancelled') refusal = 'session_cancelled';
    else if (!inWindow(s)) refusal = 'outside_window';
  } else {
    s = openNow();
    if (!s) {
      refusal = 'no_class_now';
      s = sessions.find((x) => x.status === 'scheduled') ?? null;
    }
  }
  if (!refusal && s && already(m.hit.id, s.id)) return verdict('already_checked_in', 'manual', m, s);
  const warnings = memberWarnings(m);
  if (!refusal && settings.block_inactive_membership && m.warning?.startsWith('membership'))
    refusal = 'membership_inactive';
  if (refusal && !reason) return verdict(refusal, 'manual', m, refusal === 'no_class_now' ? null : s, warnings);
  if (refusal && reason) {
    const w = { ...warn('override', { refused: refusal, reason }), refused: refusal, reason };
    return verdict('checked_in', 'override', m, s, [...warnings, w]);
  }
  return verdict('checked_in', 'manual', m, s, warnings);
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function search(query: string, limit: number): MemberHit[] {
  const q = fold(query.trim());
  return members
    .filter((m) => fold(m.hit.name).includes(q) || fold(m.hit.email ?? '').includes(q) || String(m.hit.id) === q)
    .slice(0, limit)
    .map((m) => m.hit);
}

function reportHtml(date: string | null): string {
  const rows = log
    .filter((r) => r.success)
    .map((r) => `<tr><td>${r.at.slice(11, 16)}</td><td>${r.member_name}</td><td>${r.class_name ?? ''}</td><td>${r.method}</td></tr>`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>body{font:15px system-ui,sans-serif;margin:24px;color:#111}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:6px 8px;text-align:left}</style></head>
<body><h1>Informe de asistencia</h1><p>Gimnasio Demo Centro · ${date ?? 'hoy'}</p>
<table><thead><tr><th>Hora (UTC)</th><th>Miembro</th><th>Clase</th><th>Método</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

// ---- IPC -------------------------------------------------------------------------------

export interface MockCall {
  cmd: string;
  args: Record<string, unknown>;
}
const calls: MockCall[] = [];

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function handle(cmd: string, a: Args): unknown {
  switch (cmd) {
    case 'window_ready':
      // Test hook: ?db_error=1 plays a damaged replica until restore_backup runs.
      if (params.get('db_error') && !sessionStorage.getItem('restored')) {
        return { ...status, lang: settings.lang, gym: null, backups: 1, db_error: { code: 'db_corrupt', message: 'file is not a database' } };
      }
      return { ...status, lang: settings.lang, db_error: null, backups: 1 };
    case 'restore_backup':
      sessionStorage.setItem('restored', '1');
      return '~/.local/share/frontdesk/backups/frontdesk-20261128T040000.000Z.db';
    case 'check_in_code': {
      // Test hook: this code plays a desk whose disk is full (nothing can be saved).
      if (a.code === 'U666_diskfull') {
        throw { code: 'disk_full', message: 'the disk is full: the check-in was not saved' };
      }
      const v = checkInCode(a.code, a.method);
      record(v);
      return v;
    }
    case 'check_in_member': {
      const v = checkInMember(a.member_id, a.session_id, a.override_reason);
      record(v);
      return v;
    }
    case 'search_members':
      return search(a.query, a.limit);
    case 'today_sessions':
      return structuredClone(sessions);
    case 'recent_check_ins':
      return [...log].reverse().slice(0, a.limit);
    case 'sync_status':
      return { ...sync };
    case 'outbox_items':
      return a.state === 'parked' || a.state === null ? structuredClone(parked) : [];
    case 'retry_parked':
    case 'dismiss_parked': {
      const before = parked.length;
      parked = parked.filter((p) => p.event_id !== a.event_id);
      if (parked.length === before) throw { code: 'not_found', message: `no parked event ${a.event_id}` };
      sync.parked = parked.length;
      if (cmd === 'retry_parked') sync.queued++;
      return null;
    }
    case 'get_settings':
      return structuredClone(settings);
    case 'save_settings': {
      settings = { ...structuredClone(a.settings as Settings), has_token: settings.has_token || !!a.token };
      return structuredClone(settings);
    }
    case 'diagnostics':
      return `front desk     0.1.0-mock\ndata dir       ${status.data_dir}\nclock          ${sync.clock?.state}\n`;
    case 'preview_painted':
      return null;
    case 'list_cameras':
      return [
        { index: 0, name: 'Integrated Camera' },
        { index: 1, name: 'Logitech C920 HD Pro' },
      ];
    case 'report_html':
      return reportHtml(a.date);
    case 'export_report':
      return null;
    default:
      throw { code: 'unknown_command', message: `mock has no command ${cmd}` };
  }
}

mockIPC(
  (cmd, args) => {
    calls.push({ cmd, args: structuredClone((args ?? {}) as Record<string, unknown>) });
    try {
      return Promise.resolve(handle(cmd, (args ?? {}) as Args));
    } catch (e) {
      return Promise.reject(e);
    }
  },
  { shouldMockEvents: true },
);

// ---- the demo camera: synthetic frames at 15 fps ---------------------------------------

function startFrames() {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const g = canvas.getContext('2d');
  if (!g) return;
  const cells = 25;
  const bits: boolean[] = [];
  let seed = 7;
  for (let i = 0; i < cells * cells; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    bits.push(((seed >> 16) & 1) === 1);
  }
  const finder = (x: number, y: number) => (x < 7 && y < 7) || (x >= cells - 7 && y < 7) || (x < 7 && y >= cells - 7);
  const finderBit = (x: number, y: number) => {
    const fx = x >= cells - 7 ? x - (cells - 7) : x;
    const fy = y >= cells - 7 ? y - (cells - 7) : y;
    const d = Math.max(Math.abs(fx - 3), Math.abs(fy - 3));
    return d !== 2;
  };
  let n = 0;
  setInterval(() => {
    n++;
    const bg = g.createLinearGradient(0, 0, 640, 360);
    bg.addColorStop(0, '#3a4654');
    bg.addColorStop(1, '#1d242c');
    g.fillStyle = bg;
    g.fillRect(0, 0, 640, 360);
    // a desk edge and a hand holding a phone showing a QR code
    g.fillStyle = '#57432f';
    g.fillRect(0, 300, 640, 60);
    const dx = Math.sin(n / 20) * 10;
    const dy = Math.cos(n / 27) * 6;
    const px = 245 + dx;
    const py = 55 + dy;
    g.fillStyle = '#d9a98a';
    g.beginPath();
    g.ellipse(px + 75, py + 250, 70, 40, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#111';
    g.fillRect(px, py, 150, 250);
    g.fillStyle = '#fff';
    g.fillRect(px + 10, py + 40, 130, 130);
    const size = 110 / cells;
    g.fillStyle = '#000';
    for (let y = 0; y < cells; y++)
      for (let x = 0; x < cells; x++) {
        const on = finder(x, y) ? finderBit(x, y) : bits[y * cells + x];
        if (on) g.fillRect(px + 20 + x * size, py + 50 + y * size, size + 0.5, size + 0.5);
      }
    const url = canvas.toDataURL('image/jpeg', 0.7);
    void emit('preview-frame', { jpeg_base64: url.slice(url.indexOf(',') + 1), width: 640, height: 360 });
  }, 1000 / 15);
}
if (params.get('frames') !== '0' && !status.camera_error) startFrames();

// ---- controls for tests and demos ------------------------------------------------------

const control = {
  calls,
  /** A camera scan: the core decides and emits `verdict`. */
  scan(code: string) {
    const v = checkInCode(code, 'camera');
    record(v);
    void emit('verdict', v);
    return v;
  },
  emit: (event: string, payload: unknown) => emit(event, payload),
  setOnline(online: boolean, since?: string) {
    sync.online = online;
    sync.offline_since = online ? null : (since ?? iso(Date.now()));
    sync.last_error = online ? null : 'connection refused (central API unreachable)';
    if (online) sync.queued = 0;
    return emit('sync-status', { ...sync });
  },
  /** The core's clock check: `offset_s` server minus desk, or a backwards jump of `back_s`. */
  setClock(c: { offset_s?: number; back_s?: number; flagged?: number }) {
    const flagged = c.flagged ?? 0;
    const checked_at = iso(Date.now());
    if (c.back_s) sync.clock = { state: 'went_backwards', by_ms: c.back_s * 1000, checked_at, flagged };
    else if (Math.abs(c.offset_s ?? 0) > 60) sync.clock = { state: 'skewed', offset_ms: (c.offset_s ?? 0) * 1000, checked_at, flagged };
    else sync.clock = { state: 'ok', offset_ms: (c.offset_s ?? 0) * 1000, checked_at, flagged };
    return emit('sync-status', { ...sync });
  },
  setPull(done: number, total: number | null) {
    sync.pull = total === null ? null : { done, total };
    return emit('sync-status', { ...sync });
  },
  cameraError(code: string, message: string) {
    return emit('camera-error', { code, message });
  },
  settings: () => structuredClone(settings),
};

declare global {
  interface Window {
    __frontDeskMock: typeof control;
  }
}
window.__frontDeskMock = control;
