// Why this file exists: staff set up the desk here: the camera (device, resolution, mirroring),
// the central server (URL, gym, token kept in the OS keyring), the language, sound, the re-scan
// window, and the gym's alert catalogue: for each alert (an inactive membership, a birthday, a
// desk note...) whether the desk allows, warns or blocks, with the alerts' day and hour limits.
// A language change is saved and applied at once; the rest is saved with the Save button.
// The kiosk section (issue 15: settings-kiosk.ts) sets the kiosk PIN, starts kiosk mode, and
// lists whom the kiosk turned away and why, so staff can follow up. The staff profiles and the idle lock (also issue
// 15) are a section of their own (settings-staff.ts); on a desk with profiles the app asks for
// an admin's PIN before this screen opens.

import type { Host, Screen } from '../host';
import * as api from '../backend';
import { copyText } from '../clipboard';
import { KioskSection } from './settings-kiosk';
import { StaffSection } from './settings-staff';
import { h, swap } from '../dom';
import { cameraErrorText, connectErrorText, LANG_NAMES, t, type Key } from '../i18n';
import { ALERT_ACTIONS, ALERT_KINDS, type AlertAction, type AlertKind, type CameraInfo, type Lang, type Settings, type TokenHeld } from '../types';

/** Where the token is, as the help line under the token field says it (class, text). */
const TOKEN_HELP: Record<TokenHeld, [string, Key]> = {
  keyring: ['muted token-stored', 'settings.tokenStored'],
  environment: ['muted token-stored', 'settings.tokenEnv'],
  none: ['muted', 'settings.tokenNone'],
  keyring_unavailable: ['token-missing', 'settings.keyringUnavailable'],
};

export const RESOLUTIONS: [number, number][] = [
  [640, 480],
  [1280, 720],
  [1920, 1080],
];

type Field = 'api' | 'gym' | 'rescan' | 'inside' | 'alert-expiring-days' | 'alert-new-member-days' | 'alert-stale-hours';

/** The core's bounds of the alerts' numbers (src/domain/alerts.rs `AlertPolicy::validate`). */
export const ALERT_LIMITS = {
  expiringMaxDays: 60,
  newMemberMaxDays: 90,
  staleMinHours: 1,
  staleMaxHours: 24 * 14,
} as const;

const inRange = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

/** Checks the draft; returns the fields in error (empty when it can be saved). */
export function validateSettings(s: Settings): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (s.api_url && !/^https?:\/\/\S+$/i.test(s.api_url)) errors.api = t('settings.invalidUrl');
  if (s.gym_id !== null && (!Number.isInteger(s.gym_id) || s.gym_id < 1)) errors.gym = t('settings.invalidNumber');
  // The same limits as the core's DeskSettings::validate.
  if (!Number.isInteger(s.rescan_window_secs) || s.rescan_window_secs < 1 || s.rescan_window_secs > 120)
    errors.rescan = t('settings.rescanRange');
  const inside = s.already_inside_minutes;
  if (!Number.isInteger(inside) || inside < 0 || inside > ALREADY_INSIDE_MAX_MINUTES)
    errors.inside = t('settings.alreadyInsideRange', { max: ALREADY_INSIDE_MAX_MINUTES });
  const a = s.alerts;
  if (!inRange(a.expiring_within_days, 0, ALERT_LIMITS.expiringMaxDays))
    errors['alert-expiring-days'] = t('settings.expiringRange', { max: ALERT_LIMITS.expiringMaxDays });
  if (!inRange(a.new_member_days, 0, ALERT_LIMITS.newMemberMaxDays))
    errors['alert-new-member-days'] = t('settings.newMemberRange', { max: ALERT_LIMITS.newMemberMaxDays });
  if (!inRange(a.stale_after_hours, ALERT_LIMITS.staleMinHours, ALERT_LIMITS.staleMaxHours))
    errors['alert-stale-hours'] = t('settings.staleRange', { min: ALERT_LIMITS.staleMinHours, max: ALERT_LIMITS.staleMaxHours });
  return errors;
}

/** The core's rules::ALREADY_INSIDE_MAX_MINUTES. */
export const ALREADY_INSIDE_MAX_MINUTES = 240;

