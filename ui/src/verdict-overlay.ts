// Why this file exists: the big verdict card over the screen after a scan, readable from two
// metres. It starts below the header (so the sync status stays visible), shows a countdown,
// clears itself after VERDICT_MS, and a click or Esc dismisses it sooner. An amber card (an
// alert the gym set to "warn") has no countdown: it stays until staff acknowledge it with Esc
// or a click, so a warning is never missed. The card itself is built by verdict.ts.

import { h, swap } from './dom';
import { t } from './i18n';
import { needsAck, verdictCard, type CardContext } from './verdict';
import type { Verdict } from './types';

/** How long a verdict card stays up. */
export const VERDICT_MS = 4000;

/** The countdown moves ten times a second, not once per display frame: without a GPU each
 * move repaints the card's bottom edge and all under it, and at 60 a second that was most
 * of what a card cost the webview while cards followed one another (docs/PERFORMANCE.md). */
export const COUNTDOWN_STEPS = VERDICT_MS / 100;

export class VerdictOverlay {
  private layer: HTMLElement | null = null;
  private verdict: Verdict | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `context` gives the time zone and language the card is drawn in, at drawing time;
   * `covering` hears when a card goes up over the screen (`true`) and when it goes. */
  constructor(
    private readonly context: () => CardContext,
    private readonly covering: (up: boolean) => void = () => undefined,
  ) {}

  /** Whether a card is up. */
  get showing(): boolean {
    return this.verdict !== null;
  }

  /** The verdict of the card that is up, if any. */
  get current(): Verdict | null {
    return this.verdict;
  }

  /** A fresh layer for a page render; a card that was up is drawn again on it (its time starts over). */
  render(): HTMLElement {
    const layer = h('div', { class: 'verdict-layer', hidden: true });
    layer.addEventListener('click', () => this.clear());
    this.layer = layer;
    if (this.verdict) this.draw();
    return layer;
  }

  /** Whether the card up waits for staff to acknowledge it (an amber card). */
  get awaitingAck(): boolean {
    return this.verdict !== null && needsAck(this.verdict);
  }

  /** Shows the card for `v`, replacing any card that is up. */
  show(v: Verdict): void {
    this.verdict = v;
    this.draw();
  }

  clear(): void {
    clearTimeout(this.timer);
    const was = this.verdict !== null;
    this.verdict = null;
    if (this.layer) {
      this.layer.hidden = true;
      swap(this.layer);
    }
    if (was) this.covering(false);
  }

  private draw() {
    const v = this.verdict;
    if (!v || !this.layer) return;
    const card = verdictCard(v, this.context());
    const ack = needsAck(v);
    if (ack) {
      card.setAttribute('data-ack', 'required');
      card.append(h('p', { class: 'verdict__hint verdict__hint--ack' }, t('verdict.acknowledge')));
    } else {
      card.append(
        h('p', { class: 'verdict__hint' }, t('verdict.dismiss')),
        h('div', {
          class: 'verdict__countdown',
          style: { animationDuration: `${VERDICT_MS}ms`, animationTimingFunction: `steps(${COUNTDOWN_STEPS}, end)` },
        }),
      );
    }
    swap(this.layer, card);
    this.layer.hidden = false;
    this.covering(true);
    clearTimeout(this.timer);
    this.timer = ack ? undefined : setTimeout(() => this.clear(), VERDICT_MS);
  }
}
