// Why this file exists: the self check-in kiosk (issue 15). A tablet or second screen at the
// entrance runs the desk with no staff in front of it: the page shows only a big "scan your
// code" prompt, the camera preview and, after a scan, a card with the member's first name, the
// class and the result in the member's own words (the core writes that message). Nothing else
// of any member, no navigation, no search. The keyboard's function keys and shortcuts, the
// context menu and text selection are blocked (`installKioskGuards`); the shell makes the window
// full screen and unclosable. Staff leave with the kiosk PIN through a discreet button and PIN
// pad; a wrong PIN or a lock-out is told by its error code, never by the core's message text.

import * as api from './backend';
import { h, swap } from './dom';
import { fmtTime } from './format';
import { getLang, t, type Key } from './i18n';
import { PaintMeter } from './paint-meter';
import { GreyPainter, type PreviewFrame } from './preview-frame';
import { playVerdictSound } from './sound';
import { kindIcon } from './verdict';
import type { IpcErrorData, KioskVerdict, KioskVerdictEvent } from './types';

/** How long a kiosk card stays up before the prompt comes back. */
export const KIOSK_CARD_MS = 6000;

/** The longest PIN the core takes (4-6 digits). */
export const PIN_MAX = 6;
export const PIN_MIN = 4;

/** ok = green (in), again = calm blue (already checked in: go in, nothing new), refused = red. */
export type KioskKind = 'ok' | 'again' | 'refused';

export function kioskKind(v: Pick<KioskVerdict, 'success' | 'code'>): KioskKind {
  if (v.code === 'already_checked_in' || v.code === 'already_inside') return 'again';
  return v.success ? 'ok' : 'refused';
}

/** The card a kiosk verdict shows: the first name, the class and its time, and the message. */
export function kioskCard(v: KioskVerdict, tz: string | null): HTMLElement {
  const kind = kioskKind(v);
  const time = v.start_time ? fmtTime(v.start_time, tz, getLang()) : '';
  const klass = v.class_name ? (time ? t('kiosk.classAt', { class: v.class_name, time }) : v.class_name) : null;
  return h(
    'div',
    { id: 'kiosk-card', class: `kiosk-card kiosk-card--${kind}`, 'data-kind': kind, 'data-code': v.code },
    h('span', { class: 'kiosk-card__icon', 'aria-hidden': 'true' }, kindIcon(kind)),
    v.first_name ? h('h2', { class: 'kiosk-card__hello' }, t('kiosk.hello', { name: v.first_name })) : null,
    klass ? h('p', { class: 'kiosk-card__class' }, klass) : null,
    h('p', { class: 'kiosk-card__message' }, v.message),
  );
}

/** What the PIN pad says when leave_kiosk fails, by the error's code (never its message). */
export function pinErrorText(code: string): string {
  const keys: Record<string, Key> = {
    unauthorized: 'kiosk.pinWrong',
    rate_limited: 'kiosk.pinLocked',
    invalid_argument: 'kiosk.pinWrong',
    config: 'kiosk.pinNone',
  };
  return t(keys[code] ?? 'kiosk.pinFailed');
}

/** Whether the kiosk swallows this key: F1-F12, the context-menu key, and any Ctrl/Alt/Meta
 * combination (reload, print, close, dev tools, the app's own shortcuts). */
export function kioskKeyBlocked(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): boolean {
  if (/^F([1-9]|1[0-2])$/.test(e.key)) return true;
  if (e.key === 'ContextMenu' || e.key === 'BrowserBack' || e.key === 'BrowserRefresh') return true;
  return e.ctrlKey || e.altKey || e.metaKey;
}

/**
 * Locks the page down while it is a kiosk: blocked keys go nowhere (capture phase on the
 * window, before the app's shortcuts), Esc only calls `onEscape` (it closes the PIN pad), the
 * context menu, text selection and dragging are off. Returns a function that lifts it all.
 */
