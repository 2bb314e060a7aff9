// Why this file exists: the attendance report of a day, previewed as the core renders it
// (report_html, shown in a sandboxed iframe) and exported to CSV, XLSX or HTML through the OS
// save dialog (the shell opens it in ~/Front Desk with a name in the desk's language, and
// writes only where it returned). Its messages are kept as data and rendered in the current
// language.

import type { Host, Screen } from '../host';
import * as api from '../backend';
import { h, swap } from '../dom';
import { isoDay } from '../format';
import { t } from '../i18n';
import type { IpcErrorData, ReportFormat } from '../types';

const FORMATS: ReportFormat[] = ['csv', 'xlsx', 'html'];

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

/** What the reports screen needs from the app. */
export type ReportsHost = Pick<Host, 'tz'>;

export class ReportsScreen implements Screen {
  private date = '';
  private html: string | null = null;
  private error = '';
  /** The last export, kept as data so the message follows a change of language. */
  private exported: { path: string } | { cancelled: true } | { failure: unknown } | null = null;
  /** An export whose dialog is open: the buttons wait for it. */
  private busy = false;
  private buttons: HTMLButtonElement[] = [];
  private frame: HTMLIFrameElement | null = null;
  private statusSlot: HTMLElement | null = null;
  private seq = 0;

  constructor(private readonly host: ReportsHost) {}

  render(): HTMLElement {
    if (!this.date) this.date = isoDay(new Date(), this.host.tz());
    this.frame = h('iframe', {
      class: 'report__frame',
      title: t('reports.preview'),
      sandbox: 'allow-same-origin allow-modals',
      srcdoc: this.html ?? `<p style="font:16px sans-serif">${t('reports.loading')}</p>`,
    });
    this.statusSlot = h('div', { class: 'report__status', role: 'status' });
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
              void this.load();
            },
          }),
        ),
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
      done && 'cancelled' in done ? h('p', { class: 'muted', id: 'report-export-cancelled' }, t('reports.cancelled')) : null,
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

  private async export(format: ReportFormat) {
    if (this.busy) return;
    this.setBusy(true);
    try {
      const path = await api.exportReport(this.date || null, format);
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
