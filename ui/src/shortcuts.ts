// Why this file exists: the keyboard shortcuts, in one place. Reception staff work with one
// hand on the keyboard: F1 scan, F2 manual check-in, F3 sync panel, F4 reports, F6 settings,
// and Esc closes whatever is on top. The header shows the same keys (SCREEN_SHORTCUTS).

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

export interface ShortcutActions {
  navigate(name: ScreenName): void;
  toggleSyncPanel(): void;
  /** Esc: closes what is on top (the verdict card, then the screen's own state); true if handled. */
  escape(): boolean;
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
    } else if (e.key === 'Escape' && actions.escape()) {
      e.preventDefault();
    }
  };
}

export function installShortcuts(target: Window, actions: ShortcutActions): void {
  target.addEventListener('keydown', shortcutHandler(actions));
}