export function installKioskGuards(win: Window, onEscape: () => void = () => undefined): () => void {
  const doc = win.document;
  const stop = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  const onKey = (e: KeyboardEvent) => {
    if (kioskKeyBlocked(e)) stop(e);
    else if (e.key === 'Escape') {
      stop(e);
      onEscape();
    }
  };
  const inField = (e: Event) => e.target instanceof HTMLInputElement;
  const onSelect = (e: Event) => {
    if (!inField(e)) e.preventDefault();
  };
  win.addEventListener('keydown', onKey, true);
  win.addEventListener('contextmenu', stop, true);
  win.addEventListener('selectstart', onSelect, true);
  win.addEventListener('dragstart', stop, true);
  doc.documentElement.classList.add('kiosk-mode');
  return () => {
    win.removeEventListener('keydown', onKey, true);
    win.removeEventListener('contextmenu', stop, true);
    win.removeEventListener('selectstart', onSelect, true);
    win.removeEventListener('dragstart', stop, true);
    doc.documentElement.classList.remove('kiosk-mode');
  };
}

export interface KioskOptions {
  /** The gym's time zone, for the class's time. */
  tz(): string | null;
  /** leave_kiosk succeeded: the page goes back to the staff desk. */
  left(): void;
  /** Play the verdict sounds (on by default: nobody reads the settings at a kiosk). */
  sound?: boolean;
  /** Show the preview as a mirror (by default: the member faces the screen). */
  mirrored?: boolean;
}

export class KioskScreen {
  private readonly img: HTMLCanvasElement;
  private readonly painter: GreyPainter;
  private readonly stage: HTMLElement;
  private readonly cameraSlot: HTMLElement;
  private readonly verdictSlot: HTMLElement;
  private readonly hintEl: HTMLElement;
  private el: HTMLElement | null = null;
  private pad: HTMLElement | null = null;
  private pinInput: HTMLInputElement | null = null;
  private pinError: HTMLElement | null = null;
  private pinBusy = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private hintTimer: ReturnType<typeof setTimeout> | undefined;
  private covered = false;
  private held: PreviewFrame | null = null;
  private camError: IpcErrorData | null = null;
  private readonly meter = new PaintMeter((frames, seconds) => {
    api.previewPainted(frames, seconds).catch(() => undefined);
  });

  constructor(private readonly opts: KioskOptions) {
    this.img = h('canvas', { id: 'kiosk-preview', class: 'kiosk__img preview__img', role: 'img', 'aria-label': '' });
    this.painter = new GreyPainter(this.img);
    this.cameraSlot = h('div', { class: 'kiosk__camera' });
    this.stage = h(
      'div',
      { class: 'kiosk__stage' },
      this.img,
      h(
        'div',
        { class: 'guide', 'aria-hidden': 'true' },
        h('span', { class: 'guide__c guide__c--tl' }),
        h('span', { class: 'guide__c guide__c--tr' }),
        h('span', { class: 'guide__c guide__c--bl' }),
        h('span', { class: 'guide__c guide__c--br' }),
      ),
      this.cameraSlot,
    );
    this.verdictSlot = h('div', { id: 'kiosk-verdict', class: 'kiosk__verdict', 'aria-live': 'assertive' });
    this.hintEl = h('p', { id: 'kiosk-hint', class: 'kiosk__hint' });
  }

  /** Whether a verdict card is up. */
  get showing(): boolean {
    return this.verdictSlot.firstChild !== null;
  }

  /** Whether the PIN pad is open. */
  get pinOpen(): boolean {
    return this.pad !== null;
  }

  render(): HTMLElement {
    this.img.setAttribute('aria-label', t('kiosk.preview'));
    this.img.classList.toggle('is-mirrored', this.opts.mirrored !== false);
    this.hintEl.textContent = t('kiosk.hint');
    this.el = h(
      'div',
      { id: 'kiosk', class: 'kiosk', 'data-kiosk': 'true' },
      h('h1', { id: 'kiosk-prompt', class: 'kiosk__prompt' }, t('kiosk.prompt')),
      h('section', { class: 'kiosk__preview', 'aria-label': t('kiosk.preview') }, this.stage),
      this.hintEl,
      this.verdictSlot,
      h(
        'button',
        { type: 'button', id: 'kiosk-staff', class: 'kiosk__staff', onclick: () => this.openPin() },
        t('kiosk.staff'),
      ),
    );
    this.updateCamera();
    return this.el;
  }

