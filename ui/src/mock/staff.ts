// Why this file exists: TEST-ONLY. The mock's staff profiles and shift (issue 15), so the
// Chromium flows can drive the PIN prompts. Unlike the check-in answers (canned in
// fixtures.ts), the shift has no canned answers to look up: it is a few lines of state, and it
// follows the core's rules as docs/IPC.md states them (src/shift.rs, src/staff.rs):
// - no profiles (the default): nothing is gated and nobody is recorded;
// - with profiles, scanning always works; the gated commands fail with `desk_locked` until
//   someone signs in (and after a lock or the idle minutes), admin work with
//   `admin_required` until an admin signed in or gave their PIN (until a lock, a sign-in or
//   `end_admin`);
// - every PIN check (sign-in, admin PIN, override approval) counts towards one lockout: a
//   wrong PIN is `unauthorized`, five in a row `rate_limited` for a minute;
// - the first profile must be an admin's (who is then on shift), names and PINs are unique,
//   the last admin stays an admin while other profiles exist, removing the last profile opens
//   the desk again; a removed profile that was on shift locks the desk.
// `useStaff()` (a control on window.__frontDeskMock) installs the canned staff of STAFF with
// nobody signed in; `idle()` plays the idle minutes passing.

import type { IpcErrorData, ShiftView, StaffMember, StaffRole } from '../types';
import { CommandError } from './desk';
import { iso } from './fixtures';

/** Commands that need someone on shift and the desk unlocked (`desk_locked`). */
export const SHIFT_GATED = [
  'check_in_member', 'search_members', 'member_notes', 'add_desk_note', 'clear_desk_note', 'outbox_items',
  'retry_parked', 'dismiss_parked', 'report_html', 'export_report', 'kiosk_refusals', 'enter_kiosk',
] as const;

/** Admin work: that, and an admin's PIN since the last lock or sign-in (`admin_required`). */
export const ADMIN_GATED = ['save_settings', 'set_kiosk_pin', 'add_staff', 'update_staff', 'remove_staff'] as const;

/** Wrong PINs in a row before the one-minute lockout (src/pin.rs). */
export const STAFF_PIN_TRIES = 5;

/** The canned staff of `useStaff()`: an admin, a supervisor and a receptionist, and their PINs. */
export const STAFF: { name: string; role: StaffRole; pin: string }[] = [
  { name: 'Zoe Ruiz', role: 'admin', pin: '1111' },
  { name: 'Luis Gómez', role: 'supervisor', pin: '2222' },
  { name: 'Ana Pérez', role: 'reception', pin: '3333' },
];

/** The core's errors of the staff rules (src/staff.rs `StaffError`, src/shift.rs `Refusal`). */
export const STAFF_ERRORS = {
  locked: { code: 'desk_locked', message: 'the desk is locked: sign in with your staff PIN' } satisfies IpcErrorData,
  adminNeeded: { code: 'admin_required', message: "this needs an admin's PIN" } satisfies IpcErrorData,
  approvalNeeded: {
    code: 'approval_required', message: 'an override needs the PIN of a supervisor or an admin',
  } satisfies IpcErrorData,
  wrongPin: (left: number): IpcErrorData => ({
    code: 'unauthorized', message: `wrong PIN (${left} tries left before a one-minute lock)`,
  }),
  pinLocked: (until: number): IpcErrorData => ({ code: 'rate_limited', message: `too many wrong PINs: try again after ${iso(until)}` }),
  noSuchStaff: (id: number): IpcErrorData => ({ code: 'not_found', message: `no staff member ${id}` }),
  rule: (message: string): IpcErrorData => ({ code: 'invalid_argument', message }),
};

interface Profile extends StaffMember {
  pin: string;
}

const fail = (e: IpcErrorData): never => {
  throw new CommandError(e);
};

export class MockStaff {
  private profiles: Profile[] = [];
  private seq = 0;
  private on: StaffMember | null = null;
  private locked = false;
  private admin = false;
  private lastActive = 0;
  private tries = 0;
  private lockedUntil = 0;

