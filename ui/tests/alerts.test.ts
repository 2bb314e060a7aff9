// Why this file exists: issue 15's screens keep their promises. The desk notes panel lists the
// member's open notes, adds and clears them through the three commands (reading the list again
// after each), says what went wrong by the error's code and that notes stay on this desk; the
// settings screen lists the alert catalogue in its order, one level per alert, and saves the
// levels and the numbers only when the numbers are in the core's bounds.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { setLang } from '../src/i18n';
import { DeskNotesPanel, NOTE_MAX_CHARS, noteErrorText } from '../src/desk-notes';
import { SettingsScreen, type SettingsHost } from '../src/screens/settings';
import { DEFAULT_ALERTS, SETTINGS } from '../src/mock/fixtures';
import { ALERT_KINDS, type DeskNote, type Settings } from '../src/types';

beforeEach(() => setLang('es'));
afterEach(() => {
  clearMocks();
  document.body.replaceChildren();
});

const note = (id: number, text: string, staff: string | null = null): DeskNote => ({
  id, member_id: 109, text, device_id: 'desk-1', staff, created_at: '2026-11-26T09:30:00Z',
  cleared_at: null, cleared_by_device: null, cleared_by_staff: null,
});

/** A core stand-in: the open notes, and the error the next add or clear rejects with (if any). */
function fakeCore(open: DeskNote[]) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  const next: { error: { code: string; message: string } | null } = { error: null };
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === 'member_notes') return structuredClone(open.filter((n) => n.member_id === args.member_id));
    if ((cmd === 'add_desk_note' || cmd === 'clear_desk_note') && next.error) {
      const e = next.error;
      next.error = null;
      return Promise.reject(e);
    }
    if (cmd === 'add_desk_note') {
      const n = note(100 + open.length, String(args.text));
      open.push(n);
      return n;
    }
    if (cmd === 'clear_desk_note') {
      open.splice(open.findIndex((n) => n.id === args.note_id), 1);
      return null;
    }
    throw new Error(`unexpected ${cmd}`);
  });
  return { calls, next, cmds: () => calls.map((c) => c.cmd) };
}

async function mounted(panel: DeskNotesPanel) {
  document.body.append(panel.element);
  await vi.waitFor(() => expect(panel.element.querySelector('.notes__list, .notes__none, .notes__load-error')).not.toBeNull());
  return panel.element;
}

const texts = (el: HTMLElement) => [...el.querySelectorAll('.note__text')].map((p) => p.textContent?.replace('📝 ', ''));

