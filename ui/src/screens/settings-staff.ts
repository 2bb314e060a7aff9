// Why this file exists: the Staff section of Settings (issue 15). The gym's admin manages the
// staff profiles here (name, role, a 4-6 digit PIN typed twice): add, change the role, set a
// new PIN, remove (after a confirmation). Without profiles it explains that the desk then asks
// no PIN and records nobody, and that the first profile must be an admin's (adding it signs
// that admin in). Next to it, the idle lock: the minutes without staff activity after which
// the desk locks (0 = never), saved on its own. The core keeps every rule (unique names and
// PINs, the last admin); a refusal is shown by its code, with the core's words for which rule.

import type { Host } from '../host';
import * as api from '../backend';
import { h, swap } from '../dom';
import { label, t } from '../i18n';
import { failureText, STAFF_PIN } from '../shift';
import { STAFF_PIN_MAX } from '../staff-dialogs';
import { STAFF_ROLES, type StaffMember, type StaffRole } from '../types';

/** The core's bound of the idle lock (src/desk_settings.rs `IDLE_LOCK_MAX_MINUTES`). */
export const IDLE_LOCK_MAX_MINUTES = 480;

/** What the staff section needs from the app (and from the settings screen around it). */
export type StaffSectionHost = Pick<Host, 'shift' | 'shiftChanged' | 'settings' | 'applySettings'> & {
  /** The idle lock was saved: the settings screen's draft takes the new minutes. */
  idleSaved(minutes: number): void;
};

/** Checks a PIN typed twice: the error's text, or '' when it can be sent. */
export function pinPairError(a: string, b: string): string {
  if (!STAFF_PIN.test(a)) return t('settings.staffPinInvalid');
  if (a !== b) return t('settings.staffPinMismatch');
  return '';
}

/** A staff command's refusal in words: a broken rule with the core's words for which one. */
function staffErrorText(e: unknown): string {
  const err = api.toIpcError(e);
  if (err.code === 'invalid_argument') return t('settings.staffRefused', { message: err.message });
  return failureText(err);
}

export class StaffSection {
  private readonly root: HTMLElement;
  private staff: StaffMember[] | null = null;
  private loadFailed = false;
  private busy = false;
  /** The add form. `role` null: the default (admin for the first profile, else reception). */
  private name = '';
  private role: StaffRole | null = null;
  private pinA = '';
  private pinB = '';
  private addError = '';
  /** What the last change did, or why it failed (for a row). */
  private message = '';
  private rowError = '';
  /** The row whose new-PIN form is open, and what was typed in it. */
  private pinFor: number | null = null;
  private newPinA = '';
  private newPinB = '';
  /** The row asking to confirm its removal. */
  private removing: number | null = null;
  /** The idle lock's field (null: as saved) and its messages. */
  private idle: string | null = null;
  private idleError = '';
  private idleMessage = '';

  constructor(private readonly host: StaffSectionHost) {
    this.root = h('section', { class: 'panel settings__staff', id: 'set-staff', 'aria-labelledby': 'set-staff-title' });
  }

  /** The section; the settings screen puts it in its layout (the same element each time). */
  get element(): HTMLElement {
    return this.root;
  }

  /** Reads the profiles again (each time Settings opens, and after each change). */
  async load(): Promise<void> {
    try {
      this.staff = await api.listStaff();
      this.loadFailed = false;
    } catch {
      this.loadFailed = true;
    }
    this.draw();
  }

  /** The shift after a change: a first profile signs its admin in, the last one opens the desk. */
  private async shiftAgain(): Promise<void> {
    try {
      this.host.shiftChanged(await api.shiftStatus());
    } catch {
      /* the header keeps the shift it had */
    }
  }

  private async run(f: () => Promise<string>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.message = '';
    this.rowError = '';
    let ok = true;
    try {
      this.message = await f();
    } catch (e) {
      this.rowError = staffErrorText(e);
      ok = false;
    } finally {
      this.busy = false;
    }
    await this.load();
    await this.shiftAgain();
    return ok;
  }

  private defaultRole(): StaffRole {
    return this.staff && this.staff.length > 0 ? 'reception' : 'admin';
  }

