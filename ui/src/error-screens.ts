// Why this file exists: the screens shown instead of the app when it cannot start: no answer
// from the Rust side at all, or a replica that cannot be used (then the newest automatic
// backup is offered). Each says what happened in plain words, with the error code for support.

import * as api from './backend';
import { IpcError } from './backend';
import { h, swap } from './dom';
import { t } from './i18n';
import type { IpcErrorData } from './types';

/** `window_ready` failed: there is no desk behind the window. */
export function showNoBackend(root: HTMLElement, e: unknown): void {
  const err = e instanceof IpcError ? e : null;
  swap(
    root,
    h(
      'main',
      { class: 'fatal', role: 'alert' },
      h('h1', null, t('app.title')),
      h('p', null, t('app.noBackend')),
      err ? h('p', { class: 'muted' }, `${err.code}: ${err.message}`) : null,
    ),
  );
}

/** The replica is unusable: say so, and offer the newest automatic backup (then reload). */
export function showDamagedDatabase(root: HTMLElement, err: IpcErrorData, backups: number): void {
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
    root,
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
