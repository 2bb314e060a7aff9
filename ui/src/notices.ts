// Why this file exists: what the desk tells staff besides the verdict card: the aria-live
// region that reads each verdict aloud to screen readers, and the toast for short messages
// (a screen's failed call, a membership the server had different from the replica).

import { h, swap } from './dom';
import { fmtDate } from './format';
import { getLang, t } from './i18n';
import type { SyncStatus } from './types';

/** How long a toast stays up. */
export const TOAST_MS = 8000;

export class Notices {
  private live: HTMLElement | null = null;
  private toastSlot: HTMLElement | null = null;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private seenFollowUps = new Set<string>();

  /** Fresh live region and toast slot for a page render. */
  render(): HTMLElement[] {
    this.live = h('div', {
      id: 'live',
      class: 'sr-only',
      role: 'status',
      'aria-live': 'assertive',
      'aria-atomic': 'true',
    });
    this.toastSlot = h('div', { class: 'toast-slot', role: 'alert', 'aria-live': 'assertive' });
    return [this.live, this.toastSlot];
  }

  /** Reads `text` to screen readers. */
  announce(text: string): void {
    if (!this.live) return;
    // Clear first so the same sentence twice in a row is still announced.
    this.live.textContent = '';
    requestAnimationFrame(() => {
      if (this.live) this.live.textContent = text;
    });
  }

  toast(text: string): void {
    if (!this.toastSlot) return;
    swap(this.toastSlot, h('div', { class: 'toast' }, text));
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      if (this.toastSlot) swap(this.toastSlot);
    }, TOAST_MS);
  }

  /** A membership the server had different from the replica: tell staff once. */
  followUps(s: SyncStatus, tz: string | null): void {
    for (const f of s.follow_ups ?? []) {
      const key = `${f.member_id}@${f.at}`;
      if (this.seenFollowUps.has(key)) continue;
      this.seenFollowUps.add(key);
      const name = f.name ?? `#${f.member_id}`;
      const until = f.expires_at ? fmtDate(f.expires_at, tz, getLang()) : null;
      this.toast(
        f.now_active
          ? t('followUp.nowActive', { name })
          : until
            ? t('followUp.expired', { name, date: until })
            : t('followUp.inactive', { name }),
      );
    }
  }
}
