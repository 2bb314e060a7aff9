// Why this file exists: member photos reach the page only from the desk's own cache, through the
// `photo` URI scheme the shell serves (photo://localhost/ID, http://photo.localhost/ID on
// Windows), which the CSP allows. GymAPI's remote `picture` URL is never loaded here: offline it
// could not be, and the CSP forbids it. Without a photo, initials on the member's colour.

import { convertFileSrc } from '@tauri-apps/api/core';

/** Where the window loads member `id`'s cached photo from (null outside the app, where no shell
 * serves the scheme). */
export function photoUrl(id: number): string | null {
  try {
    return convertFileSrc(String(id), 'photo');
  } catch {
    return null;
  }
}

/** The member's GymAPI colour (`#RRGGBB`) darkened for white initials on it, or null when the
 * colour is missing or not of that form. */
export function initialsBackground(color: string | null | undefined): string | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color ?? '');
  if (!m) return null;
  const [r, g, b] = m.slice(1).map((x) => parseInt(x, 16));
  // Relative luminance up to about 0.18, so white text keeps a contrast of at least 4.5:1.
  const lum = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  const k = lum > 0.35 ? 0.35 / lum : 1;
  const c = (x: number) => Math.round(x * k * 0.7).toString(16).padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}
