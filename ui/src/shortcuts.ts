// Why this file exists: the keyboard shortcuts, in one place. Reception staff work with one
// hand on the keyboard: F1 scan, F2 manual check-in, F3 sync panel, F4 reports, F6 settings,
// and Esc closes whatever is on top. The header shows the same keys (SCREEN_SHORTCUTS). With
// staff profiles (issue 15), F7 signs in or switches who is on shift and F8 locks the desk.

import type { ScreenName } from './host';

/** The key that opens each screen (also shown on its navigation button). */
export const SCREEN_SHORTCUTS: Record<ScreenName, string> = {
  scan: 'F1',
  manual: 'F2',
  reports: 'F4',
  settings: 'F6',
};

/** The key that opens and closes the sync panel (also shown on the sync pill). */
export const SYNC_PANEL_SHORTCUT = 'F3';

/** Sign in / switch staff, and lock the desk (also shown on the staff pill and lock button). */
export const STAFF_SHORTCUTS = { signIn: 'F7', lock: 'F8' } as const;

export interface ShortcutActions {
  navigate(name: ScreenName): void;
  toggleSyncPanel(): void;
  /** Esc: closes what is on top (the verdict card, then the screen's own state); true if handled. */
  escape(): boolean;
  /** F7: the sign-in dialog (the app ignores it on a desk without staff profiles). */
  signIn?(): void;
  /** F8: lock the desk (likewise). */
  lock?(): void;
}

/** The keydown handler. Keys with Ctrl, Alt or Meta, and keys a control already took, are left alone. */
export function shortcutHandler(actions: ShortcutActions): (e: KeyboardEvent) => void {
  const screens = Object.entries(SCREEN_SHORTCUTS) as [ScreenName, string][];
  return (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
    const screen = screens.find(([, key]) => key === e.key)?.[0];
    if (screen) {
      e.preventDefault();
      actions.navigate(screen);
    } else if (e.key === SYNC_PANEL_SHORTCUT) {
      e.preventDefault();
      actions.toggleSyncPanel();
    } else if (e.key === STAFF_SHORTCUTS.signIn && actions.signIn) {
      e.preventDefault();
      actions.signIn();
    } else if (e.key === STAFF_SHORTCUTS.lock && actions.lock) {
      e.preventDefault();
      actions.lock();
    } else if (e.key === 'Escape' && actions.escape()) {
      e.preventDefault();
    }
  };
}

export function installShortcuts(target: Window, actions: ShortcutActions): void {
  target.addEventListener('keydown', shortcutHandler(actions));
}
