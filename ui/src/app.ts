// Why this file exists: the application shell. It loads the state from Rust, subscribes to the
// events, owns the header (navigation + always-visible sync status), the demo banner, the
// verdict overlay, the aria-live region, keyboard shortcuts and the keyboard-wedge scanner,
// and switches between the screens.

import * as api from './backend';
import { IpcError } from './backend';
import { h, swap } from './dom';
import { fmtDate } from './format';
import { getLang, pickLang, setLang, t, type Key } from './i18n';
import { playVerdictSound } from './sound';
import { announcement, verdictCard, verdictKind, type CardContext } from './verdict';
import { installWedge } from './wedge';
import { ScanScreen } from './screens/scan';
import { ManualScreen } from './screens/manual';
import { ReportsScreen } from './screens/reports';
import { SettingsScreen } from './screens/settings';
import { SyncPanel, clockNotice, syncSummary } from './screens/sync';
import type {
  AppStatus,
  CheckInRow,
  IpcErrorData,
  Lang,
  PreviewFrame,
  SessionRow,
  Settings,
  SyncStatus,
  Verdict,
} from './types';

export type ScreenName = 'scan' | 'manual' | 'reports' | 'settings';

export interface Screen {
  /** Builds the screen's element (again after a language change). */
  render(): HTMLElement;
  /** Called each time the screen becomes visible. */
  shown?(): void;
  /** Esc on this screen; return true if it handled it. */
  escape?(): boolean;
}

/** How long a verdict card stays up. */
export const VERDICT_MS = 4000;

const NAV: { name: ScreenName; key: Key; shortcut: string }[] = [
  { name: 'scan', key: 'nav.scan', shortcut: 'F1' },
  { name: 'manual', key: 'nav.manual', shortcut: 'F2' },
  { name: 'reports', key: 'nav.reports', shortcut: 'F4' },
  { name: 'settings', key: 'nav.settings', shortcut: 'F6' },
];

export class App {
  status: AppStatus | null = null;
  settings: Settings | null = null;
  sync: SyncStatus | null = null;
  sessions: SessionRow[] = [];
  recent: CheckInRow[] = [];
  cameraError: IpcErrorData | null = null;
  cameraErrorAt = 0;
  lastFrame: PreviewFrame | null = null;
  screen: ScreenName = 'scan';
  verdict: Verdict | null = null;

  readonly screens: {
    scan: ScanScreen;
    manual: ManualScreen;
    reports: ReportsScreen;
    settings: SettingsScreen;
  };
  readonly syncPanel: SyncPanel;

  private verdictTimer: ReturnType<typeof setTimeout> | undefined;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private els!: {
    header: HTMLElement;
    pill: HTMLElement;
    pull: HTMLElement;
    banner: HTMLElement;
    main: HTMLElement;
    overlay: HTMLElement;
    live: HTMLElement;
    toast: HTMLElement;
  };

  constructor(private readonly root: HTMLElement) {
    this.screens = {
      scan: new ScanScreen(this),
      manual: new ManualScreen(this),
      reports: new ReportsScreen(this),
      settings: new SettingsScreen(this),
    };
    this.syncPanel = new SyncPanel(this);
  }

  /** The gym's time zone (times are shown in it, not in the PC's). */
  get tz(): string | null {
    return this.status?.gym?.timezone ?? null;
  }

  get cardContext(): CardContext {
    return { tz: this.tz, lang: getLang() };
  }

  async start(): Promise<void> {
    setLang(pickLang(null, navigator.language));
    swap(this.root, h('p', { class: 'boot' }, t('app.loading')));
    try {
      this.status = await api.windowReady();
    } catch (e) {
      this.fatal(e);
      return;
    }
    setLang(pickLang(this.status.lang, navigator.language));
    if (this.status.db_error) {
      this.damaged(this.status.db_error, this.status.backups ?? 0);
      return;
    }
    this.cameraError = this.status.camera_error;
    this.cameraErrorAt = Date.now();

    const [settings, sync] = await Promise.allSettled([api.getSettings(), api.syncStatus()]);
    if (settings.status === 'fulfilled') this.settings = settings.value;
    if (sync.status === 'fulfilled') this.sync = sync.value;

    this.render();
    await this.refreshLists();
    await this.subscribe();

    installWedge(window, (code) => void this.scanCode(code));
    window.addEventListener('keydown', (e) => this.onShortcut(e));
    setInterval(() => void this.refreshLists(), 60_000);
  }

