// Why this file exists: TEST-ONLY. The mock backend's entry point, so the UI runs in a plain
// browser (`npm run dev:mock`, and the Chromium flows in ../../e2e/run.mjs). main.ts imports it
// only when Vite runs with `--mode mock`; the production build never contains it. It answers
// every command of docs/IPC.md through Tauri's own `mockIPC` from the canned fixtures
// (fixtures.ts, via desk.ts), records the calls, emits the events (demo preview frames,
// verdicts, sync status, camera errors) and puts the test controls on `window.__frontDeskMock`.
// The controls switch which canned answer is served; none of them decides anything. With
// `?kiosk=1` the desk is a self check-in kiosk (staff commands refused, `kioskScan` controls).
// Staff profiles (none by default: nothing asks for a PIN) are mock/staff.ts; `useStaff()`
// installs the canned ones, `idle()` plays the idle lock.

import { mockIPC } from '@tauri-apps/api/mocks';
import type { Channel } from '@tauri-apps/api/core';
import { emit } from '@tauri-apps/api/event';
import { CommandError, MockDesk } from './desk';
import { CAMERA_SCAN_MS, MEMBERS, type ClockName } from './fixtures';
import { showPreview, startFrames, watchPreview } from './frames';
import { MockStaff } from './staff';
import type { Settings, StaffRole, SyncState } from '../types';

export interface MockCall {
  cmd: string;
  args: Record<string, unknown>;
}

const params = new URLSearchParams(location.search);
const desk = new MockDesk(params);
const staff = new MockStaff(() => desk.getSettings().idle_lock_minutes);
// `?staff=1`: the desk opens with the canned staff profiles (useStaff()), nobody signed in.
if (params.get('staff') === '1') staff.useStaff();
const calls: MockCall[] = [];

type Args = Record<string, unknown>;
const str = (a: Args, k: string) => a[k] as string;
const num = (a: Args, k: string) => a[k] as number;

function handle(cmd: string, a: Args): unknown {
  desk.staffOnly(cmd);
  // With staff profiles: `desk_locked` / `admin_required`, else who is on shift (null without).
  const who = staff.gate(cmd);
  switch (cmd) {
    case 'window_ready':
      // `?scan_on_ready=CODE`: the camera reads a code the moment scanning starts (before
      // window_ready has even answered), as the real app's camera may.
      if (params.get('scan_on_ready')) control.scan(params.get('scan_on_ready')!);
      return desk.windowReady();
    case 'restore_backup':
      return desk.restoreBackup();
    case 'check_in_code': {
      const v = desk.checkInCode(str(a, 'code'), a.method as 'camera' | 'scanner');
      if (v.success) void emitSync();
      return v;
    }
    case 'check_in_member': {
      const reason = a.override_reason as string | null;
      const session = a.session_id as number | null;
      // As the core: an override needs a session (the fixtures refuse it), then the approval.
      const approvedBy = reason?.trim() && session !== null ? staff.approve((a.approval_pin as string | null) ?? null) : null;
      const v = desk.checkInMember(num(a, 'member_id'), session, reason, { staff: who, approved_by: approvedBy });
      if (v.success) void emitSync();
      return v;
    }
    case 'search_members':
      return desk.searchMembers(str(a, 'query'), num(a, 'limit'));
    case 'today_sessions':
      return desk.todaySessions();
    case 'recent_check_ins':
      return desk.recentCheckIns(num(a, 'limit'));
    case 'sync_status':
      return desk.syncStatus();
    case 'outbox_items':
      return desk.outboxItems(a.state as SyncState | null);
    case 'retry_parked':
      return desk.resolveParked(str(a, 'event_id'), true);
    case 'dismiss_parked':
      return desk.resolveParked(str(a, 'event_id'), false);
    case 'add_desk_note':
      return desk.addDeskNote(num(a, 'member_id'), str(a, 'text'), who);
    case 'clear_desk_note':
      return desk.clearDeskNote(num(a, 'note_id'), who);
    case 'member_notes':
      return desk.memberNotes(num(a, 'member_id'));
    case 'get_settings':
      return desk.getSettings();
    case 'save_settings':
      return desk.saveSettings(a.settings as Settings, a.token as string | null);
    case 'diagnostics':
      return desk.diagnostics();
    case 'preview_painted':
    case 'verdict_painted':
      return null;
    case 'watch_preview':
      return watchPreview(a.channel as Channel<ArrayBuffer>);
    case 'show_preview':
      return showPreview(a.shown === true);
    case 'hold_camera_check_ins':
      return desk.holdCamera(a.held === true);
    case 'list_cameras':
      return desk.listCameras();
    case 'report_html':
      return desk.reportHtml(a.date as string | null, a.to as string | null | undefined);
    case 'export_report':
      return desk.exportReport(a.date as string | null, str(a, 'format'), a.to as string | null | undefined);
    case 'enter_kiosk':
      return desk.enterKiosk();
    case 'leave_kiosk':
      return desk.leaveKiosk(str(a, 'pin'));
    case 'set_kiosk_pin':
      return desk.setKioskPin(str(a, 'pin'));
    case 'kiosk_check_in_code':
      return desk.kioskCheckIn(str(a, 'code'));
    case 'kiosk_refusals':
      return desk.kioskRefusals(num(a, 'limit'));
    case 'shift_status':
      return staff.view();
    case 'list_staff':
      return staff.list();
    case 'staff_sign_in':
      return staff.signIn(num(a, 'staff_id'), str(a, 'pin'));
    case 'lock_desk':
      return staff.lock();
    case 'staff_activity':
      return staff.activity();
    case 'admin_pin':
      return staff.adminPin(str(a, 'pin'));
    case 'end_admin':
      return staff.endAdmin();
    case 'add_staff':
      return staff.addStaff(str(a, 'name'), a.role as StaffRole, str(a, 'pin'));
    case 'update_staff':
      return staff.updateStaff(num(a, 'staff_id'), a.role as StaffRole, (a.pin as string | null) ?? null);
    case 'remove_staff':
      return staff.removeStaff(num(a, 'staff_id'));
    default:
      throw new CommandError({ code: 'unknown_command', message: `mock has no command ${cmd}` });
  }
}

