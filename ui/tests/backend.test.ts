// Why this file exists: backend.ts is the whole UI↔Rust contract; these tests pin each
// wrapper's command name, snake_case arguments and return value against docs/IPC.md,
// using Tauri's own mockIPC, plus the error and event mapping.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import * as api from '../src/backend';
import { IpcError } from '../src/backend';
import type { Settings } from '../src/types';
import { DEFAULT_ALERTS } from '../src/mock/fixtures';

afterEach(() => clearMocks());

function record(result: unknown = null) {
  const seen: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    seen.push({ cmd, args });
    return result;
  });
  return seen;
}

const settings: Settings = {
  camera: { index: 1, name: 'USB', width: 1280, height: 720, fps: 30, mirrored: true, source: 'camera' },
  api_url: 'https://api.example.com',
  gym_id: 7,
  token: 'none',
  lang: 'es',
  sound: true,
  alerts: { ...DEFAULT_ALERTS, actions: { ...DEFAULT_ALERTS.actions, birthday: 'warn', desk_note: 'block' } },
  rescan_window_secs: 60,
  already_inside_minutes: 0,
  idle_lock_minutes: 10,
};

describe('commands map to docs/IPC.md names and snake_case arguments', () => {
  const cases: [string, () => Promise<unknown>, string, Record<string, unknown>][] = [
    ['windowReady', () => api.windowReady(), 'window_ready', {}],
    ['checkInCode', () => api.checkInCode('U1_x', 'scanner'), 'check_in_code', { code: 'U1_x', method: 'scanner' }],
    [
      'checkInMember',
      () => api.checkInMember(5, 9, 'late bus'),
      'check_in_member',
      { member_id: 5, session_id: 9, override_reason: 'late bus', approval_pin: null },
    ],
    [
      'checkInMember (override approved with a PIN)',
      () => api.checkInMember(5, 9, 'late bus', '2222'),
      'check_in_member',
      { member_id: 5, session_id: 9, override_reason: 'late bus', approval_pin: '2222' },
    ],
    [
      'checkInMember (automatic, no override)',
      () => api.checkInMember(5, null, null),
      'check_in_member',
      { member_id: 5, session_id: null, override_reason: null, approval_pin: null },
    ],
    ['searchMembers', () => api.searchMembers('lopez', 7), 'search_members', { query: 'lopez', limit: 7 }],
    ['todaySessions', () => api.todaySessions(), 'today_sessions', {}],
    ['recentCheckIns', () => api.recentCheckIns(3), 'recent_check_ins', { limit: 3 }],
    ['syncStatus', () => api.syncStatus(), 'sync_status', {}],
    ['outboxItems', () => api.outboxItems('parked'), 'outbox_items', { state: 'parked' }],
    ['outboxItems (all)', () => api.outboxItems(null), 'outbox_items', { state: null }],
    ['retryParked', () => api.retryParked('ev1'), 'retry_parked', { event_id: 'ev1' }],
    ['dismissParked', () => api.dismissParked('ev1', 'dup'), 'dismiss_parked', { event_id: 'ev1', note: 'dup' }],
    ['addDeskNote', () => api.addDeskNote(109, 'Firma pendiente'), 'add_desk_note', { member_id: 109, text: 'Firma pendiente' }],
    ['clearDeskNote', () => api.clearDeskNote(7), 'clear_desk_note', { note_id: 7 }],
    ['memberNotes', () => api.memberNotes(109), 'member_notes', { member_id: 109 }],
    ['getSettings', () => api.getSettings(), 'get_settings', {}],
    ['saveSettings', () => api.saveSettings(settings, 'tok'), 'save_settings', { settings, token: 'tok' }],
    ['saveSettings (keep token)', () => api.saveSettings(settings, null), 'save_settings', { settings, token: null }],
    ['listCameras', () => api.listCameras(), 'list_cameras', {}],
    ['holdCameraCheckIns', () => api.holdCameraCheckIns(true), 'hold_camera_check_ins', { held: true }],
    ['showPreview', () => api.showPreview(false), 'show_preview', { shown: false }],
    ['reportHtml', () => api.reportHtml('2026-11-28'), 'report_html', { date: '2026-11-28' }],
    ['reportHtml (today)', () => api.reportHtml(null), 'report_html', { date: null }],
    // A day report sends no `to` at all, whatever the caller passes for "no range".
    ['reportHtml (to null: a day)', () => api.reportHtml('2026-11-28', null), 'report_html', { date: '2026-11-28' }],
    ['reportHtml (to empty: a day)', () => api.reportHtml('2026-11-28', ''), 'report_html', { date: '2026-11-28' }],
    [
      'reportHtml (range)',
      () => api.reportHtml('2026-11-01', '2026-11-28'),
      'report_html',
      { date: '2026-11-01', to: '2026-11-28' },
    ],
    ['exportReport', () => api.exportReport('2026-11-28', 'xlsx'), 'export_report', { date: '2026-11-28', format: 'xlsx' }],
    ['exportReport (to null: a day)', () => api.exportReport('2026-11-28', 'csv', null), 'export_report', { date: '2026-11-28', format: 'csv' }],
    [
      'exportReport (range)',
      () => api.exportReport('2026-11-01', 'csv', '2026-11-28'),
      'export_report',
      { date: '2026-11-01', to: '2026-11-28', format: 'csv' },
    ],
    ['enterKiosk', () => api.enterKiosk(), 'enter_kiosk', {}],
    ['leaveKiosk', () => api.leaveKiosk('2468'), 'leave_kiosk', { pin: '2468' }],
    ['setKioskPin', () => api.setKioskPin('1357'), 'set_kiosk_pin', { pin: '1357' }],
    ['kioskCheckInCode', () => api.kioskCheckInCode('U101_7f3a9c'), 'kiosk_check_in_code', { code: 'U101_7f3a9c' }],
    ['kioskRefusals', () => api.kioskRefusals(5), 'kiosk_refusals', { limit: 5 }],
    ['shiftStatus', () => api.shiftStatus(), 'shift_status', {}],
    ['listStaff', () => api.listStaff(), 'list_staff', {}],
    ['staffSignIn', () => api.staffSignIn(3, '3333'), 'staff_sign_in', { staff_id: 3, pin: '3333' }],
    ['lockDesk', () => api.lockDesk(), 'lock_desk', {}],
    ['staffActivity', () => api.staffActivity(), 'staff_activity', {}],
    ['adminPin', () => api.adminPin('1111'), 'admin_pin', { pin: '1111' }],
    ['endAdmin', () => api.endAdmin(), 'end_admin', {}],
    ['addStaff', () => api.addStaff('Ana Pérez', 'reception', '3333'), 'add_staff', { name: 'Ana Pérez', role: 'reception', pin: '3333' }],
    ['updateStaff (keep the PIN)', () => api.updateStaff(3, 'supervisor', null), 'update_staff', { staff_id: 3, role: 'supervisor', pin: null }],
    ['updateStaff (new PIN)', () => api.updateStaff(3, 'reception', '4444'), 'update_staff', { staff_id: 3, role: 'reception', pin: '4444' }],
    ['removeStaff', () => api.removeStaff(3), 'remove_staff', { staff_id: 3 }],
  ];
  for (const [name, run, cmd, args] of cases) {
    it(name, async () => {
      const seen = record();
      await run();
      expect(seen).toHaveLength(1);
      expect(seen[0].cmd).toBe(cmd);
      // Strict: an argument sent as `undefined` (a `to` on a day report) is not the same call.
      expect(seen[0].args ?? {}).toStrictEqual(args);
    });
  }
});

