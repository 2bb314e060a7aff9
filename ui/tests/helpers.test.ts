// Why this file exists: the small pure pieces the screens rely on: time formatting in the
// gym's zone, initials, the sync summary ("offline since"), override eligibility, settings
// validation, report paths and the three distinct sounds.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fmtTime, initials, isoDay } from '../src/format';
import { setLang } from '../src/i18n';
import { clockNotice, fmtSpan, syncSummary } from '../src/screens/sync';
import { canOverride } from '../src/screens/manual';
import { ALERT_LIMITS, validateSettings } from '../src/screens/settings';
import { DEFAULT_ALERTS } from '../src/mock/fixtures';
import { exportErrorText } from '../src/screens/reports';
import { PATTERNS } from '../src/sound';
import { VERDICT_CODES, type Settings, type SyncStatus, type Verdict } from '../src/types';

beforeEach(() => setLang('es'));

describe('format', () => {
  it('shows times in the gym zone, not the computer zone', () => {
    expect(fmtTime('2026-11-28T09:42:00Z', 'Europe/Madrid', 'es')).toBe('10:42');
    expect(fmtTime('2026-07-01T09:42:00Z', 'Europe/Madrid', 'en')).toBe('11:42');
    expect(fmtTime('2026-11-28T09:42:00Z', 'America/Mexico_City', 'es')).toBe('03:42');
  });
  it('survives bad input', () => {
    expect(fmtTime(null, 'Europe/Madrid', 'es')).toBe('');
    expect(fmtTime('garbage', 'Europe/Madrid', 'es')).toBe('');
    expect(fmtTime('2026-11-28T09:42:00Z', 'Not/AZone', 'es')).toMatch(/^\d\d:\d\d$/);
  });
  it('makes a formatter once per language, zone and shape, not once per row', () => {
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      const rows = Array.from({ length: 50 }, (_, i) => `2026-11-28T09:${String(i).padStart(2, '0')}:00Z`);
      const shown = rows.map((r) => fmtTime(r, 'Atlantic/Canary', 'es'));
      expect(shown[0]).toBe('09:00');
      expect(shown[49]).toBe('09:49');
      expect(made.mock.calls.length).toBe(1);
      fmtTime(rows[0], 'Atlantic/Canary', 'en'); // another language: its own
      fmtTime(rows[0], 'Not/AZone', 'en'); // an unknown zone: tried, then the fallback
      const before = made.mock.calls.length;
      for (const r of rows) fmtTime(r, 'Not/AZone', 'en');
      expect(made.mock.calls.length).toBe(before);
    } finally {
      made.mockRestore();
    }
  });
  it('gives the day in the gym zone', () => {
    expect(isoDay(new Date('2026-11-28T23:30:00Z'), 'Europe/Madrid')).toBe('2026-11-29');
    expect(isoDay(new Date('2026-11-28T23:30:00Z'), 'America/Mexico_City')).toBe('2026-11-28');
  });
  it('makes initials from first name and first surname', () => {
    expect(initials('María López García')).toBe('ML');
    expect(initials('ángel')).toBe('Á');
    expect(initials('  ')).toBe('?');
  });
});

describe('syncSummary', () => {
  const s: SyncStatus = {
    configured: true, online: true, offline_since: null, queued: 3, parked: 1,
    last_attempt_at: null, last_success_at: null, last_error: null, pull: null,
    clock: { state: 'unknown', checked_at: null, flagged: 0 }, follow_ups: [], booked_recent: 0, demo: false,
  };
  it('online', () => {
    expect(syncSummary(s, 'Europe/Madrid', 'es')).toMatchObject({ tone: 'ok', state: 'En línea' });
    expect(syncSummary(s, 'Europe/Madrid', 'es').text).toBe('En línea, 3 en cola, 1 retenido');
  });
  it('offline: the last time the server answered, in the gym zone, not when the desk noticed', () => {
    const gone = { ...s, online: false, offline_since: '2026-11-28T09:50:00Z', last_success_at: '2026-11-28T09:42:00Z' };
    const off = syncSummary(gone, 'Europe/Madrid', 'es');
    expect(off).toMatchObject({ tone: 'offline', state: 'Sin conexión · último contacto 10:42' });
    setLang('en');
    expect(syncSummary(gone, 'Europe/Madrid', 'en').state).toBe('Offline · last contact 10:42');
    expect(syncSummary({ ...gone, last_success_at: null }, 'Europe/Madrid', 'en').state).toBe(
      'Offline · the server has not answered yet',
    );
  });
  it('not configured, unknown and not loaded yet', () => {
    expect(syncSummary({ ...s, configured: false }, null, 'es')).toMatchObject({ tone: 'local', text: 'Solo local' });
    expect(syncSummary({ ...s, online: null }, null, 'es').tone).toBe('pending');
    expect(syncSummary(null, null, 'es').tone).toBe('pending');
  });
});