  /** The kiosk is on screen: the shell is asked for preview frames, and the demo camera runs. */
  shown(): void {
    api.showPreview(true).catch(() => undefined);
    api.holdCameraCheckIns(false).catch(() => undefined);
  }

  // ---- the preview -----------------------------------------------------------------------

  frame(f: PreviewFrame): void {
    if (this.covered) {
      this.held = f;
      return;
    }
    if (this.painter.paint(f)) {
      this.img.dataset.frames = String(Number(this.img.dataset.frames ?? '0') + 1);
      this.meter.painted();
    }
    if (!this.stage.classList.contains('has-frame')) {
      this.stage.classList.add('has-frame');
      this.stage.style.aspectRatio = `${f.width} / ${f.height}`;
      this.updateCamera();
    }
  }

  /** The camera's problem (null: it works again). The member is told to see reception. */
  cameraError(err: IpcErrorData | null): void {
    this.camError = err;
    this.updateCamera();
  }

  private updateCamera(): void {
    if (this.camError) {
      swap(this.cameraSlot, h('p', { class: 'kiosk__camera-error', role: 'alert' }, t('kiosk.cameraProblem')));
    } else if (!this.stage.classList.contains('has-frame')) {
      swap(this.cameraSlot, h('p', { class: 'preview__waiting' }, t('scan.waiting')));
    } else {
      swap(this.cameraSlot);
    }
  }

  /** A card over the preview: nothing is painted under it and the shell sends no frames. */
  private cover(on: boolean): void {
    if (on === this.covered) return;
    this.covered = on;
    api.showPreview(!on).catch(() => undefined);
    if (on) {
      this.meter.pause();
      return;
    }
    this.meter.resume();
    const f = this.held;
    this.held = null;
    if (f) this.frame(f);
  }

  // ---- verdicts --------------------------------------------------------------------------