  private fatal(e: unknown) {
    const err = e instanceof IpcError ? e : null;
    swap(
      this.root,
      h(
        'main',
        { class: 'fatal', role: 'alert' },
        h('h1', null, t('app.title')),
        h('p', null, t('app.noBackend')),
        err ? h('p', { class: 'muted' }, `${err.code}: ${err.message}`) : null,
      ),
    );
  }

  /** The replica is unusable: say so, and offer the newest automatic backup. */
  private damaged(err: { code: string; message: string }, backups: number) {
    const status = h('p', { class: 'muted', role: 'status' });
    const restore = async () => {
      status.textContent = t('db.restoring');
      try {
        await api.restoreBackup();
        window.location.reload();
      } catch (e) {
        status.textContent = t('common.error', { message: (e as Error).message });
      }
    };
    swap(
      this.root,
      h(
        'main',
        { class: 'fatal', role: 'alert' },
        h('h1', null, t('db.damagedTitle')),
        h('p', null, t('db.damagedBody')),
        h('p', { class: 'muted' }, `${err.code}: ${err.message}`),
        backups > 0
          ? h('button', { id: 'restore-backup', type: 'button', class: 'btn btn--primary', onclick: () => void restore() }, t('db.restore'))
          : h('p', null, t('db.noBackup')),
        status,
      ),
    );
  }

  private async subscribe() {
    await Promise.all([
      api.onVerdict((v) => this.showVerdict(v)),
      api.onSyncStatus((s) => {
        this.sync = s;
        this.renderSync();
        this.followUp(s);
      }),
      api.onPreviewFrame((f) => {
        this.lastFrame = f;
        // Frames flowing again mean the camera recovered (ignore frames already in flight).
        if (this.cameraError && Date.now() - this.cameraErrorAt > 2000) {
          this.cameraError = null;
          this.screens.scan.updateCamera();
        }
        this.screens.scan.frame(f);
      }),
      api.onCameraError((err) => {
        this.cameraError = err;
        this.cameraErrorAt = Date.now();
        this.screens.scan.updateCamera();
      }),
    ]);
  }

  // ---- rendering -----------------------------------------------------------------------

