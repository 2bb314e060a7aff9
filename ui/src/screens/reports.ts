// Why this file exists: the attendance report of a day, previewed as the core renders it
// (report_html, shown in a sandboxed iframe) and exported to CSV, XLSX or HTML at a path staff
// can edit. Its messages are kept as data and rendered in the current language.

import type { Host, Screen } from '../host';
import * as api from '../backend';
import { h, swap } from '../dom';
import { isoDay } from '../format';
import { getLang, t } from '../i18n';
import type { IpcErrorData, Lang, ReportFormat } from '../types';

const FORMATS: ReportFormat[] = ['csv', 'xlsx', 'html'];

/** "~/Front Desk/asistencia-2026-11-28.csv" ("attendance-…" in English). The core creates
 * that folder on the first export (paths::prepare_report_dir). */
export function defaultReportPath(date: string, format: ReportFormat, lang: Lang = getLang()): string {
  return `~/Front Desk/${lang === 'en' ? 'attendance' : 'asistencia'}-${date}.${format}`;
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

/** The same path with the extension of `format` (added if there was none). */
export function withExtension(path: string, format: ReportFormat): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  const base = dot > slash + 1 ? path.slice(0, dot) : path;
  return `${base}.${format}`;
}

/** The export format a path's extension names (csv when it names none we know). */
export function formatOf(path: string): ReportFormat {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return (FORMATS as string[]).includes(ext) ? (ext as ReportFormat) : 'csv';
}

/** What the reports screen needs from the app. */
export type ReportsHost = Pick<Host, 'tz'>;

export class ReportsScreen implements Screen {
  private date = '';
  private path = '';
  private pathEdited = false;
  private html: string | null = null;
  private error = '';
  /** The last export, kept as data so the message follows a change of language. */
  private exported: { path: string } | { failure: unknown } | null = null;
  private frame: HTMLIFrameElement | null = null;
  private statusSlot: HTMLElement | null = null;
  private seq = 0;

  constructor(private readonly host: ReportsHost) {}

  render(): HTMLElement {
    if (!this.date) this.date = isoDay(new Date(), this.host.tz());
    if (!this.pathEdited) this.path = defaultReportPath(this.date, 'csv');
    this.frame = h('iframe', {
      class: 'report__frame',
      title: t('reports.preview'),
      sandbox: 'allow-same-origin allow-modals',
      srcdoc: this.html ?? `<p style="font:16px sans-serif">${t('reports.loading')}</p>`,
    });
    this.statusSlot = h('div', { class: 'report__status', role: 'status' });
    const pathInput = h('input', {
      id: 'report-path',
      class: 'input input--wide',
      type: 'text',
      spellcheck: 'false',
      value: this.path,
      oninput: (e: Event) => {
        this.path = (e.target as HTMLInputElement).value;
        this.pathEdited = true;
      },
    });
    const el = h(
      'div',
      { class: 'screen screen--reports' },
      h('h1', { class: 'screen__title', tabindex: '-1' }, t('reports.title')),
      h(
        'div',
        { class: 'panel report__controls' },
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'report-date', class: 'label' }, t('reports.date')),
          h('input', {
            id: 'report-date',
            class: 'input',
            type: 'date',
            value: this.date,
            'data-autofocus': true,
            onchange: (e: Event) => {
              const v = (e.target as HTMLInputElement).value;
              if (!v) return;
              this.date = v;
              this.exported = null;
              if (!this.pathEdited) {
                this.path = defaultReportPath(v, formatOf(this.path));
                pathInput.value = this.path;
              }
              void this.load();
            },
          }),
        ),
        h(
          'div',
          { class: 'field field--grow' },
          h('label', { for: 'report-path', class: 'label' }, t('reports.path')),
          pathInput,
        ),
        h(
          'div',
          { class: 'row' },
          FORMATS.map((f) =>
            h(
              'button',
              {
                type: 'button',
                id: `export-${f}`,
                class: 'btn btn--primary',
                onclick: () => void this.export(f, pathInput),
              },
              t('reports.export', { format: f.toUpperCase() }),
            ),
          ),
          h(
            'button',
            { type: 'button', class: 'btn', onclick: () => this.frame?.contentWindow?.print() },
            t('reports.print'),
          ),
        ),
      ),
      this.statusSlot,
      h('div', { class: 'report' }, this.frame),
    );
    this.renderStatus();
    return el;
  }

  shown(): void {
    void this.load();
  }

  private renderStatus() {
    if (!this.statusSlot) return;
    const done = this.exported;
    swap(
      this.statusSlot,
      this.error ? h('p', { class: 'error' }, t('common.error', { message: this.error })) : null,
      done && 'failure' in done ? h('p', { class: 'error', id: 'report-export-error' }, exportErrorText(done.failure)) : null,
      done && 'path' in done ? h('p', { class: 'ok' }, t('reports.exported', { path: done.path })) : null,
    );
  }

  private async load() {
    const seq = ++this.seq;
    try {
      const html = await api.reportHtml(this.date || null);
      if (seq !== this.seq) return;
      this.html = html;
      this.error = '';
      if (this.frame) this.frame.srcdoc = html;
    } catch (e) {
      if (seq !== this.seq) return;
      this.error = (e as Error).message;
    }
    this.renderStatus();
  }

  private async export(format: ReportFormat, input: HTMLInputElement) {
    const path = withExtension(this.path.trim() || defaultReportPath(this.date, format), format);
    this.path = path;
    input.value = path;
    try {
      await api.exportReport(this.date || null, format, path);
      this.exported = { path };
    } catch (e) {
      this.exported = { failure: e };
    }
    this.renderStatus();
  }
}
