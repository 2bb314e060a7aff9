// Why this file exists: times arrive as RFC 3339 UTC strings and must be shown in the gym's
// time zone, not the PC's; this module holds that formatting plus small text helpers
// (initials for members without a photo, today's date in the gym's zone).

import type { Lang } from './types';

const LOCALES: Record<Lang, string> = { es: 'es-ES', en: 'en-GB' };

/** Formatters made so far, by locale, options and zone. Building an `Intl.DateTimeFormat` loads
 * ICU's locale data (thousands of allocations) and the lists format every row on every verdict:
 * made afresh each time, they were most of the web process's heap and its garbage
 * (docs/PERFORMANCE.md, issue 16). The keys are few: two languages, a zone or two, three shapes. */
const made = new Map<string, Intl.DateTimeFormat>();
const MAX_MADE = 64;

/** What each formatter shows. */
const SHAPES = {
  time: { hour: '2-digit', minute: '2-digit', hour12: false },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  day: { year: 'numeric', month: '2-digit', day: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** The formatter for `locale`, `shape` and zone `tz`; an unknown zone name falls back to the PC's
 * zone rather than break the screen. */
function formatter(locale: string, shape: keyof typeof SHAPES, tz: string | null | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${tz ?? ''}|${shape}`;
  let f = made.get(key);
  if (f) return f;
  if (made.size >= MAX_MADE) made.clear(); // zones that come and go must not grow this for ever
  try {
    f = new Intl.DateTimeFormat(locale, { ...SHAPES[shape], timeZone: tz || undefined });
  } catch {
    f = new Intl.DateTimeFormat(locale, SHAPES[shape]); // an unknown zone name must not break the screen
  }
  made.set(key, f);
  return f;
}

/** "10:42" in the gym's zone (24-hour clock in both languages, as gyms in Spain use). */
export function fmtTime(iso: string | null | undefined, tz: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return formatter(LOCALES[lang], 'time', tz).format(d);
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
  return formatter(LOCALES[lang], 'date', tz).format(d);
}

/** "YYYY-MM-DD" of `now` in the gym's zone. */
export function isoDay(now: Date, tz: string | null | undefined): string {
  const parts = formatter('en-CA', 'day', tz).formatToParts(now);
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
