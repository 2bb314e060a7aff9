// Why this file exists: the home screen. It shows the live camera preview with its guide box,
// any camera problem with what to do next, today's classes with their counts and the latest
// check-ins (with who entered one by hand and who approved an override, on a desk with staff
// profiles). The verdict card itself is drawn over it by the app shell.

import type { Host, Screen } from '../host';
import * as api from '../backend';
import { h, swap } from '../dom';
import { fmtRange, fmtTime } from '../format';
import { cameraErrorText, getLang, label, outcomeText, t, warningText } from '../i18n';
import { PaintMeter } from '../paint-meter';
import { GreyPainter } from '../preview-frame';
import { currentSession, shownStatus } from '../today';
import { kindIcon, verdictKind } from '../verdict';
import type { CheckInRow, PreviewFrame, SessionRow } from '../types';

/** What the scan screen needs from the app. */
export type ScanHost = Pick<Host, 'tz' | 'settings' | 'cameraError' | 'sessions' | 'recent' | 'navigate'>;

export class ScanScreen implements Screen {
  /** Kept across re-renders so the preview never flashes empty. */
  private readonly img: HTMLCanvasElement;
  private readonly stage: HTMLElement;
  private el: HTMLElement | null = null;
  private cameraSlot: HTMLElement | null = null;
  private sessionsSlot: HTMLElement | null = null;
  private recentSlot: HTMLElement | null = null;
  private readonly painter: GreyPainter;
  /** Why the preview is out of sight: a verdict card over it, or staff on another screen.
   * `held` is the newest frame that came meanwhile (one already in flight when it went). */
  private covered = false;
  private away = false;
  private held: PreviewFrame | null = null;

  constructor(private readonly host: ScanHost) {
    this.img = h('canvas', { class: 'preview__img', role: 'img', 'aria-label': '' }) as HTMLCanvasElement;
    this.painter = new GreyPainter(this.img);
    this.stage = h(
      'div',
      { class: 'preview__stage' },
      this.img,
      h(
        'div',
        { class: 'guide', 'aria-hidden': 'true' },
        h('span', { class: 'guide__c guide__c--tl' }),
        h('span', { class: 'guide__c guide__c--tr' }),
        h('span', { class: 'guide__c guide__c--bl' }),
        h('span', { class: 'guide__c guide__c--br' }),
      ),
    );
  }