/** What the settings screen needs from the app. */
export { KIOSK_PIN, KIOSK_REFUSALS_SHOWN } from './settings-kiosk';

export type SettingsHost = Pick<
  Host,
  'status' | 'settings' | 'cameraError' | 'applySettings' | 'toast' | 'tz' | 'startKiosk' | 'shift' | 'shiftChanged'
>;

export class SettingsScreen implements Screen {
  private draft: Settings | null = null;
  private token = '';
  private dirty = false;
  private cameras: CameraInfo[] = [];
  private errors: Partial<Record<Field, string>> = {};
  private message = '';
  private busy = false;
  private slot: HTMLElement | null = null;
  /** The diagnostics text, shown when it could not be copied (so staff can select it). */
  private diagText: string | null = null;
  private diagMessage = '';
  /** The kiosk section: its PIN, kiosk mode, the refusals. */
  private readonly kiosk: KioskSection;
  /** The staff profiles and the idle lock. */
  private readonly staff: StaffSection;

  constructor(private readonly host: SettingsHost) {
    this.kiosk = new KioskSection({
      status: () => host.status(),
      tz: () => host.tz(),
      startKiosk: () => host.startKiosk(),
      redraw: () => this.update(),
    });
    this.staff = new StaffSection({
      shift: () => host.shift(),
      shiftChanged: (v) => host.shiftChanged(v),
      settings: () => host.settings(),
      applySettings: (s) => host.applySettings(s),
      idleSaved: (minutes) => {
        if (this.draft) this.draft.idle_lock_minutes = minutes;
      },
    });
  }

  /** The shift changed (profiles added or all removed): the staff section says so. */
  shiftChanged(): void {
    this.staff.draw();
  }

  render(): HTMLElement {
    const saved = this.host.settings();
    if (!this.dirty && saved) this.draft = structuredClone(saved);
    this.slot = h('div', { class: 'settings-slot' });
    const el = h(
      'div',
      { class: 'screen screen--settings' },
      h('h1', { class: 'screen__title', tabindex: '-1' }, t('settings.title')),
      this.slot,
    );
    this.update();
    return el;
  }

  shown(): void {
    void this.loadCameras();
    void this.kiosk.load();
    void this.staff.load();
  }

  private async loadCameras() {
    try {
      this.cameras = await api.listCameras();
    } catch (e) {
      this.cameras = [];
      this.host.toast(t('common.error', { message: (e as Error).message }));
    }
    this.update();
  }

  private async copyDiagnostics() {
    try {
      const text = await api.diagnostics();
      const copied = await copyText(text);
      this.diagText = copied ? null : text;
      this.diagMessage = copied ? t('settings.diagCopied') : t('settings.diagSelect');
    } catch (e) {
      this.diagText = null;
      this.diagMessage = t('common.error', { message: (e as Error).message });
    }
    this.update();
  }

  private edit(f: (s: Settings) => void) {
    if (!this.draft) return;
    f(this.draft);
    this.dirty = true;
    this.message = '';
  }

  private async changeLang(lang: Lang) {
    const base = this.host.settings();
    if (!base || !this.draft) return;
    try {
      const saved = await api.saveSettings({ ...base, lang }, null);
      this.draft.lang = saved.lang;
      this.host.applySettings(saved);
    } catch (e) {
      this.host.toast(t('common.error', { message: (e as Error).message }));
    }
  }

  private async save() {
    if (!this.draft || this.busy) return;
    this.errors = validateSettings(this.draft);
    if (Object.keys(this.errors).length > 0) {
      this.update();
      const first = Object.keys(this.errors)[0];
      document.getElementById(`set-${first}`)?.focus();
      return;
    }
    this.busy = true;
    try {
      const before = this.host.settings();
      const connecting = !!this.token || this.draft.api_url !== before?.api_url || this.draft.gym_id !== before?.gym_id;
      const saved = await api.saveSettings(this.draft, this.token ? this.token : null);
      this.token = '';
      this.dirty = false;
      this.draft = structuredClone(saved);
      this.message = t(connecting && saved.api_url ? 'settings.connected' : 'settings.saved');
      this.host.applySettings(saved);
    } catch (e) {
      const err = api.toIpcError(e);
      this.message = connectErrorText(err.code) ?? t('common.error', { message: err.message });
    } finally {
      this.busy = false;
      this.update();
    }
  }

