// Why this file exists: the two PIN prompts of staff profiles (issue 15). The sign-in dialog
// (F7, the staff pill, or anything staff try while the desk is locked) lists the staff numbered
// 1-9: "two keystrokes plus the PIN" is F7, the person's digit (which picks them and moves to
// the PIN field), the PIN and Enter. The admin PIN dialog asks an admin's PIN before Settings
// (or admin work the core refused with `admin_required`). Each is a modal <dialog>; Esc closes
// it. A wrong PIN, the one-minute lockout and the rest are said by the error's code, never by
// the core's message.

import * as api from './backend';
import { h, swap } from './dom';
import { label, t } from './i18n';
import { pinErrorText, STAFF_PIN, type PinUse } from './shift';
import type { ShiftView, StaffMember } from './types';

/** The longest PIN the core takes. */
export const STAFF_PIN_MAX = 6;

/** Staff the digits 1-9 pick (more are listed, and clickable, without a digit). */
export const DIGIT_PICKS = 9;

type Kind = 'signIn' | 'admin';

export class StaffDialogs {
  private dialog: HTMLDialogElement | null = null;
  private kind: Kind | null = null;
  private done: ((v: ShiftView) => void) | null = null;
  private returnFocus: HTMLElement | null = null;
  // The sign-in dialog's state.
  private staff: StaffMember[] | null = null;
  private listError = false;
  private picked: StaffMember | null = null;
  private error = '';
  private errorCode = '';
  private busy = false;
  private body: HTMLElement | null = null;

  /** `shift` reads the shift now (who locked the desk, for the help line). */
  constructor(private readonly shift: () => ShiftView | null) {}

  get isOpen(): boolean {
    return this.dialog !== null;
  }

  /** Which prompt is open, if any. */
  get open(): Kind | null {
    return this.kind;
  }

  /** Opens the sign-in dialog (once; a second call only keeps the newest `done`). */
  signIn(done: (v: ShiftView) => void): void {
    if (this.kind === 'signIn') {
      this.done = done;
      return;
    }
    this.show('signIn', done);
    this.staff = null;
    this.listError = false;
    this.picked = null;
    this.draw();
    void this.loadStaff();
  }

  /** Opens the admin PIN prompt. */
  adminPin(done: (v: ShiftView) => void): void {
    if (this.kind === 'admin') {
      this.done = done;
      return;
    }
    this.show('admin', done);
    this.draw();
    this.pinInput()?.focus();
  }

  close(): void {
    const d = this.dialog;
    if (!d) return;
    this.dialog = null;
    this.kind = null;
    this.done = null;
    this.body = null;
    if (d.open && typeof d.close === 'function') d.close();
    d.remove();
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus();
  }

  private show(kind: Kind, done: (v: ShiftView) => void): void {
    this.close();
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.kind = kind;
    this.done = done;
    this.error = '';
    this.errorCode = '';
    this.busy = false;
    const id = kind === 'signIn' ? 'signin' : 'admin-pin';
    this.body = h('div', { class: 'pin-dialog__body' });
    const d = h(
      'dialog',
      {
        id,
        class: 'pin-dialog',
        'aria-labelledby': `${id}-title`,
        'aria-describedby': `${id}-help`,
        onkeydown: (e: KeyboardEvent) => this.onKey(e),
        oncancel: (e: Event) => {
          e.preventDefault();
          this.close();
        },
      },
      this.body,
    );
    this.dialog = d;
    document.body.append(d);
    if (typeof d.showModal === 'function') d.showModal();
    else d.setAttribute('open', '');
  }

