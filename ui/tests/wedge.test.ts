// Why this file exists: the keyboard-wedge detector decides, from timing alone, whether keys
// are a scanner or a person. These tests feed it stamped key sequences (bursts, human typing,
// Enter, Shift, short codes) and drive the DOM adapter with a fake clock.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WEDGE, WedgeDetector, installWedge, type WedgeResult } from '../src/wedge';

/** Feeds `text` then Enter, one key every `gap` ms from `t0`; returns every result. */
function feed(det: WedgeDetector, text: string, gap: number, t0 = 1000, end = 'Enter'): WedgeResult[] {
  const keys = [...text, ...(end ? [end] : [])];
  return keys.map((key, i) => det.key({ key, time: t0 + i * gap }));
}
const scans = (rs: WedgeResult[]) => rs.filter((r) => r.action === 'scan');

describe('WedgeDetector', () => {
  it('recognises a fast burst ending in Enter as a scan of the typed code', () => {
    const rs = feed(new WedgeDetector(), 'U101_7f3a9c', 8);
    expect(scans(rs)).toEqual([{ action: 'scan', code: 'U101_7f3a9c', replay: '' }]);
    expect(rs.at(-1)!.action).toBe('scan');
  });

  it('does not take human typing followed by Enter for a scan', () => {
    const rs = feed(new WedgeDetector(), 'Lopez', 110);
    expect(scans(rs)).toEqual([]);
    expect(rs.every((r) => r.action === 'pass')).toBe(true);
  });

  it('does not take a fast typist (gaps just above the limit) for a scanner', () => {
    const rs = feed(new WedgeDetector(), 'U101_7f3a9c', DEFAULT_WEDGE.maxGapMs + 5);
    expect(scans(rs)).toEqual([]);
  });

  it('honours a configurable maximum gap', () => {
    expect(scans(feed(new WedgeDetector({ maxGapMs: 60 }), 'U101_abc', 50))).toHaveLength(1);
    expect(scans(feed(new WedgeDetector({ maxGapMs: 20 }), 'U101_abc', 30))).toHaveLength(0);
  });

  it('takes a fast burst too short for a code as a misread, not as a scan or a plain Enter', () => {
    const det = new WedgeDetector({ minLength: 4 });
    const rs = feed(det, 'abc', 5);
    expect(scans(rs)).toEqual([]);
    expect(rs.at(-1)).toMatchObject({ action: 'misread' });
    expect(scans(feed(det, 'abcd', 5, 5000))).toHaveLength(1);
    // One key then Enter is still a key then Enter.
    expect(feed(det, 'a', 5, 9000).at(-1)).toMatchObject({ action: 'pass' });
    // A person's slow "abc" + Enter is typing.
    expect(feed(det, 'abc', 120, 12000).at(-1)).toMatchObject({ action: 'pass' });
  });

  it('needs Enter: a burst without it is not a scan', () => {
    const rs = feed(new WedgeDetector(), 'U101_7f3a9c', 8, 1000, '');
    expect(scans(rs)).toEqual([]);
  });

  it('treats a slow Enter after a fast burst as a normal Enter', () => {
    const det = new WedgeDetector();
    feed(det, 'U101_abc', 8, 1000, '');
    const r = det.key({ key: 'Enter', time: 1000 + 8 * 8 + 500 });
    expect(r.action).toBe('pass');
  });

  it('lets Shift (capital letters) pass without breaking the burst', () => {
    const det = new WedgeDetector();
    const keys = ['Shift', 'U', '1', '0', '1', 'Shift', '_', 'a', 'b', 'Enter'];
    const rs = keys.map((key, i) => det.key({ key, time: 1000 + i * 6 }));
    expect(scans(rs)).toEqual([{ action: 'scan', code: 'U101_ab', replay: '' }]);
  });

  it('holds back fast keys after the first ones, so they never reach an input', () => {
    const rs = feed(new WedgeDetector({ holdAfter: 2 }), 'U101_x', 5);
    expect(rs.slice(0, 2).map((r) => r.action)).toEqual(['pass', 'pass']);
    expect(rs.slice(2, 6).every((r) => r.action === 'hold')).toBe(true);
    expect(rs[0]).toMatchObject({ start: true });
  });

  it('gives held-back keys back when the burst turns out to be a person', () => {
    const det = new WedgeDetector({ holdAfter: 2 });
    feed(det, 'abcd', 10, 1000, ''); // 'c' and 'd' held
    const r = det.key({ key: 'e', time: 1200 }); // long pause: not a scanner
    expect(r).toMatchObject({ action: 'pass', replay: 'cd', start: true });
    const det2 = new WedgeDetector({ holdAfter: 2 });
    feed(det2, 'abcd', 10, 1000, '');
    expect(det2.expire(1000 + 30 + 10)).toBe(''); // still within the gap
    expect(det2.expire(1000 + 30 + 200)).toBe('cd');
    expect(det2.active).toBe(false);
  });

  it('drops the held-back keys of a misread burst (they were the scanner\'s, not a person\'s)', () => {
    const det = new WedgeDetector({ minLength: 6, holdAfter: 2 });
    const rs = feed(det, 'abcd', 5);
    expect(rs.at(-1)).toMatchObject({ action: 'misread', replay: '' });
    expect(det.active).toBe(false);
  });

  it('resets on key repeats, Ctrl/Alt shortcuts and non-character keys', () => {
    for (const odd of [
      { key: 'a', repeat: true },
      { key: 'c', ctrlKey: true },
      { key: 'Tab' },
      { key: 'ArrowDown' },
    ]) {
      const det = new WedgeDetector();
      feed(det, 'U101', 5, 1000, '');
      det.key({ ...odd, time: 1020 });
      const rest = feed(det, '_ab', 5, 1025);
      // Without the reset, 'U101' + '_ab' would make a scan; '_ab' alone is too short.
      expect(scans(rest)).toEqual([]);
    }
  });

  it('recognises two scans in a row', () => {
    const det = new WedgeDetector();
    const a = feed(det, 'U1_aaaa', 5, 1000);
    const b = feed(det, 'U2_bbbb', 5, 1100);
    expect([...scans(a), ...scans(b)].map((r) => (r as { code: string }).code)).toEqual(['U1_aaaa', 'U2_bbbb']);
  });
});