describe('return values', () => {
  it('passes the command result through unchanged', async () => {
    const hits = [{ id: 1, name: 'María López', email: null, picture: null, membership: null }];
    record(hits);
    await expect(api.searchMembers('lopez')).resolves.toEqual(hits);
  });
  it('uses sensible default limits', async () => {
    const seen = record([]);
    await api.searchMembers('x');
    await api.recentCheckIns();
    expect((seen[0].args as { limit: number }).limit).toBeGreaterThan(0);
    expect((seen[1].args as { limit: number }).limit).toBeGreaterThan(0);
  });
});

describe('errors become IpcError {code, message}', () => {
  it('keeps the code and message of a Rust error object', async () => {
    mockIPC(() => Promise.reject({ code: 'camera_not_found', message: 'no camera' }));
    const err = await api.listCameras().catch((e) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err.code).toBe('camera_not_found');
    expect(err.message).toBe('no camera');
  });
  it('wraps a plain string rejection as code "internal"', async () => {
    mockIPC(() => Promise.reject('command not found'));
    const err = await api.windowReady().catch((e) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err.code).toBe('internal');
    expect(err.message).toBe('command not found');
  });
  it('tells the failure listener of every failed command, and the caller still gets the error', async () => {
    mockIPC((cmd) => (cmd === 'shift_status' ? { profiles: false } : Promise.reject({ code: 'desk_locked', message: 'locked' })));
    const heard: [string, string][] = [];
    api.onCommandFailure((err, cmd) => heard.push([err.code, cmd]));
    try {
      await api.shiftStatus();
      const err = await api.searchMembers('ana').catch((e) => e);
      expect(err).toBeInstanceOf(IpcError);
      expect(err.code).toBe('desk_locked');
      await Promise.resolve();
      expect(heard).toEqual([['desk_locked', 'search_members']]);
    } finally {
      api.onCommandFailure(null);
    }
  });
  it('toIpcError handles Error objects and odd values', () => {
    expect(api.toIpcError(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
    expect(api.toIpcError(42)).toMatchObject({ code: 'internal', message: '42' });
  });
});

describe('events', () => {
  it('delivers each event payload to its typed handler and stops after unlisten', async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const verdicts = vi.fn();
    const sync = vi.fn();
    const camera = vi.fn();
    const un = await api.onVerdict(verdicts);
    await api.onSyncStatus(sync);
    await api.onCameraError(camera);
    await emit('verdict', { code: 'checked_in' });
    await emit('sync-status', { online: false });
    await emit('camera-error', { code: 'camera_busy', message: 'busy' });
    expect(verdicts).toHaveBeenCalledWith({ code: 'checked_in' });
    expect(sync).toHaveBeenCalledWith({ online: false });
    expect(camera).toHaveBeenCalledWith({ code: 'camera_busy', message: 'busy' });
    un();
    await emit('verdict', { code: 'invalid_code' });
    expect(verdicts).toHaveBeenCalledTimes(1);
  });
  it('delivers kiosk-verdict events to onKioskVerdict, and not verdict ones', async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const kiosk = vi.fn();
    await api.onKioskVerdict(kiosk);
    await emit('verdict', { code: 'checked_in' });
    await emit('kiosk-verdict', { code: 'checked_in', first_name: 'María', paint_id: 3 });
    expect(kiosk).toHaveBeenCalledTimes(1);
    expect(kiosk).toHaveBeenCalledWith({ code: 'checked_in', first_name: 'María', paint_id: 3 });
  });
});

