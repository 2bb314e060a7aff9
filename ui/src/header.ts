// Why this file exists: the top of the page, always visible: the skip link, the brand with the
// gym's name, the navigation with its shortcut keys and the sync pill (state, queued and parked
// counts; F3 opens the panel); under it the clock warning, the replica download bar and the
// demo banner. It also keeps `--header-h` up to date, where the verdict overlay starts.
// With staff profiles (issue 15) the staff pill says who is on shift and their role, or that
// the desk is locked (F7 signs in), and a lock button (F8) sits by it.

import { h, swap } from './dom';
import { getLang, label, t, type Key } from './i18n';
import { clockNotice, syncSummary } from './screens/sync';
import { SCREEN_SHORTCUTS, STAFF_SHORTCUTS, SYNC_PANEL_SHORTCUT } from './shortcuts';
import type { ScreenName } from './host';
import type { AppStatus, ShiftView, SyncStatus } from './types';

const NAV: { name: ScreenName; key: Key }[] = [
  { name: 'scan', key: 'nav.scan' },
  { name: 'manual', key: 'nav.manual' },
  { name: 'reports', key: 'nav.reports' },
  { name: 'settings', key: 'nav.settings' },
];

export interface HeaderHost {
  navigate(name: ScreenName): void;
  toggleSyncPanel(): void;
  /** The staff pill: the sign-in dialog (sign in, or switch who is on shift). */
  signIn(): void;
  /** The lock button: back to scanning only. */
  lock(): void;
}

const SVG = 'http://www.w3.org/2000/svg';
/** A small line icon (a padlock, or a person) that needs no emoji font. */
function icon(kind: 'lock' | 'person'): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `icon icon--${kind}`);
  const paths =
    kind === 'lock'
      ? ['M6 11h12v10H6z', 'M8.5 11V7.5a3.5 3.5 0 0 1 7 0V11']
      : ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4.5 21a7.5 7.5 0 0 1 15 0'];
  for (const d of paths) {
    const p = document.createElementNS(SVG, 'path');
    p.setAttribute('d', d);
    svg.append(p);
  }
  return svg;
}

/** "AP" for Ana Pérez: what the pill shows of the name where the header is short of room. */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? '').slice(0, 2)).toUpperCase();
}

/** The staff pill and lock button for `v`; nothing when the desk has no staff profiles. Where the
 * header is short of room the pill keeps the icon and the initials (CSS), its label the rest. */
export function staffPill(v: ShiftView | null, host: Pick<HeaderHost, 'signIn' | 'lock'>): HTMLElement[] {
  if (!v || !v.profiles) return [];
  const locked = v.locked || !v.staff;
  const role = v.staff ? label('role', v.staff.role) : '';
  const text = locked ? t('staff.pillLockedLabel') : t('staff.pillLabel', { name: v.staff!.name, role });
  const pill = h(
    'button',
    {
      id: 'staff-pill',
      type: 'button',
      class: `staffpill${locked ? ' staffpill--locked' : ''}`,
      'data-locked': locked ? 'true' : 'false',
      'aria-keyshortcuts': STAFF_SHORTCUTS.signIn,
      'aria-label': text,
      title: text,
      onclick: () => host.signIn(),
    },
    icon(locked ? 'lock' : 'person'),
    locked
      ? [
          h('span', { class: 'staffpill__state' }, t('staff.pillLocked')),
          h('span', { class: 'staffpill__hint' }, ' · ', t('staff.pillLockedHint')),
        ]
      : [
          h('span', { class: 'staffpill__name' }, v.staff!.name),
          h('span', { class: 'staffpill__initials', 'aria-hidden': 'true' }, initials(v.staff!.name)),
          h('span', { class: 'staffpill__role', 'data-role': v.staff!.role }, role),
          h('kbd', { 'aria-hidden': 'true' }, STAFF_SHORTCUTS.signIn),
        ],
  );
  if (locked) return [pill];
  const lock = h(
    'button',
    {
      id: 'staff-lock',
      type: 'button',
      class: 'btn btn--ghost staffpill__lock',
      'aria-keyshortcuts': STAFF_SHORTCUTS.lock,
      'aria-label': t('staff.lockLabel'),
      title: t('staff.lockLabel'),
      onclick: () => host.lock(),
    },
    icon('lock'),
    h('span', { class: 'staffpill__locktext' }, t('staff.lock')),
    h('kbd', { 'aria-hidden': 'true' }, STAFF_SHORTCUTS.lock),
  );
  return [pill, lock];
}

