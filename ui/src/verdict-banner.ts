// Why this file exists: a camera verdict that comes while staff are busy elsewhere (the manual
// check-in, settings, reports, the sync panel, or typing in any field) must not cover what they
// are doing, take their focus or close the panel they opened. It shows as this compact banner
// at the top of what they have open: the outcome's colour, icon and words, the name, the
// reason and the time. It takes no focus (nothing in it is focusable), clears itself after
// BANNER_MS and a click dismisses it sooner; an amber one (a warning staff must acknowledge)
// stays until it is clicked. On the scan screen the big card (verdict-overlay.ts) is shown
// instead.

import { h, swap } from './dom';
import { fmtTime } from './format';
import { outcomeText, t, warningText } from './i18n';
import { headline, kindIcon, needsAck, verdictKind, warningIcon, type CardContext } from './verdict';
import type { Verdict } from './types';

/** How long a banner stays up (longer than the card: staff may be looking at their form). */
export const BANNER_MS = 8000;

export class VerdictBanner {
  private readonly slot: HTMLElement;
  private verdict: Verdict | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `context` gives the time zone and language the banner is drawn in, at drawing time. */
  constructor(private readonly context: () => CardContext) {
    this.slot = h('div', { class: 'verdict-banner-slot', hidden: true });
    this.slot.addEventListener('click', () => this.clear());
  }

  /** The banner's place; the app puts it at the top of the screen or panel staff have open. */
  get element(): HTMLElement {
    return this.slot;
  }

  /** Whether a banner is up. */
  get showing(): boolean {
    return this.verdict !== null;
  }

  /** Shows `v` at the top of `where` (replacing any banner that is up), without moving focus. */
  show(v: Verdict, where: HTMLElement): void {
    this.verdict = v;
    if (this.slot.parentElement !== where) where.prepend(this.slot);
    this.draw();
    clearTimeout(this.timer);
    this.timer = needsAck(v) ? undefined : setTimeout(() => this.clear(), BANNER_MS);
  }

  /** Draws the banner again (a language change); nothing when none is up. */
  redraw(): void {
    if (this.verdict) this.draw();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.verdict = null;
    this.slot.hidden = true;
    swap(this.slot);
  }

  private draw() {
    const v = this.verdict;
    if (!v) return;
    const ctx = this.context();
    const kind = verdictKind(v);
    const detail = [
      outcomeText(v.code, v.message),
      ...v.warnings.map((w) => `${warningIcon(w.code)} ${warningText(w, ctx.tz)}`),
    ].join(' · ');
    swap(
      this.slot,
      h(
        'section',
        {
          class: `verdict-banner verdict-banner--${kind}`,
          'data-kind': kind,
          'data-code': v.code,
          'data-ack': needsAck(v) ? 'required' : null,
          'aria-label': t('verdict.banner'),
          title: t(needsAck(v) ? 'verdict.bannerAck' : 'verdict.bannerDismiss'),
        },
        h('span', { class: 'verdict-banner__icon', 'aria-hidden': 'true' }, kindIcon(kind)),
        h('span', { class: 'verdict-banner__headline' }, headline(kind)),
        h('span', { class: 'verdict-banner__name' }, v.member?.name ?? t('verdict.unknownMember')),
        h('span', { class: 'verdict-banner__detail' }, detail),
        h('span', { class: 'verdict-banner__time' }, fmtTime(v.at, ctx.tz, ctx.lang)),
        h('span', { class: 'verdict-banner__close', 'aria-hidden': 'true' }, '×'),
      ),
    );
    this.slot.hidden = false;
  }
}