  render(): HTMLElement {
    this.img.setAttribute('aria-label', t('scan.preview'));
    // The overlay (waiting / camera error) lives inside the persistent stage.
    this.cameraSlot?.remove();
    this.cameraSlot = h('div', { class: 'preview__overlay' });
    this.stage.append(this.cameraSlot);
    this.sessionsSlot = h('div', { class: 'panel__body' });
    this.recentSlot = h('div', { class: 'panel__body' });
    this.el = h(
      'div',
      { class: 'screen screen--scan' },
      h('h1', { class: 'sr-only', tabindex: '-1' }, t('scan.title')),
      h(
        'section',
        { class: 'preview', 'aria-label': t('scan.preview') },
        this.stage,
        h('p', { class: 'preview__hint' }, t('scan.hint')),
      ),
      h(
        'div',
        { class: 'side' },
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'today-h' },
          h('h2', { id: 'today-h', class: 'panel__title' }, t('scan.today')),
          this.sessionsSlot,
        ),
        h(
          'section',
          { class: 'panel panel--grow', 'aria-labelledby': 'recent-h' },
          h('h2', { id: 'recent-h', class: 'panel__title' }, t('scan.recent')),
          this.recentSlot,
        ),
      ),
    );
    this.updateCamera();
    this.updateLists();
    return this.el;
  }

  frame(f: PreviewFrame): void {
    if (this.covered || this.away) {
      this.held = f;
      return;
    }
    // Raw grey bytes copied into one canvas (no image decode, no new object per frame):
    // an <img> with a new data URL per frame made WebKit keep hundreds of MB of images.
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

  /** A verdict card covers the preview (`true`) or has gone. While it is up nothing is painted:
   * in a webview without a GPU, a preview repainted under the card's translucent layer cost
   * more CPU than anything else on the desk (docs/PERFORMANCE.md). */
  cover(on: boolean): void {
    this.sight(on, this.away);
  }

  /** Staff went to another screen (`true`) or came back to this one. */
  leave(away: boolean): void {
    this.sight(this.covered, away);
  }

  /** Out of sight, the shell is told to make and send no preview frame at all (each is ~100 KB
   * the page would only throw away); back in sight it sends the next one at once, and a frame
   * held meanwhile is painted straight away, so the picture is never the old one. */
  private sight(covered: boolean, away: boolean): void {
    const was = this.covered || this.away;
    this.covered = covered;
    this.away = away;
    const hidden = covered || away;
    if (hidden === was) return;
    api.showPreview(!hidden).catch(() => undefined);
    if (hidden) {
      this.meter.pause();
      return;
    }
    this.meter.resume();
    const f = this.held;
    this.held = null;
    if (f) this.frame(f);
  }

  /** The rate staff actually see, for the log; a failed report is not worth a word. */
  private readonly meter = new PaintMeter((frames, seconds) => {
    api.previewPainted(frames, seconds).catch(() => undefined);
  });

  /** Mirroring, the "starting" placeholder and the camera error message. */
  updateCamera(): void {
    this.img.classList.toggle('is-mirrored', this.host.settings()?.camera.mirrored ?? false);
    if (!this.cameraSlot) return;
    const err = this.host.cameraError();
    if (err) {
      const known = cameraErrorText(err.code);
      swap(
        this.cameraSlot,
        h(
          'div',
          { class: 'camera-error', role: 'alert' },
          h('h2', null, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('camera.title')),
          h('p', { class: 'camera-error__what' }, known),
          err.message ? h('p', { class: 'camera-error__detail' }, err.message) : null,
          h(
            'button',
            { type: 'button', class: 'btn btn--primary', onclick: () => this.host.navigate('settings') },
            t('camera.openSettings'),
          ),
        ),
      );
    } else if (this.host.settings()?.camera.source === 'none') {
      // Scanner only: no preview to wait for.
      this.stage.classList.remove('has-frame');
      swap(this.cameraSlot, h('p', { class: 'preview__waiting preview__scanner-only' }, t('scan.scannerOnly')));
    } else if (!this.stage.classList.contains('has-frame')) {
      swap(this.cameraSlot, h('p', { class: 'preview__waiting' }, t('scan.waiting')));
    } else {
      swap(this.cameraSlot);
    }
  }

  shown(): void {
    // render() filled the list before the screen was in the page, where nothing can scroll.
    this.scrollToCurrent();
  }

  updateLists(): void {
    if (this.sessionsSlot) {
      swap(this.sessionsSlot, this.sessionsList(this.host.sessions()));
      this.scrollToCurrent();
    }
    if (this.recentSlot) swap(this.recentSlot, this.recentList(this.host.recent()));
  }

  /**
   * The list starts at the class in progress (or the next one): it is scrolled to the top of
   * the panel, earlier classes above it. By time, not status: a central API may leave today's
   * sessions all "scheduled".
   */
  private scrollToCurrent(): void {
    const slot = this.sessionsSlot;
    if (!slot?.isConnected) return;
    const current = currentSession(this.host.sessions());
    const row = current ? slot.querySelector<HTMLElement>(`[data-session="${current.id}"]`) : null;
    if (!current || !row) {
      // Every class is over or cancelled: the last ones are the ones worth seeing.
      delete slot.dataset.current;
      slot.scrollTop = slot.scrollHeight;
      return;
    }
    const offset = row.getBoundingClientRect().top - slot.getBoundingClientRect().top + slot.scrollTop;
    slot.scrollTop = Math.max(0, offset - 4);
    slot.dataset.current = String(current.id);
  }

  private sessionsList(rows: readonly SessionRow[]) {
    if (rows.length === 0) return h('p', { class: 'empty' }, t('scan.noSessions'));
    const lang = getLang();
    return h(
      'ul',
      { class: 'sessions' },
      rows.map((s) => {
        const cap = s.capacity;
        const status = shownStatus(s);
        const pct = cap ? Math.min(100, (100 * s.attended) / cap) : 0;
        return h(
          'li',
          { class: `session session--${status}`, 'data-session': String(s.id), 'data-status': status },
          h(
            'div',
            { class: 'session__head' },
            h('span', { class: 'session__time' }, fmtRange(s.start_time, s.end_time, this.host.tz(), lang)),
            h('span', { class: 'session__name' }, s.class_name ?? t('class.unnamed')),
            h('span', { class: `chip chip--${status}` }, label('status', status)),
          ),
          h(
            'div',
            { class: 'session__counts' },
            count(t('scan.registered'), s.registered),
            count(t('scan.attended'), s.attended),
            count(t('scan.capacity'), cap ?? t('scan.noLimit')),
            s.room ? h('span', { class: 'session__room' }, s.room) : null,
          ),
          cap
            ? h(
                'div',
                { class: 'meter', 'aria-hidden': 'true' },
                h('div', { class: 'meter__reg', style: { width: `${Math.min(100, (100 * s.registered) / cap)}%` } }),
                h('div', { class: 'meter__att', style: { width: `${pct}%` } }),
              )
            : null,
        );
      }),
    );
  }

  private recentList(rows: readonly CheckInRow[]) {
    if (rows.length === 0) return h('p', { class: 'empty' }, t('scan.noRecent'));
    const lang = getLang();
    return h(
      'ol',
      { class: 'recent' },
      rows.map((r) => {
        // The row keeps codes; their levels (the gym's settings) say whether it is amber.
        const kind = verdictKind({ ...r, warnings: r.warnings.map((code, i) => ({ code, level: r.warning_levels?.[i] })) });
        const detail = r.success
          ? r.warnings.map((w) => warningText(w)).join(' · ')
          : outcomeText(r.code);
        const who = whoLine(r);
        return h(
          'li',
          { class: `recent__row recent__row--${kind}` },
          h('span', { class: `recent__icon recent__icon--${kind}`, 'aria-hidden': 'true' }, kindIcon(kind)),
          h('span', { class: 'recent__time' }, fmtTime(r.at, this.host.tz(), lang)),
          h(
            'span',
            { class: 'recent__who' },
            h('span', { class: 'recent__name' }, r.member_name),
            h(
              'span',
              { class: 'recent__sub' },
              [r.class_name ?? t('class.unnamed'), label('method', r.method), detail].filter(Boolean).join(' · '),
              who ? [' · ', who] : null,
            ),
          ),
          r.clock_flag
            ? h('span', { class: 'chip chip--clock', 'data-clock-flag': r.clock_flag, title: t('clock.doubtful') }, t('clock.doubtful'))
            : null,
          r.sync_state
            ? h('span', { class: `chip chip--sync-${r.sync_state}` }, label('state', r.sync_state))
            : null,
        );
      }),
    );
  }
}

/** "por Ana · autorizó Zoe": who entered a check-in by hand and whose PIN approved the
 * override, when the desk recorded them (staff profiles); nothing otherwise. */
export function whoLine(r: Pick<CheckInRow, 'staff' | 'approved_by'>): HTMLElement | null {
  const parts = [
    r.staff ? h('span', { class: 'recent__staff' }, t('recent.by', { name: r.staff })) : null,
    r.approved_by ? h('span', { class: 'recent__approved' }, t('recent.approvedBy', { name: r.approved_by })) : null,
  ].filter((x): x is HTMLSpanElement => x !== null);
  if (parts.length === 0) return null;
  return h('span', { class: 'recent__by' }, parts.flatMap((p, i) => (i ? [' · ', p] : [p])));
}

function count(name: string, value: number | string) {
  return h('span', { class: 'count' }, h('b', null, String(value)), ' ', name);
}
