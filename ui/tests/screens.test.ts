// Why this file exists: issue 13's screen fixes keep their promises. Today's classes start at
// the current one (in progress, else the next) and a running class is "En curso" even when the
// central API still says "scheduled"; the manual screen puts the next person back on the
// automatic class and shows a membership the way a scan would (inactive, expired by the desk's
// clock, the type in words); a camera verdict banner takes no focus and clears itself.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { setLang } from '../src/i18n';
import { currentSession, shownStatus } from '../src/today';
import { ScanScreen, type ScanHost } from '../src/screens/scan';
import { ManualScreen, SEARCH_DEBOUNCE_MS, membershipChip, membershipState, sessionOptions, type ManualHost } from '../src/screens/manual';
import { BANNER_MS, VerdictBanner } from '../src/verdict-banner';
import type { MemberHit, SessionRow, Verdict } from '../src/types';
import { CHECKED_IN } from './fixtures';

beforeEach(() => setLang('es'));
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
  document.body.replaceChildren();
});

const MIN = 60_000;
const NOW = Date.parse('2026-11-28T10:10:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A day of classes around NOW, all left "scheduled" by the central API but one cancelled. */
function day(now = NOW): SessionRow[] {
  const s = (id: number, name: string, from: number, to: number, status: SessionRow['status'] = 'scheduled'): SessionRow => ({
    id, class_name: name, start_time: iso(now + from * MIN), end_time: iso(now + to * MIN),
    room: null, status, capacity: 10, registered: 1, attended: 0,
  });
  return [
    s(1, 'Madrugadores', -190, -130),
    s(2, 'Spinning', -120, -60),
    s(3, 'Zumba', -100, -40, 'cancelled'),
    s(4, 'Yoga', -10, 50),
    s(5, 'Pilates', 60, 120),
    s(6, 'CrossFit', 180, 240),
  ];
}

describe("today's classes by the clock", () => {
  it('a "scheduled" class is in progress between its start and end, and over after it', () => {
    const [early, , zumba, yoga, pilates] = day();
    expect(shownStatus(yoga, NOW)).toBe('in_progress');
    expect(shownStatus(pilates, NOW)).toBe('scheduled');
    expect(shownStatus(early, NOW)).toBe('completed');
    expect(shownStatus(zumba, NOW)).toBe('cancelled');
    expect(shownStatus({ ...yoga, status: 'in_progress' }, NOW)).toBe('in_progress');
  });

  it('the current class is the one in progress, else the next, never a cancelled one', () => {
    expect(currentSession(day(), NOW)?.class_name).toBe('Yoga');
    expect(currentSession(day(), NOW + 55 * MIN)?.class_name).toBe('Pilates');
    expect(currentSession(day().reverse(), NOW)?.class_name).toBe('Yoga');
    expect(currentSession(day(), NOW + 300 * MIN)).toBeNull();
  });
});

describe('the scan screen', () => {
  const host = (sessions: SessionRow[]): ScanHost => ({
    tz: () => 'Europe/Madrid',
    settings: () => null,
    cameraError: () => null,
    sessions: () => sessions,
    recent: () => [],
    navigate: () => undefined,
  });

  it('labels a running class "En curso", not "Programada"', () => {
    const el = new ScanScreen(host(day(Date.now()))).render();
    const yoga = el.querySelector<HTMLElement>('[data-session="4"]')!;
    expect(yoga.classList.contains('session--in_progress')).toBe(true);
    expect(yoga.querySelector('.chip')?.textContent).toBe('En curso');
    expect(el.querySelector('[data-session="5"] .chip')?.textContent).toBe('Programada');
  });

  it('opens scrolled to the current class once the screen is in the page, earlier ones above it', () => {
    const screen = new ScanScreen(host(day(Date.now())));
    const el = screen.render();
    document.body.append(el); // as the app does, then it calls shown()
    const list = el.querySelector<HTMLElement>('.panel__body')!;
    const yoga = el.querySelector<HTMLElement>('[data-session="4"]')!;
    // happy-dom lays nothing out: the rows' places as Chromium would give them.
    list.getBoundingClientRect = () => ({ top: 100 }) as DOMRect;
    yoga.getBoundingClientRect = () => ({ top: 400 - list.scrollTop }) as DOMRect;
    screen.shown();
    expect(list.scrollTop).toBe(296);
    expect(list.dataset.current).toBe('4');
    expect(el.querySelector('[data-session="1"]'), 'earlier classes are still listed').not.toBeNull();
  });
});

describe('the scan screen under a verdict card', () => {
  /** A 2D context that records what was put into the canvas (happy-dom has none). */
  function recordPuts(): number[] {
    const puts: number[] = [];
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function () {
      return {
        createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
        putImageData: (img: ImageData) => puts.push(new Uint32Array(img.data.buffer)[0] & 0xff),
      } as unknown as CanvasRenderingContext2D;
    } as never);
    return puts;
  }
  const grey = (v: number) => ({ width: 2, height: 1, pixels: new Uint8Array([v, v]) });
  const host: ScanHost = {
    tz: () => null, settings: () => null, cameraError: () => null, sessions: () => [], recent: () => [],
    navigate: () => undefined,
  };
  afterEach(() => vi.restoreAllMocks());

  it('paints no frame while covered, then the newest one the moment the card goes', () => {
    const puts = recordPuts();
    const screen = new ScanScreen(host);
    screen.render();
    screen.frame(grey(10));
    screen.cover(true);
    screen.frame(grey(20));
    screen.frame(grey(30));
    expect(puts).toEqual([10]);
    screen.cover(false);
    expect(puts).toEqual([10, 30]);
    screen.cover(false); // already uncovered: nothing held, nothing painted again
    screen.frame(grey(40));
    expect(puts).toEqual([10, 30, 40]);
  });

  it('tells the shell once per change whether the preview is in sight, for a card or another screen', async () => {
    const puts = recordPuts();
    const told: boolean[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'show_preview') told.push((args as { shown: boolean }).shown);
      return null;
    });
    const screen = new ScanScreen(host);
    screen.render();
    screen.cover(true);
    screen.cover(true);
    screen.leave(true); // staff go to Settings with the card still up: still out of sight
    screen.cover(false); // the card carried on as a banner there: still away
    await Promise.resolve();
    expect(told).toEqual([false]);
    screen.frame(grey(50)); // one in flight: held, not painted
    expect(puts).toEqual([]);
    screen.leave(false);
    await Promise.resolve();
    expect(told).toEqual([false, true]);
    expect(puts).toEqual([50]);
    screen.leave(false);
    await Promise.resolve();
    expect(told).toEqual([false, true]);
  });

  it('a card that goes with no frame come meanwhile paints nothing', () => {
    const puts = recordPuts();
    const screen = new ScanScreen(host);
    screen.render();
    screen.cover(true);
    screen.cover(false);
    expect(puts).toEqual([]);
  });
});

