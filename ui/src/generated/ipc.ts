// GENERATED from the Rust types by src-tauri/src/bindings.rs. Do not edit by hand:
// change the Rust type, then run `FRONTDESK_WRITE_BINDINGS=1 cargo test -p frontdesk-app bindings`.
// Field names are snake_case exactly as Rust sends them; times are RFC 3339 UTC strings.

/**
 * A stable machine code for an error. The message that goes with it is
 * for people; this is for the UI, scripts and tests.
 */
export type ErrorCode = "db_corrupt" | "db_newer_schema" | "disk_full" | "db_read_only" | "db_busy" | "db_error" | "db_migration" | "snapshot_invalid" | "no_gym" | "gym_mismatch" | "invalid_argument" | "file_in_use" | "io_error" | "not_found" | "desk_locked" | "admin_required" | "approval_required" | "offline" | "interrupted" | "timeout" | "unauthorized" | "forbidden" | "rejected" | "rate_limited" | "server_error" | "bad_shape" | "config" | "no_camera" | "camera_not_found" | "camera_busy" | "camera_permission_denied" | "camera_lost" | "camera_failed" | "camera_unsupported" | "no_images" | "io" | "bad_source" | "image_unreadable" | "bad_frame" | "db_restoring" | "report_failed" | "keyring_unavailable";

/**
 * The result of applying the check-in rules.
 */
export type Outcome = "checked_in" | "already_checked_in" | "already_inside" | "invalid_code" | "not_a_member" | "no_class_now" | "session_not_found" | "session_cancelled" | "outside_window" | "membership_inactive" | "alert_blocked" | "save_failed";

/**
 * A warning's stable code, matched on by the UI (never its message).
 */
export type WarningCode = "no_stored_code" | "membership_inactive" | "membership_expired" | "membership_expiring" | "user_inactive" | "new_member" | "birthday" | "desk_note" | "stale_data" | "override" | "hand_entry_needed";

/**
 * What the desk does when an alert is raised.
 */
export type AlertAction = "allow" | "warn" | "block";

export type Lang = "es" | "en";

/**
 * How a check-in reached the desk (and where a participation row came from).
 */
export type Source = "server" | "camera" | "scanner" | "manual" | "override";

/**
 * A class session's state on the central API.
 */
export type SessionStatus = "scheduled" | "in_progress" | "completed" | "cancelled";

export type OutboxState = "queued" | "sent" | "parked";

/**
 * Why a check-in's scan time is doubtful.
 */
export type ClockFlag = "skew" | "backwards";

export type IpcError = { code: ErrorCode, message: string, };

/**
 * A warning as the UI shows it: the code, the message in the desk's
 * language, and the structured parts the UI renders itself (it never parses
 * the message).
 */
export type VerdictWarning = { code: WarningCode, message: string, 
/**
 * `override`: the refusal staff overrode, and their reason.
 */
refused?: Outcome, reason?: string, 
/**
 * `membership_expired`: when it expired.
 */
expired_at?: string, 
/**
 * What the gym set for this alert: `allow` is a note on a green card,
 * `warn` an amber card staff acknowledge, `block` the reason for a red
 * one. Warnings that are not alerts (an override, a hand entry) warn.
 * Optional in TypeScript only for verdicts written before it: absent = warn.
 */
level?: AlertAction, 
/**
 * The moment the alert is about: `membership_expiring` the expiry,
 * `new_member` the account's creation, `stale_data` the last refresh,
 * `desk_note` when the note was written.
 */
at?: string, 
/**
 * `membership_expiring`: whole days left (0 = today), in the gym's dates.
 */
days?: number, 
/**
 * `desk_note`: the note, and its id (to clear it).
 */
note_id?: number, text?: string, };

export type VerdictSession = { id: number, start_time: string, end_time: string, class_name: string | null, room: string | null, };

export type VerdictMember = { id: number, name: string, picture: string | null, 
/**
 * Whether the desk has this member's photo cached (`Desk::member_photo`):
 * show it, never `picture` (a remote URL the webview may not load).
 * Always sent; optional in TypeScript only so that verdicts written
 * before it (the UI's test fixtures) still type-check: absent = false.
 */
has_photo?: boolean, 
/**
 * The member's colour (`#RRGGBB`) when the gym gives one, e.g. for an
 * initials badge when there is no photo; absent when it gives none.
 */
color?: string, };

/**
 * The outcome of one check-in, as the UI and the CLI show it.
 */
export type Verdict = { success: boolean, code: Outcome, message: string, warnings: Array<VerdictWarning>, session: VerdictSession | null, member: VerdictMember | null, user_id: number | null, new_participation: boolean, method: Source, at: string, event_id: string | null, 
/**
 * `already_inside`: when the member's earlier check-in was recorded.
 */
inside_since?: string, 
/**
 * When the member data this verdict was decided on was last refreshed
 * from the server ("as of 09:12"); absent for a desk that never pulled
 * (a demo or imported gym) and for a verdict with no member.
 */
data_as_of?: string, };

/**
 * The `verdict` event: the core's verdict, and for a camera scan how long
 * it took from the frame to the verdict.
 */
