// Why this file exists: staff profiles and the shift (issue 15) keep their promises in the
// page: the staff pill says who is on shift or that the desk is locked; the sign-in dialog
// picks a person with their digit, signs in with Enter and says a wrong PIN or the lockout by
// its code; the idle lock sends `staff_activity` at most every 30 s and fires once after the
// idle minutes; the override form asks for an approver's PIN and says its refusals; the
// settings' staff section checks PINs before sending and follows the first-profile rule; the
// recent list says who entered and approved a check-in; and the mock keeps the core's rules.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { setLang } from '../src/i18n';
import { initials, staffPill } from '../src/header';
import { ACTIVITY_EVERY_MS, IdleWatch, needsAdmin, needsSignIn, pinErrorText } from '../src/shift';
import { StaffDialogs } from '../src/staff-dialogs';
import { ManualScreen, SEARCH_DEBOUNCE_MS, type ManualHost } from '../src/screens/manual';
import { whoLine } from '../src/screens/scan';
import { StaffSection, pinPairError } from '../src/screens/settings-staff';
import { shortcutHandler } from '../src/shortcuts';
import { CommandError } from '../src/mock/desk';
import { MockStaff } from '../src/mock/staff';
import { SETTINGS } from '../src/mock/fixtures';
import type { ShiftView, StaffMember, Verdict } from '../src/types';
import { CHECKED_IN } from './fixtures';

beforeEach(() => setLang('es'));
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
  document.body.replaceChildren();
});

const ANA: StaffMember = { id: 3, name: 'Ana Pérez', role: 'reception', created_at: '2026-11-28T08:00:00Z' };
const LUIS: StaffMember = { id: 2, name: 'Luis Gómez', role: 'supervisor', created_at: '2026-11-28T08:00:00Z' };
const ZOE: StaffMember = { id: 1, name: 'Zoe Ruiz', role: 'admin', created_at: '2026-11-28T08:00:00Z' };
const LOCKED: ShiftView = { profiles: true, staff: null, locked: true, admin: false, idle_lock_minutes: 10 };
const ON_ANA: ShiftView = { profiles: true, staff: ANA, locked: false, admin: false, idle_lock_minutes: 10 };
const OPEN: ShiftView = { profiles: false, staff: null, locked: false, admin: true, idle_lock_minutes: 10 };

/** Records every command; `answer` gives the result (throw an {code, message} to fail it). */
function backend(answer: (cmd: string, args: Record<string, unknown>) => unknown) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    try {
      return Promise.resolve(answer(cmd, a));
    } catch (e) {
      return Promise.reject(e);
    }
  });
  return calls;
}
const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const key = (el: EventTarget, k: string) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
const submit = (sel: string) => $<HTMLFormElement>(sel)!.requestSubmit();

describe('the shift', () => {
  it('asks for a sign-in only with profiles and a locked desk, and for an admin PIN only with profiles', () => {
    expect([needsSignIn(null), needsSignIn(OPEN), needsSignIn(LOCKED), needsSignIn(ON_ANA)]).toEqual([false, false, true, false]);
    expect([needsAdmin(OPEN), needsAdmin(ON_ANA), needsAdmin({ ...ON_ANA, admin: true })]).toEqual([false, true, false]);
  });
  it('says PIN refusals by their code, in the desk language', () => {
    expect(pinErrorText('unauthorized', 'signIn')).toBe('PIN incorrecto.');
    expect(pinErrorText('unauthorized', 'admin')).toMatch(/no es de administración/);
    expect(pinErrorText('unauthorized', 'approval')).toMatch(/no puede autorizar/);
    expect(pinErrorText('rate_limited', 'signIn')).toMatch(/espere un minuto/);
    setLang('en');
    expect(pinErrorText('rate_limited', 'approval')).toBe('Too many wrong PINs: wait a minute and try again.');
    expect(pinErrorText('approval_required', 'approval')).toBe('The PIN of a supervisor or admin is missing.');
  });
  it('F7 and F8 reach their actions, and are left alone when the app gives none', () => {
    const log: string[] = [];
    const on = shortcutHandler({
      navigate: () => log.push('nav'), toggleSyncPanel: () => log.push('sync'), escape: () => false,
      signIn: () => log.push('sign in'), lock: () => log.push('lock'),
    });
    for (const k of ['F7', 'F8']) on(new KeyboardEvent('keydown', { key: k, cancelable: true }));
    expect(log).toEqual(['sign in', 'lock']);
    const bare = shortcutHandler({ navigate: () => undefined, toggleSyncPanel: () => undefined, escape: () => false });
    const e = new KeyboardEvent('keydown', { key: 'F7', cancelable: true });
    bare(e);
    expect(e.defaultPrevented).toBe(false);
  });
});

