// Why this file exists: the attendance reports, previewed as the core renders them (report_html,
// shown in a sandboxed iframe) and exported to CSV, XLSX or HTML through the OS save dialog (the
// shell opens it in ~/Front Desk with a name in the desk's language, and writes only where it
// returned). Staff pick a day (the day report) or a period (the range report of issue 15, whose
// print view draws visits per day and by weekday and hour as SVG charts, so the preview shows the
// same charts as the printed page). A period is checked here before the core is asked, so an
// inverted or over-long one is explained in the desk's language and never sent. Its messages are
// kept as data and rendered in the current language.

import type { Host, Screen } from '../host';
import * as api from '../backend';
import { h, swap } from '../dom';
import { isoDay } from '../format';
import { t } from '../i18n';
import type { IpcErrorData, ReportFormat } from '../types';

const FORMATS: ReportFormat[] = ['csv', 'xlsx', 'html'];

/** The longest period the core reports on, both ends included (docs/IPC.md `report_html`). */
export const MAX_RANGE_DAYS = 366;

/** A day report or a range report. */
export type ReportMode = 'day' | 'range';
const MODES: ReportMode[] = ['day', 'range'];

/** The quick periods, each ending today: the last 7 or 30 days, and this month so far. */
export type QuickRange = 'last7' | 'last30' | 'month';
const QUICK: { kind: QuickRange; id: string; key: 'reports.last7' | 'reports.last30' | 'reports.thisMonth' }[] = [
  { kind: 'last7', id: 'report-last7', key: 'reports.last7' },
  { kind: 'last30', id: 'report-last30', key: 'reports.last30' },
  { kind: 'month', id: 'report-month', key: 'reports.thisMonth' },
];