  private pinInput(): HTMLInputElement | null {
    return this.dialog?.querySelector<HTMLInputElement>('.pin-dialog__input') ?? null;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close();
      return;
    }
    if (this.kind !== 'signIn' || e.ctrlKey || e.altKey || e.metaKey) return;
    // A digit picks that person, unless it is typed into the PIN field.
    if (/^[1-9]$/.test(e.key) && e.target !== this.pinInput()) {
      const who = this.staff?.[Number(e.key) - 1];
      if (!who) return;
      e.preventDefault();
      this.pick(who);
    }
  }

  private async loadStaff(): Promise<void> {
    try {
      this.staff = await api.listStaff();
      this.listError = false;
    } catch {
      this.staff = [];
      this.listError = true;
    }
    if (this.kind !== 'signIn') return;
    this.draw();
    this.dialog?.querySelector<HTMLElement>('.staff-pick__btn')?.focus();
  }

  private pick(who: StaffMember): void {
    this.picked = who;
    this.error = '';
    this.errorCode = '';
    this.draw();
    this.pinInput()?.focus();
  }

  private async submit(): Promise<void> {
    const input = this.pinInput();
    if (!input || this.busy || !this.kind) return;
    const pin = input.value.trim();
    if (this.kind === 'signIn' && !this.picked) {
      this.fail(t('staff.pickFirst'), '');
      return;
    }
    if (!STAFF_PIN.test(pin)) {
      this.fail(t('staff.pinShort'), '');
      return;
    }
    this.busy = true;
    const use: PinUse = this.kind;
    const asked = this.dialog;
    let view: ShiftView;
    try {
      view = this.kind === 'signIn' ? await api.staffSignIn(this.picked!.id, pin) : await api.adminPin(pin);
    } catch (e) {
      this.busy = false;
      // The app may have put another prompt up meanwhile (a `desk_locked` opens the sign-in).
      if (this.dialog !== asked) return;
      const code = api.toIpcError(e).code;
      if (code === 'desk_locked') {
        this.close(); // the app opens the sign-in dialog for it
        return;
      }
      if (code === 'not_found') {
        this.picked = null;
        void this.loadStaff();
      }
      this.fail(pinErrorText(code, use), code);
      return;
    }
    this.busy = false;
    if (this.dialog !== asked) return;
    const done = this.done;
    this.close();
    done?.(view);
  }

  private fail(text: string, code: string): void {
    this.error = text;
    this.errorCode = code;
    this.draw();
    const input = this.pinInput();
    if (input) {
      input.value = '';
      if (this.kind === 'admin' || this.picked) input.focus();
    }
  }

  private draw(): void {
    if (!this.body || !this.kind) return;
    const signIn = this.kind === 'signIn';
    const id = signIn ? 'signin' : 'admin-pin';
    const shift = this.shift();
    const typed = this.pinInput()?.value ?? '';
    const pin = h('input', {
      id: `${id}-pin`,
      class: 'input pin-dialog__input',
      type: 'password',
      inputmode: 'numeric',
      autocomplete: 'off',
      maxlength: String(STAFF_PIN_MAX),
      value: typed,
      'aria-invalid': this.error ? 'true' : null,
      'aria-describedby': `${id}-error`,
      oninput: (e: Event) => {
        const el = e.target as HTMLInputElement;
        const digits = el.value.replace(/\D/g, '').slice(0, STAFF_PIN_MAX);
        if (digits !== el.value) el.value = digits;
      },
    });
    swap(
      this.body,
      h(
        'form',
        {
          class: 'pin-dialog__box',
          novalidate: true,
          onsubmit: (e: Event) => {
            e.preventDefault();
            void this.submit();
          },
        },
        h('h2', { id: `${id}-title`, class: 'pin-dialog__title' }, t(signIn ? 'staff.signInTitle' : 'staff.adminTitle')),
        h(
          'p',
          { id: `${id}-help`, class: 'muted' },
          signIn ? [shift?.locked ? t('staff.lockedHelp') : null, ' ', t('staff.signInHelp')] : t('staff.adminHelp'),
        ),
        signIn ? this.staffList() : null,
        h(
          'label',
          { for: `${id}-pin`, class: 'label' },
          signIn ? (this.picked ? t('staff.pinFor', { name: this.picked.name }) : t('staff.pin')) : t('staff.adminPin'),
        ),
        pin,
        h(
          'p',
          { id: `${id}-error`, class: 'pin-dialog__error', role: 'alert', 'data-code': this.errorCode || null },
          this.error,
        ),
        h(
          'div',
          { class: 'row' },
          h(
            'button',
            { type: 'submit', id: `${id}-ok`, class: 'btn btn--primary' },
            t(signIn ? 'staff.signIn' : 'staff.adminOk'),
          ),
          h('button', { type: 'button', id: `${id}-cancel`, class: 'btn btn--ghost', onclick: () => this.close() }, t('common.cancel')),
        ),
      ),
    );
  }

  private staffList(): HTMLElement {
    if (this.staff === null) return h('p', { class: 'muted' }, t('app.loading'));
    if (this.listError) return h('p', { class: 'error' }, t('staff.listFailed'));
    if (this.staff.length === 0) return h('p', { class: 'empty' }, t('staff.noProfiles'));
    return h(
      'ol',
      { class: 'staff-pick', 'aria-label': t('staff.who') },
      this.staff.map((s, i) =>
        h(
          'li',
          null,
          h(
            'button',
            {
              type: 'button',
              id: `signin-staff-${s.id}`,
              class: `staff-pick__btn${this.picked?.id === s.id ? ' is-selected' : ''}`,
              'data-staff-id': String(s.id),
              'aria-pressed': this.picked?.id === s.id ? 'true' : 'false',
              'aria-keyshortcuts': i < DIGIT_PICKS ? String(i + 1) : null,
              onclick: () => this.pick(s),
            },
            h('kbd', { class: 'staff-pick__key', 'aria-hidden': 'true' }, i < DIGIT_PICKS ? String(i + 1) : ''),
            h('span', { class: 'staff-pick__name' }, s.name),
            h('span', { class: 'staff-pick__role muted' }, label('role', s.role)),
          ),
        ),
      ),
    );
  }
}
