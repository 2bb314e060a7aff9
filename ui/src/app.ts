// Why this file exists: the app core. It loads the state from Rust, subscribes to the events,
// holds the state (status, settings, sync, today's lists, the camera's problem), switches
// between the screens and lays out the page from its parts: header.ts, verdict-overlay.ts,
// notices.ts, shortcuts.ts, error-screens.ts and the keyboard-wedge scanner (wedge.ts).
// Screens see it only through the narrow `Host` of host.ts. When the desk is a self check-in
// kiosk (window_ready says so, or staff start it from Settings) the page is the kiosk screen
// only (kiosk.ts) and no staff command is called.
// With staff profiles (issue 15) it also follows the shift (shift.ts): a locked desk is the
// scan screen only, and anything else asks for a staff PIN first (staff-dialogs.ts); Settings
// asks for an admin's PIN and gives it back on leaving (`end_admin`); a command refused with
// `desk_locked` or `admin_required` opens the matching prompt; the idle lock runs here.

import * as api from './backend';
import { h, swap } from './dom';
import { showDamagedDatabase, showNoBackend } from './error-screens';
import { Header } from './header';
import { getLang, pickLang, setLang, t } from './i18n';
import { Notices } from './notices';
import { installShortcuts } from './shortcuts';
import { playVerdictSound } from './sound';
import { announcement, verdictKind, type CardContext } from './verdict';
import { VerdictBanner } from './verdict-banner';
import { VerdictOverlay } from './verdict-overlay';
import { installWedge } from './wedge';
import { installKioskGuards, KioskScreen } from './kiosk';
import { IdleWatch, needsAdmin, needsSignIn, onShift } from './shift';
import { StaffDialogs } from './staff-dialogs';
import { ScanScreen } from './screens/scan';
import { ManualScreen } from './screens/manual';
import { ReportsScreen } from './screens/reports';
import { SettingsScreen } from './screens/settings';
import { SyncPanel } from './screens/sync';
import type { Host, Screen, ScreenName } from './host';
import type { AppStatus, CheckInRow, IpcErrorData, Lang, SessionRow, Settings, ShiftView, SyncStatus, Verdict } from './types';

export class App implements Host {
  private state: {
    status: AppStatus | null;
    settings: Settings | null;
    sync: SyncStatus | null;
    sessions: SessionRow[];
    recent: CheckInRow[];
    cameraError: IpcErrorData | null;
    cameraErrorAt: number;
    screen: ScreenName;
    /** Who is on shift (null before it is known, or when it could not be read: open). */
    shift: ShiftView | null;
  } = {
    status: null,
    settings: null,
    sync: null,
    sessions: [],
    recent: [],
    cameraError: null,
    cameraErrorAt: 0,
    screen: 'scan',
    shift: null,
  };

  private readonly screens: {
    scan: ScanScreen;
    manual: ManualScreen;
    reports: ReportsScreen;
    settings: SettingsScreen;
  };
  private readonly syncPanel: SyncPanel;
  private readonly header: Header;
  private readonly overlay: VerdictOverlay;
  private readonly banner: VerdictBanner;
  private readonly notices = new Notices();
  private main: HTMLElement | null = null;
  /** The page is built: events are handled as they come (before, they wait in `early`). */
  private ready = false;
  private early: Array<() => void> = [];
  /** The kiosk screen while the desk is a kiosk; null at the staff desk. */
  private kiosk: KioskScreen | null = null;
  private footer: HTMLElement | null = null;
  /** The sign-in and admin PIN prompts. */
  private readonly dialogs = new StaffDialogs(() => this.state.shift);
  /** The idle lock: staff activity goes to the core every 30 s at most; idle minutes lock. */
  private readonly idle = new IdleWatch({
    activity: () => {
      api.staffActivity().then((v) => this.applyShift(v), () => undefined);
    },
    idle: () => void this.idleLock(),
  });

  constructor(private readonly root: HTMLElement) {
    this.screens = {
      scan: new ScanScreen(this),
      manual: new ManualScreen(this),
      reports: new ReportsScreen(this),
      settings: new SettingsScreen(this),
    };
    this.syncPanel = new SyncPanel(this);
    this.header = new Header({
      navigate: (name) => this.navigate(name),
      toggleSyncPanel: () => this.toggleSync(),
      signIn: () => this.signIn(),
      lock: () => void this.lock(),
    });
    this.overlay = new VerdictOverlay(
      () => this.cardContext(),
      (up) => this.screens.scan.cover(up),
    );
    this.banner = new VerdictBanner(() => this.cardContext());
  }

