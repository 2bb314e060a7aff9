// Why this file exists: the TypeScript mirror of the types in docs/IPC.md, the contract
// between this UI and the Rust shell. Field names stay snake_case exactly as Rust sends them.

export type Lang = 'es' | 'en';
export type Method = 'camera' | 'scanner' | 'manual' | 'override';
export type SyncState = 'queued' | 'sent' | 'parked';

/** The error object every command rejects with. Never match on `message`. */
export interface IpcErrorData {
  code: string;
  message: string;
}

export const VERDICT_CODES = [
  'checked_in',
  'already_checked_in',
  'invalid_code',
  'not_a_member',
  'no_class_now',
  'session_not_found',
  'session_cancelled',
  'outside_window',
  'membership_inactive',
  'save_failed',
] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

/** Refusals that staff may override with a reason (check_in_member with override_reason). */
export const OVERRIDABLE_CODES: readonly VerdictCode[] = [
  'invalid_code',
  'session_cancelled',
  'outside_window',
  'membership_inactive',
  'no_class_now',
];

/** Warning codes the core emits today (src/domain/outcome.rs); others fall back to the message. */
export const WARNING_CODES = [
  'no_stored_code',
  'membership_inactive',
  'membership_expired',
  'user_inactive',
  'override',
] as const;

export interface VerdictWarning {
  code: string;
  /** In the desk's language, for codes the UI has no words of its own for. */
  message: string;
  /** `override`: the refusal staff overrode, and their reason. */
  refused?: string;
  reason?: string;
  /** `membership_expired`: when it expired. */
  expired_at?: string;
}

export interface VerdictSession {
  id: number;
  start_time: string;
  end_time: string;
  class_name: string | null;
  room: string | null;
}

export interface VerdictMember {
  id: number;
  name: string;
  picture: string | null;
}

export interface Verdict {
  success: boolean;
  code: VerdictCode;
  message: string;
  warnings: VerdictWarning[];
  session: VerdictSession | null;
  member: VerdictMember | null;
  user_id: number | null;
  new_participation: boolean;
  method: Method;
  at: string;
  event_id: string | null;
  scan_ms?: number;
}

export interface Gym {
  id: number;
  name: string;
  timezone: string;
}

export interface AppStatus {
  version: string;
  demo: boolean;
  gym: Gym | null;
  lang: Lang;
  data_dir: string;
  log_dir?: string;
  camera_error: IpcErrorData | null;
  /** Why the replica cannot be used (e.g. db_corrupt); `backups` can restore it. */
  db_error?: IpcErrorData | null;
  backups?: number;
}

export type SessionStatus = 'scheduled' | 'in_progress' | 'completed' | 'cancelled';

export interface SessionRow {
  id: number;
  class_name: string | null;
  start_time: string;
  end_time: string;
  room: string | null;
  status: SessionStatus;
  capacity: number | null;
  registered: number;
  attended: number;
}

export interface CheckInRow {
  event_id: string | null;
  at: string;
  member_id: number;
  member_name: string;
  session_id: number;
  class_name: string | null;
  method: Method;
  success: boolean;
  code: string;
  warnings: string[];
  sync_state: SyncState | null;
  clock_flag?: ClockFlag | null;
}

export interface MemberHit {
  id: number;
  name: string;
  email: string | null;
  picture: string | null;
  membership: {
    is_active: boolean | null;
    type: string | null;
    expires_at: string | null;
  } | null;
}

export interface SyncStatus {
  configured: boolean;
  online: boolean | null;
  offline_since: string | null;
  queued: number;
  parked: number;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  pull: { done: number; total: number } | null;
  /** The desk's clock against the server's `Date` header (absent from older cores). */
  clock?: ClockSummary | null;
  /** Walk-ins of the last 24 h booked into their class, then marked attended. */
  booked_recent?: number;
  /** Memberships found changed on the server right after a check-in (last 10 min). */
  follow_ups?: FollowUp[];
}

export interface FollowUp {
  member_id: number;
  name: string | null;
  was_active: boolean | null;
  now_active: boolean;
  expires_at: string | null;
  at: string;
}

/** `clock_check::ClockSummary`: offsets are server time minus desk time, in ms. */
export interface ClockSummary {
  state: 'unknown' | 'ok' | 'skewed' | 'went_backwards';
  offset_ms?: number;
  by_ms?: number;
  checked_at: string | null;
  /** Check-ins whose scan time is doubtful. */
  flagged: number;
}

export type ClockFlag = 'skew' | 'backwards';

export interface OutboxItem {
  event_id: string;
  state: SyncState;
  member_id: number;
  member_name: string | null;
  session_id: number;
  scanned_at: string;
  attempts: number;
  /** Why it is parked or waiting, already in the desk's language. */
  last_error: string | null;
  /** `OutboxReason` code of a parked event (`class_full`, `checkin_endpoint_broken`, ...). */
  park_code?: string | null;
  class_name?: string | null;
  session_start?: string | null;
  clock_flag?: ClockFlag | null;
}

export interface CameraInfo {
  index: number;
  name: string;
}

export interface CameraSettings {
  index: number | null;
  name: string | null;
  width: number;
  height: number;
  fps: number;
  mirrored: boolean;
  source: 'camera' | 'demo';
}

export interface Settings {
  camera: CameraSettings;
  api_url: string | null;
  gym_id: number | null;
  has_token: boolean;
  lang: Lang;
  sound: boolean;
  block_inactive_membership: boolean;
  rescan_window_secs: number;
}

export interface PreviewFrame {
  jpeg_base64: string;
  width: number;
  height: number;
}

export type ReportFormat = 'csv' | 'xlsx' | 'html';
