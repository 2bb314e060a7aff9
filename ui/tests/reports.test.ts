// Why this file exists: issue 15's range report on the reports screen keeps its promises. Staff
// switch between a day and a period (stable ids), a period opens as the last 30 days ending
// today in the gym's zone, the quick periods set both ends, the preview asks the core for exactly
// that range (and a day for exactly the day, with no `to`), an inverted or over-long period is
// explained in both languages and never sent, a range exports with its `to`, and the core's
// refusal is told by its code, never by its text.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { setLang } from '../src/i18n';
import {
  MAX_RANGE_DAYS,
  ReportsScreen,
  addDays,
  previewErrorText,
  quickRange,
  rangeProblem,
  rangeProblemText,
  spanDays,
} from '../src/screens/reports';

beforeEach(() => setLang('es'));
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
  document.body.replaceChildren();
  setLang('es');
});

describe('calendar days', () => {
  it('adds days across months, years and a leap day', () => {
    expect(addDays('2026-12-01', -29)).toBe('2026-11-02');
    expect(addDays('2027-01-03', -6)).toBe('2026-12-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // a DST change in Madrid is still one day
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('counts both ends of a span, and nothing for what is not a day', () => {
    expect(spanDays('2026-11-28', '2026-11-28')).toBe(1);
    expect(spanDays('2026-01-01', '2026-12-31')).toBe(365);
    expect(spanDays('2026-11-28', '2026-11-27')).toBe(0);
    expect(spanDays('', '2026-11-28')).toBeNull();
    expect(spanDays('2026-02-30', '2026-03-01')).toBeNull();
    expect(spanDays('2026-11-2', '2026-11-28')).toBeNull();
  });

  it('the quick periods end today: 7 and 30 days with both ends, and this month from the 1st', () => {
    expect(quickRange('last7', '2026-11-28')).toEqual({ from: '2026-11-22', to: '2026-11-28' });
    expect(quickRange('last30', '2026-11-28')).toEqual({ from: '2026-10-30', to: '2026-11-28' });
    expect(quickRange('month', '2026-11-28')).toEqual({ from: '2026-11-01', to: '2026-11-28' });
    expect(quickRange('month', '2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(spanDays(quickRange('last7', '2026-03-02').from, '2026-03-02')).toBe(7);
    expect(spanDays(quickRange('last30', '2026-03-02').from, '2026-03-02')).toBe(30);
  });
});

describe('a period is checked by the core rule before it is sent', () => {
  it('takes one day up to 366 days, and refuses an inverted, too long or unfinished period', () => {
    expect(MAX_RANGE_DAYS).toBe(366);
    expect(rangeProblem('2026-11-28', '2026-11-28')).toBeNull();
    expect(rangeProblem('2025-11-29', '2026-11-29')).toBeNull(); // 366 days, both ends included
    expect(rangeProblem('2025-11-28', '2026-11-29')).toEqual({ code: 'long', days: 367 });
    expect(rangeProblem('2026-11-28', '2026-11-27')).toEqual({ code: 'order' });
    expect(rangeProblem('', '2026-11-27')).toEqual({ code: 'empty' });
    expect(rangeProblem('2026-11-01', '')).toEqual({ code: 'empty' });
  });

  it('says what is wrong in both languages', () => {
    expect(rangeProblemText({ code: 'order' })).toMatch(/^El periodo termina antes de empezar/);
    expect(rangeProblemText({ code: 'long', days: 400 })).toBe('Un periodo abarca como mucho 366 días y este tiene 400: acórtelo.');
    expect(rangeProblemText({ code: 'empty' })).toBe('Elija el primer y el último día del periodo.');
    setLang('en');
    expect(rangeProblemText({ code: 'order' })).toMatch(/^The period ends before it starts/);
    expect(rangeProblemText({ code: 'long', days: 400 })).toBe('A period covers at most 366 days and this one has 400: shorten it.');
    expect(rangeProblemText({ code: 'empty' })).toBe('Choose the first and the last day of the period.');
  });

  it("tells the core's refusal of a preview by its code, never by its text", () => {
    const refused = previewErrorText({ code: 'invalid_argument', message: 'the range ends (x) before it starts (y)' });
    expect(refused).toBe('El informe no admite esas fechas: compruebe el día o el periodo elegido.');
    expect(refused).not.toContain('before it starts');
    expect(previewErrorText({ code: 'db_error', message: 'disk I/O error' })).toContain('disk I/O error');
    setLang('en');
    expect(previewErrorText({ code: 'invalid_argument', message: 'x' })).toBe('The report does not take those dates: check the day or the period chosen.');
  });
});

// ---- the screen ------------------------------------------------------------------------------

type Call = { cmd: string; args: Record<string, unknown> };

/** The screen in the page at `now` (only Date is faked: promises and timers run), with the
 * core's answers recorded; `answer` may throw to play a refusal. */
function openScreen(
  now = '2026-11-30T23:30:00Z', // already 1 December in Madrid
  answer: (c: Call) => unknown = (c) =>
    c.cmd === 'report_html'
      ? `<h1>${c.args.to ? `range ${c.args.date}..${c.args.to}` : `day ${c.args.date}`}</h1>`
      : `~/Front Desk/file.${c.args.format}`,
) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(now));
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const c = { cmd, args: { ...(args as Record<string, unknown>) } };
    calls.push(c);
    return answer(c);
  });
  const screen = new ReportsScreen({ tz: () => 'Europe/Madrid' });
  document.body.append(screen.render());
  screen.shown();
  const of = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);
  return { screen, calls, of };
}

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const input = (id: string) => $<HTMLInputElement>(`#${id}`)!;
const frame = () => $<HTMLIFrameElement>('.report__frame')!;
/** Lets the answers in flight arrive (the core is asked asynchronously). */
const settle = () => new Promise((r) => setTimeout(r, 5));