describe('clockNotice', () => {
  const s: SyncStatus = {
    configured: true, online: true, offline_since: null, queued: 0, parked: 0,
    last_attempt_at: null, last_success_at: null, last_error: null, pull: null,
    clock: { state: 'unknown', checked_at: null, flagged: 0 }, follow_ups: [], booked_recent: 0, demo: false,
  };
  const at = '2026-11-28T09:00:00Z';
  it('says nothing while the clocks agree or were never compared', () => {
    expect(clockNotice(s)).toBeNull();
    expect(clockNotice({ ...s, clock: { state: 'ok', offset_ms: 900, checked_at: at, flagged: 0 } })).toBeNull();
    expect(clockNotice({ ...s, clock: { state: 'unknown', checked_at: null, flagged: 0 } })).toBeNull();
  });
  it('says which way the desk is off, by how much, and how many check-ins are doubtful', () => {
    setLang('es');
    expect(clockNotice({ ...s, clock: { state: 'skewed', offset_ms: 600_000, checked_at: at, flagged: 4 } })).toMatch(
      /^El reloj de este equipo va 10 min por detrás del servidor\..*\(4\)\.$/,
    );
    expect(clockNotice({ ...s, clock: { state: 'skewed', offset_ms: -3_900_000, checked_at: at, flagged: 0 } })).toMatch(
      /va 1 h 5 min por delante/,
    );
    setLang('en');
    expect(clockNotice({ ...s, clock: { state: 'went_backwards', by_ms: 7_200_000, checked_at: at, flagged: 2 } })).toMatch(
      /^This desk's clock went back 2 h\./,
    );
    setLang('es');
  });
  it('formats spans', () => {
    expect(fmtSpan(45_000)).toBe('45 s');
    expect(fmtSpan(-90_000)).toBe('2 min');
    expect(fmtSpan(3_600_000)).toBe('1 h');
  });
});

describe('canOverride', () => {
  const v = (code: Verdict['code'], success = false) => ({ success, code }) as Verdict;
  it('offers an override exactly for the overridable refusals', () => {
    const yes = VERDICT_CODES.filter((c) => canOverride(v(c)));
    expect(yes.sort()).toEqual(
      ['alert_blocked', 'invalid_code', 'membership_inactive', 'no_class_now', 'outside_window', 'session_cancelled'].sort(),
    );
    expect(canOverride(v('checked_in', true))).toBe(false);
    expect(canOverride(null)).toBe(false);
  });
});

