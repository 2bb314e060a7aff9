//! How the window is rendered on Linux. WebKitGTK composites pages with
//! OpenGL; on a reception PC without a GPU that OpenGL is Mesa's llvmpipe,
//! which costs the web process about 150 MB and more CPU than WebKit's plain
//! software path (docs/PERFORMANCE.md, "The desktop app"). So, when the
//! machine has no DRM render node, compositing is turned off, unless the
//! environment already chose (`WEBKIT_DISABLE_COMPOSITING_MODE` set either way).
//! JavaScriptCore's JIT compilers are turned off too (`JSC_useJIT=0`, again
//! unless the environment set it): the page's script is small and mostly
//! waits, the interpreter runs it at the same CPU, and the web process holds
//! about 24 MB less (docs/PERFORMANCE.md, issue 16). The WebKit processes
//! inherit both from the app's environment. Once the window exists, WebKit's
//! caches are sized for one local page rather than a browser
//! (`small_caches`): with the default model every member photo shown stays
//! decoded in memory, so a day of check-ins would grow the web process.

use std::path::Path;

pub const COMPOSITING_VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
pub const JIT_VAR: &str = "JSC_useJIT";

/// What `apply` turned off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub compositing_off: bool,
    pub jit_off: bool,
}

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
/// and before GTK reads its environment. Returns what was turned off here.
pub fn apply() -> Choice {
    if !cfg!(target_os = "linux") {
        return Choice { compositing_off: false, jit_off: false };
    }
    let compositing_off =
        should_disable_compositing(std::env::var_os(COMPOSITING_VAR).is_some(), &dri_entries(Path::new("/dev/dri")));
    if compositing_off {
        std::env::set_var(COMPOSITING_VAR, "1");
    }
    let jit_off = std::env::var_os(JIT_VAR).is_none();
    if jit_off {
        std::env::set_var(JIT_VAR, "0");
    }
    Choice { compositing_off, jit_off }
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