  private update() {
    if (!this.slot) return;
    this.staff.draw();
    const s = this.draft;
    if (!s) {
      swap(this.slot, h('p', { class: 'muted' }, t('app.loading')));
      return;
    }
    const camValue =
      s.camera.source === 'demo' ? 'demo' : s.camera.source === 'none' ? 'none' : `cam:${s.camera.index ?? 0}`;
    const cams = [...this.cameras];
    if (s.camera.source === 'camera' && s.camera.index !== null && !cams.some((c) => c.index === s.camera.index))
      cams.push({ index: s.camera.index, name: s.camera.name ?? `#${s.camera.index}` });
    const res = [...RESOLUTIONS];
    if (!res.some(([w, hh]) => w === s.camera.width && hh === s.camera.height))
      res.push([s.camera.width, s.camera.height]);
    const err = (f: Field) =>
      this.errors[f] ? h('p', { class: 'error', id: `set-${f}-err`, role: 'alert' }, this.errors[f]) : null;
    // A whole-number field `set-<f>` with its label, help (if any) and error (an empty field is
    // NaN: invalid).
    const numberField = (f: Field, text: string, help: string | null, value: number, max: number | null,
      set: (d: Settings, v: number) => void, min = 0) => [
      h('label', { for: `set-${f}`, class: 'label' }, text),
      h('input', {
        id: `set-${f}`,
        class: 'input input--short',
        type: 'number',
        min: String(min),
        max: max === null ? null : String(max),
        step: '1',
        value: String(value),
        'aria-describedby':
          [this.errors[f] ? `set-${f}-err` : null, help ? `set-${f}-help` : null].filter(Boolean).join(' ') || null,
        'aria-invalid': this.errors[f] ? 'true' : null,
        oninput: (e: Event) => {
          const v = (e.target as HTMLInputElement).value.trim();
          this.edit((d) => set(d, v === '' ? NaN : Number(v)));
        },
      }),
      help ? h('p', { id: `set-${f}-help`, class: 'muted' }, help) : null,
      err(f),
    ];
    // The number an alert needs, under the alert's own row.
    const alertNumber = (kind: AlertKind) => {
      const a = s.alerts;
      if (kind === 'membership_expiring')
        return numberField('alert-expiring-days', t('settings.expiringDays'), null, a.expiring_within_days,
          ALERT_LIMITS.expiringMaxDays, (d, v) => { d.alerts.expiring_within_days = v; });
      if (kind === 'new_member')
        return numberField('alert-new-member-days', t('settings.newMemberDays'), null, a.new_member_days,
          ALERT_LIMITS.newMemberMaxDays, (d, v) => { d.alerts.new_member_days = v; });
      if (kind === 'stale_data')
        return numberField('alert-stale-hours', t('settings.staleHours'), null, a.stale_after_hours,
          ALERT_LIMITS.staleMaxHours, (d, v) => { d.alerts.stale_after_hours = v; }, ALERT_LIMITS.staleMinHours);
      return null;
    };
    const status = this.host.status();
    const cameraError = this.host.cameraError();
    // The form is built afresh (e.g. when the camera list arrives): whoever was typing keeps the
    // field and the caret.
    const active = document.activeElement;
    const keep = active instanceof HTMLElement && this.slot.contains(active) && active.id ? active.id : null;
    const caret =
      active instanceof HTMLInputElement && keep ? ([active.selectionStart, active.selectionEnd] as const) : null;

    swap(
      this.slot,
      h(
        'form',
        {
          class: 'settings',
          novalidate: true,
          onsubmit: (e: Event) => {
            e.preventDefault();
            void this.save();
          },
        },
        h(
          'fieldset',
          { class: 'panel' },
          h('legend', null, t('settings.cameraSection')),
          cameraError
            ? h('p', { class: 'error', role: 'alert' }, cameraErrorText(cameraError.code))
            : null,
          h('label', { for: 'set-camera', class: 'label' }, t('settings.camera')),
          h(
            'select',
            {
              id: 'set-camera',
              class: 'input',
              onchange: (e: Event) => {
                const v = (e.target as HTMLSelectElement).value;
                this.edit((d) => {
                  if (v === 'demo' || v === 'none') {
                    d.camera.source = v;
                  } else {
                    const idx = Number(v.slice(4));
                    d.camera.source = 'camera';
                    d.camera.index = idx;
                    d.camera.name = cams.find((c) => c.index === idx)?.name ?? null;
                  }
                });
              },
            },
            cams.map((c) =>
              h('option', { value: `cam:${c.index}`, selected: camValue === `cam:${c.index}` }, c.name),
            ),
            h('option', { value: 'demo', selected: camValue === 'demo' }, t('settings.cameraDemo')),
            h('option', { value: 'none', selected: camValue === 'none' }, t('settings.cameraNone')),
          ),
          this.cameras.length === 0 ? h('p', { class: 'muted' }, t('settings.noCameras')) : null,
          h('label', { for: 'set-resolution', class: 'label' }, t('settings.resolution')),
          h(
            'select',
            {
              id: 'set-resolution',
              class: 'input',
              onchange: (e: Event) => {
                const [w, hh] = (e.target as HTMLSelectElement).value.split('x').map(Number);
                this.edit((d) => {
                  d.camera.width = w;
                  d.camera.height = hh;
                });
              },
            },
            res.map(([w, hh]) =>
              h(
                'option',
                { value: `${w}x${hh}`, selected: w === s.camera.width && hh === s.camera.height },
                `${w} × ${hh}`,
              ),
            ),
          ),
          checkbox('set-mirrored', t('settings.mirrored'), s.camera.mirrored, (v) =>
            this.edit((d) => (d.camera.mirrored = v)),
          ),
        ),
        h(
          'fieldset',
          { class: 'panel' },
          h('legend', null, t('settings.serverSection')),
          h('label', { for: 'set-api', class: 'label' }, t('settings.apiUrl')),
          h('input', {
            id: 'set-api',
            class: 'input',
            type: 'url',
            inputmode: 'url',
            spellcheck: 'false',
            placeholder: 'https://',
            value: s.api_url ?? '',
            'aria-invalid': this.errors.api ? 'true' : null,
            'aria-describedby': this.errors.api ? 'set-api-err' : null,
            oninput: (e: Event) =>
              this.edit((d) => (d.api_url = (e.target as HTMLInputElement).value.trim() || null)),
          }),
          err('api'),
          h('label', { for: 'set-gym', class: 'label' }, t('settings.gymId')),
          h('input', {
            id: 'set-gym',
            class: 'input input--short',
            type: 'number',
            min: '1',
            step: '1',
            value: s.gym_id === null ? '' : String(s.gym_id),
            'aria-invalid': this.errors.gym ? 'true' : null,
            'aria-describedby': this.errors.gym ? 'set-gym-err' : null,
            oninput: (e: Event) => {
              const v = (e.target as HTMLInputElement).value.trim();
              this.edit((d) => (d.gym_id = v === '' ? null : Number(v)));
            },
          }),
          err('gym'),
          h('label', { for: 'set-token', class: 'label' }, t('settings.token')),
          h('input', {
            id: 'set-token',
            class: 'input',
            type: 'password',
            autocomplete: 'off',
            value: this.token,
            placeholder: s.token === 'keyring' || s.token === 'environment' ? '••••••••' : '',
            'aria-describedby': 'set-token-help',
            oninput: (e: Event) => {
              this.token = (e.target as HTMLInputElement).value;
              this.dirty = true;
            },
          }),
          h('p', { id: 'set-token-help', class: TOKEN_HELP[s.token][0], 'data-token': s.token }, t(TOKEN_HELP[s.token][1])),
        ),
        h(
          'fieldset',
          { class: 'panel' },
          h('legend', null, t('settings.deskSection')),
          h('label', { for: 'set-lang', class: 'label' }, t('settings.lang')),
          h(
            'select',
            {
              id: 'set-lang',
              class: 'input input--short',
              onchange: (e: Event) => void this.changeLang((e.target as HTMLSelectElement).value as Lang),
            },
            (Object.keys(LANG_NAMES) as Lang[]).map((l) =>
              h('option', { value: l, selected: s.lang === l, lang: l }, LANG_NAMES[l]),
            ),
          ),
          checkbox('set-sound', t('settings.sound'), s.sound, (v) => this.edit((d) => (d.sound = v))),
          numberField('rescan', t('settings.rescan'), t('settings.rescanHelp'), s.rescan_window_secs, null, (d, v) => {
            d.rescan_window_secs = v;
          }),
          numberField(
            'inside',
            t('settings.alreadyInside'),
            t('settings.alreadyInsideHelp'),
            s.already_inside_minutes,
            ALREADY_INSIDE_MAX_MINUTES,
            (d, v) => {
              d.already_inside_minutes = v;
            },
          ),
        ),
        h(
          'fieldset',
          { class: 'panel settings__alerts', id: 'set-alerts' },
          h('legend', null, t('settings.alertsSection')),
          h('p', { class: 'muted', id: 'set-alerts-help' }, t('settings.alertsHelp')),
          h(
            'ul',
            { class: 'levels muted' },
            ALERT_ACTIONS.map((level) =>
              h('li', { class: `levels__item levels__item--${level}` }, t(`settings.levelHelp.${level}`)),
            ),
          ),
          h(
            'div',
            { class: 'alerts' },
            ALERT_KINDS.map((kind) =>
              h(
                'div',
                { class: 'alert-setting', 'data-kind': kind },
                h(
                  'div',
                  { class: 'alert-setting__row' },
                  h('label', { for: `set-alert-${kind}`, class: 'label alert-setting__name' }, t(`settings.alert.${kind}`)),
                  h(
                    'select',
                    {
                      id: `set-alert-${kind}`,
                      class: `input alert-setting__level alert-setting__level--${s.alerts.actions[kind]}`,
                      'aria-describedby': 'set-alerts-help',
                      onchange: (e: Event) => {
                        const el = e.target as HTMLSelectElement;
                        const level = el.value as AlertAction;
                        el.className = `input alert-setting__level alert-setting__level--${level}`;
                        this.edit((d) => (d.alerts.actions[kind] = level));
                      },
                    },
                    ALERT_ACTIONS.map((level) =>
                      h('option', { value: level, selected: s.alerts.actions[kind] === level }, t(`settings.level.${level}`)),
                    ),
                  ),
                ),
                alertNumber(kind),
              ),
            ),
          ),
        ),
        h(
          'div',
          { class: 'settings__actions' },
          h(
            'button',
            { type: 'submit', id: 'set-save', class: 'btn btn--primary btn--xl', disabled: this.busy },
            t('settings.save'),
          ),
          h('p', { class: 'settings__msg', role: 'status' }, this.message),
          status
            ? h('p', { class: 'muted about' }, t('settings.about', { version: status.version, dir: status.data_dir }))
            : null,
          status?.log_dir ? h('p', { class: 'muted about', id: 'set-logdir' }, t('settings.logs', { dir: status.log_dir })) : null,
          h(
            'div',
            { class: 'row' },
            h(
              'button',
              { type: 'button', id: 'set-diagnostics', class: 'btn', onclick: () => void this.copyDiagnostics() },
              t('settings.diagnostics'),
            ),
            h('p', { class: 'settings__msg', id: 'set-diag-msg', role: 'status' }, this.diagMessage),
          ),
          this.diagText !== null
            ? h('textarea', {
                id: 'set-diag-text',
                class: 'diag-text',
                readonly: true,
                rows: '10',
                'aria-label': t('settings.diagnostics'),
                value: this.diagText,
              })
            : null,
        ),
      ),
      this.staff.element,
      this.kiosk.render(),
    );
    if (keep) {
      const el = document.getElementById(keep);
      el?.focus();
      if (caret && el instanceof HTMLInputElement && caret[0] !== null) {
        try {
          el.setSelectionRange(caret[0], caret[1]);
        } catch {
          /* number inputs have no caret */
        }
      }
    }
  }
}

function checkbox(id: string, text: string, checked: boolean, on: (v: boolean) => void) {
  return h(
    'div',
    { class: 'check' },
    h('input', {
      id,
      type: 'checkbox',
      checked,
      onchange: (e: Event) => on((e.target as HTMLInputElement).checked),
    }),
    h('label', { for: id }, text),
  );
}