describe('installWedge (DOM adapter)', () => {
  let now = 0;
  let onScan: ReturnType<typeof vi.fn<(code: string) => void>>;
  let uninstall: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    now = 1000;
    onScan = vi.fn<(code: string) => void>();
    document.body.innerHTML = '<input id="q" type="search"><button id="b">ok</button>';
    uninstall = installWedge(window, onScan, {}, () => now);
  });
  afterEach(() => {
    uninstall();
    vi.useRealTimers();
  });

  /** Dispatches a keydown at time `t` and, like a browser, types the character if allowed. */
  function press(key: string, t: number) {
    now = t;
    const target = (document.activeElement as HTMLElement) ?? document.body;
    const ev = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    target.dispatchEvent(ev);
    if (!ev.defaultPrevented && key.length === 1 && target instanceof HTMLInputElement) {
      target.value += key;
      target.dispatchEvent(new Event('input', { bubbles: true }));
    }
    return ev;
  }
  const type = (text: string, gap: number, t0: number) =>
    [...text].map((k, i) => press(k, t0 + i * gap));

  it('calls onScan for a burst and removes its characters from the focused input', () => {
    const input = document.getElementById('q') as HTMLInputElement;
    input.focus();
    input.value = 'Ana';
    const inputs: string[] = [];
    input.addEventListener('input', () => inputs.push(input.value));
    type('U101_7f3a9c', 6, 1000);
    const enter = press('Enter', 1000 + 11 * 6);
    expect(onScan).toHaveBeenCalledWith('U101_7f3a9c');
    expect(enter.defaultPrevented).toBe(true);
    expect(input.value).toBe('Ana');
    expect(inputs.at(-1)).toBe('Ana'); // the app heard the restored value
  });

  it('leaves human typing in the input alone, including Enter', () => {
    const input = document.getElementById('q') as HTMLInputElement;
    input.focus();
    const evs = type('Lopez', 120, 1000);
    const enter = press('Enter', 1000 + 5 * 120);
    expect(onScan).not.toHaveBeenCalled();
    expect(input.value).toBe('Lopez');
    expect([...evs, enter].some((e) => e.defaultPrevented)).toBe(false);
  });

  it('replays held-back keys into the input once the keyboard is quiet', () => {
    const input = document.getElementById('q') as HTMLInputElement;
    input.focus();
    type('abcd', 10, 1000); // fast, but no Enter follows
    expect(input.value).toBe('ab');
    vi.advanceTimersByTime(1000);
    expect(input.value).toBe('abcd');
    expect(onScan).not.toHaveBeenCalled();
  });

  it('still sees a scan when the page stalls mid-burst (keys stamped fast, handled late)', () => {
    const input = document.getElementById('q') as HTMLInputElement;
    input.focus();
    input.value = 'x';
    type('U101_', 6, 1000);
    vi.advanceTimersByTime(1000); // the main thread was busy: the held keys are released...
    expect(input.value).toBe('xU101_');
    type('7f3a9c', 6, 1030); // ...but the next keys' own stamps show the burst went on
    press('Enter', 1066);
    expect(onScan).toHaveBeenCalledWith('U101_7f3a9c');
    expect(input.value).toBe('x');
  });

  it('works with no input focused, and the Enter does not click the focused button', () => {
    const button = document.getElementById('b') as HTMLButtonElement;
    button.focus();
    type('U7_zzzz', 5, 1000);
    const enter = press('Enter', 1000 + 7 * 5);
    expect(onScan).toHaveBeenCalledWith('U7_zzzz');
    expect(enter.defaultPrevented).toBe(true);
  });

  it('a misread burst presses no focused control, leaves the input as it was and asks to read again', () => {
    uninstall();
    const onMisread = vi.fn();
    uninstall = installWedge(window, onScan, { onMisread }, () => now);
    const input = document.getElementById('q') as HTMLInputElement;
    input.focus();
    input.value = 'Mar';
    type('U7', 5, 1000);
    const enter = press('Enter', 1000 + 2 * 5);
    expect(enter.defaultPrevented).toBe(true);
    expect(onScan).not.toHaveBeenCalled();
    expect(onMisread).toHaveBeenCalledTimes(1);
    expect(input.value).toBe('Mar');
    const button = document.getElementById('b') as HTMLButtonElement;
    button.focus();
    type('U7', 5, 5000);
    expect(press('Enter', 5000 + 2 * 5).defaultPrevented).toBe(true);
    expect(onMisread).toHaveBeenCalledTimes(2);
  });

  it('puts back a focused <select> that type-ahead changed during a burst', () => {
    document.body.innerHTML = '<select id="s"><option value="a">a</option><option value="u">u</option></select>';
    const select = document.getElementById('s') as HTMLSelectElement;
    select.focus();
    const changes: string[] = [];
    select.addEventListener('change', () => changes.push(select.value));
    press('U', 1000);
    select.value = 'u'; // what the browser's type-ahead would do with the first key
    type('7_zzzz', 5, 1005);
    press('Enter', 1040);
    expect(onScan).toHaveBeenCalledWith('U7_zzzz');
    expect(select.value).toBe('a');
    expect(changes).toEqual(['a']);
  });

  it('stops listening after uninstall', () => {
    uninstall();
    type('U7_zzzz', 5, 1000);
    press('Enter', 1035);
    expect(onScan).not.toHaveBeenCalled();
    uninstall = () => {};
  });
});