  /** Builds the whole page; called at start and when the language changes. */
  render(): void {
    const els = {
      header: h('header', { class: 'topbar' }),
      pill: h('div', { class: 'topbar__sync' }),
      pull: h('div', { class: 'pullbar-slot' }),
      banner: h('div', { class: 'banner-slot' }),
      main: h('main', { id: 'main', class: 'main', tabindex: '-1' }),
      overlay: h('div', { class: 'verdict-layer', hidden: true }),
      live: h('div', {
        id: 'live',
        class: 'sr-only',
        role: 'status',
        'aria-live': 'assertive',
        'aria-atomic': 'true',
      }),
      toast: h('div', { class: 'toast-slot', role: 'alert', 'aria-live': 'assertive' }),
    };
    this.els = els;
    els.overlay.addEventListener('click', () => this.clearVerdict());

    swap(
      els.header,
      h('a', { class: 'skip', href: '#main' }, t('app.skip')),
      h(
        'div',
        { class: 'brand' },
        h('span', { class: 'brand__logo', 'aria-hidden': 'true' }, 'FD'),
        h(
          'div',
          { class: 'brand__text' },
          h('strong', null, t('app.title')),
          h('span', { class: 'brand__gym' }, this.status?.gym?.name ?? ''),
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
              'aria-keyshortcuts': n.shortcut,
              onclick: () => this.navigate(n.name),
            },
            t(n.key),
            h('kbd', { 'aria-hidden': 'true' }, n.shortcut),
          ),
        ),
      ),
      els.pill,
    );

    swap(
      this.root,
      els.header,
      els.pull,
      els.banner,
      els.main,
      els.overlay,
      h('footer', { class: 'footer' }, t('app.shortcuts')),
      els.live,
      els.toast,
      this.syncPanel.render(),
    );
    this.renderBanner();
    this.renderSync();
    this.renderScreen(false);
    this.measureHeader();
    if (this.verdict) this.renderVerdict();
  }

  /** The verdict overlay starts below the header, so sync status stays visible. */
  private measureHeader() {
    const set = () =>
      document.documentElement.style.setProperty('--header-h', `${this.els.header.offsetHeight}px`);
    set();
    if (!this.resizeHooked) {
      this.resizeHooked = true;
      window.addEventListener('resize', set);
    }
  }
  private resizeHooked = false;

  private renderBanner() {
    swap(
      this.els.banner,
      this.status?.demo
        ? h(
            'div',
            { class: 'demo-banner', role: 'note' },
            h('strong', null, t('demo.banner')),
            ' ',
            t('demo.detail'),
          )
        : null,
    );
  }

  renderSync(): void {
    if (!this.els) return;
    const s = this.sync;
    const sum = syncSummary(s, this.tz, getLang());
    swap(
      this.els.pill,
      h(
        'button',
        {
          id: 'sync-pill',
          type: 'button',
          class: `syncpill syncpill--${sum.tone}`,
          'aria-keyshortcuts': 'F3',
          'aria-label': `${t('sync.button')}: ${sum.text}`,
          onclick: () => this.syncPanel.toggle(),
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
        h('kbd', { 'aria-hidden': 'true' }, 'F3'),
      ),
    );
    const pull = s?.pull;
    const clock = clockNotice(s);
    swap(
      this.els.pull,
      clock ? h('div', { class: 'clock-banner', role: 'alert', 'data-clock': s?.clock?.state }, clock) : null,
      pull
        ? h(
            'div',
            { class: 'pullbar' },
            h('span', { class: 'pullbar__label' }, t('sync.pull', { done: pull.done, total: pull.total })),
            h(
              'div',
              {
                class: 'pullbar__track',
                role: 'progressbar',
                'aria-label': t('sync.pull', { done: pull.done, total: pull.total }),
                'aria-valuemin': '0',
                'aria-valuemax': String(pull.total),
                'aria-valuenow': String(pull.done),
              },
              h('div', {
                class: 'pullbar__fill',
                style: { width: `${pull.total > 0 ? Math.min(100, (100 * pull.done) / pull.total) : 0}%` },
              }),
            ),
          )
        : null,
    );
    this.syncPanel.update();
  }

  private renderScreen(focus: boolean) {
    const screen: Screen = this.screens[this.screen];
    swap(this.els.main, screen.render());
    for (const b of this.els.header.querySelectorAll<HTMLButtonElement>('.nav__btn')) {
      if (b.dataset.screen === this.screen) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    screen.shown?.();
    if (focus) {
      const target =
        this.els.main.querySelector<HTMLElement>('[data-autofocus]') ??
        this.els.main.querySelector<HTMLElement>('h1');
      target?.focus();
    }
  }

  navigate(name: ScreenName): void {
    if (this.screen === name) {
      this.els.main.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      return;
    }
    this.screen = name;
    this.renderScreen(true);
  }

  /** Applies new settings (e.g. after saving); re-renders everything if the language changed. */
  applySettings(s: Settings): void {
    const langChanged = s.lang !== getLang();
    this.settings = s;
    if (langChanged) this.changeLang(s.lang);
    else this.screens.scan.updateCamera();
  }

  changeLang(lang: Lang): void {
    setLang(lang);
    const focusedId = (document.activeElement as HTMLElement | null)?.id;
    this.render();
    if (focusedId) document.getElementById(focusedId)?.focus();
  }

  // ---- verdicts ------------------------------------------------------------------------

  async scanCode(code: string): Promise<void> {
    try {
      this.showVerdict(await api.checkInCode(code, 'scanner'));
    } catch (e) {
      // The core answers a check-in it could not save with its own red "not saved" verdict;
      // this is only for the call itself failing (the backend gone): still a red card.
      this.showVerdict({
        success: false,
        code: 'save_failed',
        message: (e as Error).message,
        warnings: [],
        session: null,
        member: null,
        user_id: null,
        new_participation: false,
        method: 'scanner',
        at: new Date().toISOString(),
        event_id: null,
      });
    }
  }

  /** Sound, screen-reader announcement and list refresh for any verdict. */
  feedback(v: Verdict): void {
    if (this.settings?.sound !== false) playVerdictSound(verdictKind(v));
    this.announce(announcement(v, this.cardContext));
    void this.refreshLists();
  }

  /** Shows the big card over the screen (scans), and clears it after VERDICT_MS. */
  showVerdict(v: Verdict): void {
    this.syncPanel.close(); // the card must not end up behind the modal panel
    this.verdict = v;
    this.renderVerdict();
    this.feedback(v);
  }

  private renderVerdict() {
    const v = this.verdict;
    if (!v) return;
    const card = verdictCard(v, this.cardContext);
    card.append(
      h('p', { class: 'verdict__hint' }, t('verdict.dismiss')),
      h('div', { class: 'verdict__countdown', style: { animationDuration: `${VERDICT_MS}ms` } }),
    );
    swap(this.els.overlay, card);
    this.els.overlay.hidden = false;
    clearTimeout(this.verdictTimer);
    this.verdictTimer = setTimeout(() => this.clearVerdict(), VERDICT_MS);
  }

  clearVerdict(): void {
    clearTimeout(this.verdictTimer);
    this.verdict = null;
    if (this.els) {
      this.els.overlay.hidden = true;
      swap(this.els.overlay);
    }
  }

  announce(text: string): void {
    // Clear first so the same sentence twice in a row is still announced.
    this.els.live.textContent = '';
    requestAnimationFrame(() => {
      this.els.live.textContent = text;
    });
  }

  private seenFollowUps = new Set<string>();

  /** A membership the server had different from the replica: tell staff once. */
  private followUp(s: SyncStatus): void {
    for (const f of s.follow_ups ?? []) {
      const key = `${f.member_id}@${f.at}`;
      if (this.seenFollowUps.has(key)) continue;
      this.seenFollowUps.add(key);
      const name = f.name ?? `#${f.member_id}`;
      const until = f.expires_at ? fmtDate(f.expires_at, this.tz, getLang()) : null;
      this.notify(
        f.now_active
          ? t('followUp.nowActive', { name })
          : until
            ? t('followUp.expired', { name, date: until })
            : t('followUp.inactive', { name }),
      );
    }
  }

  notify(text: string): void {
    swap(this.els.toast, h('div', { class: 'toast' }, text));
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => swap(this.els.toast), 8000);
  }

  async refreshLists(): Promise<void> {
    const [sessions, recent] = await Promise.allSettled([api.todaySessions(), api.recentCheckIns(12)]);
    if (sessions.status === 'fulfilled') this.sessions = sessions.value;
    if (recent.status === 'fulfilled') this.recent = recent.value;
    this.screens.scan.updateLists();
    this.screens.manual.sessionsChanged();
  }

  // ---- keyboard ------------------------------------------------------------------------

  private onShortcut(e: KeyboardEvent) {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
    const go = (name: ScreenName) => {
      e.preventDefault();
      this.navigate(name);
    };
    switch (e.key) {
      case 'F1':
        return go('scan');
      case 'F2':
        return go('manual');
      case 'F4':
        return go('reports');
      case 'F6':
        return go('settings');
      case 'F3':
        e.preventDefault();
        this.syncPanel.toggle();
        return;
      case 'Escape':
        if (this.verdict) {
          e.preventDefault();
          this.clearVerdict();
        } else if (!this.syncPanel.isOpen && (this.screens[this.screen] as Screen).escape?.()) {
          e.preventDefault();
        }
        return;
    }
  }
}