function choose(mode: 'day' | 'range') {
  const radio = input(`report-mode-${mode}`);
  radio.checked = true;
  radio.dispatchEvent(new Event('change'));
}

function typeDay(id: string, value: string) {
  input(id).value = value;
  input(id).dispatchEvent(new Event('change'));
}

describe('the reports screen: day or period', () => {
  it('opens on the day of the gym (not of the PC), and asks for exactly that day', async () => {
    const { of } = openScreen();
    expect(input('report-mode-day').checked).toBe(true);
    expect(input('report-mode-range').checked).toBe(false);
    expect(input('report-mode-day').type).toBe('radio');
    expect(input('report-date').value).toBe('2026-12-01');
    expect($('#report-from')).toBeNull();
    await vi.waitFor(() => expect(of('report_html')).toHaveLength(1));
    // Exactly `{ date }`: a day report carries no `to`, not even an undefined one.
    expect(of('report_html')[0]).toStrictEqual({ date: '2026-12-01' });
    await vi.waitFor(() => expect(frame().srcdoc).toBe('<h1>day 2026-12-01</h1>'));
  });

  it('a period opens as the last 30 days ending today in the gym zone, and the preview asks for it', async () => {
    const { of } = openScreen();
    await vi.waitFor(() => expect(of('report_html')).toHaveLength(1));
    choose('range');
    expect($('#report-date')).toBeNull();
    expect(input('report-from').value).toBe('2026-11-02');
    expect(input('report-to').value).toBe('2026-12-01');
    expect(input('report-from').hasAttribute('data-autofocus')).toBe(true);
    expect($('#report-last30')!.getAttribute('aria-pressed')).toBe('true');
    expect($('#report-last7')!.getAttribute('aria-pressed')).toBe('false');
    await vi.waitFor(() => expect(of('report_html')).toHaveLength(2));
    expect(of('report_html')[1]).toStrictEqual({ date: '2026-11-02', to: '2026-12-01' });
    await vi.waitFor(() => expect(frame().srcdoc).toBe('<h1>range 2026-11-02..2026-12-01</h1>'));
    expect($('.report__status')!.textContent).toBe('');

    // Back to the day: the day it had, and again no `to`.
    choose('day');
    expect(input('report-date').value).toBe('2026-12-01');
    await vi.waitFor(() => expect(of('report_html')).toHaveLength(3));
    expect(of('report_html')[2]).toStrictEqual({ date: '2026-12-01' });
  });

  it('the quick periods set both ends and ask the core for them', async () => {
    const { of } = openScreen();
    choose('range');
    $<HTMLButtonElement>('#report-last7')!.click();
    expect([input('report-from').value, input('report-to').value]).toEqual(['2026-11-25', '2026-12-01']);
    expect($('#report-last7')!.getAttribute('aria-pressed')).toBe('true');
    expect($('#report-last30')!.getAttribute('aria-pressed')).toBe('false');
    await vi.waitFor(() => expect(of('report_html').at(-1)).toStrictEqual({ date: '2026-11-25', to: '2026-12-01' }));
    $<HTMLButtonElement>('#report-month')!.click();
    expect([input('report-from').value, input('report-to').value]).toEqual(['2026-12-01', '2026-12-01']);
    await vi.waitFor(() => expect(of('report_html').at(-1)).toStrictEqual({ date: '2026-12-01', to: '2026-12-01' }));
    // A period typed by hand that is no quick one marks none.
    typeDay('report-from', '2026-11-10');
    expect([...document.querySelectorAll('.report__quick button')].map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'false', 'false']);
    await vi.waitFor(() => expect(of('report_html').at(-1)).toStrictEqual({ date: '2026-11-10', to: '2026-12-01' }));
    expect($('.report__quick')!.getAttribute('role')).toBe('group');
    expect([...document.querySelectorAll('.report__quick button')].map((b) => b.textContent)).toEqual([
      'Últimos 7 días', 'Últimos 30 días', 'Este mes',
    ]);
  });

  it('an inverted period is explained and never sent: no preview, no export, no print', async () => {
    const { of, screen } = openScreen();
    choose('range');
    await vi.waitFor(() => expect(of('report_html')).toHaveLength(2));
    typeDay('report-from', '2026-12-05');
    expect($('#report-range-error')!.textContent).toMatch(/^El periodo termina antes de empezar/);
    expect(input('report-from').getAttribute('aria-invalid')).toBe('true');
    expect(input('report-to').getAttribute('aria-describedby')).toBe('report-range-error');
    expect(frame().srcdoc).toContain('Sin vista previa hasta que el periodo sea válido.');
    const print = vi.fn();
    Object.defineProperty(frame(), 'contentWindow', { value: { print }, configurable: true });
    $<HTMLButtonElement>('#export-csv')!.click();
    $<HTMLButtonElement>('#report-print')!.click();
    await settle();
    expect(of('report_html')).toHaveLength(2);
    expect(of('export_report')).toEqual([]);
    expect(print).not.toHaveBeenCalled();
    expect(document.activeElement?.id).toBe('report-to');

    // The message follows the language; fixing the period clears it and asks again.
    setLang('en');
    document.body.replaceChildren(screen.render());
    expect($('#report-range-error')!.textContent).toMatch(/^The period ends before it starts/);
    expect(input('report-mode-range').checked).toBe(true);
    typeDay('report-to', '2026-12-06');
    expect($('#report-range-error')).toBeNull();
    expect(input('report-to').getAttribute('aria-invalid')).toBe('false');
    await vi.waitFor(() => expect(of('report_html')).toHaveLength(3));
    expect(of('report_html')[2]).toStrictEqual({ date: '2026-12-05', to: '2026-12-06' });
  });

  it('a period longer than 366 days, or half typed, is not sent either', async () => {
    const { of } = openScreen();
    choose('range');
    await vi.waitFor(() => expect(of('report_html')).toHaveLength(2));
    typeDay('report-from', '2025-11-30'); // 367 days to 2026-12-01
    expect($('#report-range-error')!.textContent).toBe('Un periodo abarca como mucho 366 días y este tiene 367: acórtelo.');
    typeDay('report-from', '2025-12-01'); // 366: fine
    expect($('#report-range-error')).toBeNull();
    await vi.waitFor(() => expect(of('report_html')).toHaveLength(3));
    expect(of('report_html')[2]).toStrictEqual({ date: '2025-12-01', to: '2026-12-01' });
    typeDay('report-to', '');
    expect($('#report-range-error')!.textContent).toBe('Elija el primer y el último día del periodo.');
    $<HTMLButtonElement>('#export-xlsx')!.click();
    await settle();
    expect(of('report_html')).toHaveLength(3);
    expect(of('export_report')).toEqual([]);
  });

  it('exports the period with its `to`, and a day without one', async () => {
    const { of } = openScreen();
    $<HTMLButtonElement>('#export-xlsx')!.click();
    await vi.waitFor(() => expect(of('export_report')).toHaveLength(1));
    expect(of('export_report')[0]).toStrictEqual({ date: '2026-12-01', format: 'xlsx' });
    await vi.waitFor(() => expect($('.report__status .ok')?.textContent).toBe('Guardado en ~/Front Desk/file.xlsx'));
    choose('range');
    expect($('.report__status .ok'), 'the day export message goes with the day').toBeNull();
    $<HTMLButtonElement>('#report-last7')!.click();
    $<HTMLButtonElement>('#export-csv')!.click();
    await vi.waitFor(() => expect(of('export_report')).toHaveLength(2));
    expect(of('export_report')[1]).toStrictEqual({ date: '2026-11-25', to: '2026-12-01', format: 'csv' });
  });

  it("shows the core's refusal of a range by its code, and other failures generically", async () => {
    let refusal = { code: 'invalid_argument', message: 'a range report covers at most 366 days (400 asked)' };
    const { of } = openScreen(undefined, (c) => {
      if (c.cmd === 'report_html' && c.args.to) throw refusal;
      return '<h1>day</h1>';
    });
    choose('range');
    await vi.waitFor(() => expect($('#report-load-error')).not.toBeNull());
    expect($('#report-load-error')!.textContent).toBe('El informe no admite esas fechas: compruebe el día o el periodo elegido.');
    refusal = { code: 'db_error', message: 'database is locked' };
    $<HTMLButtonElement>('#report-last7')!.click();
    await vi.waitFor(() => expect($('#report-load-error')!.textContent).toBe('Error: database is locked'));
    choose('day');
    await vi.waitFor(() => expect(frame().srcdoc).toBe('<h1>day</h1>'));
    expect($('#report-load-error')).toBeNull();
    expect(of('report_html')).toHaveLength(4);
  });
});