export class Header {
  private header: HTMLElement | null = null;
  private pill: HTMLElement | null = null;
  private staffSlot: HTMLElement | null = null;
  private shift: ShiftView | null = null;
  private pull: HTMLElement | null = null;
  private resizeHooked = false;
  private held: HTMLElement | null = null;
  private cameraHeld = false;
  private observer: ResizeObserver | null = null;

  constructor(private readonly host: HeaderHost) {}

  /** Builds it afresh (start, language change): the header, the slot under it (clock warning, download bar), the demo banner. */
  render(status: AppStatus | null): HTMLElement[] {
    this.pill = h('div', { class: 'topbar__sync' });
    this.staffSlot = h('div', { class: 'topbar__staff' });
    this.renderShift(this.shift);
    this.pull = h('div', { class: 'pullbar-slot' });
    const banner = h('div', { class: 'banner-slot' });
    this.header = h(
      'header',
      { class: 'topbar' },
      h('a', { class: 'skip', href: '#main' }, t('app.skip')),
      h(
        'div',
        { class: 'brand' },
        h('span', { class: 'brand__logo', 'aria-hidden': 'true' }, 'FD'),
        h(
          'div',
          { class: 'brand__text' },
          h('strong', null, t('app.title')),
          h('span', { class: 'brand__gym' }, status?.gym?.name ?? ''),
        ),
      ),
      h(
        'nav',
        { class: 'nav', 'aria-label': t('nav.label') },
        NAV.map((n) =>
          h(
            'button',
            {
              id: `nav-${n.name}`,
              class: 'nav__btn',
              type: 'button',
              'data-screen': n.name,
              'aria-keyshortcuts': SCREEN_SHORTCUTS[n.name],
              onclick: () => this.host.navigate(n.name),
            },
            t(n.key),
            h('kbd', { 'aria-hidden': 'true' }, SCREEN_SHORTCUTS[n.name]),
          ),
        ),
      ),
      this.staffSlot,
      this.pill,
    );
    this.held = h('span', { class: 'demo-banner__held', id: 'demo-camera-held', hidden: !this.cameraHeld }, t('demo.cameraHeld'));
    swap(
      banner,
      status?.demo
        ? h('div', { class: 'demo-banner', role: 'note' }, h('strong', null, t('demo.banner')), ' ', t('demo.detail'), ' ', this.held)
        : null,
    );
    return [this.header, this.pull, banner];
  }

  /** The staff pill for the shift `v` (hidden without staff profiles). */
  renderShift(v: ShiftView | null): void {
    this.shift = v;
    if (!this.staffSlot) return;
    const parts = staffPill(v, this.host);
    this.staffSlot.hidden = parts.length === 0;
    swap(this.staffSlot, ...parts);
  }

  /** Says on the demo banner whether the demo camera waits (staff are on another screen). */
  setCameraHeld(held: boolean): void {
    this.cameraHeld = held;
    if (this.held) this.held.hidden = !held;
  }