describe('the desk notes panel', () => {
  it('lists the open notes with when they were written, and says notes stay on this desk', async () => {
    const core = fakeCore([note(1, 'Firma pendiente'), note(2, 'Pedir la tarjeta nueva', 'Marta')]);
    const el = await mounted(new DeskNotesPanel(109, () => 'Europe/Madrid'));
    expect(core.calls).toEqual([{ cmd: 'member_notes', args: { member_id: 109 } }]);
    expect(texts(el)).toEqual(['Firma pendiente', 'Pedir la tarjeta nueva']);
    const metas = [...el.querySelectorAll('.note__meta')].map((p) => p.textContent);
    expect(metas).toEqual(['Escrita el 26 nov 2026 a las 10:30', 'Escrita el 26 nov 2026 a las 10:30 por Marta']);
    expect([...el.querySelectorAll('.note__clear')].map((b) => b.textContent)).toEqual(['Borrar nota', 'Borrar nota']);
    expect(el.querySelector('.notes__local')?.textContent).toBe(
      'Las notas se quedan en esta recepción: GymAPI no tiene dónde guardarlas.',
    );
    const input = el.querySelector<HTMLInputElement>('#note-text')!;
    expect(input.maxLength).toBe(NOTE_MAX_CHARS);
    expect(input.type).toBe('text');
    expect(el.querySelector('#note-add')?.textContent).toBe('Añadir nota');
  });

  it('adds a note and reads the list again; an empty one is refused without a call', async () => {
    const core = fakeCore([]);
    const el = await mounted(new DeskNotesPanel(109, () => null));
    expect(el.querySelector('.notes__none')?.textContent).toBe('No hay notas abiertas para esta persona.');
    el.querySelector<HTMLFormElement>('.notes__form')!.requestSubmit();
    await vi.waitFor(() => expect(el.querySelector('#note-error')).not.toBeNull());
    expect(el.querySelector('#note-error')?.textContent).toBe('Escriba una nota de una sola línea, de 1 a 280 caracteres.');
    expect(core.cmds()).toEqual(['member_notes']);

    const input = el.querySelector<HTMLInputElement>('#note-text')!;
    input.value = 'Firma pendiente';
    input.dispatchEvent(new Event('input'));
    el.querySelector<HTMLFormElement>('.notes__form')!.requestSubmit();
    await vi.waitFor(() => expect(texts(el)).toEqual(['Firma pendiente']));
    expect(core.calls.slice(1)).toEqual([
      { cmd: 'add_desk_note', args: { member_id: 109, text: 'Firma pendiente' } },
      { cmd: 'member_notes', args: { member_id: 109 } },
    ]);
    expect(el.querySelector<HTMLInputElement>('#note-text')!.value).toBe('');
    expect(el.querySelector('#note-error')).toBeNull();
  });

  it('clears a note and reads the list again', async () => {
    const core = fakeCore([note(1, 'Firma pendiente'), note(2, 'Otra')]);
    const el = await mounted(new DeskNotesPanel(109, () => null));
    el.querySelector<HTMLButtonElement>('[data-note-id="1"] .note__clear')!.click();
    await vi.waitFor(() => expect(texts(el)).toEqual(['Otra']));
    expect(core.calls.slice(1)).toEqual([
      { cmd: 'clear_desk_note', args: { note_id: 1 } },
      { cmd: 'member_notes', args: { member_id: 109 } },
    ]);
  });

  it('says what went wrong by the code: invalid_argument, not_found, anything else', async () => {
    const core = fakeCore([note(1, 'Firma pendiente')]);
    const el = await mounted(new DeskNotesPanel(109, () => null));
    const input = el.querySelector<HTMLInputElement>('#note-text')!;
    input.value = 'algo';
    input.dispatchEvent(new Event('input'));
    core.next.error = { code: 'invalid_argument', message: 'a note is at most 280 characters (300 given)' };
    el.querySelector<HTMLFormElement>('.notes__form')!.requestSubmit();
    await vi.waitFor(() => expect(el.querySelector('#note-error')?.textContent).toBe(
      'Escriba una nota de una sola línea, de 1 a 280 caracteres.',
    ));
    expect(el.querySelector<HTMLInputElement>('#note-text')!.value, 'what was typed is kept').toBe('algo');

    core.next.error = { code: 'not_found', message: 'no open desk note 1' };
    el.querySelector<HTMLButtonElement>('.note__clear')!.click();
    await vi.waitFor(() => expect(el.querySelector('#note-error')?.textContent).toBe('Esa nota ya estaba borrada.'));
    expect(core.cmds().at(-1), 'the list is read again after a failed clear too').toBe('member_notes');

    expect(noteErrorText('db_busy')).toBe('No se pudieron guardar los cambios en las notas. Inténtelo de nuevo.');
    setLang('en');
    expect(noteErrorText('not_found')).toBe('That note was already cleared.');
    expect(noteErrorText('invalid_argument')).toBe('Write a one-line note of 1 to 280 characters.');
    expect(noteErrorText('internal')).toBe('The notes could not be changed. Please try again.');
  });

  it('says so when the notes cannot be read', async () => {
    mockIPC(() => Promise.reject({ code: 'db_busy', message: 'busy' }));
    const el = await mounted(new DeskNotesPanel(109, () => null));
    expect(el.querySelector('.notes__load-error')?.textContent).toBe('No se pudieron leer las notas de esta persona.');
  });
});

