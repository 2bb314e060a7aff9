// Why this file exists: USB barcode/QR scanners act as keyboards ("keyboard wedge"): they type
// the code very fast and press Enter. This module tells such a burst apart from human typing by
// timing alone, anywhere in the app, and keeps the scanned characters out of whatever input had
// focus. `WedgeDetector` is pure (time is passed in) so it is unit tested; `installWedge` is the
// thin DOM adapter around it.

export interface WedgeOptions {
  /** Longest gap between two keys of one burst, in ms. Scanners: ~2-20 ms; people: 80+ ms. */
  maxGapMs: number;
  /** Shortest code accepted as a scan (shorter bursts ending in Enter are left alone). */
  minLength: number;
  /** Fast keys after this many in a row are held back from the focused input. */
  holdAfter: number;
  /** Keys that end a burst; scanners send Enter by default. */
  endKeys: readonly string[];
}

export const DEFAULT_WEDGE: WedgeOptions = {
  maxGapMs: 35,
  minLength: 4,
  holdAfter: 2,
  endKeys: ['Enter'],
};

export type WedgeResult =
  /** Let the key do what it normally does. `start` marks the first key of a new burst. */
  | { action: 'pass'; replay: string; start: boolean }
  /** Swallow the key (preventDefault): it probably belongs to a scan. */
  | { action: 'hold'; replay: string }
  /** The end key of a scan: swallow it and check the code in. */
  | { action: 'scan'; code: string; replay: '' }
  /**
   * The end key of a burst too fast for a person but too short to be a code (the scanner
   * misread, or the burst was cut): swallow it, so it never presses the focused control, and
   * ask staff to read the code again.
   */
  | { action: 'misread'; replay: '' };

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock']);

export interface KeyInfo {
  key: string;
  /** Event time in ms (any monotonic clock, the same one passed to `expire`). */
  time: number;
  repeat?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
}

/**
 * Pure burst detector. Feed it every keydown; it answers what to do with the key.
 * Keys it held back but that turn out to be human typing come back as `replay` text,
 * either with the next key or from `expire()` (call it when no key came for a while).
 */
export class WedgeDetector {
  readonly opts: WedgeOptions;
  private buf = '';
  private held = '';
  private last = 0;

  constructor(opts: Partial<WedgeOptions> = {}) {
    this.opts = { ...DEFAULT_WEDGE, ...opts };
  }

  /** True while a burst may be in progress. */
  get active(): boolean {
    return this.buf.length > 0;
  }

  key(k: KeyInfo): WedgeResult {
    let replay = this.expire(k.time);

    if (this.opts.endKeys.includes(k.key) && !k.repeat) {
      if (this.buf.length >= this.opts.minLength) {
        const code = this.buf;
        this.reset();
        return { action: 'scan', code, replay: '' };
      }
      if (this.buf.length >= 2) {
        this.reset();
        return { action: 'misread', replay: '' };
      }
      replay += this.reset();
      return { action: 'pass', replay, start: false };
    }

    if (MODIFIERS.has(k.key)) {
      // Scanners press Shift for capitals: it neither breaks nor extends a burst.
      return { action: 'pass', replay, start: false };
    }

    const printable =
      k.key.length === 1 && !k.repeat && !k.ctrlKey && !k.altKey && !k.metaKey && !k.isComposing;
    if (!printable) {
      replay += this.reset();
      return { action: 'pass', replay, start: false };
    }

    if (this.buf.length === 0) {
      this.buf = k.key;
      this.last = k.time;
      return { action: 'pass', replay, start: true };
    }
    this.buf += k.key;
    this.last = k.time;
    if (this.buf.length > this.opts.holdAfter) {
      this.held += k.key;
      return { action: 'hold', replay };
    }
    return { action: 'pass', replay, start: false };
  }

  /** Ends a burst whose last key is older than maxGapMs; returns held-back text to replay. */
  expire(now: number): string {
    if (this.buf.length > 0 && now - this.last > this.opts.maxGapMs) return this.reset();
    return '';
  }

