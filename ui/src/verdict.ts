// Why this file exists: the verdict card is the one thing staff must read correctly from two
// metres away. This module decides its colour (green / amber / blue / red) from a verdict and builds
// the card, the photo-or-initials avatar and the sentence announced to screen readers. Each
// warning shows at the level the gym's alert catalogue gave it (a calm note, a warning, the
// reason for a block), with an icon of its own.

import { h } from './dom';
import { fmtDate, fmtRange, fmtTime, initials, isoDay, nameHue } from './format';
import { initialsBackground, photoUrl } from './photos';
import { label, outcomeText, t, warningText } from './i18n';
import type { AlertAction, Lang, Verdict, WarningCode } from './types';

/**
 * ok = green (in, perhaps with notes the gym set to "allow"), warn = amber (in, with a warning
 * staff must acknowledge), again = calm blue (already checked in to this class, or already
 * inside under the gym's setting: the member may go in, nothing new was recorded), refused =
 * red (not in).
 */
export type VerdictKind = 'ok' | 'warn' | 'again' | 'refused';

/** A warning's level: what the gym set for it; absent (a verdict from before the catalogue, or
 * a check-in row that carries only codes) is a warning. */
export function warningLevel(w: unknown): AlertAction {
  if (w && typeof w === 'object' && 'level' in w) {
    const level = (w as { level?: unknown }).level;
    if (level === 'allow' || level === 'warn' || level === 'block') return level;
  }
  return 'warn';
}

export function verdictKind(v: { success: boolean; code?: string; warnings: readonly unknown[] }): VerdictKind {
  if (v.code === 'already_checked_in' || v.code === 'already_inside') return 'again';
  if (!v.success) return 'refused';
  return v.warnings.some((w) => warningLevel(w) !== 'allow') ? 'warn' : 'ok';
}

/** An amber card (or banner) stays until staff acknowledge it; the others clear themselves. */
export function needsAck(v: { success: boolean; code?: string; warnings: readonly unknown[] }): boolean {
  return verdictKind(v) === 'warn';
}

const WARNING_ICONS: Partial<Record<WarningCode, string>> = {
  birthday: '🎂',
  desk_note: '📝',
  new_member: '★',
  membership_expiring: '⏳',
  stale_data: '⏱',
};

/** The icon a warning is listed with: its own for the catalogue's friendlier alerts, else ⚠. */
export function warningIcon(code: string): string {
  return WARNING_ICONS[code as WarningCode] ?? '⚠';
}

/** "datos de las 09:12" (or "datos del 27 nov 2026 a las 09:12" when the data is from another
 * day than the verdict), in the gym's zone; '' when the verdict says nothing about it. */
export function dataAsOfText(v: Pick<Verdict, 'data_as_of' | 'at'>, ctx: CardContext): string {
  if (!v.data_as_of) return '';
  const asOf = new Date(v.data_as_of);
  if (Number.isNaN(asOf.getTime())) return '';
  const time = fmtTime(v.data_as_of, ctx.tz, ctx.lang);
  const at = new Date(v.at);
  const sameDay = !Number.isNaN(at.getTime()) && isoDay(at, ctx.tz) === isoDay(asOf, ctx.tz);
  return sameDay
    ? t('verdict.dataAsOf', { time })
    : t('verdict.dataAsOfDay', { date: fmtDate(v.data_as_of, ctx.tz, ctx.lang), time });
}

const ICONS: Record<VerdictKind, string> = { ok: '✓', warn: '!', again: '↺', refused: '✕' };

export function kindIcon(kind: VerdictKind): string {
  return ICONS[kind];
}

export function headline(kind: VerdictKind): string {
  return t(kind === 'ok' ? 'verdict.ok' : kind === 'warn' ? 'verdict.warn' : kind === 'again' ? 'verdict.again' : 'verdict.refused');
}

/** Who an avatar shows: a verdict's member (the core says whether the desk has a photo) or a
 * search hit (which does not say: `tryPhoto`). */
export interface AvatarMember {
  id: number;
  name: string;
  has_photo?: boolean;
  color?: string | null;
}

/** The member's cached photo (photos.ts), or their initials on a disc of their colour (else a hue
 * from the name) when there is none or it fails to load. */
export function avatar(m: AvatarMember | null | undefined, cls: string, tryPhoto = false) {
  const name = m?.name;
  const fallback = () =>
    h(
      'div',
      {
        class: `${cls} avatar`,
        'aria-hidden': 'true',
        style: { background: initialsBackground(m?.color) ?? `hsl(${nameHue(name ?? '?')} 45% 32%)` },
      },
      initials(name),
    );
  const src = m && (m.has_photo || tryPhoto) ? photoUrl(m.id) : null;
  if (!src) return fallback();
  const img = h('img', {
    class: `${cls} avatar avatar--photo`,
    src,
    alt: t('verdict.photo', { name: name ?? '' }),
  });
  img.addEventListener('error', () => img.replaceWith(fallback()), { once: true });
  return img;
}

