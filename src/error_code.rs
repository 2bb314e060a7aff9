//! Every error code that leaves the core: through IPC to the window, in the
//! CLI's JSON, in the logs. One enum, so the UI matches on a TypeScript union
//! generated from it (ui/src/generated/ipc.ts) and never on message text, and
//! a code cannot be misspelt on either side.

use crate::domain::types::string_enum;

string_enum!(
    /// A stable machine code for an error. The message that goes with it is
    /// for people; this is for the UI, scripts and tests.
    ErrorCode {
        // The replica (crate::Error).
        DbCorrupt => "db_corrupt",
        DbNewerSchema => "db_newer_schema",
        DiskFull => "disk_full",
        DbReadOnly => "db_read_only",
        DbBusy => "db_busy",
        DbError => "db_error",
        DbMigration => "db_migration",
        SnapshotInvalid => "snapshot_invalid",
        NoGym => "no_gym",
        GymMismatch => "gym_mismatch",
        InvalidArgument => "invalid_argument",
        FileInUse => "file_in_use",
        IoError => "io_error",
        // The desk service (desk::DeskError).
        NotFound => "not_found",
        // Staff profiles (staff::StaffError).
        DeskLocked => "desk_locked",
        AdminRequired => "admin_required",
        ApprovalRequired => "approval_required",
        // Sync (sync::SyncError).
        Offline => "offline",
        Interrupted => "interrupted",
        Timeout => "timeout",
        Unauthorized => "unauthorized",
        Forbidden => "forbidden",
        Rejected => "rejected",
        RateLimited => "rate_limited",
        ServerError => "server_error",
        BadShape => "bad_shape",
        Config => "config",
        // Frame sources and decoding (scan::SourceError, scan::DecodeError).
        NoCamera => "no_camera",
        CameraNotFound => "camera_not_found",
        CameraBusy => "camera_busy",
        CameraPermissionDenied => "camera_permission_denied",
        CameraLost => "camera_lost",
        CameraFailed => "camera_failed",
        CameraUnsupported => "camera_unsupported",
        NoImages => "no_images",
        Io => "io",
        BadSource => "bad_source",
        ImageUnreadable => "image_unreadable",
        BadFrame => "bad_frame",
        // The desktop shell.
        DbRestoring => "db_restoring",
        ReportFailed => "report_failed",
        KeyringUnavailable => "keyring_unavailable",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} twice");
            assert!(text.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{text}");
            assert_eq!(text.parse::<ErrorCode>().unwrap(), *code);
            assert_eq!(serde_json::to_string(code).unwrap(), format!("\"{text}\""));
        }
    }
}