export type VerdictEvent = { scan_ms?: number, 
/**
 * A camera verdict's number for `verdict_painted`, which the page calls
 * once the card is on screen (the camera-to-screen time in the log).
 */
paint_id?: number, success: boolean, code: Outcome, message: string, warnings: Array<VerdictWarning>, session: VerdictSession | null, member: VerdictMember | null, user_id: number | null, new_participation: boolean, method: Source, at: string, event_id: string | null, 
/**
 * `already_inside`: when the member's earlier check-in was recorded.
 */
inside_since?: string, 
/**
 * When the member data this verdict was decided on was last refreshed
 * from the server ("as of 09:12"); absent for a desk that never pulled
 * (a demo or imported gym) and for a verdict with no member.
 */
data_as_of?: string, };

/**
 * The `already-read` event: a card was shown to the camera again inside the
 * re-scan window. Nothing was checked in; the window says so briefly.
 */
export type AlreadyRead = { at: string, };

/**
 * What the kiosk shows of a verdict: the first name, the class and the
 * result, in words for the member.
 */
export type KioskVerdict = { success: boolean, code: Outcome, 
/**
 * Only the member's first name; none when the code named no one.
 */
first_name: string | null, class_name: string | null, start_time: string | null, 
/**
 * What the member reads: a welcome, or why to see reception.
 */
message: string, };

/**
 * The `kiosk-verdict` event: a camera scan while the desk is a self
 * check-in kiosk, reduced to what the kiosk shows (`frontdesk::kiosk`).
 */
export type KioskVerdictEvent = { 
/**
 * As for `VerdictEvent`: the page calls `verdict_painted` with it.
 */
paint_id?: number, success: boolean, code: Outcome, 
/**
 * Only the member's first name; none when the code named no one.
 */
first_name: string | null, class_name: string | null, start_time: string | null, 
/**
 * What the member reads: a welcome, or why to see reception.
 */
message: string, };

/**
 * A refusal at the kiosk, as staff see it.
 */
export type KioskRefusal = { id: number, at: string, member_id: number | null, 
/**
 * The member's name as the replica has it now, when the code named one.
 */
member_name: string | null, code: Outcome, 
/**
 * The alert codes of a blocking alert (`alert_blocked`, `membership_inactive`).
 */
alerts: Array<string>, };

/**
 * A staff profile as the desk shows it (never its PIN hash).
 */
export type StaffMember = { id: number, name: string, role: Role, created_at: string, };

/**
 * What a staff member may do. Reception checks members in, by hand too,
 * and leaves notes; a supervisor also approves overrides with their PIN;
 * an admin also manages the profiles and the desk's settings.
 */
export type Role = "reception" | "supervisor" | "admin";

/**
 * The shift as the header shows it.
 */
export type ShiftView = { 
/**
 * Whether the desk has staff profiles (without them nothing is asked).
 */
profiles: boolean, 
/**
 * Who is on shift (also while locked: the header says who locked it).
 */
staff: StaffMember | null, locked: boolean, 
/**
 * Whether an admin's PIN was given since the last lock or sign-in.
 */
admin: boolean, 
/**
 * Minutes without staff activity before the desk locks (0: never).
 */
idle_lock_minutes: number, };

export type Gym = { id: number, name: string, 
/**
 * IANA time zone name; validated on import.
 */
timezone: string, };

export type AppStatus = { version: string, demo: boolean, gym: Gym | null, lang: Lang, data_dir: string, log_dir: string, camera_error: IpcError | null, 
/**
 * The desk runs as a self check-in kiosk (`--kiosk`, `FRONTDESK_KIOSK=1`,
 * or staff started it): the page shows the kiosk screen only.
 */
kiosk: boolean, 
/**
 * Whether a kiosk PIN is set (kiosk mode cannot start without one).
 */
kiosk_pin_set: boolean, 
/**
 * Why the replica cannot be used (e.g. `db_corrupt`), with `backups` to restore from.
 */
db_error: IpcError | null, backups: number, };

export type SessionView = { id: number, class_name: string | null, start_time: string, end_time: string, room: string | null, status: SessionStatus, capacity: number | null, registered: number, attended: number, };

export type CheckInView = { event_id: string | null, at: string, member_id: number, member_name: string, session_id: number, class_name: string | null, method: Source, success: boolean, code: Outcome, warnings: Array<string>, 
/**
 * Each warning's level under the gym's alert settings now (the event
 * keeps only codes): a birthday the gym allows is a note, not amber.
 * Always sent; optional in TypeScript for rows written before it (absent = warn).
 */
warning_levels?: Array<AlertAction>, sync_state: OutboxState | null, 
/**
 * The desk's clock was doubtful when this was recorded (see `clock_check`).
 */
clock_flag: ClockFlag | null, 
/**
 * Who entered it by hand, and whose PIN approved its override (desks
 * with staff profiles).
 */
staff: string | null, approved_by: string | null, };

