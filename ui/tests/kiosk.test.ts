// Why this file exists: the self check-in kiosk (issue 15) keeps its promises. The card shows
// only the first name, the class and the member's message, in the colour of the outcome, and
// clears itself; a scanner burst goes through the kiosk command, never the staff one; the PIN
// pad says "wrong" or "locked" by the error's code (never the core's text) and leaves only on
// success; the keys, the context menu and the app's shortcuts are blocked while it is a kiosk.
// And the settings screen's kiosk section: the PIN, the start button and the refusal list.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { setLang } from '../src/i18n';
import { installKioskGuards, KIOSK_CARD_MS, kioskCard, kioskKeyBlocked, KioskScreen } from '../src/kiosk';
import { installShortcuts } from '../src/shortcuts';
import { SettingsScreen, type SettingsHost } from '../src/screens/settings';
import { SETTINGS } from '../src/mock/fixtures';
import type { AppStatus, KioskRefusal, KioskVerdict } from '../src/types';

beforeEach(() => setLang('es'));
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
  document.body.replaceChildren();
});

const YOGA_AT = '2026-11-28T09:00:00Z'; // 10:00 in Madrid
const welcome: KioskVerdict = {
  success: true, code: 'checked_in', first_name: 'María', class_name: 'Yoga', start_time: YOGA_AT,
  message: 'Check-in hecho. ¡Buena clase!',
};
const inactive: KioskVerdict = {
  success: false, code: 'membership_inactive', first_name: 'Andrés', class_name: 'Yoga', start_time: YOGA_AT,
  message: 'Tu membresía no está activa. Pasa por recepción, por favor.',
};

/** Records every command; `answer` gives the result (throw an {code, message} to fail it). */
function backend(answer: (cmd: string, args: Record<string, unknown>) => unknown = () => null) {
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

function kiosk() {
  const left = vi.fn();
  const screen = new KioskScreen({ tz: () => 'Europe/Madrid', left, sound: false });
  document.body.append(screen.render());
  return { screen, left };
}
const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel);

describe('the kiosk card', () => {
  it('a check-in is green: the first name, the class with its time, and the message; nothing else', () => {
    const card = kioskCard(welcome, 'Europe/Madrid');
    expect(card.dataset.kind).toBe('ok');
    expect(card.classList.contains('kiosk-card--ok')).toBe(true);
    expect(card.querySelector('.kiosk-card__hello')?.textContent).toBe('¡Hola, María!');
    expect(card.querySelector('.kiosk-card__class')?.textContent).toBe('Yoga · 10:00');
    expect(card.querySelector('.kiosk-card__message')?.textContent).toBe('Check-in hecho. ¡Buena clase!');
    expect(card.querySelectorAll('p, h2')).toHaveLength(3);
  });

  it('already checked in is the calm blue; a refusal is red with the reception message', () => {
    const again = kioskCard({ ...welcome, success: false, code: 'already_checked_in' }, 'Europe/Madrid');
    expect(again.dataset.kind).toBe('again');
    const refused = kioskCard(inactive, 'Europe/Madrid');
    expect(refused.dataset.kind).toBe('refused');
    expect(refused.dataset.code).toBe('membership_inactive');
    expect(refused.querySelector('.kiosk-card__message')?.textContent).toMatch(/Pasa por recepción/);
  });

  it('a code that named no one has no greeting and no class', () => {
    const card = kioskCard({ ...inactive, code: 'invalid_code', first_name: null, class_name: null, start_time: null }, null);
    expect(card.querySelector('.kiosk-card__hello')).toBeNull();
    expect(card.querySelector('.kiosk-card__class')).toBeNull();
    expect(card.dataset.kind).toBe('refused');
  });

  it('in English the greeting is English', () => {
    setLang('en');
    expect(kioskCard(welcome, 'Europe/Madrid').querySelector('.kiosk-card__hello')?.textContent).toBe('Hi, María!');
  });
});

