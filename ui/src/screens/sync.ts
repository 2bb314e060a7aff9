// Why this file exists: sync must be visible at a glance (the header pill, built from
// `syncSummary`) and fixable when the central server refuses check-ins: this side panel (F3)
// lists the parked items with their reasons and lets staff retry or dismiss them with a note.

import type { Host } from '../host';
import * as api from '../backend';
import { h, swap } from '../dom';
import { fmtDate, fmtTime } from '../format';
import { getLang, label, t } from '../i18n';
import type { Lang, OutboxItem, SyncStatus } from '../types';

export type SyncTone = 'ok' | 'offline' | 'local' | 'pending';

export interface SyncSummary {
  tone: SyncTone;
  /** "En línea", "Sin conexión · último contacto 10:42"… */
  state: string;
  /** The state plus the counts, for screen readers. */
  text: string;
}

export function syncSummary(s: SyncStatus | null, tz: string | null, lang: Lang): SyncSummary {
  let tone: SyncTone;
  let state: string;
  if (!s) {
    tone = 'pending';
    state = t('sync.connecting');
  } else if (!s.configured) {
    tone = 'local';
    state = t('sync.local');
  } else if (s.online === null) {
    tone = 'pending';
    state = t('sync.connecting');
  } else if (s.online) {
    tone = 'ok';
    state = t('sync.online');
  } else {
    tone = 'offline';
    // When the server last answered, not when the desk noticed it had gone.
    state = s.last_success_at
      ? t('sync.offlineLastContact', { time: fmtTime(s.last_success_at, tz, lang) })
      : t('sync.offlineNever');
  }
  const counts =
    s && s.configured ? [t('sync.queued', { n: s.queued }), t('sync.parked', { n: s.parked })] : [];
  return { tone, state, text: [state, ...counts].join(', ') };
}

