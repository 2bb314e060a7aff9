// Why this file exists: the shift as the page sees it (issue 15): who is on shift, whether the
// desk is locked, whether admin work is allowed (the core's ShiftView), and what the page does
// about it that is not drawing: the idle lock's timer and the throttled `staff_activity` calls
// (IdleWatch), and the words for the shift's failures, by their codes. The core decides every
// rule (a locked desk refuses with `desk_locked`); the page only follows and asks for PINs.

import { t } from './i18n';
import type { FailureCode } from './backend';
import type { ShiftView } from './types';

/** `staff_activity` is sent at most this often (the core's idle time starts over on each). */
export const ACTIVITY_EVERY_MS = 30_000;

/** The desk asks for a staff PIN before anything but scanning (profiles, nobody signed in or locked). */
export function needsSignIn(v: ShiftView | null): boolean {
  return !!v && v.profiles && v.locked;
}

/** Admin work (Settings) needs an admin's PIN first. */
export function needsAdmin(v: ShiftView | null): boolean {
  return !!v && v.profiles && !v.admin;
}

/** Someone is on shift at an unlocked desk with profiles (the lock key means something). */
export function onShift(v: ShiftView | null): boolean {
  return !!v && v.profiles && !v.locked && v.staff !== null;
}

/** Where a PIN was typed: it changes what "wrong" means (an admin's PIN, an approver's). */
export type PinUse = 'signIn' | 'admin' | 'approval';

/** What a failed PIN check says, by the error's code (never the core's message). */
export function pinErrorText(code: FailureCode | string, use: PinUse): string {
  switch (code) {
    case 'unauthorized':
      return t(use === 'admin' ? 'staff.adminWrong' : use === 'approval' ? 'manual.approvalWrong' : 'staff.pinWrong');
    case 'rate_limited':
      return t('staff.pinLocked');
    case 'approval_required':
      return t('manual.approvalRequired');
    case 'invalid_argument':
      return t('staff.pinShort');
    case 'not_found':
      return t('staff.pinNotFound');
    case 'desk_locked':
      return t('staff.deskLocked');
    default:
      return t('staff.pinFailed');
  }
}

/** A failed staff command in words: the shift's refusals by code, anything else with its message. */
export function failureText(err: { code: string; message: string }): string {
  if (err.code === 'desk_locked') return t('staff.deskLocked');
  if (err.code === 'admin_required') return t('staff.adminRequired');
  return t('common.error', { message: err.message });
}

/** A PIN the core takes: 4 to 6 digits. */
export const STAFF_PIN = /^\d{4,6}$/;

export interface IdleWatchOptions {
  /** Staff were active: tell the core (`staff_activity`), at most every ACTIVITY_EVERY_MS. */
  activity(): void;
  /** The idle minutes passed with no activity: the desk should lock. */
  idle(): void;
  now?: () => number;
}

/**
 * The idle lock as the page keeps it. Armed while someone is on shift at an unlocked desk with
 * an idle lock (`configure` with each new ShiftView); `poke` on every key or click of staff
 * restarts the idle time and sends `staff_activity` when the last was sent 30 s or more ago.
 * When the minutes pass with no poke, `idle` is called once (the app locks the desk).
 */
export class IdleWatch {
  private spanMs = 0;
  private lastActive = 0;
  private lastSent = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;

  constructor(private readonly opts: IdleWatchOptions) {
    this.now = opts.now ?? (() => Date.now());
  }

  /** Whether the timer runs. */
  get armed(): boolean {
    return this.spanMs > 0;
  }

  /** Follows the shift: armed (from now) when it becomes lockable or its minutes change; off
   * when the desk locks, has no profiles or no idle lock. A shift read again as it was (a
   * poll, an answer to `staff_activity`) changes nothing: reading is not activity. */
  configure(v: ShiftView | null): void {
    const span = onShift(v) && v!.idle_lock_minutes > 0 ? v!.idle_lock_minutes * 60_000 : 0;
    if (span === this.spanMs) return;
    const wasArmed = this.armed;
    this.spanMs = span;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!span) return;
    if (!wasArmed) {
      // A sign-in (or the desk opening) is activity the core has just counted.
      this.lastActive = this.now();
      this.lastSent = this.lastActive;
    }
    this.schedule(this.spanMs - (this.now() - this.lastActive));
  }

  /** Staff pressed a key or clicked. */
  poke(): void {
    if (!this.armed) return;
    const now = this.now();
    this.lastActive = now;
    if (now - this.lastSent >= ACTIVITY_EVERY_MS) {
      this.lastSent = now;
      this.opts.activity();
    }
  }

  /** Stops the timer (the page goes, or the desk became a kiosk). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.spanMs = 0;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), Math.max(0, ms));
  }

  /** The timer went off: idle if no poke came meanwhile, else wait for the rest of the span. */
  private check(): void {
    this.timer = undefined;
    if (!this.armed) return;
    const left = this.spanMs - (this.now() - this.lastActive);
    if (left > 0) {
      this.schedule(left);
      return;
    }
    this.stop();
    this.opts.idle();
  }
}