  /** Marks the current screen's navigation button. */
  markCurrent(screen: ScreenName): void {
    for (const b of this.header?.querySelectorAll<HTMLButtonElement>('.nav__btn') ?? []) {
      if (b.dataset.screen === screen) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
  }

  /** The verdict overlay starts below the header, so sync status stays visible. Call once it is in the page. */
  measure(): void {
    const set = () => {
      if (this.header) document.documentElement.style.setProperty('--header-h', `${this.header.offsetHeight}px`);
    };
    set();
    if (!this.resizeHooked) {
      this.resizeHooked = true;
      window.addEventListener('resize', set);
    }
    // The header also changes height without the window resizing (the gym's name wrapping
    // after a language change, the pill's text): follow the header itself where we can.
    this.observer?.disconnect();
    if (this.header && typeof ResizeObserver !== 'undefined') {
      this.observer = new ResizeObserver(set);
      this.observer.observe(this.header);
    }
  }

  /** The sync pill, the clock warning and the download bar for `s`. */
  renderSync(s: SyncStatus | null, tz: string | null): void {
    if (!this.pill || !this.pull) return;
    const sum = syncSummary(s, tz, getLang());
    swap(
      this.pill,
      h(
        'button',
        {
          id: 'sync-pill',
          type: 'button',
          class: `syncpill syncpill--${sum.tone}`,
          'aria-keyshortcuts': SYNC_PANEL_SHORTCUT,
          'aria-label': `${t('sync.button')}: ${sum.text}`,
          onclick: () => this.host.toggleSyncPanel(),
        },
        h('span', { class: 'dot', 'aria-hidden': 'true' }),
        h('span', { class: 'syncpill__state' }, sum.state),
        s && s.configured
          ? h('span', { class: 'syncpill__count', 'data-count': 'queued' }, t('sync.queued', { n: s.queued }))
          : null,
        s && s.configured
          ? h(
              'span',
              { class: `syncpill__count${s.parked ? ' is-alert' : ''}`, 'data-count': 'parked' },
              t('sync.parked', { n: s.parked }),
            )
          : null,
        h('kbd', { 'aria-hidden': 'true' }, SYNC_PANEL_SHORTCUT),
      ),
    );
    const pull = s?.pull;
    const pullText = pull ? pullLabel(pull) : '';
    const clock = clockNotice(s);
    swap(
      this.pull,
      clock ? h('div', { class: 'clock-banner', role: 'alert', 'data-clock': s?.clock?.state }, clock) : null,
      pull
        ? h(
            'div',
            { class: 'pullbar' },
            h('span', { class: 'pullbar__label' }, pullText),
            h(
              'div',
              {
                class: 'pullbar__track',
                role: 'progressbar',
                'aria-label': pullText,
                'aria-valuemin': '0',
                // No count to go by (a new desk's first pull): an indeterminate bar, no value.
                'aria-valuemax': pull.total === null ? undefined : String(pull.total),
                'aria-valuenow': pull.total === null ? undefined : String(pull.done),
              },
              h('div', {
                class: `pullbar__fill${pull.total === null ? ' pullbar__fill--unknown' : ''}`,
                style: { width: pull.total ? `${Math.min(100, (100 * pull.done) / pull.total)}%` : '' },
              }),
            ),
          )
        : null,
    );
  }
}

/** "Descargando datos del gimnasio: socios, 1.200 de 20.000" (or "de unos 20.000" when the total
 * is the last pull's count, or "1.200 hasta ahora" with nothing to go by), numbers in the desk's
 * language. */
export function pullLabel(pull: NonNullable<SyncStatus['pull']>): string {
  const fmt = numberFormat(getLang() === 'en' ? 'en-US' : 'es-ES');
  const n = (x: number) => fmt.format(x);
  const stage = label('sync.stage', pull.stage);
  if (pull.total === null) return t('sync.pullSoFar', { stage, done: n(pull.done) });
  return t(pull.estimated ? 'sync.pullAbout' : 'sync.pull', { stage, done: n(pull.done), total: n(pull.total) });
}

/** One number formatter per locale: `toLocaleString` builds a new one (ICU's locale data) on
 * every call, and the label is redrawn on every pull progress event. */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numberFormats.set(locale, f);
  }
  return f;
}
