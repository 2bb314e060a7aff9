// Why this file exists: the verdict card is the one thing staff must read correctly from two
// metres away. This module decides its colour (green / amber / blue / red) from a verdict and builds
// the card, the photo-or-initials avatar and the sentence announced to screen readers.

import { h } from './dom';
import { fmtRange, fmtTime, initials, nameHue } from './format';
import { initialsBackground, photoUrl } from './photos';
import { label, outcomeText, t, warningText } from './i18n';
import type { Lang, Verdict } from './types';

/**
 * ok = green (in), warn = amber (in, with warnings), again = calm blue (already checked in to
 * this class, or already inside under the gym's setting: the member may go in, nothing new was
 * recorded), refused = red (not in).
 */
export type VerdictKind = 'ok' | 'warn' | 'again' | 'refused';

export function verdictKind(v: { success: boolean; code?: string; warnings: readonly unknown[] }): VerdictKind {
  if (v.code === 'already_checked_in' || v.code === 'already_inside') return 'again';
  if (!v.success) return 'refused';
  return v.warnings.length > 0 ? 'warn' : 'ok';
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

export function verdictCard(v: Verdict, ctx: CardContext): HTMLElement {
  const kind = verdictKind(v);
  const name = v.member?.name ?? t('verdict.unknownMember');
  const reason = outcomeText(v.code, v.message);
  return h(
    'section',
    {
      class: `verdict verdict--${kind}${ctx.compact ? ' verdict--compact' : ''}`,
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
      v.warnings.length
        ? h(
            'ul',
            { class: 'verdict__warnings' },
            v.warnings.map((w) =>
              h('li', null, h('span', { 'aria-hidden': 'true' }, '⚠ '), warningText(w)),
            ),
          )
        : null,
      h(
        'p',
        { class: 'verdict__meta' },
        `${fmtTime(v.at, ctx.tz, ctx.lang)} · ${label('method', v.method)}`,
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
    outcomeText(v.code, v.message) + '.',
    v.inside_since ? t('verdict.insideSince', { time: fmtTime(v.inside_since, ctx.tz, ctx.lang) }) + '.' : '',
    ...v.warnings.map((w) => warningText(w) + '.'),
  ];
  return parts.filter(Boolean).join(' ');
}