mockIPC(
  (cmd, args) => {
    calls.push({ cmd, args: structuredClone((args ?? {}) as Record<string, unknown>) });
    try {
      return Promise.resolve(handle(cmd, (args ?? {}) as Args));
    } catch (e) {
      return Promise.reject(e instanceof CommandError ? e.data : e);
    }
  },
  { shouldMockEvents: true },
);

// The shell serves member photos through its `photo` scheme; here the fixtures' portraits stand in
// (a member with none gets a URL that fails to load, as the shell's 404 does).
(window as unknown as { __TAURI_INTERNALS__: { convertFileSrc: (p: string, proto: string) => string } }).__TAURI_INTERNALS__.convertFileSrc =
  (p, proto) => (proto === 'photo' && MEMBERS[Number(p)]?.picture) || `data:image/jpeg;base64,`;

let paintSeq = 0;

const emitSync = () => emit('sync-status', desk.syncStatus());

if (params.get('frames') !== '0' && !desk.cameraError) startFrames();

// ---- controls for tests and demos ------------------------------------------------------

const control = {
  calls,
  /** A camera scan: the core's canned verdict for `code`, emitted as the `verdict` event. */
  scan(code: string) {
    const v = { ...desk.checkInCode(code, 'camera'), scan_ms: CAMERA_SCAN_MS };
    void emit('verdict', v);
    if (v.success) void emitSync();
    return v;
  },
  /** A camera scan at the kiosk: the canned kiosk verdict for `code`, emitted as `kiosk-verdict`. */
  kioskScan(code: string) {
    const v = { ...desk.kioskCheckIn(code), paint_id: ++paintSeq };
    void emit('kiosk-verdict', v);
    return v;
  },
  /** Whether the desk is a kiosk now. */
  kiosk: () => desk.kiosk,
  emit: (event: string, payload: unknown) => emit(event, payload),
  /** Serves the online or the offline sync status (`lastContact`: when the server last answered). */
  setOnline(online: boolean, lastContact?: string | null) {
    desk.setOnline(online, lastContact);
    return emitSync();
  },
  /** Serves the canned clock summary `name` (fixtures.ts `CLOCKS`). */
  setClock(name: ClockName) {
    desk.setClock(name);
    return emitSync();
  },
  /** A replica download at `stage`, `done` of `total` (`total` null: none running). */
  /** A running pull (`done` null: none). `total` null: nothing to go by; `estimated`: the last pull's count. */
  setPull(done: number | null, total: number | null = null, stage = 'members', estimated = false) {
    desk.setPull(done === null ? null : { stage, done, total, estimated });
    return emitSync();
  },
  /** The camera fails with the canned error `code` (fixtures.ts `CAMERA_ERRORS`). */
  cameraError(code: string) {
    return emit('camera-error', desk.cameraErrorFor(code));
  },
  settings: () => desk.getSettings(),
  /** Staff profiles (mock/staff.ts STAFF: Zoe Ruiz admin 1111, Luis Gómez supervisor 2222, Ana
   * Pérez reception 3333), nobody signed in: the desk is locked until someone signs in. */
  useStaff: () => staff.useStaff(),
  /** The idle lock's minutes pass: the desk locks (the page finds out on its next call). */
  idle: () => staff.idle(),
  /** The shift as shift_status would answer now. */
  shift: () => staff.view(),
};

declare global {
  interface Window {
    __frontDeskMock: typeof control;
  }
}
window.__frontDeskMock = control;
