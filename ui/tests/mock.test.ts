// Why this file exists: the test-only mock backend must serve the core's canned answers and
// nothing of its own. These tests pin how an answer is picked (by code, by member and session,
// by the alert actions the settings name), what the mock fills in (the method, a fresh event id,
// the override reason staff typed), the bookkeeping after a served check-in and of desk notes,
// and the errors with their codes. The answers themselves are the fixtures' (src/mock/fixtures.ts).

import { beforeEach, describe, expect, it } from 'vitest';
import { CommandError, MockDesk } from '../src/mock/desk';
import { CODES, FIXTURES, NOTE_TEXT, RECENT, SESSIONS, SETTINGS, STALE_AS_OF } from '../src/mock/fixtures';
import type { AlertAction, AlertKind } from '../src/types';

let desk: MockDesk;
beforeEach(() => {
  sessionStorage.clear();
  desk = new MockDesk(new URLSearchParams(''));
});

const rejection = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CommandError);
    return (e as CommandError).data;
  }
  throw new Error('did not reject');
};

describe('the mock desk', () => {
  it('serves the canned verdict of a code, with the method it came by and a fresh event id', () => {
    const v = desk.checkInCode(CODES.maria, 'camera');
    expect(v).toMatchObject({ success: true, code: 'checked_in', method: 'camera', member: { id: 101 }, session: { id: 9002 } });
    expect(v.event_id).not.toBe(desk.checkInCode(CODES.maria, 'scanner').event_id);
    expect(desk.checkInCode('U101_wrongcode', 'scanner')).toMatchObject({ code: 'invalid_code', member: null, user_id: null });
    expect(desk.checkInCode('something unknown', 'scanner')).toMatchObject({ code: 'invalid_code', member: null });
    expect(desk.checkInCode('U666_diskfull', 'scanner')).toMatchObject({ success: false, code: 'save_failed' });
    expect(rejection(() => desk.checkInCode('U000_nobackend', 'scanner')).code).toBe('internal');
  });

  it('serves a manual check-in by member and session, and echoes an override reason', () => {
    expect(desk.checkInMember(101, 9004, null)).toMatchObject({ success: false, code: 'session_cancelled', method: 'manual' });
    const v = desk.checkInMember(101, 9004, 'Clase trasladada');
    expect(v).toMatchObject({ success: true, code: 'checked_in', method: 'override' });
    expect(v.warnings).toEqual([
      { code: 'override', refused: 'session_cancelled', reason: 'Clase trasladada',
        message: 'Autorizado por el personal (session_cancelled): Clase trasladada' },
    ]);
    expect(desk.checkInMember(107, null, null)).toMatchObject({ code: 'already_checked_in', session: { id: 9002 } });
    expect(rejection(() => desk.checkInMember(101, null, 'visita'))).toEqual({
      code: 'invalid_argument', message: 'an override needs a session',
    });
    expect(rejection(() => desk.checkInMember(4242, 9002, null)).code).toBe('mock_no_fixture');
  });

  /** Saves the settings with `kind` set to `action`, as the settings screen would. */
  const setAlert = (kind: AlertKind, action: AlertAction) => {
    const s = desk.getSettings();
    desk.saveSettings({ ...s, alerts: { ...s.alerts, actions: { ...s.alerts.actions, [kind]: action } } }, null);
  };

  it('starts with the alert catalogue at the core defaults', () => {
    expect(SETTINGS).not.toHaveProperty('block_inactive_membership');
    expect(desk.getSettings().alerts).toEqual({
      actions: {
        membership_inactive: 'warn', membership_expired: 'warn', membership_expiring: 'allow', user_inactive: 'warn',
        no_stored_code: 'warn', new_member: 'allow', birthday: 'allow', desk_note: 'warn', stale_data: 'warn',
      },
      expiring_within_days: 7,
      new_member_days: 14,
      stale_after_hours: 24,
    });
  });

  it('switches to the blocking answers when the saved settings block inactive memberships', () => {
    expect(desk.checkInCode(CODES.andres, 'camera')).toMatchObject({ success: true, warnings: [{ code: 'membership_inactive' }] });
    setAlert('desk_note', 'block'); // another alert set to block changes nothing for Andrés
    expect(desk.checkInCode(CODES.andres, 'camera').success).toBe(true);
    setAlert('membership_inactive', 'block');
    expect(desk.checkInCode(CODES.andres, 'camera')).toMatchObject({ success: false, code: 'membership_inactive' });
    expect(desk.checkInCode(CODES.maria, 'camera').success).toBe(true);
    expect(desk.checkInMember(104, 9004, null).code).toBe('membership_inactive');
  });

  it('serves the alert cases: a birthday on a green card, a desk note and stale data amber', () => {
    expect(desk.checkInCode(CODES.elena, 'camera')).toMatchObject({
      success: true, member: { id: 108 }, warnings: [{ code: 'birthday', level: 'allow' }],
    });
    expect(desk.checkInCode(CODES.pablo, 'camera')).toMatchObject({
      success: true, member: { id: 109 }, warnings: [{ code: 'desk_note', level: 'warn', note_id: 1, text: NOTE_TEXT }],
    });
    const rosa = desk.checkInCode(CODES.rosa, 'scanner');
    expect(rosa).toMatchObject({ success: true, data_as_of: STALE_AS_OF, warnings: [{ code: 'stale_data', level: 'warn', at: STALE_AS_OF }] });
    expect(desk.checkInMember(108, null, null)).toMatchObject({ code: 'checked_in', warnings: [{ code: 'birthday' }] });
  });

  it('refuses Pablo with alert_blocked once desk notes block, and an override names that refusal', () => {
    setAlert('desk_note', 'block');
    expect(desk.checkInCode(CODES.pablo, 'camera')).toMatchObject({
      success: false, code: 'alert_blocked', warnings: [{ code: 'desk_note', level: 'block' }],
    });
    expect(desk.checkInMember(109, null, null)).toMatchObject({ success: false, code: 'alert_blocked' });
    const v = desk.checkInMember(109, 9002, 'Firmará mañana');
    expect(v).toMatchObject({ success: true, method: 'override' });
    expect(v.warnings.map((w) => [w.code, w.refused ?? w.level])).toEqual([['desk_note', 'block'], ['override', 'alert_blocked']]);
    expect(v.warnings[1].reason).toBe('Firmará mañana');
    expect(desk.checkInCode(CODES.elena, 'camera').success).toBe(true);
  });

  it('keeps desk notes: added notes are listed oldest first until cleared, and cleared once', () => {
    expect(desk.memberNotes(109).map((n) => n.text)).toEqual([NOTE_TEXT]);
    expect(desk.memberNotes(101)).toEqual([]);
    const a = desk.addDeskNote(101, '  Trae la tarjeta\nnueva  ');
    expect(a).toMatchObject({ member_id: 101, text: 'Trae la tarjeta nueva', cleared_at: null });
    const b = desk.addDeskNote(101, 'Segunda nota');
    expect(desk.memberNotes(101).map((n) => n.id)).toEqual([a.id, b.id]);
    expect(desk.clearDeskNote(a.id)).toBeNull();
    expect(desk.memberNotes(101).map((n) => n.text)).toEqual(['Segunda nota']);
    expect(rejection(() => desk.clearDeskNote(a.id))).toEqual({ code: 'not_found', message: `no open desk note ${a.id}` });
    expect(desk.memberNotes(109)).toHaveLength(1); // another member's notes are untouched
  });

  it('refuses a note as the core does: no text, over 280 characters, or no such member', () => {
    expect(rejection(() => desk.addDeskNote(101, '   ')).code).toBe('invalid_argument');
    expect(rejection(() => desk.addDeskNote(101, 'x'.repeat(281))).code).toBe('invalid_argument');
    expect(desk.addDeskNote(101, 'x'.repeat(280)).text).toHaveLength(280);
    expect(rejection(() => desk.addDeskNote(4242, 'hola')).code).toBe('invalid_argument');
  });

  it('answers in the desk language the settings name', () => {
    desk.saveSettings({ ...desk.getSettings(), lang: 'en' }, null);
    expect(desk.checkInCode(CODES.maria, 'camera').message).toBe('Checked in');
    expect(desk.outboxItems('parked')[1].last_error).toBe(FIXTURES.en.parked[1].last_error);
  });

  it('records a served check-in in the list and the counts, queued while offline', () => {
    desk.setOnline(false, '2026-11-28T09:42:00Z');
    expect(desk.syncStatus()).toMatchObject({ online: false, last_success_at: '2026-11-28T09:42:00Z', queued: 0 });
    expect(desk.syncStatus().offline_since).not.toBeNull();
    desk.checkInCode(CODES.lucia, 'scanner');
    desk.checkInCode('U101_wrongcode', 'scanner'); // a refusal is not recorded
    expect(desk.syncStatus().queued).toBe(1);
    const recent = desk.recentCheckIns(12);
    expect(recent).toHaveLength(RECENT.length + 1);
    expect(recent[0]).toMatchObject({ member_id: 103, session_id: 9002, sync_state: 'queued', method: 'scanner' });
    const yoga = desk.todaySessions().find((s) => s.id === 9002)!;
    expect(yoga.attended).toBe(SESSIONS.find((s) => s.id === 9002)!.attended + 1);
    desk.setOnline(true);
    expect(desk.syncStatus()).toMatchObject({ online: true, queued: 0 });
    expect(desk.recentCheckIns(1)[0].sync_state).toBe('sent');
  });

  it('serves the canned clock states, and parked items leave the panel once', () => {
    desk.setClock('desk_behind_10min');
    expect(desk.syncStatus().clock).toMatchObject({ state: 'skewed', offset_ms: 600_000, flagged: 3 });
    expect(() => desk.setClock('nonsense' as never)).toThrow(/no canned clock/);
    expect(desk.syncStatus().parked).toBe(2);
    desk.resolveParked('ev-p1', true);
    expect(desk.syncStatus()).toMatchObject({ parked: 1, queued: 1 });
    expect(rejection(() => desk.resolveParked('ev-p1', false))).toEqual({ code: 'not_found', message: 'no parked check-in ev-p1' });
  });

  it('searches by the canned table, in the core order, and finds nothing else', () => {
    expect(desk.searchMembers('Lopez', 20).map((m) => m.id)).toEqual([106, 101]);
    expect(desk.searchMembers('Lopez', 1).map((m) => m.id)).toEqual([106]);
    expect(desk.searchMembers('U105_5e5e5e', 20)).toEqual([]);
  });

  it('serves the canned range report with the days asked for, in the desk language, with both charts', () => {
    const es = desk.reportHtml('2026-11-01', '2026-11-28');
    expect(es).toContain('<title>Informe de asistencia por periodo · Gimnasio Demo Centro · 2026-11-01 – 2026-11-28</title>');
    expect(es).toMatch(/<svg class="chart chart--days"[^>]*>[\s\S]*<rect class="bar"/);
    expect(es).toContain('<svg class="chart chart--heat"');
    expect(es).not.toContain('{from}');
    // No `to`, or an empty one, is the day report, as in the core.
    expect(desk.reportHtml('2026-11-20')).toContain('<b>2026-11-20</b>');
    expect(desk.reportHtml('2026-11-20', '')).not.toContain('chart--days');
    expect(desk.reportHtml('2026-11-20', null)).toBe(desk.reportHtml('2026-11-20'));
    desk.saveSettings({ ...desk.getSettings(), lang: 'en' }, null);
    expect(desk.reportHtml('2026-11-01', '2026-11-28')).toContain(
      '<title>Attendance report for a period · Gimnasio Demo Centro · 2026-11-01 – 2026-11-28</title>',
    );
  });

  it('names a range export FROM_TO as the core suggests, and refuses a range as the core does', () => {
    expect(desk.exportReport('2026-11-01', 'csv', '2026-11-28')).toBe('~/Front Desk/asistencia-2026-11-01_2026-11-28.csv');
    expect(desk.exportReport('2026-11-01', 'xlsx')).toBe('~/Front Desk/asistencia-2026-11-01.xlsx');
    expect(rejection(() => desk.reportHtml('2026-11-28', '2026-11-27'))).toEqual({
      code: 'invalid_argument', message: 'the range ends (2026-11-27) before it starts (2026-11-28)',
    });
    expect(rejection(() => desk.reportHtml('2025-11-28', '2026-11-29')).code).toBe('invalid_argument'); // 367 days
    expect(desk.reportHtml('2025-11-29', '2026-11-29')).toContain('chart--heat'); // 366 days
    expect(rejection(() => desk.exportReport(null, 'csv', '2026-11-28')).code).toBe('invalid_argument');
    desk.saveSettings({ ...desk.getSettings(), lang: 'en' }, null);
    expect(desk.exportReport('2026-11-01', 'html', '2026-11-28')).toBe('~/Front Desk/attendance-2026-11-01_2026-11-28.html');
    const cancelled = new MockDesk(new URLSearchParams('save=cancel'));
    expect(cancelled.exportReport('2026-11-01', 'csv', '2026-11-28')).toBeNull();
  });

  it('plays a damaged replica until a backup is restored', () => {
    const damaged = new MockDesk(new URLSearchParams('db_error=1'));
    expect(damaged.windowReady().db_error?.code).toBe('db_corrupt');
    damaged.restoreBackup();
    expect(damaged.windowReady().db_error).toBeNull();
  });
});

