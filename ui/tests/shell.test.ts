// Why this file exists: the parts app.ts was split into keep their promises on their own: the
// shortcut keys reach the right action (and leave modified keys alone), the verdict overlay
// shows a card and clears it after VERDICT_MS or on a click (an amber card only on a click or
// Esc: staff acknowledge it), and a screen renders against a fake Host, so the narrow
// interface is all it needs.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../src/i18n';
import { shortcutHandler, SCREEN_SHORTCUTS, type ShortcutActions } from '../src/shortcuts';
import { VERDICT_MS, VerdictOverlay } from '../src/verdict-overlay';
import { ScanScreen, type ScanHost } from '../src/screens/scan';
import type { ScreenName } from '../src/host';
import type { SessionRow, Verdict } from '../src/types';
import { CHECKED_IN } from './fixtures';

beforeEach(() => setLang('es'));

function actions(escapeHandled = false) {
  const log: string[] = [];
  const a: ShortcutActions = {
    navigate: (name: ScreenName) => log.push(`navigate ${name}`),
    toggleSyncPanel: () => log.push('sync panel'),
    escape: () => {
      log.push('escape');
      return escapeHandled;
    },
  };
  return { a, log };
}

const key = (k: string, init: KeyboardEventInit = {}) =>
  new KeyboardEvent('keydown', { key: k, cancelable: true, ...init });

describe('shortcuts', () => {
  it('opens each screen with its key and the sync panel with F3', () => {
    const { a, log } = actions();
    const on = shortcutHandler(a);
    for (const k of ['F1', 'F2', 'F4', 'F6', 'F3']) {
      const e = key(k);
      on(e);
      expect(e.defaultPrevented, k).toBe(true);
    }
    expect(log).toEqual(['navigate scan', 'navigate manual', 'navigate reports', 'navigate settings', 'sync panel']);
    expect(SCREEN_SHORTCUTS).toEqual({ scan: 'F1', manual: 'F2', reports: 'F4', settings: 'F6' });
  });

  it('leaves keys with Ctrl, Alt or Meta, keys already taken, and other keys alone', () => {
    const { a, log } = actions();
    const on = shortcutHandler(a);
    on(key('F1', { ctrlKey: true }));
    on(key('F2', { altKey: true }));
    on(key('F3', { metaKey: true }));
    const taken = key('F4');
    taken.preventDefault();
    on(taken);
    const other = key('a');
    on(other);
    expect(log).toEqual([]);
    expect(other.defaultPrevented).toBe(false);
  });

  it('takes Esc only when something on top handled it', () => {
    const unhandled = actions(false);
    const e1 = key('Escape');
    shortcutHandler(unhandled.a)(e1);
    expect(unhandled.log).toEqual(['escape']);
    expect(e1.defaultPrevented).toBe(false);
    const handled = actions(true);
    const e2 = key('Escape');
    shortcutHandler(handled.a)(e2);
    expect(e2.defaultPrevented).toBe(true);
  });
});

const verdict: Verdict = CHECKED_IN;

describe('VerdictOverlay', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the card with its countdown and clears it after VERDICT_MS', () => {
    const overlay = new VerdictOverlay(() => ({ tz: 'Europe/Madrid', lang: 'es' }));
    const layer = overlay.render();
    expect(layer.hidden).toBe(true);
    overlay.show(verdict);
    expect(overlay.showing).toBe(true);
    expect(layer.hidden).toBe(false);
    expect(layer.querySelector('.verdict')?.getAttribute('data-kind')).toBe('ok');
    const countdown = layer.querySelector<HTMLElement>('.verdict__countdown');
    expect(countdown?.style.animationDuration).toBe(`${VERDICT_MS}ms`);
    expect(countdown?.style.animationTimingFunction).toBe('steps(40, end)');
    vi.advanceTimersByTime(VERDICT_MS - 1);
    expect(overlay.showing).toBe(true);
    vi.advanceTimersByTime(1);
    expect(overlay.showing).toBe(false);
    expect(layer.hidden).toBe(true);
    expect(layer.childElementCount).toBe(0);
  });

  it('a click dismisses it, and a page render draws a card that is up again', () => {
    const overlay = new VerdictOverlay(() => ({ tz: null, lang: 'es' }));
    overlay.render();
    overlay.show(verdict);
    const again = overlay.render();
    expect(again.querySelector('.verdict__name')?.textContent).toBe('María López García');
    again.click();
    expect(overlay.showing).toBe(false);
    expect(again.hidden).toBe(true);
  });
});