describe('the staff pill', () => {
  const host = () => ({ signIn: vi.fn(), lock: vi.fn() });
  it('is not there without profiles', () => {
    expect(staffPill(null, host())).toEqual([]);
    expect(staffPill(OPEN, host())).toEqual([]);
  });
  it('says the desk is locked, and opens the sign-in dialog', () => {
    const hst = host();
    const parts = staffPill(LOCKED, hst);
    expect(parts).toHaveLength(1);
    const pill = parts[0];
    expect(pill.dataset.locked).toBe('true');
    expect(pill.textContent).toBe('Bloqueado · F7 para entrar');
    expect(pill.getAttribute('aria-keyshortcuts')).toBe('F7');
    pill.click();
    expect(hst.signIn).toHaveBeenCalledOnce();
  });
  it('names who is on shift with their role, and has a lock button (F8)', () => {
    const hst = host();
    const [pill, lock] = staffPill(ON_ANA, hst);
    expect(pill.dataset.locked).toBe('false');
    expect(pill.querySelector('.staffpill__name')?.textContent).toBe('Ana Pérez');
    expect(pill.querySelector('.staffpill__role')?.textContent).toBe('Recepción');
    expect(pill.getAttribute('aria-label')).toBe('En turno: Ana Pérez, Recepción. F7 para cambiar de turno');
    expect(lock.getAttribute('aria-keyshortcuts')).toBe('F8');
    lock.click();
    expect(hst.lock).toHaveBeenCalledOnce();
    setLang('en');
    expect(staffPill({ ...ON_ANA, staff: ZOE }, hst)[0].querySelector('.staffpill__role')?.textContent).toBe('Admin');
    expect(staffPill(LOCKED, hst)[0].textContent).toBe('Locked · F7 to sign in');
  });
  it('shortens a name to its initials', () => {
    expect([initials('Ana Pérez'), initials('Luis Gómez Ruiz'), initials('Zoe')]).toEqual(['AP', 'LR', 'ZO']);
  });
});

