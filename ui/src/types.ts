// Why this file exists: the names the screens use for the IPC contract (docs/IPC.md). The
// types themselves are generated from the Rust types (./generated/ipc.ts, by
// src-tauri/src/bindings.rs), so this file only renames them and adds the UI's own lists.

import type {
  AlertAction,
  AlertActions,
  AlertPolicy,
  AlreadyRead,
  AppStatus as GeneratedAppStatus,
  CameraInfo,
  CameraSettings,
  CheckInView,
  ClockFlag,
  ClockSummary,
  DeskNote,
  DeskSettings,
  ErrorCode,
  FollowUp,
  Gym,
  IpcError,
  KioskRefusal,
  KioskVerdict,
  KioskVerdictEvent,
  Lang,
  MemberSummary,
  Outcome,
  OutboxState,
  OutboxView,
  Role,
  SessionStatus,
  ShiftView,
  SessionView,
  Source,
  StaffMember,
  SyncStatusView,
  TokenHeld,
  VerdictEvent,
  VerdictMember,
  VerdictSession,
  VerdictWarning,
  WarningCode,
} from './generated/ipc';

// The generated types, under the names the screens use.
export type {
  AlertAction,
  AlertActions,
  AlertPolicy,
  AlreadyRead,
  CameraInfo,
  CameraSettings,
  ClockFlag,
  ClockSummary,
  DeskNote,
  ErrorCode,
  FollowUp,
  Gym,
  KioskRefusal,
  KioskVerdict,
  KioskVerdictEvent,
  Lang,
  SessionStatus,
  ShiftView,
  StaffMember,
  TokenHeld,
  VerdictMember,
  VerdictSession,
  VerdictWarning,
  WarningCode,
};
export type AppStatus = GeneratedAppStatus;
/** How a check-in reached the desk (`server` only for rows the server made). */
export type Method = Exclude<Source, 'server'>;
export type SyncState = OutboxState;
/** The error object every command rejects with. Never match on `message`. */
export type IpcErrorData = IpcError;
export type VerdictCode = Outcome;
/** A verdict, from a command or the `verdict` event (which adds `scan_ms`). */
export type Verdict = VerdictEvent;
export type SessionRow = SessionView;
export type CheckInRow = CheckInView;
export type MemberHit = MemberSummary;
export type SyncStatus = SyncStatusView;
export type OutboxItem = OutboxView;
export type Settings = DeskSettings;
/** A staff profile's role: reception (check-ins, notes), supervisor (also approves overrides),
 * admin (also manages staff and settings). */
export type StaffRole = Role;
export type { PreviewFrame } from './preview-frame';

/** Every verdict code, in the order the UI lists them (checked to be all of them). */
export const VERDICT_CODES = [
  'checked_in',
  'already_checked_in',
  'already_inside',
  'invalid_code',
  'not_a_member',
  'no_class_now',
  'session_not_found',
  'session_cancelled',
  'outside_window',
  'membership_inactive',
  'alert_blocked',
  'save_failed',
] as const satisfies readonly Outcome[];
/** Fails to compile when the core adds a verdict code the list above lacks. */
const everyVerdictCode: Exclude<Outcome, (typeof VERDICT_CODES)[number]> extends never ? true : never = true;
void everyVerdictCode;

/** Refusals that staff may override with a reason (check_in_member with override_reason). */
export const OVERRIDABLE_CODES: readonly VerdictCode[] = [
  'invalid_code',
  'session_cancelled',
  'outside_window',
  'membership_inactive',
  'alert_blocked',
  'no_class_now',
];

/** Every warning code the core emits (checked against the generated union). */
export const WARNING_CODES = [
  'no_stored_code',
  'membership_inactive',
  'membership_expired',
  'membership_expiring',
  'user_inactive',
  'new_member',
  'birthday',
  'desk_note',
  'stale_data',
  'override',
  'hand_entry_needed',
] as const satisfies readonly WarningCode[];
const everyWarningCode: Exclude<WarningCode, (typeof WARNING_CODES)[number]> extends never ? true : never = true;
void everyWarningCode;

/** One entry of the gym's alert catalogue (a field of `AlertActions`). */
export type AlertKind = keyof AlertActions;

/**
 * The alert catalogue, in the core's order (`domain::alerts::AlertKind`): the settings screen
 * lists it so. Checked to be every field of `AlertActions`; its order against the generated
 * type by tests/i18n.test.ts.
 */
export const ALERT_KINDS = [
  'membership_inactive',
  'membership_expired',
  'membership_expiring',
  'user_inactive',
  'no_stored_code',
  'new_member',
  'birthday',
  'desk_note',
  'stale_data',
] as const satisfies readonly AlertKind[];
const everyAlertKind: Exclude<AlertKind, (typeof ALERT_KINDS)[number]> extends never ? true : never = true;
void everyAlertKind;

/** The three things the desk may do about an alert, mildest first. */
export const ALERT_ACTIONS = ['allow', 'warn', 'block'] as const satisfies readonly AlertAction[];
const everyAlertAction: Exclude<AlertAction, (typeof ALERT_ACTIONS)[number]> extends never ? true : never = true;
void everyAlertAction;

export type ReportFormat = 'csv' | 'xlsx' | 'html';

/** The staff roles, least rights first (the settings' role select lists them so). */
export const STAFF_ROLES = ['reception', 'supervisor', 'admin'] as const satisfies readonly StaffRole[];
const everyStaffRole: Exclude<StaffRole, (typeof STAFF_ROLES)[number]> extends never ? true : never = true;
void everyStaffRole;
