// Why this file exists: the verdict card's colour is the one thing staff must never misread.
// These tests pin the colour choice (green / amber / red, and what each alert level makes of
// it), the CSS colours behind it, and what the card and the screen-reader announcement contain.

import { initialsBackground } from '../src/photos';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLang } from '../src/i18n';
import { announcement, dataAsOfText, needsAck, verdictCard, verdictKind, warningLevel, warningsSize } from '../src/verdict';
import type { Verdict, VerdictWarning } from '../src/types';
import { CHECKED_IN_YOGA } from './fixtures';

const base: Verdict = CHECKED_IN_YOGA;
const ctx = { tz: 'Europe/Madrid', lang: 'es' as const };

beforeEach(() => setLang('es'));

describe('verdictKind', () => {
  it('is green (ok) for a success without warnings', () => {
    expect(verdictKind(base)).toBe('ok');
  });
  it('is amber (warn) for a success with warnings', () => {
    expect(verdictKind({ ...base, warnings: [{ code: 'membership_expired', message: 'x' }] })).toBe('warn');
  });
  it('is red (refused) for any refusal, with or without warnings', () => {
    const refused: Verdict = { ...base, success: false, code: 'invalid_code' };
    expect(verdictKind(refused)).toBe('refused');
    const refusedWithWarning: Verdict = {
      ...base,
      success: false,
      code: 'membership_inactive',
      warnings: [{ code: 'membership_inactive', message: '' }],
    };
    expect(verdictKind(refusedWithWarning)).toBe('refused');
  });
  it('works for check-in rows (warnings as codes)', () => {
    expect(verdictKind({ success: true, warnings: ['override'] })).toBe('warn');
  });
  it('follows the alert levels: allow-only is green, any warn or block is amber, absent counts as warn', () => {
    const w = (code: VerdictWarning['code'], level?: VerdictWarning['level']): VerdictWarning =>
      level ? { code, message: 'x', level } : { code, message: 'x' };
    const kind = (...warnings: VerdictWarning[]) => verdictKind({ ...base, warnings });
    expect(kind(w('birthday', 'allow'))).toBe('ok');
    expect(kind(w('birthday', 'allow'), w('new_member', 'allow'))).toBe('ok');
    expect(kind(w('desk_note', 'warn'))).toBe('warn');
    expect(kind(w('birthday', 'allow'), w('desk_note', 'warn'))).toBe('warn');
    // Overridden past a block: the blocking alert is still on the card, amber.
    expect(kind(w('desk_note', 'block'), w('override'))).toBe('warn');
    expect(kind(w('stale_data', 'block'))).toBe('warn');
    expect(kind(w('membership_expired'))).toBe('warn'); // no level: a verdict from before the catalogue
    expect(kind()).toBe('ok');
    // A refusal stays red whatever its warnings' levels.
    expect(verdictKind({ ...base, success: false, code: 'alert_blocked', warnings: [w('birthday', 'allow')] })).toBe('refused');
    expect(warningLevel({ code: 'x', level: 'nonsense' })).toBe('warn');
    expect(warningLevel('birthday')).toBe('warn');
  });
  it('asks staff to acknowledge exactly the amber verdicts', () => {
    expect(needsAck({ ...base, warnings: [{ code: 'desk_note', message: '', level: 'warn' }] })).toBe(true);
    expect(needsAck({ ...base, warnings: [{ code: 'birthday', message: '', level: 'allow' }] })).toBe(false);
    expect(needsAck({ ...base, success: false, code: 'alert_blocked' })).toBe(false);
    expect(needsAck(base)).toBe(false);
  });
  it('is calm blue (again), not red, for a member already checked in: they may go in', () => {
    const again: Verdict = { ...base, success: false, code: 'already_checked_in' };
    expect(verdictKind(again)).toBe('again');
    const card = verdictCard(again, { tz: 'Europe/Madrid', lang: 'es' });
    expect(card.dataset.kind).toBe('again');
    expect(card.textContent).toContain('Ya registrado: puede pasar');
    expect(card.textContent).not.toContain('No puede pasar');
  });
  it('is calm blue for a member already inside, and says since when', () => {
    const inside: Verdict = {
      ...base,
      success: false,
      code: 'already_inside',
      message: 'Ya está dentro: hizo check-in hace unos minutos',
      event_id: null,
      inside_since: '2026-11-28T08:40:00Z',
    };
    expect(verdictKind(inside)).toBe('again');
    const card = verdictCard(inside, ctx);
    expect(card.dataset.kind).toBe('again');
    expect(card.textContent).toContain('Ya está dentro');
    expect(card.querySelector('.verdict__since')?.textContent).toBe('Dentro desde las 09:40');
    expect(announcement(inside, ctx)).toContain('Dentro desde las 09:40.');
    expect(verdictCard(base, ctx).querySelector('.verdict__since')).toBeNull();
  });
});

