// Why this file exists: the verdicts the UI tests build cards, banners and overlays from, in
// one place (each test spreads one and changes what it is about).

import type { Verdict } from '../src/types';

/** María López García, checked in by the camera at 09:05 UTC, with no session. */
export const CHECKED_IN: Verdict = {
  success: true,
  code: 'checked_in',
  message: 'Check-in realizado correctamente',
  warnings: [],
  session: null,
  member: { id: 101, name: 'María López García', picture: null },
  user_id: 101,
  new_participation: false,
  method: 'camera',
  at: '2026-11-28T09:05:00Z',
  event_id: 'ev1',
};

/** The same check-in into Yoga 09:00-10:00 in Sala 2. */
export const CHECKED_IN_YOGA: Verdict = {
  ...CHECKED_IN,
  session: { id: 9, start_time: '2026-11-28T09:00:00Z', end_time: '2026-11-28T10:00:00Z', class_name: 'Yoga', room: 'Sala 2' },
};
