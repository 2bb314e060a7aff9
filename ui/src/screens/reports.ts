// Why this file exists: the attendance report of a day, previewed as the core renders it
// (report_html, shown in a sandboxed iframe) and exported to CSV, XLSX or HTML at a path staff
// can edit (the Rust side may later swap the text field for a save dialog).

import type { Host, Screen } from '../host';
import * as api from '../backend';
import { h, swap } from '../dom';
import { isoDay } from '../format';
import { t } from '../i18n';
import type { ReportFormat } from '../types';

const FORMATS: ReportFormat[] = ['csv', 'xlsx', 'html'];

/** "~/Front Desk/asistencia-2026-11-28.csv" */
export function defaultReportPath(date: string, format: ReportFormat): string {
  return `~/Front Desk/asistencia-${date}.${format}`;
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
  private message = '';
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
              this.message = '';
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
    swap(
      this.statusSlot,
      this.error ? h('p', { class: 'error' }, t('common.error', { message: this.error })) : null,
      this.message ? h('p', { class: 'ok' }, this.message) : null,
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
      this.error = '';
      this.message = t('reports.exported', { path });
    } catch (e) {
      this.message = '';
      this.error = (e as Error).message;
    }
    this.renderStatus();
  }
}