describe('the mock kiosk (issue 15)', () => {
  const kioskDesk = () => new MockDesk(new URLSearchParams('kiosk=1'));

  it('?kiosk=1 opens as a kiosk with the canned PIN set; otherwise a staff desk without one', () => {
    expect(kioskDesk().windowReady()).toMatchObject({ kiosk: true, kiosk_pin_set: true });
    sessionStorage.clear();
    expect(desk.windowReady()).toMatchObject({ kiosk: false, kiosk_pin_set: false });
  });

  it('refuses every staff command with forbidden while a kiosk, and not the kiosk ones', () => {
    const k = kioskDesk();
    for (const cmd of ['check_in_code', 'search_members', 'recent_check_ins', 'get_settings', 'set_kiosk_pin', 'kiosk_refusals'])
      expect(rejection(() => k.staffOnly(cmd)).code, cmd).toBe('forbidden');
    for (const cmd of ['today_sessions', 'sync_status', 'watch_preview', 'leave_kiosk', 'kiosk_check_in_code', 'window_ready'])
      expect(() => k.staffOnly(cmd), cmd).not.toThrow();
  });

  it('leave_kiosk counts wrong PINs: four say unauthorized, the fifth locks; the canned PIN leaves', () => {
    const k = kioskDesk();
    for (let i = 0; i < 4; i++) expect(rejection(() => k.leaveKiosk('1111')).code).toBe('unauthorized');
    expect(rejection(() => k.leaveKiosk('1111')).code).toBe('rate_limited');
    expect(rejection(() => k.leaveKiosk('2468')).code).toBe('rate_limited'); // locked for a minute
    sessionStorage.clear();
    const again = kioskDesk();
    expect(again.leaveKiosk('2468')).toBeNull();
    expect(again.kiosk).toBe(false);
    expect(() => again.staffOnly('get_settings')).not.toThrow();
  });

  it('enter_kiosk needs a PIN; set_kiosk_pin takes 4-6 digits', () => {
    expect(rejection(() => desk.enterKiosk()).code).toBe('config');
    expect(rejection(() => desk.setKioskPin('12a4')).code).toBe('invalid_argument');
    desk.setKioskPin('1357');
    desk.enterKiosk();
    expect(desk.windowReady()).toMatchObject({ kiosk: true, kiosk_pin_set: true });
    expect(rejection(() => desk.leaveKiosk('2468')).code).toBe('unauthorized');
    expect(desk.leaveKiosk('1357')).toBeNull();
  });

  it('answers a known member with their first name and class, an inactive one with the reception message, and lists the refusal', () => {
    const k = kioskDesk();
    expect(k.kioskCheckIn(CODES.maria)).toMatchObject({ success: true, code: 'checked_in', first_name: 'María', class_name: 'Yoga' });
    const refused = k.kioskCheckIn(CODES.andres);
    expect(refused).toMatchObject({ success: false, code: 'membership_inactive', first_name: 'Andrés' });
    expect(refused.message).toBe('Tu membresía no está activa. Pasa por recepción, por favor.');
    expect(k.kioskRefusals(1)[0]).toMatchObject({ member_id: 104, member_name: 'Andrés Núñez', code: 'membership_inactive', alerts: ['membership_inactive'] });
  });
});