  // ---- Host: what the screens may read and do -------------------------------------------

  tz(): string | null {
    return this.state.status?.gym?.timezone ?? null;
  }
  status(): AppStatus | null {
    return this.state.status;
  }
  settings(): Settings | null {
    return this.state.settings;
  }
  cameraError(): IpcErrorData | null {
    return this.state.cameraError;
  }
  sessions(): readonly SessionRow[] {
    return this.state.sessions;
  }
  recent(): readonly CheckInRow[] {
    return this.state.recent;
  }
  sync(): SyncStatus | null {
    return this.state.sync;
  }
  shift(): ShiftView | null {
    return this.state.shift;
  }

  /**
   * Shows another screen. With staff profiles, a locked desk asks for a staff PIN first and
   * Settings for an admin's; each prompt, once answered, carries on to the screen. Leaving
   * Settings gives the admin rights back (`end_admin`).
   */
  navigate(name: ScreenName): void {
    if (name !== 'scan' && needsSignIn(this.state.shift)) {
      this.openSignIn(() => this.navigate(name));
      return;
    }
    if (name === 'settings' && this.state.screen !== 'settings' && needsAdmin(this.state.shift)) {
      this.openAdmin(() => this.navigate(name));
      return;
    }
    const leavingSettings = this.state.screen === 'settings' && name !== 'settings';
    if (leavingSettings && this.state.shift?.profiles) {
      api.endAdmin().then((v) => this.applyShift(v), () => undefined);
    }
    if (this.state.screen === name) {
      this.main?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      return;
    }
    this.state.screen = name;
    this.holdCamera(name !== 'scan');
    this.screens.scan.leave(name !== 'scan');
    // A card still up must not cover the screen staff go to: it carries on as the banner.
    const carried = name !== 'scan' ? this.overlay.current : null;
    if (carried) this.overlay.clear();
    this.renderScreen(true);
    if (carried) this.placeBanner(carried);
  }

  /** Off the scan screen the demo camera's members wait, so no demo check-in covers the screen
   * staff work on; the demo banner says so. (A real camera is never held.) */
  private holdCamera(held: boolean) {
    api.holdCameraCheckIns(held).then(
      (demoHeld) => this.header.setCameraHeld(demoHeld),
      () => this.header.setCameraHeld(false),
    );
  }

  /** Sound, screen-reader announcement and list refresh for any verdict. */
  verdictFeedback(v: Verdict): void {
    if (this.state.settings?.sound !== false) playVerdictSound(verdictKind(v));
    this.notices.announce(announcement(v, this.cardContext()));
    void this.refreshLists();
  }

  toast(text: string): void {
    this.notices.toast(text);
  }

  /** Applies new settings (e.g. after saving); re-renders everything if the language changed. */
  applySettings(s: Settings): void {
    const langChanged = s.lang !== getLang();
    this.state.settings = s;
    if (langChanged) this.changeLang(s.lang);
    else this.screens.scan.updateCamera();
  }

  syncUpdated(s?: SyncStatus): void {
    if (s) this.state.sync = s;
    this.renderSync();
  }

  // ---- the shift (staff profiles) --------------------------------------------------------

  /** A shift the core answered (a sign-in, a lock, a profile added...) takes effect: the header,
   * the idle lock, the footer's keys; a locked desk goes back to the scan screen, and a shift
   * without admin rights leaves Settings. */
  shiftChanged(v: ShiftView): void {
    this.applyShift(v);
  }

  private applyShift(v: ShiftView | null): void {
    if (this.kiosk) return;
    const profilesChanged = (this.state.shift?.profiles ?? false) !== (v?.profiles ?? false);
    this.state.shift = v;
    this.header.renderShift(v);
    if (this.footer) this.footer.textContent = t(v?.profiles ? 'app.shortcutsStaff' : 'app.shortcuts');
    this.idle.configure(v);
    if (needsSignIn(v)) {
      this.syncPanel.close();
      if (this.state.screen !== 'scan') this.navigate('scan');
    } else if (this.state.screen === 'settings' && needsAdmin(v)) {
      this.navigate('scan');
    }
    if (profilesChanged) {
      this.screens.manual.shiftChanged();
      this.screens.settings.shiftChanged();
    }
  }

