// Why this file exists: Settings' kiosk section (issue 15): the kiosk PIN (typed twice, 4-6
// digits, stored by the core only as a hash), the button that starts self check-in kiosk mode
// (it needs a PIN), and the latest refusals at the kiosk with their reasons, so staff can
// follow up with whoever was sent to reception. Its own form: Enter in a PIN field saves the
// PIN, not the settings. The settings screen lays it out and redraws it with the rest.

import type { Host } from '../host';
import * as api from '../backend';
import { h } from '../dom';
import { fmtDate, fmtTime, isoDay } from '../format';
import { getLang, outcomeText, t } from '../i18n';
import { ALERT_KINDS, type AlertKind, type KioskRefusal } from '../types';

/** A kiosk PIN the core takes: 4 to 6 digits. */
export const KIOSK_PIN = /^\d{4,6}$/;

/** How many kiosk refusals the section lists. */
export const KIOSK_REFUSALS_SHOWN = 20;

/** An alert code of a kiosk refusal, in words (the code itself for one this UI does not know). */
function alertName(code: string): string {
  return (ALERT_KINDS as readonly string[]).includes(code) ? t(`settings.alert.${code as AlertKind}`) : code;
}

/** What the kiosk section needs from the app, and the settings screen's redraw. */
export type KioskSectionHost = Pick<Host, 'status' | 'tz' | 'startKiosk'> & { redraw(): void };

export class KioskSection {
  /** The kiosk section: the two PIN fields, whether a PIN is set, its messages, the refusals. */
  private pinA = '';
  private pinB = '';
  private pinSet: boolean | null = null;
  private pinMessage = '';
  private pinError = '';
  private kioskMessage = '';
  private kioskBusy = false;
  private refusals: KioskRefusal[] | null = null;
  private refusalsError = '';

  constructor(private readonly host: KioskSectionHost) {}

  /** Reads the refusals again (each time Settings opens, and on Refresh). */
  async load() {
    try {
      this.refusals = await api.kioskRefusals(KIOSK_REFUSALS_SHOWN);
      this.refusalsError = '';
    } catch (e) {
      this.refusals = null;
      this.refusalsError = t('common.error', { message: (e as Error).message });
    }
    this.host.redraw();
  }

  /** Whether a kiosk PIN is set: what window_ready said, until this screen set one. */
  private kioskPinSet(): boolean {
    return this.pinSet ?? this.host.status()?.kiosk_pin_set ?? false;
  }

  private async saveKioskPin() {
    if (this.kioskBusy) return;
    this.pinMessage = '';
    if (!KIOSK_PIN.test(this.pinA)) this.pinError = t('settings.kioskPinInvalid');
    else if (this.pinA !== this.pinB) this.pinError = t('settings.kioskPinMismatch');
    else this.pinError = '';
    if (this.pinError) {
      this.host.redraw();
      document.getElementById(KIOSK_PIN.test(this.pinA) ? 'set-kiosk-pin2' : 'set-kiosk-pin')?.focus();
      return;
    }
    this.kioskBusy = true;
    try {
      await api.setKioskPin(this.pinA);
      this.pinSet = true;
      this.pinA = '';
      this.pinB = '';
      this.pinMessage = t('settings.kioskPinSaved');
      this.kioskMessage = '';
    } catch (e) {
      const err = api.toIpcError(e);
      this.pinError = err.code === 'invalid_argument' ? t('settings.kioskPinInvalid') : t('common.error', { message: err.message });
    } finally {
      this.kioskBusy = false;
      this.host.redraw();
    }
  }

  private async startKiosk() {
    if (this.kioskBusy || !this.kioskPinSet()) return;
    this.kioskBusy = true;
    this.kioskMessage = '';
    try {
      await api.enterKiosk();
    } catch (e) {
      const err = api.toIpcError(e);
      if (err.code === 'config') this.pinSet = false;
      this.kioskMessage = err.code === 'config' ? t('settings.kioskNoPin') : t('common.error', { message: err.message });
      this.kioskBusy = false;
      this.host.redraw();
      return;
    }
    this.kioskBusy = false;
    this.host.startKiosk();
  }

