// Why this file exists: today's classes are listed from the one that matters now (in progress,
// else the next), and a class the central API still calls "scheduled" while it is running is
// shown as in progress. Both are read off the session's start and end times against the desk's
// clock: display only, the core alone decides which class a check-in goes to.

import type { SessionRow, SessionStatus } from './types';

/** The status staff see: a "scheduled" class is in progress between its start and end, and over after it. */
export function shownStatus(s: Pick<SessionRow, 'status' | 'start_time' | 'end_time'>, now: number = Date.now()): SessionStatus {
  if (s.status !== 'scheduled') return s.status;
  const start = Date.parse(s.start_time);
  const end = Date.parse(s.end_time);
  if (Number.isFinite(end) && now >= end) return 'completed';
  if (Number.isFinite(start) && now >= start) return 'in_progress';
  return 'scheduled';
}

/**
 * The class the lists start at: the first (by start time) not cancelled and not over, so the
 * one in progress, else the next. Null when every class today is over or cancelled.
 */
export function currentSession<T extends SessionRow>(rows: readonly T[], now: number = Date.now()): T | null {
  const byStart = [...rows].sort((a, b) => Date.parse(a.start_time) - Date.parse(b.start_time));
  return byStart.find((s) => s.status !== 'cancelled' && s.status !== 'completed' && Date.parse(s.end_time) > now) ?? null;
}