  private async refreshShift(): Promise<void> {
    try {
      this.applyShift(await api.shiftStatus());
    } catch {
      /* the shift stays as last read */
    }
  }

  /** F7 or the staff pill: sign in, or switch who is on shift (a desk with profiles only). */
  private signIn(): void {
    if (this.state.shift?.profiles) this.openSignIn();
  }

  private openSignIn(then?: () => void): void {
    this.dialogs.signIn((v) => {
      this.applyShift(v);
      if (!needsSignIn(v)) then?.();
    });
  }

  private openAdmin(then?: () => void): void {
    this.dialogs.adminPin((v) => {
      this.applyShift(v);
      if (!needsAdmin(v)) then?.();
    });
  }

  /** F8 or the lock button: back to scanning only. */
  private async lock(): Promise<void> {
    if (!onShift(this.state.shift)) return;
    try {
      this.applyShift(await api.lockDesk());
    } catch {
      await this.refreshShift();
    }
  }

  /** The idle minutes passed with no staff activity: the core locks the desk by then (its
   * clock counts from the last activity the page sent, never later than the page's); if it
   * has not, the page locks it, so both agree. */
  private async idleLock(): Promise<void> {
    try {
      let v = await api.shiftStatus();
      if (!v.locked) v = await api.lockDesk();
      this.applyShift(v);
    } catch {
      await this.refreshShift();
    }
  }

  /** F3 or the sync pill; on a locked desk it asks for a staff PIN first. */
  private toggleSync(): void {
    if (!this.syncPanel.isOpen && needsSignIn(this.state.shift)) {
      this.openSignIn(() => this.syncPanel.open());
      return;
    }
    this.syncPanel.toggle();
  }

  /** Every failed command: the shift's refusals open the prompt that lifts them (the screen
   * that called still says what failed). After a sign-in staff are back where they were. */
  private commandFailed(code: string): void {
    if (this.kiosk) return;
    if (code === 'desk_locked') {
      const back = this.state.screen;
      this.openSignIn(() => {
        if (back !== 'scan') this.navigate(back);
      });
      void this.refreshShift();
    } else if (code === 'admin_required') {
      this.openAdmin();
      void this.refreshShift();
    }
  }

  // ---- start-up --------------------------------------------------------------------------

  async start(): Promise<void> {
    setLang(pickLang(null, navigator.language));
    swap(this.root, h('p', { class: 'boot' }, t('app.loading')));
    // Listen first: window_ready starts the camera, and its first verdict may come at once.
    // Events that arrive before the page is built wait in `early` (see `whenReady`).
    await this.subscribe();
    let status: AppStatus;
    try {
      status = await api.windowReady();
    } catch (e) {
      showNoBackend(this.root, e);
      return;
    }
    this.state.status = status;
    setLang(pickLang(status.lang, navigator.language));
    if (status.db_error) {
      showDamagedDatabase(this.root, status.db_error, status.backups ?? 0);
      return;
    }
    this.state.cameraError = status.camera_error;
    this.state.cameraErrorAt = Date.now();

    if (status.kiosk) {
      // A kiosk calls no staff command: no settings, no lists, no shortcuts.
      this.startKiosk();
      installWedge(window, (code) => void this.scanCode(code), { onMisread: () => this.misread() });
      return;
    }

    const [settings, sync, shift] = await Promise.allSettled([api.getSettings(), api.syncStatus(), api.shiftStatus()]);
    if (settings.status === 'fulfilled') this.state.settings = settings.value;
    if (sync.status === 'fulfilled') this.state.sync = sync.value;

    this.render();
    if (shift.status === 'fulfilled') this.applyShift(shift.value);
    api.onCommandFailure((err) => this.commandFailed(err.code));
    await this.refreshLists();
    this.ready = true;
    for (const run of this.early.splice(0)) run();

    installWedge(window, (code) => void this.scanCode(code), { onMisread: () => this.misread() });
    // While a PIN prompt is open the F-keys wait (F8 still locks); Esc closes the prompt.
    installShortcuts(window, {
      navigate: (name) => {
        if (!this.dialogs.isOpen) this.navigate(name);
      },
      toggleSyncPanel: () => {
        if (!this.dialogs.isOpen) this.toggleSync();
      },
      escape: () => this.escape(),
      signIn: () => this.signIn(),
      lock: () => {
        this.dialogs.close();
        void this.lock();
      },
    });
    // Staff keys and clicks keep the desk open (capture: a prompt's own handling still counts).
    window.addEventListener('keydown', () => this.idle.poke(), true);
    window.addEventListener('pointerdown', () => this.idle.poke(), true);
    setInterval(() => {
      void this.refreshLists();
      if (this.state.shift?.profiles) void this.refreshShift(); // reading it is not activity
    }, 60_000);
  }