describe('the manual screen', () => {
  it('lists the classes from the current one on; the earlier ones follow in their own group', () => {
    const select = document.createElement('select');
    select.append(...sessionOptions(day(), 'auto', 'Europe/Madrid', 'es', NOW));
    const groups = [...select.querySelectorAll('optgroup')];
    expect(groups.map((g) => g.label)).toEqual(['Ahora y más tarde', 'Antes, hoy']);
    expect([...groups[0].querySelectorAll('option')].map((o) => o.value)).toEqual(['4', '5', '6']);
    expect([...groups[1].querySelectorAll('option')].map((o) => o.value)).toEqual(['1', '2', '3']);
    expect(groups[0].querySelector('option')?.textContent).toMatch(/Yoga \(En curso\)$/);
    expect(groups[1].querySelector('option')?.textContent).toMatch(/Madrugadores \(Terminada\)$/);
  });

  const member = (membership: MemberHit['membership']): MemberHit => ({
    id: 102, name: 'José Pérez Ruiz', email: null, picture: null, membership,
  });

  it('shows an expired membership as expired (by the desk clock), never as active', () => {
    const ms = { is_active: true, type: 'Trimestral', expires_at: '2026-10-31T10:00:00Z' };
    expect(membershipState(ms, NOW)).toBe('expired');
    const chip = membershipChip(member(ms), 'Europe/Madrid', 'es', NOW);
    expect(chip.textContent).toBe('Membresía vencida · Trimestral · venció el 31 oct 2026');
    expect(chip.className).toContain('chip--warn');
    expect(chip.textContent).not.toMatch(/activa/);
    // The same membership before its end date is active.
    const before = membershipChip(member(ms), 'Europe/Madrid', 'es', Date.parse('2026-10-01T00:00:00Z'));
    expect(before.textContent).toBe('Membresía activa · Trimestral · vence el 31 oct 2026');
    expect(before.className).toContain('chip--ok');
  });

  it('shows an inactive membership, no membership, and GymAPI types in words', () => {
    expect(membershipChip(member({ is_active: false, type: 'paid', expires_at: null }), null, 'es', NOW).textContent)
      .toBe('Membresía inactiva · De pago');
    expect(membershipState({ is_active: false, type: null, expires_at: '2027-01-01T00:00:00Z' }, NOW)).toBe('inactive');
    expect(membershipChip(member(null), null, 'es', NOW).textContent).toBe('Sin membresía');
    setLang('en');
    expect(membershipChip(member({ is_active: true, type: 'TRIAL', expires_at: null }), null, 'en', NOW).textContent)
      .toBe('Active membership · Trial');
    expect(membershipChip(member({ is_active: true, type: 'Bono 10', expires_at: '2026-10-31T10:00:00Z' }), 'Europe/Madrid', 'en', NOW).textContent)
      .toBe('Expired membership · Bono 10 · expired 31 Oct 2026');
  });

  it('puts the next person back on the automatic class', async () => {
    const members: Record<string, MemberHit> = {
      Maria: { id: 101, name: 'María López García', email: null, picture: null, membership: null },
      Jose: { id: 102, name: 'José Pérez Ruiz', email: null, picture: null, membership: null },
    };
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      if (cmd === 'search_members') return [members[a.query as string]];
      if (cmd === 'check_in_member') {
        sent.push(a);
        return { ...verdict, code: 'outside_window', success: false, member: members.Maria };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const host: ManualHost = { tz: () => 'Europe/Madrid', sessions: () => day(Date.now()), verdictFeedback: () => undefined, toast: () => undefined, shift: () => null };
    const screen = new ManualScreen(host);
    document.body.append(screen.render());
    const search = document.getElementById('manual-search') as HTMLInputElement;
    const find = async (q: string) => {
      search.value = q;
      search.dispatchEvent(new Event('input'));
      await vi.waitFor(() => expect(document.querySelector('.hit')?.textContent).toContain(members[q].name), {
        timeout: SEARCH_DEBOUNCE_MS * 8,
      });
      document.querySelector<HTMLButtonElement>('.hit')!.click();
    };

    await find('Maria');
    const select = () => document.getElementById('manual-session') as HTMLSelectElement;
    select().value = '6';
    select().dispatchEvent(new Event('change'));
    document.querySelector<HTMLFormElement>('.checkin-form')!.requestSubmit();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    await vi.waitFor(() => expect(document.querySelector('.manual__detail .verdict')).not.toBeNull());

    await find('Jose');
    expect(document.querySelector('.member__name')?.textContent).toBe('José Pérez Ruiz');
    expect(select().value).toBe('auto');
    document.querySelector<HTMLFormElement>('.checkin-form')!.requestSubmit();
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent).toEqual([
      { member_id: 101, session_id: 6, override_reason: null, approval_pin: null },
      { member_id: 102, session_id: null, override_reason: null, approval_pin: null },
    ]);
  });
});

