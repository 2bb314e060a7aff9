// Why this file exists: the narrow contract between the screens and the app. A screen gets a
// `Host` (or the `Pick` of it that it needs) and reaches the app's state and actions only
// through it: it reads the state through getters and changes it through the app's own
// methods, never by writing the app's fields. The app core (app.ts) implements it.

import type { AppStatus, CheckInRow, IpcErrorData, SessionRow, Settings, ShiftView, SyncStatus, Verdict } from './types';

export type ScreenName = 'scan' | 'manual' | 'reports' | 'settings';

export interface Screen {
  /** Builds the screen's element (again after a language change). */
  render(): HTMLElement;
  /** Called each time the screen becomes visible. */
  shown?(): void;
  /** Esc on this screen; return true if it handled it. */
  escape?(): boolean;
}

export interface Host {
  /** The gym's time zone (times are shown in it, not in the PC's); null before it is known. */
  tz(): string | null;
  /** What `window_ready` said (version, folders, gym); null before it answered. */
  status(): AppStatus | null;
  /** The desk's saved settings; null when they could not be read. */
  settings(): Settings | null;
  /** The camera's current problem, or null while it works. */
  cameraError(): IpcErrorData | null;
  /** Today's classes, as last read. */
  sessions(): readonly SessionRow[];
  /** The latest check-ins, newest first, as last read. */
  recent(): readonly CheckInRow[];
  /** The sync status, as last read or pushed; null before the first. */
  sync(): SyncStatus | null;
  /** Who is on shift and whether the desk is locked (staff profiles); null before it is known. */
  shift(): ShiftView | null;

  /** Shows another screen. */
  navigate(name: ScreenName): void;
  /** Sound, screen-reader announcement and list refresh for a verdict a screen shows itself. */
  verdictFeedback(v: Verdict): void;
  /** A short message over the screen (errors of a screen's own calls). */
  toast(text: string): void;
  /** Saved settings take effect (a new language re-renders the whole page). */
  applySettings(s: Settings): void;
  /** enter_kiosk succeeded: the page becomes the kiosk screen only. */
  startKiosk(): void;
  /** A shift the core answered to a screen's call (a profile added, the desk opened again). */
  shiftChanged(v: ShiftView): void;
  /** A sync status a screen read (or, with none, the one held) is shown in the header and panel. */
  syncUpdated(s?: SyncStatus): void;
}