  /**
   * The page becomes the kiosk screen only: at start when window_ready says kiosk, or once
   * staff started kiosk mode from Settings (enter_kiosk succeeded). Whatever staff had open
   * goes; the keys, the context menu and selection are locked down. Leaving (the PIN) reloads
   * the page, which starts again as the staff desk.
   */
  startKiosk(): void {
    if (this.kiosk) return;
    if (this.state.status) this.state.status = { ...this.state.status, kiosk: true };
    this.idle.stop();
    this.dialogs.close();
    this.syncPanel.close();
    this.overlay.clear();
    this.banner.clear();
    this.main = null;
    const kiosk = new KioskScreen({
      tz: () => this.tz(),
      left: () => location.reload(),
      sound: this.state.settings?.sound !== false,
      mirrored: this.state.settings?.camera.mirrored ?? true,
    });
    this.kiosk = kiosk;
    kiosk.cameraError(this.state.cameraError);
    swap(this.root, kiosk.render());
    installKioskGuards(window, () => kiosk.escape());
    kiosk.shown();
    this.ready = true;
    for (const run of this.early.splice(0)) run();
  }

  private misread(): void {
    if (this.kiosk) this.kiosk.misread();
    else this.notices.toast(t('scan.readAgain'));
  }

  /** A real gym replaced the demo gym: the banner goes, and the camera (switched by the app) and gym are read again. */
  private async leftDemo() {
    const [status, settings] = await Promise.allSettled([api.windowReady(), api.getSettings()]);
    if (status.status === 'fulfilled') this.state.status = status.value;
    else if (this.state.status) this.state.status = { ...this.state.status, demo: false };
    if (settings.status === 'fulfilled') this.state.settings = settings.value;
    this.render();
    await this.refreshLists();
  }