describe('the settings screen: alerts', () => {
  function screen(saved: Settings[]) {
    let current: Settings = { ...structuredClone(SETTINGS), alerts: structuredClone(DEFAULT_ALERTS) };
    mockIPC((cmd, raw) => {
      const args = raw as { settings: Settings };
      if (cmd === 'save_settings') {
        saved.push(structuredClone(args.settings));
        return args.settings;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const host: SettingsHost = {
      status: () => null,
      settings: () => current,
      cameraError: () => null,
      applySettings: (s) => (current = s),
      toast: () => undefined,
      shift: () => null,
      shiftChanged: () => undefined,
      tz: () => 'Europe/Madrid',
      startKiosk: () => undefined,
    };
    const s = new SettingsScreen(host);
    document.body.append(s.render());
    return s;
  }
  const select = (kind: string) => document.getElementById(`set-alert-${kind}`) as HTMLSelectElement;
  const num = (id: string) => document.getElementById(id) as HTMLInputElement;
  const type = (el: HTMLInputElement | HTMLSelectElement, value: string) => {
    el.value = value;
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input'));
  };
  const submit = () => document.querySelector<HTMLFormElement>('form.settings')!.requestSubmit();

  it('lists every alert in the catalogue order with its level, and no old inactive radios', () => {
    screen([]);
    const ids = [...document.querySelectorAll('select[id^="set-alert-"]')].map((s) => s.id);
    expect(ids).toEqual(ALERT_KINDS.map((k) => `set-alert-${k}`));
    expect(ALERT_KINDS.map((k) => select(k).value)).toEqual(['warn', 'warn', 'allow', 'warn', 'warn', 'allow', 'allow', 'warn', 'warn']);
    expect([...select('birthday').options].map((o) => o.textContent)).toEqual(['Permitir', 'Avisar', 'Bloquear']);
    expect(document.querySelector('label[for="set-alert-birthday"]')?.textContent).toBe('Cumpleaños');
    expect(document.querySelectorAll('.levels li')).toHaveLength(3);
    expect([num('set-alert-expiring-days').value, num('set-alert-new-member-days').value, num('set-alert-stale-hours').value])
      .toEqual(['7', '14', '24']);
    expect([num('set-alert-expiring-days').max, num('set-alert-new-member-days').max, num('set-alert-stale-hours').max])
      .toEqual(['60', '90', '336']);
    expect(num('set-alert-stale-hours').min).toBe('1');
    expect(document.getElementById('set-inactive-warn')).toBeNull();
    expect(document.getElementById('set-inactive-block')).toBeNull();
  });

  it('saves the levels and numbers chosen', async () => {
    const saved: Settings[] = [];
    screen(saved);
    type(select('birthday'), 'warn');
    type(select('membership_inactive'), 'block');
    type(num('set-alert-stale-hours'), '48');
    submit();
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].alerts).toEqual({
      ...DEFAULT_ALERTS,
      actions: { ...DEFAULT_ALERTS.actions, birthday: 'warn', membership_inactive: 'block' },
      stale_after_hours: 48,
    });
    expect(saved[0]).not.toHaveProperty('block_inactive_membership');
  });

  it('saves nothing while a number is out of its range, and says the range', async () => {
    const saved: Settings[] = [];
    screen(saved);
    type(num('set-alert-expiring-days'), '61');
    submit();
    await vi.waitFor(() => expect(document.getElementById('set-alert-expiring-days-err')).not.toBeNull());
    expect(document.getElementById('set-alert-expiring-days-err')?.textContent).toBe('Escriba un número de días entre 0 y 60.');
    expect(num('set-alert-expiring-days').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('set-alert-expiring-days');
    type(num('set-alert-expiring-days'), '30');
    type(num('set-alert-stale-hours'), '0');
    submit();
    await vi.waitFor(() => expect(document.getElementById('set-alert-stale-hours-err')).not.toBeNull());
    expect(document.getElementById('set-alert-expiring-days-err')).toBeNull();
    expect(saved).toEqual([]);
  });
});
