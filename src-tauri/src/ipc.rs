//! The one error shape that crosses the IPC boundary: `{code, message}`,
//! with `code` one of `frontdesk::ErrorCode` (a TypeScript union in
//! ui/src/generated/ipc.ts). The UI never matches on text.

use frontdesk::ErrorCode;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError { code, message: message.into() }
    }
}

impl From<frontdesk::Error> for IpcError {
    fn from(e: frontdesk::Error) -> Self {
        IpcError::new(e.code(), e.to_string())
    }
}

impl From<frontdesk::report::Error> for IpcError {
    fn from(e: frontdesk::report::Error) -> Self {
        IpcError::new(e.code(), e.to_string())
    }
}

impl From<frontdesk::desk::DeskError> for IpcError {
    fn from(e: frontdesk::desk::DeskError) -> Self {
        IpcError::new(e.code(), e.to_string())
    }
}

impl From<frontdesk::sync::SyncError> for IpcError {
    /// The sync error's own code (`offline`, `unauthorized`, ...) survives the trip.
    fn from(e: frontdesk::sync::SyncError) -> Self {
        IpcError::new(e.code(), e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_errors_keep_their_codes_across_ipc() {
        let e: IpcError = frontdesk::sync::SyncError::Unauthorized { detail: "Token expirado".into() }.into();
        assert_eq!(e.code, "unauthorized");
        let e: IpcError = frontdesk::sync::SyncError::Offline("refused".into()).into();
        assert_eq!(e.code, "offline");
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
