//! The app's logs: tracing to stderr (for a terminal) and to a daily file in
//! the OS log directory, keeping `frontdesk::logs::KEEP_DAYS` days. Support
//! reads the files through "Copy diagnostics", which redacts them. Nothing
//! here logs secrets: the token type prints as `[redacted]`, and scanned codes
//! are logged by member id only.

use frontdesk::logs;
use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

/// Installs the subscriber. Keep the guard alive for the app's lifetime: it
/// flushes the file writer on drop. A log directory that cannot be created
/// (read-only home, full disk) leaves stderr logging in place and says so.
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    let filter = || EnvFilter::try_from_env("FRONTDESK_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let stderr = fmt::layer()
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .with_filter(filter());
    let file = std::fs::create_dir_all(dir).map_err(|e| e.to_string()).and_then(|_| {
        RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix(logs::FILE_PREFIX)
            .filename_suffix(logs::FILE_SUFFIX)
            .max_log_files(logs::KEEP_DAYS)
            .build(dir)
            .map_err(|e| e.to_string())
    });
    match file {
        Ok(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let file_layer = fmt::layer().with_ansi(false).with_writer(writer).with_filter(filter());
            let _ = tracing_subscriber::registry().with(stderr).with(file_layer).try_init();
            tracing::info!(dir = %dir.display(), "logging to files");
            Some(guard)
        }
        Err(e) => {
            let _ = tracing_subscriber::registry().with(stderr).try_init();
            tracing::warn!(dir = %dir.display(), error = %e, "cannot write log files; logging to stderr only");
            None
        }
    }
}