export type OutboxView = { event_id: string, state: OutboxState, member_id: number, member_name: string | null, session_id: number, scanned_at: string, attempts: number, 
/**
 * Why it is parked or waiting, in the desk's language.
 */
last_error: string | null, 
/**
 * The reason's stable code (`class_full`, ...) for parked events.
 */
park_code: string | null, 
/**
 * The class and its start, so staff can find it ("Spinning 18:00").
 */
class_name: string | null, session_start: string | null, 
/**
 * The scan time is doubtful: the desk's clock was wrong ("skew") or went back ("backwards").
 */
clock_flag: ClockFlag | null, };

export type MembershipSummary = { is_active: boolean | null, type: string | null, expires_at: string | null, };

/**
 * What a verdict card or a search result shows about a member.
 */
export type MemberSummary = { id: number, name: string, email: string | null, picture: string | null, membership: MembershipSummary | null, };

/**
 * A note as the member panel and the reports show it.
 */
export type DeskNote = { id: number, member_id: number, text: string, 
/**
 * The desk that wrote it (its device id).
 */
device_id: string, 
/**
 * Who wrote it, when the desk knows (staff profiles).
 */
staff: string | null, created_at: string, cleared_at: string | null, cleared_by_device: string | null, cleared_by_staff: string | null, };

/**
 * What staff are told about the desk's clock.
 */
export type ClockState = { "state": "unknown" } | { "state": "ok", offset_ms: number, } | { "state": "skewed", offset_ms: number, } | { "state": "went_backwards", by_ms: number, };

/**
 * The clock as staff see it: its state, when it was last compared with the
 * server's, and how many check-ins carry a doubtful scan time.
 */
export type ClockSummary = { checked_at: string | null, flagged: number, } & ({ "state": "unknown" } | { "state": "ok", offset_ms: number, } | { "state": "skewed", offset_ms: number, } | { "state": "went_backwards", by_ms: number, });

/**
 * A running pull: its stage (`members`, `sessions`, `memberships`,
 * `participants`) and `done` of `total` items. The lists give no count:
 * `total` is then the last pull's (`estimated`), or `null` when there is
 * nothing to go by (a new desk), until the last page.
 */
export type Progress = { stage: string, done: number, total: number | null, estimated: boolean, };

/**
 * A membership found changed on the server right after a check-in, for a
 * follow-up notice ("membership expired yesterday, updated just now").
 */
export type FollowUp = { member_id: number, name: string | null, was_active: boolean | null, now_active: boolean, expires_at: string | null, at: string, };

/**
 * The header bar's view of sync (docs/IPC.md `SyncStatus`).
 */
export type SyncStatusView = { configured: boolean, online: boolean | null, offline_since: string | null, queued: number, parked: number, last_attempt_at: string | null, last_success_at: string | null, last_error: string | null, pull: Progress | null, 
/**
 * Whether the desk's clock agrees with the server's, and how many scan times are doubtful.
 */
clock: ClockSummary, 
/**
 * Memberships found changed right after a check-in, in the last 10 minutes.
 */
follow_ups: Array<FollowUp>, 
/**
 * Walk-ins of the last 24 hours the check-in endpoint could not take,
 * booked into their class and then marked attended.
 */
booked_recent: number, 
/**
 * The replica still holds the demo gym (false once a real gym was pulled).
 */
demo: boolean, };

export type CameraSource = "camera" | "demo" | "none";

export type CameraSettings = { index: number | null, name: string | null, width: number, height: number, fps: number, mirrored: boolean, source: CameraSource, };

/**
 * Where this desk's API token is: filled in on reading by the shell, never
 * stored with the settings (the token itself never reaches the window).
 */
export type TokenHeld = "keyring" | "environment" | "none" | "keyring_unavailable";

/**
 * The action per alert. One field per kind so that the settings reach
 * TypeScript as a plain object and a stored policy missing a newer alert
 * reads with that alert's default.
 */
export type AlertActions = { membership_inactive: AlertAction, membership_expired: AlertAction, membership_expiring: AlertAction, user_inactive: AlertAction, no_stored_code: AlertAction, new_member: AlertAction, birthday: AlertAction, desk_note: AlertAction, stale_data: AlertAction, };

/**
 * The gym's alert policy.
 */
export type AlertPolicy = { actions: AlertActions, 
/**
 * "Expiring": the membership ends within this many days (0 = off).
 */
expiring_within_days: number, 
/**
 * "New member": the account was created within this many days (0 = off).
 */
new_member_days: number, 
/**
 * "Stale data": the replica was last refreshed from the server more than
 * this many hours before the scan.
 */
stale_after_hours: number, };

export type DeskSettings = { camera: CameraSettings, api_url: string | null, gym_id: number | null, 
/**
 * Filled in on reading: where the token is.
 */
token: TokenHeld, lang: Lang, sound: boolean, 
/**
 * The alert catalogue: per alert, allow, warn or block (`domain::alerts`).
 */
alerts: AlertPolicy, rescan_window_secs: number, 
/**
 * "Already inside" span in minutes (0 = off): see `rules::already_inside`.
 */
already_inside_minutes: number, 
/**
 * Minutes without staff activity before a desk with staff profiles
 * locks back to scanning only (0 = never): see `shift`.
 */
idle_lock_minutes: number, };

export type CameraInfo = { index: number, name: string, };