  private async add(): Promise<void> {
    const name = this.name.trim();
    const role = this.role ?? this.defaultRole();
    const first = !this.staff || this.staff.length === 0;
    this.addError = !name
      ? t('settings.staffNameRequired')
      : first && role !== 'admin'
        ? t('settings.staffFirstAdmin')
        : pinPairError(this.pinA, this.pinB);
    if (this.addError) {
      this.draw();
      const field = !name ? 'set-staff-name' : first && role !== 'admin' ? 'set-staff-role' : STAFF_PIN.test(this.pinA) ? 'set-staff-pin2' : 'set-staff-pin';
      document.getElementById(field)?.focus();
      return;
    }
    if (this.busy) return;
    this.busy = true;
    this.message = '';
    this.rowError = '';
    try {
      const added = await api.addStaff(name, role, this.pinA);
      this.message = t('settings.staffAdded', { name: added.name });
      this.name = '';
      this.role = null;
      this.pinA = '';
      this.pinB = '';
    } catch (e) {
      this.addError = staffErrorText(e);
    } finally {
      this.busy = false;
    }
    await this.load();
    await this.shiftAgain();
    document.getElementById('set-staff-name')?.focus();
  }

  private async changeRole(s: StaffMember, role: StaffRole): Promise<void> {
    await this.run(async () => {
      await api.updateStaff(s.id, role, null);
      return t('settings.staffRoleSaved', { name: s.name });
    });
  }

  private async savePin(s: StaffMember): Promise<void> {
    const error = pinPairError(this.newPinA, this.newPinB);
    if (error) {
      this.rowError = error;
      this.message = '';
      this.draw();
      document.getElementById(`set-staff-newpin-${s.id}`)?.focus();
      return;
    }
    const ok = await this.run(async () => {
      await api.updateStaff(s.id, s.role, this.newPinA);
      return t('settings.staffPinSaved', { name: s.name });
    });
    if (ok) {
      this.pinFor = null;
      this.newPinA = '';
      this.newPinB = '';
      this.draw();
      document.getElementById(`set-staff-pin-${s.id}`)?.focus();
    }
  }

  private async remove(s: StaffMember): Promise<void> {
    const ok = await this.run(async () => {
      await api.removeStaff(s.id);
      return t('settings.staffRemoved', { name: s.name });
    });
    if (ok) {
      this.removing = null;
      this.draw();
      document.getElementById('set-staff-name')?.focus();
    }
  }