describe('validateSettings', () => {
  const ok: Settings = {
    camera: { index: 0, name: null, width: 640, height: 480, fps: 30, mirrored: false, source: 'camera' },
    api_url: 'https://api.example.com', gym_id: 3, token: 'keyring', lang: 'es', sound: true,
    alerts: structuredClone(DEFAULT_ALERTS), rescan_window_secs: 60, already_inside_minutes: 0, idle_lock_minutes: 10,
  };
  const alerts = (a: Partial<Settings['alerts']>): Settings => ({ ...ok, alerts: { ...ok.alerts, ...a } });
  it('accepts a good draft and empty optional fields', () => {
    expect(validateSettings(ok)).toEqual({});
    expect(validateSettings({ ...ok, api_url: null, gym_id: null })).toEqual({});
  });
  it('rejects a bad URL, gym id and re-scan window', () => {
    expect(Object.keys(validateSettings({ ...ok, api_url: 'ftp://x' }))).toEqual(['api']);
    expect(Object.keys(validateSettings({ ...ok, gym_id: 0 }))).toEqual(['gym']);
    expect(Object.keys(validateSettings({ ...ok, rescan_window_secs: NaN }))).toEqual(['rescan']);
    expect(Object.keys(validateSettings({ ...ok, rescan_window_secs: 1.5 }))).toEqual(['rescan']);
    // The core refuses 0 and anything over 120 s: the form says so before saving.
    expect(Object.keys(validateSettings({ ...ok, rescan_window_secs: 0 }))).toEqual(['rescan']);
    expect(Object.keys(validateSettings({ ...ok, rescan_window_secs: 121 }))).toEqual(['rescan']);
    expect(validateSettings({ ...ok, rescan_window_secs: 120 })).toEqual({});
  });
  it('takes "already inside" from 0 (off) to 240 minutes, as the core does', () => {
    expect(validateSettings({ ...ok, already_inside_minutes: 240 })).toEqual({});
    expect(Object.keys(validateSettings({ ...ok, already_inside_minutes: 241 }))).toEqual(['inside']);
    expect(Object.keys(validateSettings({ ...ok, already_inside_minutes: -1 }))).toEqual(['inside']);
    expect(Object.keys(validateSettings({ ...ok, already_inside_minutes: NaN }))).toEqual(['inside']);
  });
  it('keeps the alert numbers in the core\'s bounds: expiring 0-60 days, new member 0-90, stale 1-336 hours', () => {
    expect(ALERT_LIMITS).toEqual({ expiringMaxDays: 60, newMemberMaxDays: 90, staleMinHours: 1, staleMaxHours: 336 });
    expect(validateSettings(alerts({ expiring_within_days: 0, new_member_days: 0, stale_after_hours: 1 }))).toEqual({});
    expect(validateSettings(alerts({ expiring_within_days: 60, new_member_days: 90, stale_after_hours: 336 }))).toEqual({});
    expect(Object.keys(validateSettings(alerts({ expiring_within_days: 61 })))).toEqual(['alert-expiring-days']);
    expect(Object.keys(validateSettings(alerts({ expiring_within_days: -1 })))).toEqual(['alert-expiring-days']);
    expect(Object.keys(validateSettings(alerts({ new_member_days: 91 })))).toEqual(['alert-new-member-days']);
    expect(Object.keys(validateSettings(alerts({ new_member_days: 2.5 })))).toEqual(['alert-new-member-days']);
    expect(Object.keys(validateSettings(alerts({ stale_after_hours: 0 })))).toEqual(['alert-stale-hours']);
    expect(Object.keys(validateSettings(alerts({ stale_after_hours: 337 })))).toEqual(['alert-stale-hours']);
    expect(Object.keys(validateSettings(alerts({ stale_after_hours: NaN })))).toEqual(['alert-stale-hours']);
  });
  it('says each alert number\'s range in both languages', () => {
    const bad = alerts({ expiring_within_days: 99, new_member_days: 99, stale_after_hours: 999 });
    expect(validateSettings(bad)).toEqual({
      'alert-expiring-days': 'Escriba un número de días entre 0 y 60.',
      'alert-new-member-days': 'Escriba un número de días entre 0 y 90.',
      'alert-stale-hours': 'Escriba un número de horas entre 1 y 336.',
    });
    setLang('en');
    expect(validateSettings(bad)).toEqual({
      'alert-expiring-days': 'Enter a number of days from 0 to 60.',
      'alert-new-member-days': 'Enter a number of days from 0 to 90.',
      'alert-stale-hours': 'Enter a number of hours from 1 to 336.',
    });
    setLang('es');
  });
});

describe('report exports', () => {
  it('says why an export failed from the error code, in the desk language', () => {
    setLang('es');
    expect(exportErrorText({ code: 'file_in_use', message: 'report.csv is open in another program' })).toMatch(/^El archivo está abierto/);
    expect(exportErrorText({ code: 'io_error', message: 'cannot write x: No such file or directory' })).toMatch(/^No se pudo guardar ahí/);
    expect(exportErrorText({ code: 'disk_full', message: 'x' })).toMatch(/disco está lleno/);
    setLang('en');
    expect(exportErrorText({ code: 'invalid_argument', message: 'refusing' })).toMatch(/^That file cannot hold the report/);
    expect(exportErrorText({ code: 'report_failed', message: 'boom' })).toContain('boom');
    setLang('es');
  });
});

describe('sounds', () => {
  it('has a distinct pattern per verdict kind', () => {
    const sig = (k: keyof typeof PATTERNS) => JSON.stringify(PATTERNS[k]);
    expect(new Set([sig('ok'), sig('warn'), sig('refused')]).size).toBe(3);
    expect(Math.max(...PATTERNS.refused.map((t) => t.freq))).toBeLessThan(Math.min(...PATTERNS.ok.map((t) => t.freq)));
  });
});