const verdict: Verdict = CHECKED_IN;

describe('the camera verdict banner', () => {
  it('shows at the top of what staff have open, keeps their focus, and clears itself', () => {
    vi.useFakeTimers();
    const banner = new VerdictBanner(() => ({ tz: 'Europe/Madrid', lang: 'es' }));
    const screen = document.createElement('div');
    const input = document.createElement('input');
    const form = document.createElement('form');
    form.append(input);
    screen.append(form);
    document.body.append(screen);
    input.focus();
    banner.show({ ...verdict, code: 'membership_inactive', success: false }, screen);
    expect(screen.firstElementChild).toBe(banner.element);
    const b = banner.element.querySelector<HTMLElement>('.verdict-banner')!;
    expect(b.dataset.kind).toBe('refused');
    expect(b.textContent).toContain('María López García');
    expect(b.textContent).toContain('No puede pasar');
    expect(b.textContent).toContain('Membresía no activa');
    expect(b.querySelector('.verdict-banner__time')?.textContent).toBe('10:05');
    expect(document.activeElement).toBe(input);
    expect(banner.element.querySelector('button, [tabindex], input, a')).toBeNull();
    vi.advanceTimersByTime(BANNER_MS - 1);
    expect(banner.showing).toBe(true);
    vi.advanceTimersByTime(1);
    expect(banner.showing).toBe(false);
    expect(banner.element.hidden).toBe(true);
  });

  it('an amber banner stays until it is clicked; a green one with a birthday note clears itself', () => {
    vi.useFakeTimers();
    const banner = new VerdictBanner(() => ({ tz: 'Europe/Madrid', lang: 'es' }));
    const where = document.createElement('div');
    banner.show({ ...verdict, warnings: [{ code: 'stale_data', message: 'x', level: 'warn', at: '2026-11-27T08:12:00Z' }] }, where);
    const b = () => banner.element.querySelector<HTMLElement>('.verdict-banner')!;
    expect(b().dataset.kind).toBe('warn');
    expect(b().dataset.ack).toBe('required');
    expect(b().textContent).toContain('⏱ Datos sin actualizar desde 27 nov 2026 09:12');
    vi.advanceTimersByTime(BANNER_MS * 5);
    expect(banner.showing).toBe(true);
    b().click();
    expect(banner.showing).toBe(false);

    banner.show({ ...verdict, warnings: [{ code: 'birthday', message: 'x', level: 'allow' }] }, where);
    expect(b().dataset.kind).toBe('ok');
    expect(b().hasAttribute('data-ack')).toBe(false);
    expect(b().textContent).toContain('🎂 ¡Hoy es su cumpleaños!');
    vi.advanceTimersByTime(BANNER_MS);
    expect(banner.showing).toBe(false);
  });

  it('a click dismisses it', () => {
    const banner = new VerdictBanner(() => ({ tz: null, lang: 'es' }));
    const where = document.createElement('div');
    banner.show(verdict, where);
    banner.element.querySelector<HTMLElement>('.verdict-banner')!.click();
    expect(banner.showing).toBe(false);
    expect(banner.element.childElementCount).toBe(0);
  });
});
