//! The OS save dialog of a report export (GTK on Linux, the common item
//! dialog on Windows, through rfd), so staff pick the folder and file name
//! the way every desktop program lets them, and the core writes only where
//! the dialog returned (the page never names a path). The dialog is built and
//! shown on the main thread, as the toolkits require; the command awaits its
//! answer without holding the desk, so scanning goes on behind it.

use crate::ipc::{IpcError, IpcResult};
use frontdesk::report::SaveSuggestion;
use frontdesk::ErrorCode;
use std::path::PathBuf;

/// Asks where to save `suggestion`, opening in `dir` (the OS's choice when
/// `None`), over `window`. `None` when staff cancel.
pub async fn ask<R: tauri::Runtime>(
    window: &tauri::WebviewWindow<R>,
    suggestion: &SaveSuggestion,
    dir: Option<PathBuf>,
) -> IpcResult<Option<PathBuf>> {
    let (tx, mut rx) = tauri::async_runtime::channel(1);
    let (title, name, ext) = (suggestion.title, suggestion.file_name.clone(), suggestion.format.as_str());
    let parent = window.clone();
    window
        .run_on_main_thread(move || {
            let mut dialog = rfd::AsyncFileDialog::new()
                .set_title(title)
                .set_file_name(name)
                .add_filter(ext.to_uppercase(), &[ext])
                .set_parent(&parent);
            if let Some(dir) = dir {
                dialog = dialog.set_directory(dir);
            }
            let chosen = dialog.save_file();
            tauri::async_runtime::spawn(async move {
                let _ = tx.send(chosen.await.map(|f| f.path().to_path_buf())).await;
            });
        })
        .map_err(|e| IpcError::new(ErrorCode::IoError, format!("cannot open the save dialog: {e}")))?;
    Ok(rx.recv().await.flatten())
}