  /** `idleMinutes` reads the desk's idle lock setting (0: never). */
  constructor(
    private readonly idleMinutes: () => number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private get any(): boolean {
    return this.profiles.length > 0;
  }

  /** Locks the desk once the idle minutes passed since the last staff activity. */
  private expire(): void {
    const minutes = this.idleMinutes();
    if (minutes > 0 && this.on && this.now() - this.lastActive >= minutes * 60_000) this.lockNow();
  }

  private lockNow(): void {
    this.locked = true;
    this.admin = false;
  }

  private member(p: Profile): StaffMember {
    return { id: p.id, name: p.name, role: p.role, created_at: p.created_at };
  }

  /** `shift_status` (an idle desk shows as locked). */
  view(): ShiftView {
    this.expire();
    const profiles = this.any;
    return {
      profiles,
      staff: profiles && this.on ? structuredClone(this.on) : null,
      locked: profiles && (this.locked || this.on === null),
      admin: !profiles || (this.admin && !this.locked && this.on !== null),
      idle_lock_minutes: this.idleMinutes(),
    };
  }

  /** Refuses a gated command the shift does not allow; returns who to record with it (null
   * without profiles, or for a command that is not gated). Allowed work counts as activity. */
  gate(cmd: string): string | null {
    const admin = (ADMIN_GATED as readonly string[]).includes(cmd);
    if (!admin && !(SHIFT_GATED as readonly string[]).includes(cmd)) return null;
    if (!this.any) return null;
    this.expire();
    if (!this.on || this.locked) fail(STAFF_ERRORS.locked);
    if (admin && !this.admin) fail(STAFF_ERRORS.adminNeeded);
    this.lastActive = this.now();
    return this.on!.name;
  }

  /** One PIN check behind the shared lockout: `found` or `unauthorized` / `rate_limited`. */
  private guarded<T>(found: T | undefined): T {
    const now = this.now();
    if (now < this.lockedUntil) fail(STAFF_ERRORS.pinLocked(this.lockedUntil));
    if (found === undefined) {
      this.tries++;
      if (this.tries >= STAFF_PIN_TRIES) {
        this.tries = 0;
        this.lockedUntil = now + 60_000;
        fail(STAFF_ERRORS.pinLocked(this.lockedUntil));
      }
      fail(STAFF_ERRORS.wrongPin(STAFF_PIN_TRIES - this.tries));
    }
    this.tries = 0;
    return found as T;
  }

  list(): StaffMember[] {
    return this.profiles.map((p) => this.member(p));
  }

  signIn(staffId: number, pin: string): ShiftView {
    const p = this.profiles.find((x) => x.id === staffId) ?? fail(STAFF_ERRORS.noSuchStaff(staffId));
    const who = this.guarded(p.pin === pin ? p : undefined);
    this.on = this.member(who);
    this.locked = false;
    this.admin = who.role === 'admin';
    this.lastActive = this.now();
    return this.view();
  }

  lock(): ShiftView {
    this.lockNow();
    return this.view();
  }

  activity(): ShiftView {
    this.expire();
    if (!this.locked && this.on) this.lastActive = this.now();
    return this.view();
  }

  adminPin(pin: string): ShiftView {
    if (this.any) {
      this.expire();
      if (!this.on || this.locked) fail(STAFF_ERRORS.locked);
    }
    this.guarded(this.profiles.find((p) => p.role === 'admin' && p.pin === pin));
    this.admin = true;
    this.lastActive = this.now();
    return this.view();
  }

  endAdmin(): ShiftView {
    this.admin = false;
    return this.view();
  }

  /** Who approves an override with `pin` (a supervisor or an admin); null without profiles. */
  approve(pin: string | null): string | null {
    if (!this.any) return null;
    if (!pin) fail(STAFF_ERRORS.approvalNeeded);
    return this.guarded(this.profiles.find((p) => p.role !== 'reception' && p.pin === pin)).name;
  }

  private cleanName(name: string, except: number | null): string {
    const clean = name.split(/\s+/).filter(Boolean).join(' ');
    const n = [...clean].length;
    if (n === 0) fail(STAFF_ERRORS.rule('a staff member needs a name'));
    if (n > 60) fail(STAFF_ERRORS.rule(`a name is at most 60 characters (${n} given)`));
    if (this.profiles.some((p) => p.id !== except && p.name.toLowerCase() === clean.toLowerCase()))
      fail(STAFF_ERRORS.rule(`there is already a staff member called ${clean}`));
    return clean;
  }

  private checkPin(pin: string, except: number | null): void {
    if (!/^\d{4,6}$/.test(pin)) fail(STAFF_ERRORS.rule('a PIN is 4 to 6 digits'));
    if (this.profiles.some((p) => p.id !== except && p.pin === pin))
      fail(STAFF_ERRORS.rule('another staff member has that PIN: choose another'));
  }

  private sorted(): void {
    this.profiles.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id - b.id);
  }

  addStaff(name: string, role: StaffRole, pin: string): StaffMember {
    const first = !this.any;
    if (first && role !== 'admin')
      fail(STAFF_ERRORS.rule("the first staff profile must be an admin's: the admin manages the others"));
    this.checkPin(pin, null);
    const clean = this.cleanName(name, null);
    const p: Profile = { id: ++this.seq, name: clean, role, created_at: iso(this.now()), pin };
    this.profiles.push(p);
    this.sorted();
    if (first) {
      this.on = this.member(p);
      this.locked = false;
      this.admin = true;
      this.lastActive = this.now();
    }
    return this.member(p);
  }

  updateStaff(staffId: number, role: StaffRole, pin: string | null): StaffMember {
    const p = this.profiles.find((x) => x.id === staffId) ?? fail(STAFF_ERRORS.noSuchStaff(staffId));
    const admins = this.profiles.filter((x) => x.role === 'admin').length;
    if (p.role === 'admin' && role !== 'admin' && admins <= 1) fail(STAFF_ERRORS.rule('the desk needs at least one admin'));
    if (pin) {
      this.checkPin(pin, staffId);
      p.pin = pin;
    }
    p.role = role;
    if (this.on?.id === staffId) this.on = this.member(p);
    return this.member(p);
  }

  removeStaff(staffId: number): null {
    const p = this.profiles.find((x) => x.id === staffId) ?? fail(STAFF_ERRORS.noSuchStaff(staffId));
    const admins = this.profiles.filter((x) => x.role === 'admin').length;
    if (p.role === 'admin' && admins <= 1 && this.profiles.length > 1)
      fail(STAFF_ERRORS.rule('the desk needs at least one admin while it has staff profiles'));
    this.profiles = this.profiles.filter((x) => x.id !== staffId);
    if (this.on?.id === staffId) {
      this.on = null;
      this.lockNow();
    }
    return null;
  }

  // ---- test controls -------------------------------------------------------------------

  /** The canned staff (STAFF), nobody signed in: the desk starts locked. */
  useStaff(): StaffMember[] {
    const at = iso(this.now());
    this.profiles = STAFF.map((s, i) => ({ id: i + 1, name: s.name, role: s.role, pin: s.pin, created_at: at }));
    this.seq = STAFF.length;
    this.sorted();
    this.on = null;
    this.locked = false;
    this.admin = false;
    this.tries = 0;
    this.lockedUntil = 0;
    return this.list();
  }

  /** The idle minutes pass: the desk locks, as the core's idle lock does. */
  idle(): ShiftView {
    this.lockNow();
    return this.view();
  }
}
