//! The library's typed errors. Every error has a stable machine `code()` that
//! crosses the IPC boundary and the CLI's JSON, and knows whether retrying
//! could help (`is_transient`), which is what the sync worker and the UI need.

use crate::ErrorCode;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the database at {path} is not a valid Front Desk database or is damaged: {detail}")]
    Corrupt { path: PathBuf, detail: String },

    #[error(
        "the database was written by a newer Front Desk (schema version {found}, this build knows up to {supported}); \
         upgrade the app instead of opening it with this one"
    )]
    NewerSchema { found: i64, supported: i64 },

    #[error("the disk is full: the check-in was not saved ({0})")]
    DiskFull(String),

    #[error("the database is read-only or locked for writing: nothing was saved ({0})")]
    ReadOnly(String),

    #[error("the database is busy (another Front Desk process holds it): {0}")]
    Busy(String),

    #[error("database error: {0}")]
    Db(String),

    #[error("migration failed: {0}")]
    Migration(String),

    #[error("invalid snapshot at {path}: {message}")]
    Snapshot { path: String, message: String },

    #[error("the replica holds no gym yet: run `frontdesk demo` or `frontdesk import FILE` first")]
    NoGym,

    #[error(
        "this desk holds gym {replica} and still has {pending} unsent check-ins; \
         refusing to load gym {incoming} until they are synced"
    )]
    GymMismatch { replica: i64, incoming: i64, pending: i64 },

    #[error("{0}")]
    Invalid(String),

    /// Windows: another program (another Front Desk, the app while the CLI
    /// restores) holds the file open, so it cannot be moved or replaced.
    #[error(
        "{path} is in use by another program (is Front Desk still open?): close it and try again; nothing was changed"
    )]
    InUse { path: PathBuf },

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A stable identifier for the UI and scripts; never match on messages.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Corrupt { .. } => ErrorCode::DbCorrupt,
            Error::NewerSchema { .. } => ErrorCode::DbNewerSchema,
            Error::DiskFull(_) => ErrorCode::DiskFull,
            Error::ReadOnly(_) => ErrorCode::DbReadOnly,
            Error::Busy(_) => ErrorCode::DbBusy,
            Error::Db(_) => ErrorCode::DbError,
            Error::Migration(_) => ErrorCode::DbMigration,
            Error::Snapshot { .. } => ErrorCode::SnapshotInvalid,
            Error::NoGym => ErrorCode::NoGym,
            Error::GymMismatch { .. } => ErrorCode::GymMismatch,
            Error::Invalid(_) => ErrorCode::InvalidArgument,
            Error::InUse { .. } => ErrorCode::FileInUse,
            Error::Io { .. } => ErrorCode::IoError,
        }
    }

    /// Whether the same operation may succeed later without a person acting.
    pub fn is_transient(&self) -> bool {
        matches!(self, Error::Busy(_) | Error::DiskFull(_))
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            let text = e.to_string();
            return match f.code {
                C::DiskFull => Error::DiskFull(text),
                C::ReadOnly | C::CannotOpen | C::PermissionDenied => Error::ReadOnly(text),
                C::DatabaseBusy | C::DatabaseLocked => Error::Busy(text),
                C::NotADatabase | C::DatabaseCorrupt => Error::Corrupt { path: PathBuf::new(), detail: text },
                _ => Error::Db(text),
            };
        }
        Error::Db(e.to_string())
    }
}