  private async saveIdle(): Promise<void> {
    const saved = this.host.settings();
    const text = (this.idle ?? String(saved?.idle_lock_minutes ?? '')).trim();
    const minutes = text === '' ? NaN : Number(text);
    this.idleMessage = '';
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > IDLE_LOCK_MAX_MINUTES) {
      this.idleError = t('settings.idleLockRange', { max: IDLE_LOCK_MAX_MINUTES });
      this.draw();
      document.getElementById('set-idle-minutes')?.focus();
      return;
    }
    if (!saved || this.busy) return;
    this.busy = true;
    this.idleError = '';
    try {
      const after = await api.saveSettings({ ...saved, idle_lock_minutes: minutes }, null);
      this.idle = null;
      this.idleMessage = t('settings.idleSaved');
      this.host.applySettings(after);
      this.host.idleSaved(after.idle_lock_minutes);
    } catch (e) {
      this.idleError = staffErrorText(e);
    } finally {
      this.busy = false;
    }
    this.draw();
    await this.shiftAgain(); // the idle lock runs with the new minutes
  }

  /** Draws the section as it is now. */
  draw(): void {
    const staff = this.staff;
    const shift = this.host.shift();
    const none = staff !== null && staff.length === 0;
    const pinInput = (id: string, value: string, set: (v: string) => void, invalid: boolean, describedBy: string | null) =>
      h('input', {
        id,
        class: 'input input--short',
        type: 'password',
        inputmode: 'numeric',
        autocomplete: 'new-password',
        maxlength: String(STAFF_PIN_MAX),
        value,
        'aria-invalid': invalid ? 'true' : null,
        'aria-describedby': describedBy,
        oninput: (e: Event) => set((e.target as HTMLInputElement).value.trim()),
      });
    const roleOptions = (chosen: StaffRole) =>
      STAFF_ROLES.map((r) => h('option', { value: r, selected: r === chosen }, label('role', r)));
    /** A select showing `chosen` (set once its options are in, whatever the DOM does with `selected`). */
    const chosen = <T extends HTMLSelectElement>(select: T, value: string): T => {
      select.value = value;
      return select;
    };

    const list =
      staff === null
        ? h('p', { class: this.loadFailed ? 'error' : 'muted' }, t(this.loadFailed ? 'settings.staffLoadFailed' : 'app.loading'))
        : none
          ? null
          : h(
              'ul',
              { class: 'staff-list', id: 'set-staff-list', 'aria-label': t('settings.staffList') },
              staff.map((s) =>
                h(
                  'li',
                  { class: 'staff-row', 'data-staff-id': String(s.id), 'data-role': s.role },
                  h(
                    'div',
                    { class: 'staff-row__main' },
                    h('span', { class: 'staff-row__name' }, s.name),
                    shift?.staff?.id === s.id && !shift.locked
                      ? h('span', { class: 'chip chip--ok staff-row__on' }, t('settings.staffOnShift'))
                      : null,
                    chosen(h(
                      'select',
                      {
                        id: `set-staff-role-${s.id}`,
                        class: 'input input--short staff-row__role',
                        'aria-label': t('settings.staffRoleOf', { name: s.name }),
                        disabled: this.busy,
                        onchange: (e: Event) => void this.changeRole(s, (e.target as HTMLSelectElement).value as StaffRole),
                      },
                      roleOptions(s.role),
                    ), s.role),
                    h(
                      'button',
                      {
                        type: 'button',
                        id: `set-staff-pin-${s.id}`,
                        class: 'btn',
                        'aria-expanded': this.pinFor === s.id ? 'true' : 'false',
                        onclick: () => {
                          this.pinFor = this.pinFor === s.id ? null : s.id;
                          this.newPinA = '';
                          this.newPinB = '';
                          this.rowError = '';
                          this.removing = null;
                          this.draw();
                          document.getElementById(`set-staff-newpin-${s.id}`)?.focus();
                        },
                      },
                      t('settings.staffNewPin'),
                    ),
                    h(
                      'button',
                      {
                        type: 'button',
                        id: `set-staff-remove-${s.id}`,
                        class: 'btn btn--ghost',
                        onclick: () => {
                          this.removing = s.id;
                          this.pinFor = null;
                          this.rowError = '';
                          this.draw();
                          document.getElementById(`set-staff-remove-yes-${s.id}`)?.focus();
                        },
                      },
                      t('settings.staffRemove'),
                    ),
                  ),
                  this.pinFor === s.id
                    ? h(
                        'form',
                        {
                          class: 'staff-row__pin',
                          novalidate: true,
                          onsubmit: (e: Event) => {
                            e.preventDefault();
                            void this.savePin(s);
                          },
                        },
                        h('label', { for: `set-staff-newpin-${s.id}`, class: 'label' }, t('settings.staffNewPinOf', { name: s.name })),
                        pinInput(`set-staff-newpin-${s.id}`, this.newPinA, (v) => (this.newPinA = v), !!this.rowError, null),
                        h('label', { for: `set-staff-newpin2-${s.id}`, class: 'label' }, t('settings.staffPin2')),
                        pinInput(`set-staff-newpin2-${s.id}`, this.newPinB, (v) => (this.newPinB = v), !!this.rowError, null),
                        h('button', { type: 'submit', id: `set-staff-newpin-save-${s.id}`, class: 'btn', disabled: this.busy }, t('settings.staffSavePin')),
                      )
                    : null,
                  this.removing === s.id
                    ? h(
                        'div',
                        { class: 'staff-row__confirm', role: 'group' },
                        h('p', { class: 'staff-row__question' }, t('settings.staffRemoveConfirm', { name: s.name })),
                        h(
                          'button',
                          { type: 'button', id: `set-staff-remove-yes-${s.id}`, class: 'btn btn--warn', disabled: this.busy, onclick: () => void this.remove(s) },
                          t('settings.staffRemoveYes'),
                        ),
                        h(
                          'button',
                          {
                            type: 'button',
                            id: `set-staff-remove-no-${s.id}`,
                            class: 'btn btn--ghost',
                            onclick: () => {
                              this.removing = null;
                              this.draw();
                              document.getElementById(`set-staff-remove-${s.id}`)?.focus();
                            },
                          },
                          t('common.cancel'),
                        ),
                      )
                    : null,
                ),
              ),
            );

    const role = this.role ?? this.defaultRole();
    const savedIdle = this.host.settings()?.idle_lock_minutes;
    swap(
      this.root,
      h('h2', { class: 'panel__title', id: 'set-staff-title' }, t('settings.staffSection')),
      h('p', { class: 'muted', id: 'set-staff-help' }, t(none ? 'settings.staffNone' : 'settings.staffHelp')),
      list,
      this.rowError ? h('p', { class: 'error', id: 'set-staff-row-error', role: 'alert' }, this.rowError) : null,
      h('p', { class: 'settings__msg', id: 'set-staff-msg', role: 'status' }, this.message),
      h(
        'form',
        {
          class: 'staff-add',
          id: 'set-staff-add',
          novalidate: true,
          onsubmit: (e: Event) => {
            e.preventDefault();
            void this.add();
          },
        },
        h('h3', { class: 'label' }, t('settings.staffAddTitle')),
        h('label', { for: 'set-staff-name', class: 'label' }, t('settings.staffName')),
        h('input', {
          id: 'set-staff-name',
          class: 'input',
          type: 'text',
          autocomplete: 'off',
          maxlength: '60',
          value: this.name,
          oninput: (e: Event) => {
            this.name = (e.target as HTMLInputElement).value;
          },
        }),
        h('label', { for: 'set-staff-role', class: 'label' }, t('settings.staffRole')),
        chosen(h(
          'select',
          {
            id: 'set-staff-role',
            class: 'input input--short',
            onchange: (e: Event) => {
              this.role = (e.target as HTMLSelectElement).value as StaffRole;
            },
          },
          roleOptions(role),
        ), role),
        h('label', { for: 'set-staff-pin', class: 'label' }, t('settings.staffPin')),
        pinInput('set-staff-pin', this.pinA, (v) => (this.pinA = v), !!this.addError, this.addError ? 'set-staff-add-error' : null),
        h('label', { for: 'set-staff-pin2', class: 'label' }, t('settings.staffPin2')),
        pinInput('set-staff-pin2', this.pinB, (v) => (this.pinB = v), !!this.addError, this.addError ? 'set-staff-add-error' : null),
        this.addError ? h('p', { class: 'error', id: 'set-staff-add-error', role: 'alert' }, this.addError) : null,
        h('button', { type: 'submit', id: 'set-staff-add-save', class: 'btn btn--primary', disabled: this.busy }, t('settings.staffAdd')),
      ),
      h(
        'form',
        {
          class: 'staff-idle',
          id: 'set-idle',
          novalidate: true,
          onsubmit: (e: Event) => {
            e.preventDefault();
            void this.saveIdle();
          },
        },
        h('label', { for: 'set-idle-minutes', class: 'label' }, t('settings.idleLock')),
        h(
          'div',
          { class: 'row' },
          h('input', {
            id: 'set-idle-minutes',
            class: 'input input--short',
            type: 'number',
            min: '0',
            max: String(IDLE_LOCK_MAX_MINUTES),
            step: '1',
            value: this.idle ?? (savedIdle === undefined ? '' : String(savedIdle)),
            'aria-describedby': this.idleError ? 'set-idle-error set-idle-help' : 'set-idle-help',
            'aria-invalid': this.idleError ? 'true' : null,
            oninput: (e: Event) => {
              this.idle = (e.target as HTMLInputElement).value;
            },
          }),
          h('button', { type: 'submit', id: 'set-idle-save', class: 'btn', disabled: this.busy }, t('settings.idleSave')),
          h('p', { class: 'settings__msg', id: 'set-idle-msg', role: 'status' }, this.idleMessage),
        ),
        h('p', { class: 'muted', id: 'set-idle-help' }, t('settings.idleLockHelp')),
        this.idleError ? h('p', { class: 'error', id: 'set-idle-error', role: 'alert' }, this.idleError) : null,
      ),
    );
  }
}
