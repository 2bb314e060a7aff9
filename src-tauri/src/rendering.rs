//! How the window is rendered on Linux. WebKitGTK composites pages with
//! OpenGL; on a reception PC without a GPU that OpenGL is Mesa's llvmpipe,
//! which costs the web process about 150 MB and more CPU than WebKit's plain
//! software path (docs/PERFORMANCE.md, "The desktop app"). So, when the
//! machine has no DRM render node, compositing is turned off, unless the
//! environment already chose (`WEBKIT_DISABLE_COMPOSITING_MODE` set either way).
//! The WebKit processes inherit it from the app's environment. (Turning
//! JavaScriptCore's JIT off saved the web process about 24 MB but cost 22% of
//! a core while the preview is painted: the grey-to-RGBA loop runs in the
//! interpreter then. docs/PERFORMANCE.md, issue 16.) Once the window exists, WebKit's
//! caches are sized for one local page rather than a browser
//! (`small_caches`): with the default model every member photo shown stays
//! decoded in memory, so a day of check-ins would grow the web process.

use std::path::Path;

pub const COMPOSITING_VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether compositing should be turned off: the variable is unset and none of
/// `dri_entries` (the names in /dev/dri) is a render node.
pub fn should_disable_compositing<S: AsRef<str>>(already_set: bool, dri_entries: &[S]) -> bool {
    !already_set && !dri_entries.iter().any(|n| n.as_ref().starts_with("renderD"))
}

fn dri_entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

/// Applies the choice. Call first thing in `main`, before any thread starts
/// and before GTK reads its environment. Returns whether compositing was
/// turned off here.
pub fn apply() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let off =
        should_disable_compositing(std::env::var_os(COMPOSITING_VAR).is_some(), &dri_entries(Path::new("/dev/dri")));
    if off {
        std::env::set_var(COMPOSITING_VAR, "1");
    }
    off
}

/// WebKit's "document viewer" cache model: no memory cache of resources
/// kept for pages that may come back, no back-forward cache. The desk is one
/// page that never navigates, and what it shows again (a member's photo) it
/// loads again through the app's own scheme, from the replica on disk.
pub fn small_caches<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let done = window.with_webview(|wv| {
            use webkit2gtk::{WebContextExt, WebViewExt};
            if let Some(context) = wv.inner().context() {
                context.set_cache_model(webkit2gtk::CacheModel::DocumentViewer);
            }
        });
        if let Err(e) = done {
            tracing::warn!("WebKit cache model not set: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_render_node_means_the_plain_software_path() {
        assert!(should_disable_compositing::<&str>(false, &[]));
        assert!(should_disable_compositing(false, &["card0", "by-path"]));
    }

    #[test]
    fn a_gpu_or_an_explicit_choice_is_left_alone() {
        assert!(!should_disable_compositing(false, &["card0", "renderD128"]));
        assert!(!should_disable_compositing::<&str>(true, &[]));
    }
}
