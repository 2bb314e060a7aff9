//! Errors of the scan module, with stable machine-readable codes for the
//! CLI's JSON error objects (`{"path": ..., "error": code, ...}`).

use crate::ErrorCode;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The file could not be opened or is not a supported image.
    #[error("cannot read image {path}: {reason}")]
    ImageUnreadable { path: PathBuf, reason: String },
    /// Raw frame buffer does not match the stated dimensions.
    #[error("frame buffer is {got} bytes, expected {expected} for {width}x{height}")]
    BadFrame { width: u32, height: u32, expected: usize, got: usize },
}

impl DecodeError {
    /// Stable identifier, safe to match on in scripts and tests.
    pub fn code(&self) -> ErrorCode {
        match self {
            DecodeError::ImageUnreadable { .. } => ErrorCode::ImageUnreadable,
            DecodeError::BadFrame { .. } => ErrorCode::BadFrame,
        }
    }
}