  /** Runs `fn` now once the page is built, else queues it until then (in arrival order). */
  private whenReady<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      if (this.ready) fn(...args);
      else this.early.push(() => fn(...args));
    };
  }

  private async subscribe() {
    await Promise.all([
      api.onVerdict(this.whenReady((v) => {
        if (!this.kiosk) this.cameraVerdict(v);
      })),
      api.onKioskVerdict(this.whenReady((v) => this.kiosk?.show(v))),
      api.onSyncStatus(this.whenReady((s) => {
        this.state.sync = s;
        if (this.kiosk) return; // a kiosk shows no sync state (and reads no settings)
        if (this.state.status?.demo && !s.demo) {
          void this.leftDemo();
          return;
        }
        this.renderSync();
        this.notices.followUps(s, this.tz());
      })),
      api.watchPreview((f) => {
        if (!this.ready) return; // only the latest frame matters: none is kept
        // Frames flowing again mean the camera recovered (ignore frames already in flight).
        if (this.state.cameraError && Date.now() - this.state.cameraErrorAt > 2000) {
          this.state.cameraError = null;
          this.screens.scan.updateCamera();
          this.kiosk?.cameraError(null);
        }
        if (this.kiosk) this.kiosk.frame(f);
        else this.screens.scan.frame(f);
      }),
      api.onAlreadyRead(this.whenReady(() => {
        if (!this.kiosk) this.notices.toast(t('scan.alreadyRead'));
      })),
      api.onCameraError(this.whenReady((err) => {
        this.state.cameraError = err;
        this.state.cameraErrorAt = Date.now();
        this.kiosk?.cameraError(err);
        this.screens.scan.updateCamera();
      })),
    ]);
  }

  // ---- rendering -------------------------------------------------------------------------

  private cardContext(): CardContext {
    return { tz: this.tz(), lang: getLang() };
  }

  /** Builds the whole page; called at start and when the language changes. */
  private render(): void {
    this.main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
    const panel = this.syncPanel.render();
    // A banner shown in the panel goes back to the top of the screen when the panel closes.
    panel.addEventListener('close', () => this.placeBanner());
    swap(
      this.root,
      ...this.header.render(this.state.status),
      this.main,
      this.overlay.render(),
      (this.footer = h('footer', { class: 'footer' }, t(this.state.shift?.profiles ? 'app.shortcutsStaff' : 'app.shortcuts'))),
      ...this.notices.render(),
      panel,
    );
    this.banner.redraw();
    this.renderSync();
    this.renderScreen(false);
    this.header.measure();
  }

  private renderSync(): void {
    this.header.renderSync(this.state.sync, this.tz());
    this.syncPanel.update();
  }

  private renderScreen(focus: boolean) {
    if (!this.main) return;
    const screen: Screen = this.screens[this.state.screen];
    const banner = this.syncPanel.bannerSlot?.contains(this.banner.element) ? null : this.banner.element;
    swap(this.main, banner, screen.render());
    this.header.markCurrent(this.state.screen);
    screen.shown?.();
    if (focus) {
      const target =
        this.main.querySelector<HTMLElement>('[data-autofocus]') ?? this.main.querySelector<HTMLElement>('h1');
      target?.focus();
    }
  }

  private changeLang(lang: Lang): void {
    setLang(lang);
    const focusedId = (document.activeElement as HTMLElement | null)?.id;
    this.render();
    if (focusedId) document.getElementById(focusedId)?.focus();
  }

  // ---- verdicts, lists, Esc --------------------------------------------------------------

  private async scanCode(code: string): Promise<void> {
    if (this.kiosk) {
      await this.kiosk.scan(code);
      return;
    }
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

  /** Shows the big card over the screen (scans), with its feedback. */
  private showVerdict(v: Verdict): void {
    this.syncPanel.close(); // the card must not end up behind the modal panel
    this.banner.clear();
    this.overlay.show(v);
    this.verdictFeedback(v);
  }

  /**
   * A camera scan's verdict (the `verdict` event). On the scan screen it is the big card; while
   * staff are busy elsewhere (another screen, the sync panel, typing in a field) it is the
   * compact banner at the top of what they have open, which keeps their focus and their panel.
   * A manual or override result is shown by the manual screen that asked for it.
   */
  private cameraVerdict(v: Verdict): void {
    if (v.method === 'manual' || v.method === 'override') return;
    if (!this.staffBusy()) {
      this.showVerdict(v);
    } else {
      this.overlay.clear(); // an older card must not stay over the screen either
      this.placeBanner(v);
      this.verdictFeedback(v);
    }
    const id = v.paint_id;
    if (id !== undefined) {
      // rAF runs just before the next paint; a task queued from it runs once that paint is done.
      requestAnimationFrame(() => setTimeout(() => api.verdictPainted(id).catch(() => undefined), 0));
    }
  }

  /** Whether staff are doing something a full-screen card would interrupt. */
  private staffBusy(): boolean {
    if (this.state.screen !== 'scan' || this.syncPanel.isOpen) return true;
    const a = document.activeElement;
    return (
      a instanceof HTMLInputElement ||
      a instanceof HTMLTextAreaElement ||
      a instanceof HTMLSelectElement ||
      (a instanceof HTMLElement && a.isContentEditable)
    );
  }

  /** Shows `v` in the banner (or moves the banner up) at the top of the panel if open, else of the screen. */
  private placeBanner(v?: Verdict): void {
    const where = (this.syncPanel.isOpen ? this.syncPanel.bannerSlot : null) ?? this.main;
    if (!where) return;
    if (v) this.banner.show(v, where);
    else if (this.banner.element.parentElement !== where) where.prepend(this.banner.element);
  }

  /** Esc closes the verdict card, else lets the screen close its own state (not under the sync panel). */
  private escape(): boolean {
    if (this.overlay.showing) {
      this.overlay.clear();
      return true;
    }
    return !this.syncPanel.isOpen && !!(this.screens[this.state.screen] as Screen).escape?.();
  }

  private async refreshLists(): Promise<void> {
    if (this.kiosk) return; // recent_check_ins is a staff command
    const [sessions, recent] = await Promise.allSettled([api.todaySessions(), api.recentCheckIns(12)]);
    if (sessions.status === 'fulfilled') this.state.sessions = sessions.value;
    if (recent.status === 'fulfilled') this.state.recent = recent.value;
    this.screens.scan.updateLists();
    this.screens.manual.sessionsChanged();
  }
}