describe('the kiosk screen', () => {
  it('shows the prompt, the preview and the staff button, and no staff navigation or lists', () => {
    backend();
    kiosk();
    expect($('#kiosk-prompt')?.textContent).toBe('Escanea tu código');
    expect($('#kiosk-preview')).not.toBeNull();
    expect($('#kiosk-staff')?.textContent).toBe('Personal');
    expect(document.querySelectorAll('nav, .recent, .sessions, input')).toHaveLength(0);
  });

  it('a verdict event paints its card, reports it painted, and the card clears itself', async () => {
    vi.useFakeTimers();
    const calls = backend();
    const { screen } = kiosk();
    screen.show({ ...welcome, paint_id: 7 });
    expect($('#kiosk-card')?.dataset.kind).toBe('ok');
    expect(screen.showing).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.filter((c) => c.cmd === 'verdict_painted').map((c) => c.args)).toEqual([{ paint_id: 7 }]);
    // The preview is out of sight under the card, and back after it.
    expect(calls.filter((c) => c.cmd === 'show_preview').map((c) => c.args.shown)).toEqual([false]);
    await vi.advanceTimersByTimeAsync(KIOSK_CARD_MS - 200);
    expect($('#kiosk-card')).not.toBeNull();
    await vi.advanceTimersByTimeAsync(200);
    expect($('#kiosk-card')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'show_preview').map((c) => c.args.shown)).toEqual([false, true]);
  });

  it('a scanner burst is checked in with kiosk_check_in_code, never the staff check_in_code', async () => {
    const calls = backend((cmd) => (cmd === 'kiosk_check_in_code' ? inactive : null));
    const { screen } = kiosk();
    await screen.scan('U104_aa11bb');
    expect(calls.filter((c) => c.cmd.includes('check_in')).map((c) => [c.cmd, c.args])).toEqual([
      ['kiosk_check_in_code', { code: 'U104_aa11bb' }],
    ]);
    expect($('#kiosk-card')?.dataset.kind).toBe('refused');
    expect($('.kiosk-card__message')?.textContent).toBe(inactive.message);
  });

  it('a failed call is still a red card that sends the member to reception', async () => {
    backend(() => {
      throw { code: 'internal', message: 'IPC closed' };
    });
    const { screen } = kiosk();
    await screen.scan('U101_7f3a9c');
    expect($('#kiosk-card')?.dataset.kind).toBe('refused');
    expect($('.kiosk-card__message')?.textContent).toBe('No se pudo registrar tu entrada. Pasa por recepción, por favor.');
  });
});