  /** A kiosk verdict (the event's, or a scanner's): the card, its sound, then the prompt again. */
  show(v: KioskVerdict | KioskVerdictEvent): void {
    const kind = kioskKind(v);
    if (this.opts.sound !== false) playVerdictSound(kind);
    this.cover(true);
    swap(this.verdictSlot, kioskCard(v, this.opts.tz()));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.clear(), KIOSK_CARD_MS);
    const id = 'paint_id' in v ? v.paint_id : undefined;
    if (id !== undefined) {
      // As the scan screen does: once the card is painted, the log gets camera-to-screen time.
      requestAnimationFrame(() => setTimeout(() => api.verdictPainted(id).catch(() => undefined), 0));
    }
  }

  /** The card goes; the prompt and the preview are back. */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    swap(this.verdictSlot);
    this.cover(false);
  }

  /** A USB scanner's burst: checked in through the kiosk command (never the staff one). */
  async scan(code: string): Promise<void> {
    try {
      this.show(await api.kioskCheckInCode(code));
    } catch {
      // The call itself failed: a red card that sends the member to reception.
      this.show({ success: false, code: 'save_failed', first_name: null, class_name: null, start_time: null, message: t('kiosk.error') });
    }
  }

  /** The scanner's burst was cut short: ask for the code again, briefly. */
  misread(): void {
    this.hintEl.textContent = t('kiosk.readAgain');
    this.hintEl.classList.add('is-alert');
    clearTimeout(this.hintTimer);
    this.hintTimer = setTimeout(() => {
      this.hintEl.textContent = t('kiosk.hint');
      this.hintEl.classList.remove('is-alert');
    }, 3000);
  }

  // ---- the staff PIN pad -----------------------------------------------------------------

  /** Esc closes the PIN pad (it does nothing else at a kiosk). */
  escape(): void {
    if (this.pad) this.closePin();
  }

  openPin(): void {
    if (this.pad || !this.el) return;
    this.pinInput = h('input', {
      id: 'kiosk-pin-input',
      class: 'input kiosk-pad__input',
      type: 'password',
      inputmode: 'numeric',
      autocomplete: 'off',
      maxlength: String(PIN_MAX),
      'aria-describedby': 'kiosk-pin-error',
      oninput: () => {
        const el = this.pinInput!;
        const digits = el.value.replace(/\D/g, '').slice(0, PIN_MAX);
        if (digits !== el.value) el.value = digits;
      },
    });
    this.pinError = h('p', { id: 'kiosk-pin-error', class: 'kiosk-pad__error', role: 'alert' });
    const digit = (d: string) =>
      h('button', { type: 'button', class: 'kiosk-pad__key', 'data-digit': d, onclick: () => this.typeDigit(d) }, d);
    this.pad = h(
      'div',
      { id: 'kiosk-pin', class: 'kiosk-pad', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'kiosk-pin-title' },
      h(
        'form',
        {
          class: 'kiosk-pad__box',
          onsubmit: (e: Event) => {
            e.preventDefault();
            void this.submitPin();
          },
        },
        h('h2', { id: 'kiosk-pin-title', class: 'kiosk-pad__title' }, t('kiosk.pinTitle')),
        h('label', { for: 'kiosk-pin-input', class: 'label' }, t('kiosk.pinLabel')),
        this.pinInput,
        this.pinError,
        h(
          'div',
          { class: 'kiosk-pad__keys' },
          ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digit),
          h(
            'button',
            { type: 'button', id: 'kiosk-pin-delete', class: 'kiosk-pad__key kiosk-pad__key--del', onclick: () => this.deleteDigit() },
            t('kiosk.pinDelete'),
          ),
          digit('0'),
          h('button', { type: 'submit', id: 'kiosk-pin-ok', class: 'kiosk-pad__key kiosk-pad__key--ok' }, t('kiosk.pinOk')),
        ),
        h(
          'button',
          { type: 'button', id: 'kiosk-pin-cancel', class: 'btn kiosk-pad__cancel', onclick: () => this.closePin() },
          t('kiosk.pinCancel'),
        ),
      ),
    );
    this.el.append(this.pad);
    this.pinInput.focus();
  }

  closePin(): void {
    this.pad?.remove();
    this.pad = null;
    this.pinInput = null;
    this.pinError = null;
    this.pinBusy = false;
  }

  private typeDigit(d: string): void {
    const el = this.pinInput;
    if (!el || el.value.length >= PIN_MAX) return;
    el.value += d;
    el.focus();
  }

  private deleteDigit(): void {
    const el = this.pinInput;
    if (!el) return;
    el.value = el.value.slice(0, -1);
    el.focus();
  }

  /** OK on the pad: leave_kiosk with the PIN typed. A failure is said by its code; the field is
   * emptied for the next try. */
  async submitPin(): Promise<void> {
    const input = this.pinInput;
    if (!input || this.pinBusy) return;
    const pin = input.value;
    if (!new RegExp(`^\\d{${PIN_MIN},${PIN_MAX}}$`).test(pin)) {
      this.pinFailed(t('kiosk.pinShort'), null);
      return;
    }
    this.pinBusy = true;
    try {
      await api.leaveKiosk(pin);
    } catch (e) {
      this.pinBusy = false;
      const code = api.toIpcError(e).code;
      this.pinFailed(pinErrorText(code), code);
      return;
    }
    this.pinBusy = false;
    this.opts.left();
  }

  private pinFailed(text: string, code: string | null): void {
    if (!this.pinError || !this.pinInput) return;
    this.pinError.textContent = text;
    if (code) this.pinError.dataset.code = code;
    else delete this.pinError.dataset.code;
    this.pinInput.value = '';
    this.pinInput.focus();
  }

  /** The kiosk goes (the page reloads into the staff desk): no timer is left behind. */
  destroy(): void {
    clearTimeout(this.timer);
    clearTimeout(this.hintTimer);
    this.closePin();
  }
}