describe('the sign-in dialog', () => {
  function signInBackend() {
    let wrong = 0;
    return backend((cmd, a) => {
      if (cmd === 'list_staff') return [ANA, LUIS, ZOE];
      if (cmd === 'staff_sign_in') {
        if (wrong >= 2) throw { code: 'rate_limited', message: 'too many wrong PINs: try again after 09:01' };
        if (a.staff_id === 2 && a.pin === '2222') return { ...ON_ANA, staff: LUIS };
        wrong++;
        throw { code: 'unauthorized', message: 'wrong PIN (4 tries left before a one-minute lock)' };
      }
      throw new Error(`unexpected ${cmd}`);
    });
  }
  async function opened(calls: unknown[], done = vi.fn()) {
    const dialogs = new StaffDialogs(() => LOCKED);
    dialogs.signIn(done);
    await vi.waitFor(() => expect(document.querySelectorAll('.staff-pick__btn')).toHaveLength(3));
    void calls;
    return { dialogs, done };
  }
  const pin = () => $<HTMLInputElement>('#signin-pin')!;

  it('numbers the staff; a digit picks that person and moves to the PIN; Enter signs in', async () => {
    const calls = signInBackend();
    const { dialogs, done } = await opened(calls);
    expect([...document.querySelectorAll('.staff-pick__key')].map((k) => k.textContent)).toEqual(['1', '2', '3']);
    expect($('#signin-help')?.textContent).toMatch(/El mostrador está bloqueado/);
    expect(document.activeElement?.id).toBe('signin-staff-3'); // the first listed
    key(document.activeElement!, '2');
    expect(document.activeElement).toBe(pin());
    expect($('label[for="signin-pin"]')?.textContent).toBe('PIN de Luis Gómez');
    expect($('#signin-staff-2')?.getAttribute('aria-pressed')).toBe('true');
    expect(pin().type).toBe('password');
    expect(pin().getAttribute('inputmode')).toBe('numeric');
    // A digit typed into the PIN field is the PIN, not a pick.
    expect(key(pin(), '3')).toBe(true);
    expect($('label[for="signin-pin"]')?.textContent).toBe('PIN de Luis Gómez');
    pin().value = '2222';
    submit('#signin form');
    await vi.waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(done.mock.calls[0][0].staff.name).toBe('Luis Gómez');
    expect(calls.filter((c) => c.cmd === 'staff_sign_in').map((c) => c.args)).toEqual([{ staff_id: 2, pin: '2222' }]);
    expect(dialogs.isOpen).toBe(false);
    expect($('#signin')).toBeNull();
  });

  it('says a wrong PIN and the lockout by their codes, empties the field, and stays open', async () => {
    const calls = signInBackend();
    const { dialogs, done } = await opened(calls);
    key(document.activeElement!, '1');
    for (const [typed, code, text] of [
      ['9999', 'unauthorized', 'PIN incorrecto.'],
      ['9998', 'unauthorized', 'PIN incorrecto.'],
      ['3333', 'rate_limited', 'Demasiados PIN incorrectos: espere un minuto y vuelva a probar.'],
    ]) {
      pin().value = typed;
      submit('#signin form');
      await vi.waitFor(() => expect($('#signin-error')?.dataset.code).toBe(code));
      expect($('#signin-error')?.textContent).toBe(text);
      expect(pin().value).toBe('');
      expect(document.activeElement).toBe(pin());
      $('#signin-error')!.removeAttribute('data-code');
    }
    expect(done).not.toHaveBeenCalled();
    expect(dialogs.isOpen).toBe(true);
  });

  it('asks to pick someone and for 4-6 digits before calling; Esc closes it', async () => {
    const calls = signInBackend();
    const { dialogs } = await opened(calls);
    pin().value = '2222';
    submit('#signin form');
    expect($('#signin-error')?.textContent).toBe('Elija primero quién es (pulse su número).');
    key(document.activeElement!, '2');
    pin().value = '12';
    submit('#signin form');
    expect($('#signin-error')?.textContent).toBe('El PIN tiene de 4 a 6 cifras.');
    expect(calls.filter((c) => c.cmd === 'staff_sign_in')).toEqual([]);
    const esc = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    pin().dispatchEvent(esc);
    expect(esc.defaultPrevented).toBe(true); // the app's own Esc does not run
    expect(dialogs.isOpen).toBe(false);
  });

  it('the admin PIN prompt calls admin_pin and says a PIN that is not an admin\'s', async () => {
    const calls = backend((cmd, a) => {
      if (cmd === 'admin_pin') {
        if (a.pin === '1111') return { ...ON_ANA, admin: true };
        throw { code: 'unauthorized', message: 'wrong PIN' };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const dialogs = new StaffDialogs(() => ON_ANA);
    const done = vi.fn();
    dialogs.adminPin(done);
    const input = () => $<HTMLInputElement>('#admin-pin-pin')!;
    expect(document.activeElement).toBe(input());
    input().value = '3333';
    submit('#admin-pin form');
    await vi.waitFor(() => expect($('#admin-pin-error')?.dataset.code).toBe('unauthorized'));
    expect($('#admin-pin-error')?.textContent).toBe('Ese PIN no es de administración (o no es correcto).');
    expect(document.activeElement).toBe(input());
    input().value = '1111';
    submit('#admin-pin form');
    await vi.waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(done.mock.calls[0][0].admin).toBe(true);
    expect(calls.map((c) => c.args)).toEqual([{ pin: '3333' }, { pin: '1111' }]);
  });
});

describe('the idle lock', () => {
  it('sends staff activity at most every 30 s, and locks once after the idle minutes', () => {
    vi.useFakeTimers();
    const activity = vi.fn();
    const idle = vi.fn();
    const watch = new IdleWatch({ activity, idle });
    watch.configure(ON_ANA); // 10 minutes
    expect(watch.armed).toBe(true);
    watch.poke(); // right after the sign-in, which the core counted
    expect(activity).not.toHaveBeenCalled();
    vi.advanceTimersByTime(ACTIVITY_EVERY_MS);
    watch.poke();
    watch.poke();
    vi.advanceTimersByTime(29_000);
    watch.poke();
    expect(activity).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    watch.poke();
    expect(activity).toHaveBeenCalledTimes(2);
    // A poll of the same shift is not activity: the idle time still counts from the last poke.
    watch.configure(ON_ANA);
    vi.advanceTimersByTime(10 * 60_000 - 1);
    expect(idle).not.toHaveBeenCalled();
    watch.poke(); // a key at the last moment starts the idle time over
    vi.advanceTimersByTime(10 * 60_000 - 1);
    expect(idle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(idle).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(60 * 60_000);
    expect(idle).toHaveBeenCalledOnce();
    expect(watch.armed).toBe(false);
  });
  it('does not run on a locked desk, without profiles or with 0 minutes (never)', () => {
    vi.useFakeTimers();
    const activity = vi.fn();
    const idle = vi.fn();
    const watch = new IdleWatch({ activity, idle });
    for (const v of [LOCKED, OPEN, { ...ON_ANA, idle_lock_minutes: 0 }, null]) {
      watch.configure(v);
      expect(watch.armed).toBe(false);
      vi.advanceTimersByTime(ACTIVITY_EVERY_MS);
      watch.poke();
    }
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(activity).not.toHaveBeenCalled();
    expect(idle).not.toHaveBeenCalled();
  });
});

describe('the override in the manual screen', () => {
  const MARIA = { id: 101, name: 'María López García', email: null, picture: null, membership: null };
  const refused: Verdict = { ...CHECKED_IN, success: false, code: 'session_cancelled', member: { id: 101, name: MARIA.name, picture: null },
    session: { id: 9004, start_time: '2026-11-28T09:00:00Z', end_time: '2026-11-28T10:00:00Z', class_name: 'Boxeo', room: null } };
  async function manual(shift: ShiftView) {
    const calls = backend((cmd, a) => {
      if (cmd === 'search_members') return [MARIA];
      if (cmd === 'member_notes') return [];
      if (cmd === 'check_in_member') {
        if (!a.override_reason) return refused;
        if (a.approval_pin === '2222' || !shift.profiles) return { ...refused, success: true, code: 'checked_in', method: 'override' };
        throw a.approval_pin === null
          ? { code: 'approval_required', message: 'an override needs the PIN of a supervisor or an admin' }
          : { code: 'unauthorized', message: 'wrong PIN (4 tries left before a one-minute lock)' };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const toast = vi.fn();
    const host: ManualHost = { tz: () => 'Europe/Madrid', sessions: () => [], verdictFeedback: () => undefined, toast, shift: () => shift };
    const screen = new ManualScreen(host);
    document.body.append(screen.render());
    const search = $<HTMLInputElement>('#manual-search')!;
    search.value = 'Lopez';
    search.dispatchEvent(new Event('input'));
    await vi.waitFor(() => expect($('#hit-101')).not.toBeNull(), { timeout: SEARCH_DEBOUNCE_MS * 8 });
    $('#hit-101')!.click();
    submit('.checkin-form');
    await vi.waitFor(() => expect($('#manual-override')).not.toBeNull());
    $('#manual-override')!.click();
    const reason = $<HTMLTextAreaElement>('#manual-reason')!;
    reason.value = 'Clase trasladada';
    reason.dispatchEvent(new Event('input'));
    return { calls, toast };
  }
  const typePin = (v: string) => {
    const el = $<HTMLInputElement>('#manual-approval-pin')!;
    el.value = v;
    el.dispatchEvent(new Event('input'));
  };
  const sent = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
    calls.filter((c) => c.cmd === 'check_in_member').slice(1).map((c) => c.args.approval_pin);

  it('with profiles, asks for a supervisor or admin PIN and says its refusals in the form', async () => {
    const { calls, toast } = await manual(ON_ANA);
    expect($('label[for="manual-approval-pin"]')?.textContent).toBe('PIN de un supervisor o administrador');
    expect($<HTMLInputElement>('#manual-approval-pin')!.type).toBe('password');
    submit('.override');
    expect($('#manual-approval-error')?.textContent).toBe('Falta el PIN de un supervisor o administrador.');
    expect(sent(calls)).toEqual([]);
    typePin('3333');
    submit('.override');
    await vi.waitFor(() => expect($('#manual-approval-error')?.dataset.code).toBe('unauthorized'));
    expect($('#manual-approval-error')?.textContent).toBe('Ese PIN no puede autorizar excepciones, o no es correcto.');
    expect($<HTMLInputElement>('#manual-approval-pin')!.value).toBe('');
    expect($<HTMLTextAreaElement>('#manual-reason')!.value).toBe('Clase trasladada');
    expect(document.activeElement?.id).toBe('manual-approval-pin');
    typePin('2222');
    submit('.override');
    await vi.waitFor(() => expect($('.manual__detail .verdict')?.getAttribute('data-code')).toBe('checked_in'));
    expect(sent(calls)).toEqual(['3333', '2222']);
    expect($('#manual-approval-pin')).toBeNull();
    expect(toast).not.toHaveBeenCalled();
  });

  it('without profiles, asks for no PIN and sends none', async () => {
    const { calls } = await manual(OPEN);
    expect($('#manual-approval-pin')).toBeNull();
    submit('.override');
    await vi.waitFor(() => expect($('.manual__detail .verdict')?.getAttribute('data-code')).toBe('checked_in'));
    expect(sent(calls)).toEqual([null]);
  });
});

describe('the settings staff section', () => {
  function section(staff: StaffMember[], shift: ShiftView) {
    let list = [...staff];
    const calls = backend((cmd, a) => {
      if (cmd === 'list_staff') return list;
      if (cmd === 'shift_status') return list.length ? { ...ON_ANA, staff: list[0], admin: true } : OPEN;
      if (cmd === 'add_staff') {
        if (a.pin === '1111' && list.length) throw { code: 'invalid_argument', message: 'another staff member has that PIN: choose another' };
        const added = { id: 9, name: a.name as string, role: a.role as StaffMember['role'], created_at: '2026-11-28T09:00:00Z' };
        list = [...list, added];
        return added;
      }
      if (cmd === 'remove_staff') {
        list = list.filter((s) => s.id !== a.staff_id);
        return null;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const shiftChanged = vi.fn();
    const s = new StaffSection({
      shift: () => shift, shiftChanged, settings: () => SETTINGS, applySettings: () => undefined, idleSaved: () => undefined,
    });
    document.body.append(s.element);
    return { s, calls, shiftChanged };
  }
  const fill = (id: string, v: string) => {
    const el = $<HTMLInputElement | HTMLSelectElement>(`#${id}`)!;
    el.value = v;
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input'));
  };
  const adds = (calls: { cmd: string; args: Record<string, unknown> }[]) => calls.filter((c) => c.cmd === 'add_staff').map((c) => c.args);

  it('without profiles: says nothing is asked, the first profile must be an admin\'s, and adding it signs the admin in', async () => {
    const { s, calls, shiftChanged } = section([], OPEN);
    await s.load();
    expect($('#set-staff-help')?.textContent).toMatch(/no pide ningún PIN y no registra/);
    expect($('#set-staff-list')).toBeNull();
    expect($<HTMLSelectElement>('#set-staff-role')!.value).toBe('admin');
    expect($<HTMLInputElement>('#set-idle-minutes')!.value).toBe('10');
    fill('set-staff-name', 'Ana Pérez');
    fill('set-staff-role', 'reception');
    fill('set-staff-pin', '3333');
    fill('set-staff-pin2', '3333');
    submit('#set-staff-add');
    expect($('#set-staff-add-error')?.textContent).toBe('El primer perfil debe ser el de una persona de administración.');
    fill('set-staff-role', 'admin');
    fill('set-staff-pin2', '3334');
    submit('#set-staff-add');
    expect($('#set-staff-add-error')?.textContent).toBe('Los dos PIN no coinciden.');
    expect(adds(calls)).toEqual([]);
    fill('set-staff-name', 'Zoe Ruiz');
    fill('set-staff-pin', '1111');
    fill('set-staff-pin2', '1111');
    submit('#set-staff-add');
    await vi.waitFor(() => expect(shiftChanged).toHaveBeenCalled());
    expect(adds(calls)).toEqual([{ name: 'Zoe Ruiz', role: 'admin', pin: '1111' }]);
    expect(shiftChanged.mock.calls.at(-1)![0].staff.name).toBe('Zoe Ruiz');
    expect($('#set-staff-msg')?.textContent).toBe('Perfil de Zoe Ruiz añadido.');
    expect([...document.querySelectorAll('.staff-row__name')].map((e) => e.textContent)).toEqual(['Zoe Ruiz']);
    expect($<HTMLSelectElement>('#set-staff-role')!.value).toBe('reception'); // the next one's default
  });

  it('with profiles: lists them with their roles, shows a core refusal, removes after a confirmation', async () => {
    const { s, calls } = section([ANA, LUIS, ZOE], ON_ANA);
    await s.load();
    expect([...document.querySelectorAll('.staff-row__name')].map((e) => e.textContent)).toEqual(['Ana Pérez', 'Luis Gómez', 'Zoe Ruiz']);
    expect($<HTMLSelectElement>('#set-staff-role-2')!.value).toBe('supervisor');
    expect($('.staff-row[data-staff-id="3"] .staff-row__on')?.textContent).toBe('en turno');
    fill('set-staff-name', 'Marta Díaz');
    fill('set-staff-pin', '1111');
    fill('set-staff-pin2', '1111');
    submit('#set-staff-add');
    await vi.waitFor(() => expect($('#set-staff-add-error')?.textContent).toBe('No se pudo: another staff member has that PIN: choose another'));
    $('#set-staff-remove-2')!.click();
    expect($('.staff-row__question')?.textContent).toBe('¿Quitar el perfil de Luis Gómez? Lo que registró se conserva.');
    expect(calls.filter((c) => c.cmd === 'remove_staff')).toEqual([]);
    $('#set-staff-remove-yes-2')!.click();
    await vi.waitFor(() => expect($('#set-staff-msg')?.textContent).toBe('Perfil de Luis Gómez quitado.'));
    expect(calls.filter((c) => c.cmd === 'remove_staff').map((c) => c.args)).toEqual([{ staff_id: 2 }]);
    expect(document.querySelectorAll('.staff-row')).toHaveLength(2);
  });

  it('checks a PIN typed twice', () => {
    expect(pinPairError('123', '123')).toBe('El PIN tiene de 4 a 6 cifras.');
    expect(pinPairError('1234567', '1234567')).toBe('El PIN tiene de 4 a 6 cifras.');
    expect(pinPairError('1234', '1235')).toBe('Los dos PIN no coinciden.');
    expect(pinPairError('123456', '123456')).toBe('');
  });
});

describe('who entered and approved a check-in', () => {
  it('says "por" and "autorizó" when the desk recorded them, nothing otherwise', () => {
    expect(whoLine({ staff: null, approved_by: null })).toBeNull();
    expect(whoLine({ staff: 'Ana Pérez', approved_by: 'Zoe Ruiz' })?.textContent).toBe('por Ana Pérez · autorizó Zoe Ruiz');
    setLang('en');
    expect(whoLine({ staff: 'Ana Pérez', approved_by: null })?.textContent).toBe('by Ana Pérez');
    expect(whoLine({ staff: null, approved_by: 'Zoe Ruiz' })?.textContent).toBe('approved by Zoe Ruiz');
  });
});

describe('the mock shift (the core rules the flows rely on)', () => {
  let now = Date.parse('2026-11-28T09:00:00Z');
  let minutes = 10;
  let staff: MockStaff;
  beforeEach(() => {
    now = Date.parse('2026-11-28T09:00:00Z');
    minutes = 10;
    staff = new MockStaff(() => minutes, () => now);
  });
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as CommandError).data.code;
    }
    return 'ok';
  };

  it('without profiles gates nothing and records nobody', () => {
    expect(staff.view()).toEqual(OPEN);
    expect(staff.gate('search_members')).toBeNull();
    expect(staff.gate('save_settings')).toBeNull();
    expect(staff.approve(null)).toBeNull();
  });

  it('with the canned staff: locked until a sign-in; admin work needs an admin PIN; leaving Settings ends it', () => {
    staff.useStaff();
    expect(staff.list().map((s) => s.name)).toEqual(['Ana Pérez', 'Luis Gómez', 'Zoe Ruiz']);
    expect(staff.view()).toMatchObject({ profiles: true, locked: true, staff: null });
    expect(code(() => staff.gate('search_members'))).toBe('desk_locked');
    expect(staff.gate('check_in_code')).toBeNull(); // scanning always works
    expect(code(() => staff.signIn(3, '1111'))).toBe('unauthorized');
    staff.signIn(3, '3333');
    expect(staff.gate('add_desk_note')).toBe('Ana Pérez');
    expect(code(() => staff.gate('save_settings'))).toBe('admin_required');
    expect(code(() => staff.adminPin('2222'))).toBe('unauthorized'); // a supervisor is no admin
    expect(staff.adminPin('1111').admin).toBe(true);
    expect(staff.gate('save_settings')).toBe('Ana Pérez');
    expect(staff.endAdmin().admin).toBe(false);
    expect(code(() => staff.approve(null))).toBe('approval_required');
    expect(code(() => staff.approve('3333'))).toBe('unauthorized');
    expect(staff.approve('2222')).toBe('Luis Gómez');
    expect(staff.lock().locked).toBe(true);
    expect(code(() => staff.gate('search_members'))).toBe('desk_locked');
  });

  it('locks after the idle minutes without activity, and five wrong PINs lock PINs for a minute', () => {
    staff.useStaff();
    staff.signIn(1, '1111');
    now += 9 * 60_000;
    staff.activity();
    now += 9 * 60_000;
    expect(staff.view().locked).toBe(false);
    now += 60_000;
    expect(staff.view()).toMatchObject({ locked: true, admin: false });
    for (let i = 0; i < 4; i++) expect(code(() => staff.signIn(1, '0000'))).toBe('unauthorized');
    expect(code(() => staff.signIn(1, '0000'))).toBe('rate_limited');
    expect(code(() => staff.signIn(1, '1111'))).toBe('rate_limited');
    now += 60_000;
    expect(staff.signIn(1, '1111').locked).toBe(false);
  });

  it('keeps the profile rules: first an admin, unique names and PINs, the last admin', () => {
    expect(code(() => staff.addStaff('Ana Pérez', 'reception', '3333'))).toBe('invalid_argument');
    const zoe = staff.addStaff('Zoe Ruiz', 'admin', '1111');
    expect(staff.view()).toMatchObject({ profiles: true, locked: false, admin: true, staff: { name: 'Zoe Ruiz' } });
    expect(code(() => staff.addStaff('zoe  ruiz', 'reception', '3333'))).toBe('invalid_argument');
    expect(code(() => staff.addStaff('Ana Pérez', 'reception', '1111'))).toBe('invalid_argument');
    expect(code(() => staff.addStaff('Ana Pérez', 'reception', '33'))).toBe('invalid_argument');
    const ana = staff.addStaff('Ana Pérez', 'reception', '3333');
    expect(code(() => staff.updateStaff(zoe.id, 'supervisor', null))).toBe('invalid_argument');
    expect(code(() => staff.removeStaff(zoe.id))).toBe('invalid_argument');
    expect(code(() => staff.removeStaff(99))).toBe('not_found');
    expect(staff.updateStaff(ana.id, 'supervisor', '4444').role).toBe('supervisor');
    staff.removeStaff(ana.id);
    staff.removeStaff(zoe.id); // the last profile: the desk is open again
    expect(staff.view()).toEqual(OPEN);
  });
});