describe('card colours in the stylesheet', () => {
  const css = readFileSync(resolve(__dirname, '../src/styles.css'), 'utf8');
  const varOf = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css)?.[1];
  const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  it('maps each kind to its own colour variable', () => {
    expect(css).toMatch(/\.verdict--ok\s*\{\s*background:\s*var\(--ok\)/);
    expect(css).toMatch(/\.verdict--warn\s*\{\s*background:\s*var\(--warn\)/);
    expect(css).toMatch(/\.verdict--refused\s*\{\s*background:\s*var\(--refused\)/);
    expect(css).toMatch(/\.verdict--again\s*\{\s*background:\s*var\(--again\)/);
    const [br, bg, bb] = rgb(varOf('again')!);
    expect(bb, 'the already-in card is blue, neither green nor red').toBeGreaterThan(Math.max(br, bg));
  });
  it('uses a green, an amber and a red', () => {
    const [gr, gg, gb] = rgb(varOf('ok')!);
    expect(gg).toBeGreaterThan(gr * 2);
    expect(gg).toBeGreaterThan(gb);
    const [ar, ag, ab] = rgb(varOf('warn')!);
    expect(ar).toBeGreaterThan(200);
    expect(ag).toBeGreaterThan(120);
    expect(ab).toBeLessThan(60);
    const [rr, rg, rb] = rgb(varOf('refused')!);
    expect(rr).toBeGreaterThan(rg * 3);
    expect(rr).toBeGreaterThan(rb * 3);
  });
});

describe('verdictCard', () => {
  it('shows name, class with local time, reason and initials without a photo', () => {
    const el = verdictCard(base, ctx);
    expect(el.dataset.kind).toBe('ok');
    expect(el.classList.contains('verdict--ok')).toBe(true);
    expect(el.querySelector('.verdict__name')!.textContent).toBe('María López García');
    expect(el.querySelector('.verdict__class')!.textContent).toBe('Yoga · 10:00–11:00 · Sala 2');
    expect(el.querySelector('.verdict__reason')!.textContent).toBe('Check-in realizado');
    expect(el.querySelector('.avatar')!.textContent).toBe('ML');
    expect(el.querySelector('.verdict__meta')!.textContent).toBe('10:05 · Cámara');
  });
  it("shows the desk's cached photo when there is one, never the remote picture URL", () => {
    const w = window as unknown as { __TAURI_INTERNALS__?: { convertFileSrc?: (p: string, proto: string) => string } };
    w.__TAURI_INTERNALS__ = { ...w.__TAURI_INTERNALS__, convertFileSrc: (p, proto) => `${proto}://localhost/${p}` };
    const remote = 'https://cdn.example.com/u/101.jpg';
    const el = verdictCard({ ...base, member: { ...base.member!, picture: remote, has_photo: true } }, ctx);
    expect(el.querySelector('img.verdict__photo')!.getAttribute('src')).toBe('photo://localhost/101');
    expect(el.innerHTML).not.toContain('cdn.example.com');
    // No cached photo: initials, on the member's colour when GymAPI gives one.
    const none = verdictCard({ ...base, member: { ...base.member!, picture: remote, has_photo: false, color: '#3366cc' } }, ctx);
    expect(none.querySelector('img')).toBeNull();
    const disc = none.querySelector<HTMLElement>('.avatar')!;
    expect(disc.textContent).toBe('ML');
    expect(disc.getAttribute('style')).toContain(initialsBackground('#3366cc')!.slice(1));
  });
  it('darkens a member colour for white initials, and ignores what is not #RRGGBB', () => {
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
      const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    for (const c of ['#ffffff', '#ffff00', '#00ff00', '#3366cc', '#000000', '#FF8800']) {
      const bg = initialsBackground(c)!;
      expect(bg).toMatch(/^#[0-9a-f]{6}$/);
      expect((1.05 / (lum(bg) + 0.05))).toBeGreaterThanOrEqual(4.5); // white on it
    }
    for (const bad of [null, undefined, '', 'red', '#fff', '#12345g', 'url(x)']) expect(initialsBackground(bad)).toBeNull();
  });
  it('lists the warnings on an amber card and says why on a red one', () => {
    const warn = verdictCard({ ...base, warnings: [{ code: 'user_inactive', message: 'x' }] }, ctx);
    expect(warn.dataset.kind).toBe('warn');
    expect(warn.querySelector('.verdict__warnings')!.textContent).toContain('La cuenta del usuario está desactivada');
    const red = verdictCard({ ...base, success: false, code: 'not_a_member', member: null, session: null }, ctx);
    expect(red.dataset.kind).toBe('refused');
    expect(red.querySelector('.verdict__name')!.textContent).toBe('Persona no identificada');
    expect(red.querySelector('.verdict__reason')!.textContent).toBe('No es miembro de este gimnasio');
    expect(red.querySelector('.verdict__class')).toBeNull();
  });
  it('lists each warning at its level, with its code and its own icon', () => {
    const v: Verdict = {
      ...base,
      warnings: [
        { code: 'birthday', message: 'x', level: 'allow' },
        { code: 'desk_note', message: 'x', level: 'warn', note_id: 3, text: 'Firma pendiente', at: '2026-11-26T10:00:00Z' },
        { code: 'new_member', message: 'x', level: 'allow', at: '2026-11-20T10:00:00Z' },
        { code: 'membership_expiring', message: 'x', level: 'warn', at: '2026-12-01T22:59:00Z', days: 3 },
        { code: 'stale_data', message: 'x', level: 'block', at: '2026-11-27T08:12:00Z' },
        { code: 'user_inactive', message: 'x' },
      ],
    };
    const items = [...verdictCard(v, ctx).querySelectorAll<HTMLElement>('.verdict__warnings > li')];
    expect(items.map((li) => [li.dataset.code, li.className])).toEqual([
      ['birthday', 'verdict__warning verdict__warning--allow'],
      ['desk_note', 'verdict__warning verdict__warning--warn'],
      ['new_member', 'verdict__warning verdict__warning--allow'],
      ['membership_expiring', 'verdict__warning verdict__warning--warn'],
      ['stale_data', 'verdict__warning verdict__warning--block'],
      ['user_inactive', 'verdict__warning verdict__warning--warn'],
    ]);
    expect(items.map((li) => li.querySelector('.verdict__warning-icon')!.textContent)).toEqual(['🎂', '📝', '★', '⏳', '⏱', '⚠']);
    expect(items[1].textContent).toContain('Nota de recepción: Firma pendiente');
    expect(items[3].textContent).toContain('La membresía vence en 3 días, el 1 dic 2026');
  });
  it('sets many or long alerts smaller, and gives a big card with the most to say a smaller name', () => {
    expect(warningsSize([])).toBe('normal');
    expect(warningsSize(['¡Hoy es su cumpleaños!'])).toBe('normal');
    expect(warningsSize(['a', 'b', 'c'])).toBe('long');
    expect(warningsSize(['x'.repeat(61)])).toBe('long');
    expect(warningsSize(['x'.repeat(161)])).toBe('longer');
    const note = 'y'.repeat(280);
    const busy: Verdict = { ...base, warnings: [{ code: 'desk_note', message: 'x', level: 'warn', text: note }] };
    const big = verdictCard(busy, ctx);
    expect(big.classList.contains('verdict--busy')).toBe(true);
    expect(big.querySelector('.verdict__warnings')!.className).toBe('verdict__warnings verdict__warnings--longer');
    // The manual screen's compact card has its own sizes.
    expect(verdictCard(busy, { ...ctx, compact: true }).classList.contains('verdict--busy')).toBe(false);
    expect(verdictCard(base, ctx).classList.contains('verdict--busy')).toBe(false);
  });
  it('a birthday alone leaves the card green, with the birthday note on it', () => {
    const el = verdictCard({ ...base, warnings: [{ code: 'birthday', message: 'x', level: 'allow' }] }, ctx);
    expect(el.dataset.kind).toBe('ok');
    expect(el.classList.contains('verdict--ok')).toBe(true);
    expect(el.querySelector('.verdict__warning--allow')?.textContent).toBe('🎂 ¡Hoy es su cumpleaños!');
  });
  it('a red alert_blocked card says why, with the blocking alert marked', () => {
    const el = verdictCard(
      {
        ...base,
        success: false,
        code: 'alert_blocked',
        warnings: [
          { code: 'birthday', message: 'x', level: 'allow' },
          { code: 'desk_note', message: 'x', level: 'block', note_id: 1, text: 'No dejar pasar: deuda pendiente' },
        ],
      },
      ctx,
    );
    expect(el.dataset.kind).toBe('refused');
    expect(el.querySelector('.verdict__reason')?.textContent).toBe('Acceso bloqueado por una alerta del gimnasio');
    expect(el.querySelector('.verdict__warning--block')?.textContent).toBe('📝 Nota de recepción: No dejar pasar: deuda pendiente');
  });
  it('says on the meta line when the member data is from, in the gym zone, with the date when not today', () => {
    const today = verdictCard({ ...base, data_as_of: '2026-11-28T08:12:00Z' }, ctx);
    expect(today.querySelector('.verdict__meta')!.textContent).toBe('10:05 · Cámara · datos de las 09:12');
    const older = { ...base, data_as_of: '2026-11-27T08:12:00Z' };
    expect(verdictCard(older, ctx).querySelector('.verdict__meta')!.textContent).toBe(
      '10:05 · Cámara · datos del 27 nov 2026 a las 09:12',
    );
    // 23:30 UTC on the 27th is already the 28th in Madrid: the same day as the scan.
    expect(dataAsOfText({ at: base.at, data_as_of: '2026-11-27T23:30:00Z' }, ctx)).toBe('datos de las 00:30');
    setLang('en');
    expect(dataAsOfText(older, { ...ctx, lang: 'en' })).toBe('data as of 27 Nov 2026, 09:12');
    expect(dataAsOfText({ at: base.at, data_as_of: '2026-11-28T08:12:00Z' }, { ...ctx, lang: 'en' })).toBe('data as of 09:12');
    expect(dataAsOfText(base, ctx)).toBe('');
  });
  it('follows the language', () => {
    setLang('en');
    const el = verdictCard({ ...base, success: false, code: 'outside_window' }, { ...ctx, lang: 'en' });
    expect(el.querySelector('.verdict__headline')!.textContent).toContain('Not allowed in');
  });
});

describe('announcement', () => {
  it('says the verdict, the name, the class and the warnings', () => {
    const text = announcement({ ...base, warnings: [{ code: 'membership_inactive', message: '' }] }, ctx);
    expect(text).toContain('Adelante, con aviso');
    expect(text).toContain('María López García');
    expect(text).toContain('Yoga');
    expect(text).toContain('Membresía inactiva');
  });
  it('says the alerts in their words and when the data is from', () => {
    const text = announcement(
      {
        ...base,
        data_as_of: '2026-11-28T08:12:00Z',
        warnings: [{ code: 'birthday', message: 'x', level: 'allow' }, { code: 'desk_note', message: 'x', level: 'warn', text: 'Firma' }],
      },
      ctx,
    );
    expect(text).toContain('¡Hoy es su cumpleaños! Nota de recepción: Firma.');
    expect(text).toMatch(/Datos de las 09:12\.$/);
    expect(announcement(base, ctx)).not.toMatch(/atos de/);
  });
});
