// Why this file exists: times arrive as RFC 3339 UTC strings and must be shown in the gym's
// time zone, not the PC's; this module holds that formatting plus small text helpers
// (initials for members without a photo, today's date in the gym's zone).

import type { Lang } from './types';

const LOCALES: Record<Lang, string> = { es: 'es-ES', en: 'en-GB' };

function zone(tz: string | null | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return undefined; // an unknown zone name must not break the screen
  }
}

/** "10:42" in the gym's zone (24-hour clock in both languages, as gyms in Spain use). */
export function fmtTime(iso: string | null | undefined, tz: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: zone(tz),
  }).format(d);
}

/** "10:00–11:00". */
export function fmtRange(start: string, end: string, tz: string | null | undefined, lang: Lang): string {
  return `${fmtTime(start, tz, lang)}–${fmtTime(end, tz, lang)}`;
}

/** A readable date, e.g. "28 nov 2026". */
export function fmtDate(iso: string | null | undefined, tz: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: zone(tz),
  }).format(d);
}

/** "YYYY-MM-DD" of `now` in the gym's zone. */
export function isoDay(now: Date, tz: string | null | undefined): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: zone(tz),
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "ML" for "María López García" (first name + first surname): the avatar without a photo. */
export function initials(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]][0] ?? '';
  const last = words.length > 1 ? ([...words[1]][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

/** A stable hue per name so initials avatars are told apart at a glance. */
export function nameHue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return h;
}
