//! How the window is rendered on Linux. WebKitGTK composites pages with
//! OpenGL; on a reception PC without a GPU that OpenGL is Mesa's llvmpipe,
//! which costs the web process about 150 MB and more CPU than WebKit's plain
//! software path (docs/PERFORMANCE.md, "The desktop app"). So, when the
//! machine has no DRM render node, compositing is turned off, unless the
//! environment already chose (`WEBKIT_DISABLE_COMPOSITING_MODE` set either way).

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