describe('VerdictOverlay: an amber card waits for staff', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const noted: Verdict = {
    ...verdict,
    warnings: [{ code: 'desk_note', message: 'x', level: 'warn', note_id: 1, text: 'Firma pendiente' }],
  };
  const birthday: Verdict = { ...verdict, warnings: [{ code: 'birthday', message: 'x', level: 'allow' }] };

  it('keeps a warn card up past VERDICT_MS, with no countdown and the hint to acknowledge it', () => {
    const overlay = new VerdictOverlay(() => ({ tz: 'Europe/Madrid', lang: 'es' }));
    const layer = overlay.render();
    overlay.show(noted);
    const card = layer.querySelector<HTMLElement>('.verdict')!;
    expect(card.dataset.kind).toBe('warn');
    expect(card.dataset.ack).toBe('required');
    expect(overlay.awaitingAck).toBe(true);
    expect(layer.querySelector('.verdict__countdown')).toBeNull();
    expect(layer.querySelector('.verdict__hint')?.textContent).toBe('Pulse Esc o haga clic para confirmar');
    vi.advanceTimersByTime(VERDICT_MS * 10);
    expect(overlay.showing).toBe(true);
    expect(layer.hidden).toBe(false);
    layer.click(); // acknowledged
    expect(overlay.showing).toBe(false);
    expect(layer.hidden).toBe(true);
  });

  it('clears a green card (a birthday note on it) by itself, and a new verdict replaces a waiting amber one', () => {
    const overlay = new VerdictOverlay(() => ({ tz: null, lang: 'es' }));
    const layer = overlay.render();
    overlay.show(birthday);
    expect(layer.querySelector('.verdict')?.getAttribute('data-kind')).toBe('ok');
    expect(layer.querySelector('.verdict')?.hasAttribute('data-ack')).toBe(false);
    expect(layer.querySelector('.verdict__countdown')).not.toBeNull();
    expect(layer.querySelector('.verdict__warning--allow')?.textContent).toContain('cumpleaños');
    vi.advanceTimersByTime(VERDICT_MS);
    expect(overlay.showing).toBe(false);

    overlay.show(noted);
    vi.advanceTimersByTime(VERDICT_MS);
    expect(overlay.current).toBe(noted);
    overlay.show(verdict); // the next scan: its own green card, which goes by itself
    expect(layer.querySelector('.verdict')?.getAttribute('data-kind')).toBe('ok');
    vi.advanceTimersByTime(VERDICT_MS - 1);
    expect(overlay.showing).toBe(true);
    vi.advanceTimersByTime(1);
    expect(overlay.showing).toBe(false);
  });

  it('a green card replaced by an amber one leaves no timer behind to clear it', () => {
    const overlay = new VerdictOverlay(() => ({ tz: null, lang: 'es' }));
    overlay.render();
    overlay.show(verdict);
    vi.advanceTimersByTime(VERDICT_MS - 10);
    overlay.show(noted);
    vi.advanceTimersByTime(VERDICT_MS * 3);
    expect(overlay.current).toBe(noted);
  });
});

describe('VerdictOverlay covering the screen', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says when a card goes up and when it goes, once each, however it goes', () => {
    const heard: boolean[] = [];
    const overlay = new VerdictOverlay(() => ({ tz: null, lang: 'es' }), (up) => heard.push(up));
    overlay.render();
    overlay.clear(); // nothing was up: nothing to hear
    overlay.show(verdict);
    overlay.show(verdict); // a card replaced by another stays up
    vi.advanceTimersByTime(VERDICT_MS);
    overlay.show(verdict);
    overlay.render().click();
    expect(heard).toEqual([true, true, false, true, true, false]);
  });
});

describe('a screen against a fake Host', () => {
  it('the scan screen reads the lists and the camera problem through the Host alone', () => {
    const session: SessionRow = {
      id: 9002, class_name: 'Yoga', start_time: '2026-11-28T09:00:00Z', end_time: '2026-11-28T10:00:00Z',
      room: 'Sala 2', status: 'in_progress', capacity: 16, registered: 12, attended: 5,
    };
    const went: ScreenName[] = [];
    const host: ScanHost = {
      tz: () => 'Europe/Madrid',
      settings: () => null,
      cameraError: () => ({ code: 'camera_not_found', message: 'no video device' }),
      sessions: () => [session],
      recent: () => [],
      navigate: (name) => went.push(name),
    };
    const el = new ScanScreen(host).render();
    expect(el.querySelector('.session--in_progress')?.textContent).toMatch(/Yoga/);
    expect(el.querySelector('.session__time')?.textContent).toBe('10:00–11:00');
    const button = el.querySelector<HTMLButtonElement>('.camera-error button');
    button?.click();
    expect(went).toEqual(['settings']);
  });
});