/** The period a new screen opens with. */
export const DEFAULT_RANGE: QuickRange = 'last30';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` day, or null for anything that is not a real day
 * (an empty or half-typed date input, 2026-02-30). Calendar days: no zone, no clock. */
function dayNumber(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const at = new Date(Date.UTC(y, mo, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo || at.getUTCDate() !== d) return null;
  return at.getTime() / DAY_MS;
}

/** The calendar day `n` days after `day` (before it when `n` is negative). */
export function addDays(day: string, n: number): string {
  const k = dayNumber(day);
  if (k === null) throw new RangeError(`not a day: ${day}`);
  return new Date((k + n) * DAY_MS).toISOString().slice(0, 10);
}

/** How many days `from`..=`to` covers, both included (0 or less when it ends before it
 * starts); null when either end is not a day. */
export function spanDays(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a + 1;
}

/** `from`..=`to` of a quick period ending `today`. */
export function quickRange(kind: QuickRange, today: string): { from: string; to: string } {
  switch (kind) {
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** Why a period cannot be reported on, as data (the text follows the language). */
export type RangeProblem = { code: 'empty' } | { code: 'order' } | { code: 'long'; days: number };

/** What is wrong with the period `from`..=`to` by the core's own rule (it ends on or after it
 * starts, at most MAX_RANGE_DAYS days), or null when the core will take it. */
export function rangeProblem(from: string, to: string): RangeProblem | null {
  const days = spanDays(from, to);
  if (days === null) return { code: 'empty' };
  if (days < 1) return { code: 'order' };
  if (days > MAX_RANGE_DAYS) return { code: 'long', days };
  return null;
}

/** A period's problem in the desk's language. */
export function rangeProblemText(p: RangeProblem): string {
  switch (p.code) {
    case 'empty':
      return t('reports.errRangeEmpty');
    case 'order':
      return t('reports.errRangeOrder');
    case 'long':
      return t('reports.errRangeLong', { max: MAX_RANGE_DAYS, days: p.days });
  }
}

/** Why the preview could not be built, from the error's code (never its text): the core refused
 * the dates (`invalid_argument`), or something else went wrong. */
export function previewErrorText(e: unknown): string {
  const err = e as Partial<IpcErrorData> | null;
  if (err?.code === 'invalid_argument') return t('reports.errDates');
  return t('common.error', { message: err?.message ?? String(e) });
}

/** Why an export failed, in the desk's language, from the error's code (never its text). */
export function exportErrorText(e: unknown): string {
  const err = e as Partial<IpcErrorData> | null;
  switch (err?.code) {
    case 'file_in_use':
      return t('reports.errInUse');
    case 'disk_full':
      return t('reports.errDiskFull');
    case 'invalid_argument':
      return t('reports.errBadPath');
    case 'io_error':
      return t('reports.errWrite');
    default:
      return t('common.error', { message: err?.message ?? String(e) });
  }
}

/** A short note in the preview's place. */
const placeholder = (text: string) => `<p style="font:16px sans-serif">${text}</p>`;

/** What the reports screen needs from the app. */
export type ReportsHost = Pick<Host, 'tz'>;

/** What the core is asked for: a day (`to` absent) or a range. */
type Span = { date: string | null; to?: string };

export class ReportsScreen implements Screen {
  private mode: ReportMode = 'day';
  private date = '';
  private from = '';
  private to = '';
  private html: string | null = null;
  /** The last preview that failed, kept as data so the message follows a change of language. */
  private failure: { error: unknown } | null = null;
  /** The last export, kept as data so the message follows a change of language. */
  private exported: { path: string } | { cancelled: true } | { failure: unknown } | null = null;
  /** An export whose dialog is open: the buttons wait for it. */
  private busy = false;
  private buttons: HTMLButtonElement[] = [];
  private frame: HTMLIFrameElement | null = null;
  private controls: HTMLElement | null = null;
  private fromInput: HTMLInputElement | null = null;
  private toInput: HTMLInputElement | null = null;
  private quickButtons: { kind: QuickRange; el: HTMLButtonElement }[] = [];
  private statusSlot: HTMLElement | null = null;
  private seq = 0;

  constructor(private readonly host: ReportsHost) {}

  /** Today in the gym's zone, as the day report has always picked it. */
  private today(): string {
    return isoDay(new Date(), this.host.tz());
  }

  render(): HTMLElement {
    if (!this.date) this.date = this.today();
    if (!this.from || !this.to) ({ from: this.from, to: this.to } = quickRange(DEFAULT_RANGE, this.today()));
    this.frame = h('iframe', {
      class: 'report__frame',
      title: t('reports.preview'),
      sandbox: 'allow-same-origin allow-modals',
      srcdoc: this.html ?? placeholder(t('reports.loading')),
    });
    this.statusSlot = h('div', { class: 'report__status', role: 'status' });
    this.controls = h('div', { class: 'panel report__controls' });
    const el = h(
      'div',
      { class: 'screen screen--reports' },
      h(
        'div',
        { class: 'report__head' },
        h('h1', { class: 'screen__title', tabindex: '-1' }, t('reports.title')),
        h(
          'fieldset',
          { class: 'segmented', id: 'report-mode' },
          h('legend', { class: 'sr-only' }, t('reports.mode')),
          MODES.map((m) =>
            h(
              'label',
              { class: 'segmented__opt' },
              h('input', {
                type: 'radio',
                name: 'report-mode',
                id: `report-mode-${m}`,
                value: m,
                checked: this.mode === m,
                onchange: () => this.setMode(m),
              }),
              h('span', null, t(m === 'day' ? 'reports.modeDay' : 'reports.modeRange')),
            ),
          ),
        ),
      ),
      this.controls,
      this.statusSlot,
      h('div', { class: 'report' }, this.frame),
    );
    this.renderControls();
    this.renderStatus();
    return el;
  }

  shown(): void {
    void this.load();
  }

  /** The day's date input, or the period's two with the quick periods; then the exports. */
  private renderControls() {
    if (!this.controls) return;
    this.fromInput = this.toInput = null;
    this.quickButtons = [];
    const dateField = (id: string, label: string, value: string, on: (v: string) => void, autofocus: boolean) =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: id, class: 'label' }, label),
        h('input', {
          id,
          class: 'input',
          type: 'date',
          value,
          'data-autofocus': autofocus,
          onchange: (e: Event) => on((e.target as HTMLInputElement).value),
        }),
      );
    const fields =
      this.mode === 'day'
        ? [
            dateField('report-date', t('reports.date'), this.date, (v) => {
              if (!v) return;
              this.date = v;
              this.exported = null;
              this.renderStatus();
              void this.load();
            }, true),
          ]
        : [
            dateField('report-from', t('reports.from'), this.from, (v) => this.setRange(v, this.to), true),
            dateField('report-to', t('reports.to'), this.to, (v) => this.setRange(this.from, v), false),
            h(
              'div',
              { class: 'row report__quick', role: 'group', 'aria-label': t('reports.quick') },
              QUICK.map(({ kind, id, key }) => {
                const el = h(
                  'button',
                  {
                    type: 'button',
                    id,
                    class: 'btn btn--small',
                    onclick: () => {
                      const r = quickRange(kind, this.today());
                      this.setRange(r.from, r.to);
                    },
                  },
                  t(key),
                );
                this.quickButtons.push({ kind, el });
                return el;
              }),
            ),
          ];
    swap(
      this.controls,
      fields,
      h(
        'div',
        { class: 'row' },
        (this.buttons = FORMATS.map((f) =>
          h(
            'button',
            {
              type: 'button',
              id: `export-${f}`,
              class: 'btn btn--primary',
              disabled: this.busy,
              onclick: () => void this.export(f),
            },
            t('reports.export', { format: f.toUpperCase() }),
          ),
        )),
        h('button', { type: 'button', id: 'report-print', class: 'btn', onclick: () => this.print() }, t('reports.print')),
      ),
    );
    if (this.mode === 'range') {
      this.fromInput = this.controls.querySelector<HTMLInputElement>('#report-from');
      this.toInput = this.controls.querySelector<HTMLInputElement>('#report-to');
    }
    this.syncRange();
  }

  /** The period's inputs show the period, are marked when it is wrong, and the quick period it
   * is (if any) is marked pressed. Updated in place: an input staff are typing in is not rebuilt. */
  private syncRange() {
    if (this.mode !== 'range') return;
    const problem = rangeProblem(this.from, this.to);
    for (const [input, value] of [[this.fromInput, this.from], [this.toInput, this.to]] as const) {
      if (!input) continue;
      if (input.value !== value) input.value = value;
      input.setAttribute('aria-invalid', problem ? 'true' : 'false');
      if (problem) input.setAttribute('aria-describedby', 'report-range-error');
      else input.removeAttribute('aria-describedby');
    }
    const today = this.today();
    for (const { kind, el } of this.quickButtons) {
      const r = quickRange(kind, today);
      el.setAttribute('aria-pressed', r.from === this.from && r.to === this.to ? 'true' : 'false');
    }
  }

  private setMode(mode: ReportMode) {
    if (mode === this.mode) return;
    this.mode = mode;
    this.exported = null;
    this.renderControls();
    this.renderStatus();
    void this.load();
  }

  private setRange(from: string, to: string) {
    this.from = from;
    this.to = to;
    this.exported = null;
    this.syncRange();
    this.renderStatus();
    void this.load();
  }

  /** What the core is asked for now, or why it cannot be asked. */
  private span(): Span | { problem: RangeProblem } {
    if (this.mode === 'day') return { date: this.date || null };
    const problem = rangeProblem(this.from, this.to);
    return problem ? { problem } : { date: this.from, to: this.to };
  }

  private renderStatus() {
    if (!this.statusSlot) return;
    const span = this.span();
    const problem = 'problem' in span ? span.problem : null;
    const done = this.exported;
    swap(
      this.statusSlot,
      problem ? h('p', { class: 'error', id: 'report-range-error' }, rangeProblemText(problem)) : null,
      !problem && this.failure ? h('p', { class: 'error', id: 'report-load-error' }, previewErrorText(this.failure.error)) : null,
      done && 'failure' in done ? h('p', { class: 'error', id: 'report-export-error' }, exportErrorText(done.failure)) : null,
      done && 'path' in done ? h('p', { class: 'ok' }, t('reports.exported', { path: done.path })) : null,
      done && 'cancelled' in done ? h('p', { class: 'muted', id: 'report-export-cancelled' }, t('reports.cancelled')) : null,
    );
  }

  private async load() {
    const seq = ++this.seq;
    const span = this.span();
    if ('problem' in span) {
      // Nothing is asked: a preview of another period next to the error would mislead.
      this.html = null;
      this.failure = null;
      if (this.frame) this.frame.srcdoc = placeholder(t('reports.noPreview'));
      this.renderStatus();
      return;
    }
    try {
      const html = await api.reportHtml(span.date, span.to);
      if (seq !== this.seq) return;
      this.html = html;
      this.failure = null;
      if (this.frame) this.frame.srcdoc = html;
    } catch (e) {
      if (seq !== this.seq) return;
      this.failure = { error: e };
    }
    this.renderStatus();
  }

  /** A wrong period is not sent: the error stays shown and the first wrong input takes focus. */
  private refuseWrongPeriod(span: Span | { problem: RangeProblem }): span is { problem: RangeProblem } {
    if (!('problem' in span)) return false;
    this.exported = null;
    this.renderStatus();
    (span.problem.code === 'empty' && dayNumber(this.from) === null ? this.fromInput : this.toInput)?.focus();
    return true;
  }

  private print() {
    if (this.refuseWrongPeriod(this.span())) return;
    this.frame?.contentWindow?.print();
  }

  private async export(format: ReportFormat) {
    if (this.busy) return;
    const span = this.span();
    if (this.refuseWrongPeriod(span)) return;
    this.setBusy(true);
    try {
      const path = await api.exportReport(span.date, format, span.to);
      this.exported = path === null ? { cancelled: true } : { path };
    } catch (e) {
      this.exported = { failure: e };
    }
    this.setBusy(false);
    this.renderStatus();
  }

  /** While the save dialog is open, a second click opens no second dialog. */
  private setBusy(busy: boolean) {
    this.busy = busy;
    for (const b of this.buttons) b.disabled = busy;
  }
}