describe('the real command list', () => {
  // The Rust side names its commands three times: the permission manifest (build.rs), the
  // handler (lib.rs) and the capability that grants them. All three, and every command this
  // module calls, must be the same set, or a command is unreachable or unguarded.
  const ROOT = resolve(__dirname, '../..');
  const read = (p: string) => readFileSync(resolve(ROOT, p), 'utf8');
  const manifest = [...read('src-tauri/build.rs').matchAll(/^\s+"([a-z_]+)",$/gm)].map((m) => m[1]);
  const handler = [...read('src-tauri/src/lib.rs').matchAll(/commands::([a-z_]+),/g)].map((m) => m[1]);
  const granted = (JSON.parse(read('src-tauri/capabilities/default.json')).permissions as string[])
    .filter((p) => p.startsWith('allow-'))
    .map((p) => p.slice('allow-'.length).replace(/-/g, '_'));
  const called = [...read('ui/src/backend.ts').matchAll(/call<[^>]*>\('([a-z_]+)'/g)].map((m) => m[1]);
  const sorted = (xs: string[]) => [...new Set(xs)].sort();

  it('is declared, handled, granted and called alike', () => {
    expect(manifest.length).toBeGreaterThan(10);
    expect(sorted(handler)).toEqual(sorted(manifest));
    expect(sorted(granted)).toEqual(sorted(manifest));
    expect(sorted(called)).toEqual(sorted(manifest));
  });
});

describe('the preview channel', () => {
  it('hands watch_preview a channel and passes on the frames it carries, skipping anything else', async () => {
    let channelId: number | null = null;
    mockIPC((cmd, args) => {
      if (cmd === 'watch_preview') channelId = (args as { channel: { id: number } }).channel.id;
      return null;
    });
    const frames = vi.fn();
    await api.watchPreview(frames);
    expect(channelId).not.toBeNull();
    const run = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, d: unknown) => void } })
      .__TAURI_INTERNALS__.runCallback;
    const frame = new Uint8Array([3, 0, 1, 0, 10, 20, 30]).buffer; // 3 x 1, grey 10 20 30
    run(channelId as unknown as number, { message: frame, index: 0 });
    run(channelId as unknown as number, { message: new Uint8Array([3, 0, 1, 0, 10]).buffer, index: 1 }); // short
    expect(frames).toHaveBeenCalledTimes(1);
    const got = frames.mock.calls[0][0];
    expect([got.width, got.height, Array.from(got.pixels)]).toEqual([3, 1, [10, 20, 30]]);
  });
});

