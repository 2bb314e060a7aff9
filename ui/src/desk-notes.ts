// Why this file exists: staff leave notes on a member at the desk ("pending waiver", "ask for
// the new card") that show on each of the member's check-ins until someone clears them.
// GymAPI has no field for them, so they stay on this desk, and the panel says so. This is the
// panel the manual check-in screen shows for the member picked: the open notes (text, when
// written, a button to clear each), a one-line field to add one, and what went wrong, by the
// error's code.

import * as api from './backend';
import { h, swap } from './dom';
import { fmtDate, fmtTime } from './format';
import { getLang, t } from './i18n';
import type { DeskNote } from './types';

/** The longest note the core takes, in characters (src/db/desk_notes.rs `MAX_CHARS`). */
export const NOTE_MAX_CHARS = 280;

/** What went wrong with a note, in words, from the error's code (never its message). */
export function noteErrorText(code: string): string {
  if (code === 'invalid_argument') return t('notes.invalid_argument');
  if (code === 'not_found') return t('notes.not_found');
  return t('notes.failed');
}

/** "Escrita el 28 nov 2026 a las 10:05", with who wrote it when the desk knows. */
export function noteWritten(n: DeskNote, tz: string | null): string {
  const lang = getLang();
  const parts = { date: fmtDate(n.created_at, tz, lang), time: fmtTime(n.created_at, tz, lang) };
  return n.staff ? t('notes.writtenBy', { ...parts, staff: n.staff }) : t('notes.written', parts);
}

export class DeskNotesPanel {
  private readonly root: HTMLElement;
  /** The open notes as last read; null until the first answer. */
  private notes: DeskNote[] | null = null;
  private loadFailed = false;
  private error = '';
  private draft = '';
  private busy = false;
  private seq = 0;

  /** The notes of member `memberId`; `tz` gives the gym's time zone at drawing time. */
  constructor(
    readonly memberId: number,
    private readonly tz: () => string | null,
  ) {
    this.root = h('section', { class: 'notes', id: 'notes', 'aria-labelledby': 'notes-title' });
    this.draw();
    void this.load();
  }

  /** The panel; the screen puts it in its layout (the same element on each redraw). */
  get element(): HTMLElement {
    return this.root;
  }

  /** Draws the panel again as it is (a language change). */
  redraw(): void {
    this.draw();
  }

  /** Reads the member's open notes again. */
  async load(): Promise<void> {
    const seq = ++this.seq;
    try {
      const notes = await api.memberNotes(this.memberId);
      if (seq !== this.seq) return; // a newer read is on its way
      this.notes = notes;
      this.loadFailed = false;
    } catch {
      if (seq !== this.seq) return;
      this.loadFailed = true;
    }
    this.draw();
  }

  private async add() {
    if (this.busy) return;
    if (!this.draft.trim()) {
      this.error = noteErrorText('invalid_argument');
      this.draw();
      document.getElementById('note-text')?.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    this.draw();
    try {
      await api.addDeskNote(this.memberId, this.draft);
      this.draft = '';
    } catch (e) {
      this.error = noteErrorText(api.toIpcError(e).code);
    } finally {
      this.busy = false;
    }
    await this.load();
    document.getElementById('note-text')?.focus();
  }

  private async clear(noteId: number) {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    this.draw();
    try {
      await api.clearDeskNote(noteId);
    } catch (e) {
      this.error = noteErrorText(api.toIpcError(e).code);
    } finally {
      this.busy = false;
    }
    await this.load();
    document.getElementById('note-text')?.focus();
  }

  private draw() {
    const tz = this.tz();
    let list: HTMLElement;
    if (this.loadFailed) {
      list = h('p', { class: 'error notes__load-error' }, t('notes.loadFailed'));
    } else if (this.notes === null) {
      list = h('p', { class: 'muted' }, t('notes.loading'));
    } else if (this.notes.length === 0) {
      list = h('p', { class: 'empty notes__none' }, t('notes.none'));
    } else {
      list = h(
        'ul',
        { class: 'notes__list' },
        this.notes.map((n) =>
          h(
            'li',
            { class: 'note', 'data-note-id': String(n.id) },
            h(
              'div',
              { class: 'note__body' },
              h('p', { class: 'note__text' }, h('span', { 'aria-hidden': 'true' }, '📝 '), n.text),
              h('p', { class: 'note__meta muted' }, noteWritten(n, tz)),
            ),
            h(
              'button',
              {
                type: 'button',
                id: `note-clear-${n.id}`,
                class: 'btn note__clear',
                disabled: this.busy,
                'aria-label': t('notes.clearLabel', { text: n.text }),
                onclick: () => void this.clear(n.id),
              },
              t('notes.clear'),
            ),
          ),
        ),
      );
    }
    swap(
      this.root,
      h('h3', { class: 'notes__title', id: 'notes-title' }, t('notes.title')),
      list,
      h(
        'form',
        {
          class: 'notes__form',
          novalidate: true,
          onsubmit: (e: Event) => {
            e.preventDefault();
            void this.add();
          },
        },
        h('label', { for: 'note-text', class: 'label' }, t('notes.label')),
        h(
          'div',
          { class: 'notes__row' },
          h('input', {
            id: 'note-text',
            class: 'input',
            type: 'text',
            maxlength: String(NOTE_MAX_CHARS),
            autocomplete: 'off',
            placeholder: t('notes.placeholder'),
            value: this.draft,
            'aria-invalid': this.error ? 'true' : null,
            'aria-describedby': this.error ? 'note-error notes-local' : 'notes-local',
            oninput: (e: Event) => {
              this.draft = (e.target as HTMLInputElement).value;
            },
          }),
          h('button', { type: 'submit', id: 'note-add', class: 'btn', disabled: this.busy }, t('notes.add')),
        ),
      ),
      this.error ? h('p', { class: 'error', id: 'note-error', role: 'alert' }, this.error) : null,
      h('p', { class: 'muted notes__local', id: 'notes-local' }, t('notes.localOnly')),
    );
  }
}