/** "10 min", "1 h 5 min", "45 s": how far apart two clocks are. */
export function fmtSpan(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** The warning staff see when the desk's clock is doubtful, else null. */
export function clockNotice(s: SyncStatus | null): string | null {
  const c = s?.clock;
  if (!c) return null;
  if (c.state === 'skewed' && c.offset_ms !== undefined) {
    const key = c.offset_ms > 0 ? 'clock.deskBehind' : 'clock.deskAhead';
    return t(key, { d: fmtSpan(c.offset_ms), n: c.flagged });
  }
  if (c.state === 'went_backwards') return t('clock.backwards', { d: fmtSpan(c.by_ms ?? 0), n: c.flagged });
  return null;
}

/** What the sync panel needs from the app. */
export type SyncPanelHost = Pick<Host, 'tz' | 'sync' | 'toast' | 'syncUpdated'>;

export class SyncPanel {
  private dialog: HTMLDialogElement | null = null;
  private top: HTMLElement | null = null;
  private body: HTMLElement | null = null;
  private items: OutboxItem[] = [];
  private loadError = '';
  /** Which parked item has its dismiss form open, and the notes typed so far. */
  private dismissing: string | null = null;
  private notes = new Map<string, string>();
  private noteError = '';

  constructor(private readonly host: SyncPanelHost) {}

  get isOpen(): boolean {
    return !!this.dialog?.open;
  }

  /** The place under the panel's title for a camera verdict's banner (the page behind is inert). */
  get bannerSlot(): HTMLElement | null {
    return this.top;
  }

  render(): HTMLElement {
    const wasOpen = this.isOpen;
    this.body = h('div', { class: 'drawer__body' });
    this.top = h('div', { class: 'drawer__top' });
    this.dialog = h(
      'dialog',
      { class: 'drawer', 'aria-labelledby': 'sync-title' },
      h(
        'div',
        { class: 'drawer__head' },
        h('h2', { id: 'sync-title' }, t('sync.title')),
        h(
          'button',
          { type: 'button', class: 'btn btn--ghost', id: 'sync-close', onclick: () => this.close() },
          t('common.close'),
          h('kbd', { 'aria-hidden': 'true' }, 'Esc'),
        ),
      ),
      this.top,
      this.body,
    );
    this.dialog.addEventListener('close', () => {
      this.dismissing = null;
      document.getElementById('sync-pill')?.focus();
    });
    if (wasOpen) queueMicrotask(() => this.open());
    this.update();
    return this.dialog;
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  open(): void {
    if (!this.dialog || this.dialog.open) return;
    if (typeof this.dialog.showModal === 'function') this.dialog.showModal();
    else this.dialog.setAttribute('open', '');
    this.update();
    void this.load();
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  async load(): Promise<void> {
    try {
      this.items = await api.outboxItems('parked');
      this.loadError = '';
    } catch (e) {
      this.loadError = (e as Error).message;
    }
    this.update();
  }

  update(): void {
    if (!this.body || !this.isOpen) return;
    const s = this.host.sync();
    const lang = getLang();
    const tz = this.host.tz();
    const sum = syncSummary(s, tz, lang);
    const when = (iso: string | null | undefined) =>
      iso ? `${fmtDate(iso, tz, lang)} ${fmtTime(iso, tz, lang)}` : t('sync.never');

    swap(
      this.body,
      h(
        'div',
        { class: `sync-state sync-state--${sum.tone}` },
        h('span', { class: 'dot', 'aria-hidden': 'true' }),
        h('strong', null, sum.state),
      ),
      s && !s.configured ? h('p', null, t('sync.notConfigured')) : null,
      s && s.configured && s.online === false ? h('p', null, t('sync.offlineHelp')) : null,
      s && s.configured
        ? h(
            'dl',
            { class: 'facts' },
            h('dt', null, label('state', 'queued')),
            h('dd', null, String(s.queued)),
            h('dt', null, t('sync.lastSuccess')),
            h('dd', null, when(s.last_success_at)),
            h('dt', null, t('sync.lastAttempt')),
            h('dd', null, when(s.last_attempt_at)),
            h('dt', null, t('clock.fact')),
            h(
              'dd',
              { 'data-clock': s.clock?.state ?? 'unknown' },
              clockNotice(s) ??
                (s.clock?.state === 'ok' ? t('clock.ok') : t('clock.unknown')),
            ),
            s.booked_recent ? h('dt', null, t('sync.bookedRecent')) : null,
            s.booked_recent ? h('dd', { 'data-booked': String(s.booked_recent) }, String(s.booked_recent)) : null,
            s.last_error ? h('dt', null, t('sync.lastError')) : null,
            s.last_error ? h('dd', { class: 'facts__error' }, s.last_error) : null,
          )
        : null,
      h('h3', null, `${t('sync.parkedTitle')} (${this.items.length})`),
      h('p', { class: 'muted' }, t('sync.parkedHelp')),
      this.loadError ? h('p', { class: 'error', role: 'alert' }, t('common.error', { message: this.loadError })) : null,
      this.items.length === 0
        ? h('p', { class: 'empty' }, t('sync.noParked'))
        : h('ul', { class: 'parked' }, this.items.map((it) => this.itemView(it))),
    );
  }

  private itemView(it: OutboxItem) {
    const lang = getLang();
    const tz = this.host.tz();
    const open = this.dismissing === it.event_id;
    const noteId = `note-${it.event_id}`;
    // By class and time, as staff know it; the session number only when the replica has neither.
    const klass = it.session_start
      ? t('sync.classAt', { name: it.class_name ?? t('class.unnamed'), time: fmtTime(it.session_start, tz, lang) })
      : (it.class_name ?? t('sync.session', { id: it.session_id }));
    return h(
      'li',
      { class: 'parked__item', 'data-event': it.event_id, 'data-park-code': it.park_code ?? null },
      h(
        'div',
        { class: 'parked__who' },
        h('strong', null, it.member_name ?? t('sync.unknownMember', { id: it.member_id })),
        h(
          'span',
          { class: 'muted' },
          `${fmtDate(it.scanned_at, tz, lang)} ${fmtTime(it.scanned_at, tz, lang)} · ${klass} · ${t('sync.attempts', { n: it.attempts })}`,
        ),
      ),
      it.last_error ? h('p', { class: 'parked__reason' }, it.last_error) : null,
      it.clock_flag ? h('p', { class: 'tag tag--warn', 'data-clock-flag': it.clock_flag }, t('clock.doubtful')) : null,
      open
        ? h(
            'form',
            {
              class: 'parked__form',
              novalidate: true,
              onsubmit: (e: Event) => {
                e.preventDefault();
                void this.dismiss(it);
              },
            },
            h('label', { for: noteId }, t('sync.note')),
            h('input', {
              id: noteId,
              class: 'input',
              type: 'text',
              required: true,
              value: this.notes.get(it.event_id) ?? '',
              'aria-invalid': this.noteError ? 'true' : null,
              'aria-describedby': this.noteError ? `${noteId}-err` : null,
              oninput: (e: Event) => this.notes.set(it.event_id, (e.target as HTMLInputElement).value),
              onkeydown: (e: KeyboardEvent) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  e.stopPropagation();
                  this.dismissing = null;
                  this.update();
                  document.getElementById(`dismiss-${it.event_id}`)?.focus();
                }
              },
            }),
            this.noteError
              ? h('p', { class: 'error', id: `${noteId}-err`, role: 'alert' }, this.noteError)
              : null,
            h(
              'div',
              { class: 'row' },
              h('button', { type: 'submit', class: 'btn btn--danger' }, t('sync.confirmDismiss')),
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn--ghost',
                  onclick: () => {
                    this.dismissing = null;
                    this.update();
                  },
                },
                t('common.cancel'),
              ),
            ),
          )
        : h(
            'div',
            { class: 'row' },
            h(
              'button',
              { type: 'button', class: 'btn btn--primary', id: `retry-${it.event_id}`, onclick: () => void this.retry(it) },
              t('sync.retry'),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'btn',
                id: `dismiss-${it.event_id}`,
                onclick: () => {
                  this.dismissing = it.event_id;
                  this.noteError = '';
                  this.update();
                  document.getElementById(noteId)?.focus();
                },
              },
              t('sync.dismiss'),
            ),
          ),
    );
  }

  private async retry(it: OutboxItem) {
    try {
      await api.retryParked(it.event_id);
    } catch (e) {
      this.host.toast(t('common.error', { message: (e as Error).message }));
    }
    await this.refreshAll();
  }

  private async dismiss(it: OutboxItem) {
    const note = (this.notes.get(it.event_id) ?? '').trim();
    if (!note) {
      this.noteError = t('sync.noteRequired');
      this.update();
      document.getElementById(`note-${it.event_id}`)?.focus();
      return;
    }
    try {
      await api.dismissParked(it.event_id, note);
      this.dismissing = null;
      this.noteError = '';
      this.notes.delete(it.event_id);
    } catch (e) {
      this.host.toast(t('common.error', { message: (e as Error).message }));
    }
    await this.refreshAll();
  }

  private async refreshAll() {
    let fresh: SyncStatus | undefined;
    try {
      fresh = await api.syncStatus();
    } catch {
      /* the sync-status event will bring it */
    }
    await this.load();
    this.host.syncUpdated(fresh);
    document.getElementById('sync-close')?.focus();
  }
}