  /** The kiosk section: its own form (Enter in a PIN field saves the PIN, not the settings). */
  render(): HTMLElement {
    const pinSet = this.kioskPinSet();
    const tz = this.host.tz();
    const lang = getLang();
    const today = isoDay(new Date(), tz);
    const pinField = (id: string, text: string, value: string, set: (v: string) => void) => [
      h('label', { for: id, class: 'label' }, text),
      h('input', {
        id,
        class: 'input input--short',
        type: 'password',
        inputmode: 'numeric',
        autocomplete: 'new-password',
        maxlength: '6',
        value,
        'aria-invalid': this.pinError ? 'true' : null,
        'aria-describedby': this.pinError ? 'set-kiosk-pin-err' : null,
        oninput: (e: Event) => set((e.target as HTMLInputElement).value.trim()),
      }),
    ];
    const refusals = this.refusals;
    return h(
      'form',
      {
        class: 'panel settings__kiosk',
        id: 'set-kiosk',
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          void this.saveKioskPin();
        },
      },
      h('h2', { class: 'panel__title' }, t('settings.kioskSection')),
      h('p', { class: 'muted' }, t('settings.kioskHelp')),
      pinField('set-kiosk-pin', t('settings.kioskPin'), this.pinA, (v) => (this.pinA = v)),
      pinField('set-kiosk-pin2', t('settings.kioskPin2'), this.pinB, (v) => (this.pinB = v)),
      this.pinError ? h('p', { class: 'error', id: 'set-kiosk-pin-err', role: 'alert' }, this.pinError) : null,
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'submit', id: 'set-kiosk-pin-save', class: 'btn', disabled: this.kioskBusy }, t('settings.kioskPinSave')),
        h(
          'p',
          { class: 'settings__msg', id: 'set-kiosk-pin-msg', role: 'status' },
          this.pinMessage || (pinSet ? t('settings.kioskPinSet') : ''),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          id: 'set-kiosk-start',
          class: 'btn btn--primary',
          disabled: !pinSet || this.kioskBusy,
          'aria-describedby': 'set-kiosk-start-help',
          onclick: () => void this.startKiosk(),
        },
        t('settings.kioskStart'),
      ),
      h(
        'p',
        { id: 'set-kiosk-start-help', class: this.kioskMessage ? 'error' : 'muted', role: this.kioskMessage ? 'alert' : null },
        this.kioskMessage || (pinSet ? '' : t('settings.kioskNeedsPin')),
      ),
      h(
        'div',
        { class: 'row' },
        h('h3', { class: 'label' }, t('settings.kioskRefusals')),
        h('button', { type: 'button', id: 'set-kiosk-refresh', class: 'btn btn--ghost', onclick: () => void this.load() }, t('settings.kioskRefresh')),
      ),
      this.refusalsError
        ? h('p', { class: 'error' }, this.refusalsError)
        : refusals === null
          ? h('p', { class: 'muted' }, t('app.loading'))
          : refusals.length === 0
            ? h('p', { class: 'muted', id: 'set-kiosk-no-refusals' }, t('settings.kioskNoRefusals'))
            : h(
                'ol',
                { class: 'kiosk-refusals', id: 'set-kiosk-refusals' },
                refusals.map((r) =>
                  h(
                    'li',
                    { class: 'kiosk-refusal', 'data-id': String(r.id), 'data-code': r.code },
                    h(
                      'span',
                      { class: 'kiosk-refusal__time' },
                      isoDay(new Date(r.at), tz) === today
                        ? fmtTime(r.at, tz, lang)
                        : `${fmtDate(r.at, tz, lang)} ${fmtTime(r.at, tz, lang)}`,
                    ),
                    h('span', { class: 'kiosk-refusal__name' }, r.member_name ?? t('settings.kioskUnknown')),
                    h(
                      'span',
                      { class: 'kiosk-refusal__why' },
                      [outcomeText(r.code), ...r.alerts.map(alertName)].join(' · '),
                    ),
                  ),
                ),
              ),
    );
  }
}