describe('the staff PIN pad', () => {
  /** Presses the pad's digit buttons, then OK. */
  const press = async (pin: string) => {
    for (const d of pin) $(`.kiosk-pad__key[data-digit="${d}"]`)!.click();
    $<HTMLFormElement>('.kiosk-pad__box')!.requestSubmit();
    await vi.waitFor(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
  };

  it('opens masked from the staff button and closes with Cancel', () => {
    backend();
    kiosk();
    $('#kiosk-staff')!.click();
    const input = $<HTMLInputElement>('#kiosk-pin-input')!;
    expect(input.type).toBe('password');
    expect(input.inputMode).toBe('numeric');
    expect(document.activeElement).toBe(input);
    $('#kiosk-pin-cancel')!.click();
    expect($('#kiosk-pin')).toBeNull();
  });

  it('a wrong PIN says "PIN incorrecto" by its code (not the core\'s words), empties the field and stays', async () => {
    const calls = backend(() => {
      throw { code: 'unauthorized', message: 'wrong kiosk PIN: 4 tries left' };
    });
    const { left } = kiosk();
    $('#kiosk-staff')!.click();
    await press('1111');
    expect(calls.filter((c) => c.cmd === 'leave_kiosk').map((c) => c.args)).toEqual([{ pin: '1111' }]);
    const err = $('#kiosk-pin-error')!;
    expect(err.textContent).toBe('PIN incorrecto.');
    expect(err.textContent).not.toMatch(/4|tries/);
    expect(err.dataset.code).toBe('unauthorized');
    expect($<HTMLInputElement>('#kiosk-pin-input')!.value).toBe('');
    expect(left).not.toHaveBeenCalled();
  });

  it('five wrong PINs lock it: "Bloqueado un minuto"', async () => {
    backend(() => {
      throw { code: 'rate_limited', message: 'too many wrong kiosk PINs' };
    });
    const { left } = kiosk();
    $('#kiosk-staff')!.click();
    await press('9999');
    expect($('#kiosk-pin-error')!.textContent).toMatch(/^Bloqueado un minuto/);
    expect($('#kiosk-pin-error')!.dataset.code).toBe('rate_limited');
    expect(left).not.toHaveBeenCalled();
  });

  it('a PIN shorter than 4 digits is not sent', async () => {
    const calls = backend();
    const { left } = kiosk();
    $('#kiosk-staff')!.click();
    await press('12');
    expect(calls.some((c) => c.cmd === 'leave_kiosk')).toBe(false);
    expect($('#kiosk-pin-error')!.textContent).toBe('El PIN tiene de 4 a 6 cifras.');
    expect(left).not.toHaveBeenCalled();
  });

  it('the right PIN (typed on the pad, Borrar fixing a slip) leaves the kiosk', async () => {
    const calls = backend();
    const { left } = kiosk();
    $('#kiosk-staff')!.click();
    $('.kiosk-pad__key[data-digit="7"]')!.click();
    $('#kiosk-pin-delete')!.click();
    await press('2468');
    expect(calls.filter((c) => c.cmd === 'leave_kiosk').map((c) => c.args)).toEqual([{ pin: '2468' }]);
    expect(left).toHaveBeenCalledTimes(1);
  });

  it('the field takes digits only, six at most', () => {
    backend();
    kiosk();
    $('#kiosk-staff')!.click();
    const input = $<HTMLInputElement>('#kiosk-pin-input')!;
    input.value = '12a34567';
    input.dispatchEvent(new Event('input'));
    expect(input.value).toBe('123456');
  });
});

describe('the kiosk guards', () => {
  const key = (init: KeyboardEventInit) => {
    const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
    document.body.dispatchEvent(e);
    return e;
  };

  it('blocks F1-F12 and modifier shortcuts, lets digits, letters and Enter through', () => {
    expect(['F1', 'F2', 'F5', 'F11', 'F12'].every((k) => kioskKeyBlocked({ key: k, ctrlKey: false, altKey: false, metaKey: false }))).toBe(true);
    expect(kioskKeyBlocked({ key: 'r', ctrlKey: true, altKey: false, metaKey: false })).toBe(true);
    expect(kioskKeyBlocked({ key: 'F4', ctrlKey: false, altKey: true, metaKey: false })).toBe(true);
    for (const k of ['1', 'U', '_', 'Enter', 'Backspace', 'F13'])
      expect(kioskKeyBlocked({ key: k, ctrlKey: false, altKey: false, metaKey: false }), k).toBe(false);
  });

  it("the app's shortcuts do nothing, the context menu is prevented, Esc only closes the pad; lifting restores all", () => {
    const navigate = vi.fn();
    const toggleSyncPanel = vi.fn();
    const escape = vi.fn(() => true);
    installShortcuts(window, { navigate, toggleSyncPanel, escape });
    const onEscape = vi.fn();
    const lift = installKioskGuards(window, onEscape);
    expect(document.documentElement.classList.contains('kiosk-mode')).toBe(true);

    expect(key({ key: 'F2' }).defaultPrevented).toBe(true);
    key({ key: 'F3' });
    key({ key: 'F6' });
    expect(key({ key: 'r', ctrlKey: true }).defaultPrevented).toBe(true);
    expect(key({ key: '5' }).defaultPrevented).toBe(false);
    key({ key: 'Escape' });
    expect(navigate).not.toHaveBeenCalled();
    expect(toggleSyncPanel).not.toHaveBeenCalled();
    expect(escape).not.toHaveBeenCalled();
    expect(onEscape).toHaveBeenCalledTimes(1);

    const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.body.dispatchEvent(menu);
    expect(menu.defaultPrevented).toBe(true);

    lift();
    expect(document.documentElement.classList.contains('kiosk-mode')).toBe(false);
    key({ key: 'F2' });
    expect(navigate).toHaveBeenCalledWith('manual');
    const menu2 = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.body.dispatchEvent(menu2);
    expect(menu2.defaultPrevented).toBe(false);
  });
});

describe('the settings kiosk section', () => {
  const REFUSALS: KioskRefusal[] = [
    { id: 2, at: new Date().toISOString(), member_id: 104, member_name: 'Andrés Núñez', code: 'membership_inactive', alerts: ['membership_inactive'] },
    { id: 1, at: new Date().toISOString(), member_id: null, member_name: null, code: 'invalid_code', alerts: [] },
  ];
  function screen(pinSet: boolean, answer: (cmd: string, args: Record<string, unknown>) => unknown = (cmd) => (cmd === 'kiosk_refusals' ? REFUSALS : cmd === 'list_cameras' ? [] : null)) {
    const calls = backend(answer);
    const startKiosk = vi.fn();
    const host: SettingsHost = {
      status: () => ({ kiosk: false, kiosk_pin_set: pinSet }) as AppStatus,
      settings: () => structuredClone(SETTINGS),
      cameraError: () => null,
      applySettings: () => undefined,
      shift: () => null,
      shiftChanged: () => undefined,
      toast: () => undefined,
      tz: () => 'Europe/Madrid',
      startKiosk,
    };
    const s = new SettingsScreen(host);
    document.body.append(s.render());
    s.shown();
    return { calls, startKiosk };
  }
  const type = (id: string, v: string) => {
    const el = $<HTMLInputElement>(`#${id}`)!;
    el.value = v;
    el.dispatchEvent(new Event('input'));
  };
  const submitPin = () => $<HTMLFormElement>('#set-kiosk')!.requestSubmit();

  it('cannot start kiosk mode before a PIN is set, and says why', () => {
    screen(false);
    expect($<HTMLButtonElement>('#set-kiosk-start')!.disabled).toBe(true);
    expect($('#set-kiosk-start-help')!.textContent).toMatch(/Guarde primero un PIN/);
    expect($<HTMLInputElement>('#set-kiosk-pin')!.type).toBe('password');
    expect($<HTMLInputElement>('#set-kiosk-pin2')!.type).toBe('password');
  });

  it('checks the PIN (4-6 digits, both alike) before sending it, then enables the start button', async () => {
    const { calls } = screen(false);
    type('set-kiosk-pin', '12');
    type('set-kiosk-pin2', '12');
    submitPin();
    expect($('#set-kiosk-pin-err')!.textContent).toBe('El PIN debe tener de 4 a 6 cifras.');
    type('set-kiosk-pin', '1357');
    type('set-kiosk-pin2', '1358');
    submitPin();
    expect($('#set-kiosk-pin-err')!.textContent).toBe('Los dos PIN no coinciden.');
    expect(calls.some((c) => c.cmd === 'set_kiosk_pin')).toBe(false);
    type('set-kiosk-pin2', '1357');
    submitPin();
    await vi.waitFor(() => expect($<HTMLButtonElement>('#set-kiosk-start')!.disabled).toBe(false));
    expect(calls.filter((c) => c.cmd === 'set_kiosk_pin').map((c) => c.args)).toEqual([{ pin: '1357' }]);
    expect($('#set-kiosk-pin-msg')!.textContent).toBe('PIN del quiosco guardado.');
    expect($<HTMLInputElement>('#set-kiosk-pin')!.value).toBe('');
  });

  it('starts kiosk mode: enter_kiosk, then the page switches to the kiosk', async () => {
    const { calls, startKiosk } = screen(true);
    $('#set-kiosk-start')!.click();
    await vi.waitFor(() => expect(startKiosk).toHaveBeenCalledTimes(1));
    expect(calls.filter((c) => c.cmd === 'enter_kiosk')).toHaveLength(1);
  });

  it('a config failure of enter_kiosk (no PIN after all) stays on Settings and says so', async () => {
    const { startKiosk } = screen(true, (cmd) => {
      if (cmd === 'enter_kiosk') throw { code: 'config', message: 'set a kiosk PIN' };
      return cmd === 'kiosk_refusals' ? [] : cmd === 'list_cameras' ? [] : null;
    });
    $('#set-kiosk-start')!.click();
    await vi.waitFor(() => expect($('#set-kiosk-start-help')!.textContent).toMatch(/No hay PIN de quiosco/));
    expect(startKiosk).not.toHaveBeenCalled();
    expect($<HTMLButtonElement>('#set-kiosk-start')!.disabled).toBe(true);
  });

  it('lists the kiosk refusals newest first: time, name or "Desconocido", and why in words', async () => {
    const { calls } = screen(true);
    await vi.waitFor(() => expect(document.querySelectorAll('#set-kiosk-refusals li')).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === 'kiosk_refusals').map((c) => c.args)).toEqual([{ limit: 20 }]);
    const rows = [...document.querySelectorAll('#set-kiosk-refusals li')];
    expect(rows[0].querySelector('.kiosk-refusal__name')?.textContent).toBe('Andrés Núñez');
    expect(rows[0].querySelector('.kiosk-refusal__why')?.textContent).toBe('Membresía no activa: acceso bloqueado · Membresía inactiva');
    expect(rows[1].querySelector('.kiosk-refusal__name')?.textContent).toBe('Desconocido');
    expect(rows[0].querySelector('.kiosk-refusal__time')?.textContent).toMatch(/^\d{2}:\d{2}$/);
  });
});