  /** Hands back the held-back text but keeps the burst going (it may still end in a scan). */
  release(): string {
    const held = this.held;
    this.held = '';
    return held;
  }

  /** Forgets the current burst; returns held-back text to replay. */
  reset(): string {
    const held = this.held;
    this.buf = '';
    this.held = '';
    return held;
  }
}

// ---- DOM adapter ---------------------------------------------------------------------

type TextField = HTMLInputElement | HTMLTextAreaElement;
type Restorable = TextField | HTMLSelectElement;

function textField(el: Element | null): TextField | null {
  if (!el) return null;
  if (el instanceof HTMLTextAreaElement) return el;
  if (el instanceof HTMLInputElement) {
    const t = el.type;
    if (['text', 'search', 'password', 'email', 'url', 'tel', 'number', ''].includes(t)) return el;
  }
  return null;
}

function fireInput(el: TextField) {
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

function insertText(el: TextField, text: string) {
  try {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    el.setRangeText(text, start, end, 'end');
  } catch {
    el.value += text; // e.g. type=number has no selection API
  }
  fireInput(el);
}

interface Snapshot {
  el: Restorable;
  value: string;
  start: number | null;
  end: number | null;
}

/**
 * Listens to keydown on `win` (capture phase, so it sees keys before any input does) and
 * calls `onScan` for each scanner burst. `clock` gives a key's time: the event's own time
 * stamp by default. Returns a function that uninstalls it.
 */
export function installWedge(
  win: Window,
  onScan: (code: string) => void,
  opts: Partial<WedgeOptions> & { onMisread?: () => void } = {},
  clock: (e: KeyboardEvent) => number = (e) => (e.timeStamp > 0 ? e.timeStamp : win.performance.now()),
): () => void {
  const det = new WedgeDetector(opts);
  const quietMs = Math.max(150, det.opts.maxGapMs * 4);
  let snap: Snapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const replay = (text: string) => {
    if (!text) return;
    const el = textField(win.document.activeElement);
    if (el) insertText(el, text);
  };

  const onKey = (e: KeyboardEvent) => {
    // The event's own time stamp, not "now": keys queued behind a busy main thread
    // must not look like a fast burst.
    const time = clock(e);
    const r = det.key({
      key: e.key,
      time,
      repeat: e.repeat,
      ctrlKey: e.ctrlKey,
      altKey: e.altKey,
      metaKey: e.metaKey,
      isComposing: e.isComposing,
    });
    replay(r.replay);
    if (r.action === 'pass' && r.start) {
      const active = win.document.activeElement;
      const el = textField(active);
      snap = el
        ? { el, value: el.value, start: el.selectionStart, end: el.selectionEnd }
        : active instanceof HTMLSelectElement // type-ahead may change a focused <select>
          ? { el: active, value: active.value, start: null, end: null }
          : null;
    }
    if (r.action === 'hold' || r.action === 'scan' || r.action === 'misread') {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
    if (r.action === 'scan' || r.action === 'misread') {
      // The first keys of the burst reached the focused input before we knew: undo them.
      if (snap && snap.el.value !== snap.value) {
        const el = snap.el;
        el.value = snap.value;
        if (el instanceof HTMLSelectElement) {
          el.dispatchEvent(new Event('change', { bubbles: true }));
        } else {
          try {
            el.setSelectionRange(snap.start, snap.end);
          } catch {
            /* not every input type has a selection */
          }
          fireInput(el);
        }
      }
      snap = null;
      if (r.action === 'scan') onScan(r.code);
      else opts.onMisread?.();
    }
    // Held-back keys come back into the input once the keyboard has been quiet for a while,
    // so a person never loses a letter. This only releases them: whether the burst is a scan
    // is still decided by the keys' own time stamps (a busy main thread can delay the keys of
    // a real scan past this timer), and a scan then removes them again with the snapshot.
    clearTimeout(timer);
    if (det.active) timer = setTimeout(() => replay(det.release()), quietMs);
  };

  win.addEventListener('keydown', onKey, true);
  return () => {
    clearTimeout(timer);
    win.removeEventListener('keydown', onKey, true);
  };
}