export interface CardContext {
  tz: string | null | undefined;
  lang: Lang;
  compact?: boolean;
}

export function classLine(v: Verdict, ctx: CardContext): string {
  if (!v.session) return '';
  const parts = [
    v.session.class_name ?? t('class.unnamed'),
    fmtRange(v.session.start_time, v.session.end_time, ctx.tz, ctx.lang),
  ];
  if (v.session.room) parts.push(v.session.room);
  return parts.join(' · ');
}

/** How much the warnings list says: a card with many or long alerts sets them smaller, so the
 * whole card still fits a short window (a desk note may be 280 characters). */
export function warningsSize(texts: readonly string[]): 'normal' | 'long' | 'longer' {
  const chars = texts.reduce((n, s) => n + s.length, 0);
  if (texts.length >= 5 || chars > 160) return 'longer';
  if (texts.length >= 3 || chars > 60) return 'long';
  return 'normal';
}

export function verdictCard(v: Verdict, ctx: CardContext): HTMLElement {
  const kind = verdictKind(v);
  const name = v.member?.name ?? t('verdict.unknownMember');
  const reason = outcomeText(v.code, v.message);
  const warnings = v.warnings.map((w) => ({ w, level: warningLevel(w), text: warningText(w, ctx.tz) }));
  const size = warningsSize(warnings.map((x) => x.text));
  return h(
    'section',
    {
      // A card with the most to say gives its name and photo less room (styles.css `verdict--busy`).
      class: `verdict verdict--${kind}${ctx.compact ? ' verdict--compact' : ''}${size === 'longer' && !ctx.compact ? ' verdict--busy' : ''}`,
      'data-kind': kind,
      'data-code': v.code,
      'aria-label': headline(kind),
    },
    avatar(v.member, 'verdict__photo'),
    h(
      'div',
      { class: 'verdict__body' },
      h(
        'p',
        { class: 'verdict__headline' },
        h('span', { class: 'verdict__icon', 'aria-hidden': 'true' }, kindIcon(kind)),
        headline(kind),
      ),
      h('h2', { class: 'verdict__name' }, name),
      v.session ? h('p', { class: 'verdict__class' }, classLine(v, ctx)) : null,
      h('p', { class: 'verdict__reason' }, reason),
      v.inside_since
        ? h('p', { class: 'verdict__since' }, t('verdict.insideSince', { time: fmtTime(v.inside_since, ctx.tz, ctx.lang) }))
        : null,
      warnings.length
        ? h(
            'ul',
            { class: `verdict__warnings${size === 'normal' ? '' : ` verdict__warnings--${size}`}` },
            warnings.map(({ w, level, text }) =>
              h(
                'li',
                { class: `verdict__warning verdict__warning--${level}`, 'data-code': w.code, 'data-level': level },
                h('span', { class: 'verdict__warning-icon', 'aria-hidden': 'true' }, warningIcon(w.code)),
                ' ',
                text,
              ),
            ),
          )
        : null,
      h(
        'p',
        { class: 'verdict__meta' },
        [fmtTime(v.at, ctx.tz, ctx.lang), label('method', v.method), dataAsOfText(v, ctx)].filter(Boolean).join(' · '),
      ),
    ),
  );
}

/** The sentence for the aria-live region: headline, name, class, reason and warnings. */
export function announcement(v: Verdict, ctx: CardContext): string {
  const kind = verdictKind(v);
  const parts = [
    `${headline(kind)}: ${v.member?.name ?? t('verdict.unknownMember')}.`,
    classLine(v, ctx),
    sentence(outcomeText(v.code, v.message)),
    v.inside_since ? sentence(t('verdict.insideSince', { time: fmtTime(v.inside_since, ctx.tz, ctx.lang) })) : '',
    ...v.warnings.map((w) => sentence(warningText(w, ctx.tz))),
    v.data_as_of ? sentence(capitalise(dataAsOfText(v, ctx))) : '',
  ];
  return parts.filter(Boolean).join(' ');
}

function capitalise(s: string): string {
  return s ? s[0].toLocaleUpperCase() + s.slice(1) : s;
}

/** `s` ending as a sentence does (a full stop unless it already ends in . ! or ?). */
function sentence(s: string): string {
  return !s || /[.!?…]$/.test(s) ? s : `${s}.`;
}
